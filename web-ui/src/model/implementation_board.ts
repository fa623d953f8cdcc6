// How the board reads a plan's tasks: status names, the filter on the
// reader's own unit, and the figures in words ("649 / 1.240 hồ sơ").
import { formatNumber, translate, type Lang, type MessageKey } from "../i18n";
import type { ImplementationTaskInfo, ParticipantRef, TaskStatus, TaskTargetInfo } from "../protocol";

/** Most urgent first, as the overview orders them. */
export const STATUS_ORDER: readonly TaskStatus[] = ["overdue", "at_risk", "not_started", "on_track", "done"];

const STATUS_KEYS: Record<TaskStatus, MessageKey> = {
  not_started: "statusNotStarted",
  on_track: "statusOnTrack",
  at_risk: "statusAtRisk",
  overdue: "statusOverdue",
  done: "statusDone",
};

export function statusLabel(status: TaskStatus, lang: Lang): string {
  const key = STATUS_KEYS[status];
  return key ? translate(lang, key) : status;
}

/** The units the reader speaks for here: their own, and those they are bound with in the dossier. */
export function unitsOf(user: { id: number; unit: number }, participants: readonly ParticipantRef[]): Set<number> {
  const units = new Set<number>([user.unit]);
  for (const p of participants) if (p.user === user.id) units.add(p.unit);
  return units;
}

/** Tasks one of `units` leads or supports. */
export function tasksOfUnits<T extends Pick<ImplementationTaskInfo, "lead_unit" | "supporting_units">>(tasks: readonly T[], units: ReadonlySet<number>): T[] {
  return tasks.filter((t) => units.has(t.lead_unit) || t.supporting_units.some((u) => units.has(u)));
}

const withMeasure = (text: string, measure: string) => (measure ? `${text} ${measure}` : text);

/** "từ 27.100 đến 24.390 người (năm gốc 2015)". */
export function targetText(target: TaskTargetInfo, lang: Lang): string {
  const text = translate(lang, "taskTargetText", {
    baseline: formatNumber(target.baseline, lang),
    goal: formatNumber(target.goal, lang),
    measure: target.measure,
  }).trim();
  return target.baseline_year ? `${text} ${translate(lang, "taskBaselineYear", { year: target.baseline_year })}` : text;
}

/** "649 / 1.240 hồ sơ": the value reached against the goal. */
export function valueOfGoal(value: number, target: Pick<TaskTargetInfo, "goal" | "measure">, lang: Lang): string {
  return translate(lang, "taskValueOfGoal", {
    value: formatNumber(value, lang),
    goal: formatNumber(target.goal, lang),
    measure: target.measure,
  }).trim();
}

/** "649 hồ sơ": a value with its unit of measure. */
export function valueWithMeasure(value: number, measure: string | null | undefined, lang: Lang): string {
  return withMeasure(formatNumber(value, lang), measure ?? "");
}
