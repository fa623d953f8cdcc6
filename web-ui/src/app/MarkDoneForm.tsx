// The drafting unit says how a directive was carried out: the blocks of
// the revised version that carry the change, a note, or both. Marking again
// replaces what was said before.
import { useState } from "preact/hooks";
import { markDoneCommand, markDoneProblem } from "../model/directives";
import type { DraftVersion } from "../model/history";
import type { DirectiveInfo, PlanflowClient } from "../protocol";
import { BlockChecklist } from "./BlockChecklist";
import { FormError, FormLevelError } from "./FormError";
import { useLang } from "./lang_context";
import { useCommand } from "./use_command";

const FIELDS = ["blocks", "note"];

export function MarkDoneForm(props: { client: PlanflowClient; dossier: number; directive: DirectiveInfo; latest: DraftVersion }) {
  const { t } = useLang();
  const { directive: d, latest } = props;
  const [open, setOpen] = useState(false);
  const present = new Set(latest.blocks.map((b) => b.id));
  const [blocks, setBlocks] = useState<number[]>(() => (d.done?.blocks ?? []).filter((id) => present.has(id)));
  const [note, setNote] = useState(d.done?.note ?? "");
  const { run, busy, error, fail } = useCommand(props.client);
  const base = `mark-${d.number}`;

  async function submit(e: Event) {
    e.preventDefault();
    if (markDoneProblem(blocks, note)) {
      fail(t("markDoneNeeds"), "/command/blocks");
      return;
    }
    if (await run({ dossier: props.dossier }, markDoneCommand(d.number, blocks, note))) setOpen(false);
  }

  if (!open)
    return (
      <button type="button" class="secondary" aria-expanded="false" onClick={() => setOpen(true)}>
        {d.done ? t("markDoneChange") : t("markDoneOpen")}
      </button>
    );
  return (
    <form class="mark-done-form" onSubmit={submit} noValidate aria-label={t("directiveNumber", { number: d.number })}>
      <BlockChecklist
        blocks={latest.blocks}
        chosen={blocks}
        onChange={setBlocks}
        legend={t("markDoneBlocks", { version: latest.number })}
        invalid={error?.field === "blocks"}
      >
        <FormError error={error} field="blocks" />
      </BlockChecklist>
      <label for={`${base}-note`}>{t("markDoneNote")}</label>
      <textarea
        id={`${base}-note`}
        rows={2}
        value={note}
        aria-invalid={error?.field === "note" ? "true" : undefined}
        onInput={(e) => setNote(e.currentTarget.value)}
      />
      <FormError error={error} field="note" />
      <FormLevelError error={error} fields={FIELDS} />
      <div class="buttons">
        <button type="button" class="secondary" onClick={() => setOpen(false)}>
          {t("cancel")}
        </button>
        <button type="submit" disabled={busy} aria-busy={busy}>
          {busy ? t("sending") : t("markDoneSubmit")}
        </button>
      </div>
    </form>
  );
}
