// The drafting unit or the monitor gives the issued plan a task: what is
// to be done, which unit leads and which support, by when (or in the
// campaign's window), its weight, and an optional numeric target.
import { useState } from "preact/hooks";
import { formatDate } from "../i18n";
import { emptyTaskDraft, taskCommand, taskFieldOf, type TaskDraft } from "../model/implementation_form";
import type { DirectoryUnit, ImplementationInfo, PlanflowClient } from "../protocol";
import { FormError, FormLevelError } from "./FormError";
import { InputField } from "./FormField";
import { useLang } from "./lang_context";
import { TargetFields } from "./TargetFields";
import { useFormCommand } from "./use_form_command";

const FIELDS = ["title", "lead_unit", "supporting_units", "starts", "due", "weight", "target/baseline", "target/baseline_year", "target/goal", "target/measure", "target/milestones"];

export function AddTaskForm(props: { client: PlanflowClient; dossier: number; info: ImplementationInfo; units: DirectoryUnit[] }) {
  const { t, lang } = useLang();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<TaskDraft>(emptyTaskDraft);
  const [done, setDone] = useState(false);
  const { send, busy, error, clearError } = useFormCommand(props.client, taskFieldOf);
  const set = (change: Partial<TaskDraft>) => setDraft((d) => ({ ...d, ...change }));
  const campaign = props.info.campaign;

  async function submit(e: Event) {
    e.preventDefault();
    if (await send({ dossier: props.dossier }, taskCommand(draft, lang, campaign !== null), lang)) {
      setDraft(emptyTaskDraft());
      setOpen(false);
      setDone(true);
    }
  }

  if (!open)
    return (
      <p class="add-task">
        <button type="button" aria-expanded="false" onClick={() => (setOpen(true), setDone(false), clearError())}>
          {t("addTaskOpen")}
        </button>
        {done && (
          <span class="ok" role="status">
            {" "}
            {t("taskAdded")}
          </span>
        )}
      </p>
    );
  const fieldError = (f: string) => (error?.field === f ? "true" : undefined);
  return (
    <form class="task-form" onSubmit={submit} noValidate aria-labelledby="task-form-title">
      <h3 id="task-form-title">{t("addTaskLegend")}</h3>
      <InputField id="task-title" label={t("fTaskTitle")} field="title" error={error} value={draft.title} onInput={(v) => set({ title: v })} required />
      <div class="field">
        <label for="task-lead">{t("fLeadUnit")}</label>
        <select id="task-lead" value={String(draft.leadUnit)} aria-required="true" aria-invalid={fieldError("lead_unit")} onChange={(e) => set({ leadUnit: Number(e.currentTarget.value) })}>
          <option value="0">{t("fPickUnit")}</option>
          {props.units.map((u) => (
            <option key={u.id} value={String(u.id)}>
              {u.name}
            </option>
          ))}
        </select>
        <FormError error={error} field="lead_unit" />
      </div>
      <fieldset class="block-checklist" aria-invalid={fieldError("supporting_units")}>
        <legend>{t("fSupporting")}</legend>
        <div class="checklist-scroll">
          {props.units
            .filter((u) => u.id !== draft.leadUnit)
            .map((u) => (
              <label key={u.id} class="check">
                <input
                  type="checkbox"
                  checked={draft.supporting.includes(u.id)}
                  onChange={(e) => set({ supporting: e.currentTarget.checked ? [...draft.supporting, u.id] : draft.supporting.filter((x) => x !== u.id) })}
                />
                <span>{u.name}</span>
              </label>
            ))}
        </div>
        <FormError error={error} field="supporting_units" />
      </fieldset>
      {campaign ? (
        <p class="hint">{t("fCampaignWindow", { starts: formatDate(campaign.starts, lang), ends: formatDate(campaign.ends, lang) })}</p>
      ) : (
        <div class="field-row">
          <InputField id="task-starts" type="date" label={t("fStarts")} field="starts" error={error} value={draft.starts} hint={t("fStartsHint")} onInput={(v) => set({ starts: v })} />
          <InputField id="task-due" type="date" label={t("fDue")} field="due" error={error} value={draft.due} onInput={(v) => set({ due: v })} required />
        </div>
      )}
      <InputField id="task-weight" label={t("fWeight")} field="weight" error={error} inputMode="decimal" value={draft.weight} hint={t("fWeightHint")} onInput={(v) => set({ weight: v })} />
      <label class="check">
        <input type="checkbox" checked={draft.hasTarget} onChange={(e) => set({ hasTarget: e.currentTarget.checked })} />
        <span>{t("fHasTarget")}</span>
      </label>
      {draft.hasTarget && <TargetFields draft={draft} set={set} error={error} />}
      <FormLevelError error={error} fields={FIELDS.concat(error?.field.startsWith("target/milestones/") ? [error.field] : [])} />
      <div class="buttons">
        <button type="button" class="secondary" onClick={() => setOpen(false)}>
          {t("cancel")}
        </button>
        <button type="submit" disabled={busy} aria-busy={busy}>
          {busy ? t("sending") : t("fAddSubmit")}
        </button>
      </div>
    </form>
  );
}
