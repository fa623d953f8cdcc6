// A task's numeric target: where it starts (the baseline, of a year), the
// goal, the unit of measure, and the milestones on the way.
import type { TaskDraft } from "../model/implementation_form";
import { InputField } from "./FormField";
import { useLang } from "./lang_context";
import { MilestoneRows } from "./MilestoneRows";
import type { CommandError } from "./use_command";

export function TargetFields(props: { draft: TaskDraft; set: (change: Partial<TaskDraft>) => void; error: CommandError | null }) {
  const { t } = useLang();
  const { draft, set, error } = props;
  return (
    <fieldset class="target-fields">
      <legend>{t("taskTarget")}</legend>
      <div class="field-row">
        <InputField id="task-baseline" label={t("fBaseline")} field="target/baseline" error={error} inputMode="decimal" value={draft.baseline} onInput={(v) => set({ baseline: v })} required />
        <InputField id="task-baseline-year" label={t("fBaselineYear")} field="target/baseline_year" error={error} inputMode="numeric" value={draft.baselineYear} onInput={(v) => set({ baselineYear: v })} />
      </div>
      <div class="field-row">
        <InputField id="task-goal" label={t("fGoal")} field="target/goal" error={error} inputMode="decimal" value={draft.goal} onInput={(v) => set({ goal: v })} required />
        <InputField id="task-measure" label={t("fMeasure")} field="target/measure" error={error} value={draft.measure} onInput={(v) => set({ measure: v })} />
      </div>
      <MilestoneRows rows={draft.milestones} onChange={(milestones) => set({ milestones })} error={error} idBase="task" />
    </fieldset>
  );
}
