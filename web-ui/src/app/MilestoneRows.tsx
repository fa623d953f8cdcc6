// The milestones on a target's way: rows of a date and the value planned
// by then, each refused by its own part when the server says so.
import { useRef } from "preact/hooks";
import type { MilestoneDraft } from "../model/implementation_form";
import { FormError } from "./FormError";
import { useLang } from "./lang_context";
import type { CommandError } from "./use_command";

export function MilestoneRows(props: { rows: MilestoneDraft[]; onChange: (rows: MilestoneDraft[]) => void; error: CommandError | null; idBase: string }) {
  const { t } = useLang();
  const { rows, onChange, error } = props;
  const nextKey = useRef(rows.reduce((m, r) => Math.max(m, r.key), 0) + 1);
  const set = (i: number, change: Partial<MilestoneDraft>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...change } : r)));
  return (
    <fieldset class="milestones" aria-invalid={error?.field === "target/milestones" ? "true" : undefined}>
      <legend>{t("fMilestones")}</legend>
      {rows.length === 0 && <p class="hint">{t("fMilestonesNone")}</p>}
      <ol class="milestone-rows">
        {rows.map((row, i) => {
          const n = i + 1;
          const id = `${props.idBase}-milestone-${row.key}`;
          const dueField = `target/milestones/${i}/due`;
          const valueField = `target/milestones/${i}/value`;
          return (
            <li key={row.key} class="milestone-row">
              <span class="field">
                <label for={`${id}-due`}>{t("fMilestoneDue", { number: n })}</label>
                <input
                  id={`${id}-due`}
                  type="date"
                  value={row.due}
                  aria-invalid={error?.field === dueField ? "true" : undefined}
                  onInput={(e) => set(i, { due: e.currentTarget.value })}
                />
                <FormError error={error} field={dueField} />
              </span>
              <span class="field">
                <label for={`${id}-value`}>{t("fMilestoneValue", { number: n })}</label>
                <input
                  id={`${id}-value`}
                  inputMode="decimal"
                  value={row.value}
                  aria-invalid={error?.field === valueField ? "true" : undefined}
                  onInput={(e) => set(i, { value: e.currentTarget.value })}
                />
                <FormError error={error} field={valueField} />
              </span>
              <button type="button" class="secondary small" aria-label={t("fMilestoneRemove", { number: n })} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
                ✕
              </button>
            </li>
          );
        })}
      </ol>
      <button type="button" class="secondary" onClick={() => onChange([...rows, { key: nextKey.current++, due: "", value: "" }])}>
        {t("fMilestoneAdd")}
      </button>
      <FormError error={error} field="target/milestones" />
    </fieldset>
  );
}
