// Where a task stood at a past moment, for a report on a period that has
// ended: its latest reading by then and the status the engine would have
// given it (engine/progress.cpp, task_status). For now the server's own
// figures are used; this is only for the past.
import type { ImplementationTaskInfo, ProgressReading, ProgressReportInfo, TaskStatus } from "../protocol";
import { percentAchieved, plannedValueAt } from "./trajectory";

const EPSILON = 1e-9;
/** How many points behind the planned trajectory a task may fall before it is at risk. */
export const AT_RISK_SHORTFALL_POINTS = 10;

/** The report in force at `at`: the last one made with its figures as of then or before. */
export function reportInForce(reports: readonly ProgressReportInfo[], at: number): ProgressReportInfo | null {
  let found: ProgressReportInfo | null = null;
  for (const r of reports) if (r.as_of <= at && (!found || r.seq > found.seq)) found = r;
  return found;
}

export function readingOf(report: ProgressReportInfo | null): ProgressReading | null {
  return report ? { as_of: report.as_of, value: report.value, completed: report.completed } : null;
}

type TaskShape = Pick<ImplementationTaskInfo, "target" | "starts" | "due">;

/** The task's percent for a reading: of the goal with a target, 100 once declared done without one. */
export function percentOf(task: TaskShape, reading: ProgressReading | null): number | null {
  if (!reading) return null;
  if (task.target) return reading.value === null ? null : percentAchieved(task.target, reading.value);
  return reading.completed ? 100 : null;
}

export function statusAt(task: TaskShape, latest: ProgressReading | null, now: number): TaskStatus {
  const { target } = task;
  if (latest && latest.completed && !target) return "done";
  const achieved = target && latest && latest.value !== null ? percentAchieved(target, latest.value) : 0;
  if (target && latest && achieved >= 100 - EPSILON) return "done";
  if (now > task.due) return "overdue";
  if (!target) {
    if (!latest && now < task.starts) return "not_started";
    const left = task.due - now;
    if (left * 5 < task.due - task.starts) return "at_risk";
    return latest ? "on_track" : "not_started";
  }
  const planned = percentAchieved(target, plannedValueAt(target, task.starts, task.due, now));
  const behind = planned - achieved > AT_RISK_SHORTFALL_POINTS + EPSILON;
  if (!latest) return behind ? "at_risk" : "not_started";
  return behind ? "at_risk" : "on_track";
}
