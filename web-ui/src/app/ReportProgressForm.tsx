// The lead unit reports on its task: the figures as of a date (the value
// reached, or that a task without a target is completed), what was done,
// the difficulties met and what it proposes.
import { useState } from "preact/hooks";
import { reportCommand, vietnamToday, type ReportDraft } from "../model/implementation_form";
import type { ImplementationTaskInfo, PlanflowClient } from "../protocol";
import { FormError, FormLevelError } from "./FormError";
import { InputField, TextAreaField } from "./FormField";
import { useLang } from "./lang_context";
import { commandFieldOf, useFormCommand } from "./use_form_command";

const FIELDS = ["as_of", "value", "completed", "narrative", "difficulties", "proposals"];
const emptyReport = (): ReportDraft => ({ asOf: vietnamToday(), value: "", completed: false, narrative: "", difficulties: "", proposals: "" });

export function ReportProgressForm(props: { client: PlanflowClient; dossier: number; task: ImplementationTaskInfo }) {
  const { t, lang } = useLang();
  const { task } = props;
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<ReportDraft>(emptyReport);
  const [sent, setSent] = useState(false);
  const { send, busy, error, clearError } = useFormCommand(props.client, commandFieldOf);
  const set = (change: Partial<ReportDraft>) => setDraft((d) => ({ ...d, ...change }));
  const id = `report-${task.id}`;

  async function submit(e: Event) {
    e.preventDefault();
    if (await send({ dossier: props.dossier }, reportCommand(task.id, draft, lang, task.target !== null), lang)) {
      setDraft(emptyReport());
      setOpen(false);
      setSent(true);
    }
  }

  if (!open)
    return (
      <p class="report-open">
        <button type="button" aria-expanded="false" onClick={() => (setOpen(true), setSent(false), clearError())}>
          {t("reportOpen")}
        </button>
        {sent && (
          <span class="ok" role="status">
            {" "}
            {t("reportSent")}
          </span>
        )}
      </p>
    );
  return (
    <form class="report-form" onSubmit={submit} noValidate aria-label={t("reportFormLabel", { id: task.id })}>
      <div class="field-row">
        <InputField id={`${id}-as-of`} type="date" label={t("reportAsOf")} field="as_of" error={error} value={draft.asOf} onInput={(v) => set({ asOf: v })} required />
        {task.target ? (
          <InputField
            id={`${id}-value`}
            label={t("reportValueLabel", { measure: task.target.measure || "—" })}
            field="value"
            error={error}
            inputMode="decimal"
            value={draft.value}
            onInput={(v) => set({ value: v })}
            required
          />
        ) : (
          <div class="field">
            <label class="check">
              <input type="checkbox" checked={draft.completed} onChange={(e) => set({ completed: e.currentTarget.checked })} />
              <span>{t("reportCompleted")}</span>
            </label>
            <FormError error={error} field="completed" />
          </div>
        )}
      </div>
      <TextAreaField id={`${id}-narrative`} label={t("reportNarrative")} field="narrative" error={error} value={draft.narrative} onInput={(v) => set({ narrative: v })} />
      <TextAreaField id={`${id}-difficulties`} label={t("reportDifficulties")} field="difficulties" error={error} value={draft.difficulties} onInput={(v) => set({ difficulties: v })} />
      <TextAreaField id={`${id}-proposals`} label={t("reportProposals")} field="proposals" error={error} value={draft.proposals} onInput={(v) => set({ proposals: v })} />
      <FormLevelError error={error} fields={FIELDS} />
      <div class="buttons">
        <button type="button" class="secondary" onClick={() => setOpen(false)}>
          {t("cancel")}
        </button>
        <button type="submit" disabled={busy} aria-busy={busy}>
          {busy ? t("sending") : t("reportSubmit")}
        </button>
      </div>
    </form>
  );
}
