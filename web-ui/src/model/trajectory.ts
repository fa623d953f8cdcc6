// A numeric task's planned trajectory, as the engine draws it
// (engine/progress.cpp): straight lines from the baseline at the start
// through each milestone to the goal at the deadline. The chart draws it
// against what the lead unit reported; the period report reads the value
// planned at a date from it.
import type { ProgressReportInfo, TaskTargetInfo } from "../protocol";

export interface Point {
  /** Seconds since the epoch. */
  at: number;
  value: number;
}

const EPSILON = 1e-9;

/**
 * The corners of the planned line. Milestones outside the period, or not
 * after the one before, are not on the line (the engine skips them too).
 */
export function plannedTrajectory(target: TaskTargetInfo, starts: number, due: number): Point[] {
  const points: Point[] = [{ at: starts, value: target.baseline }];
  for (const m of target.milestones) {
    const last = points[points.length - 1]!;
    if (m.due <= last.at || m.due >= due) continue;
    points.push({ at: m.due, value: m.value });
  }
  if (due > starts) points.push({ at: due, value: target.goal });
  else points[0] = { at: due, value: target.goal };
  return points;
}

/** The value the plan expects by `at`: the baseline before the start, the goal after the deadline. */
export function plannedValueAt(target: TaskTargetInfo, starts: number, due: number, at: number): number {
  if (at <= starts) return target.baseline;
  if (at >= due) return target.goal;
  const line = plannedTrajectory(target, starts, due);
  for (let i = 1; i < line.length; i++) {
    const from = line[i - 1]!;
    const to = line[i]!;
    if (at <= to.at) return from.value + ((to.value - from.value) * (at - from.at)) / (to.at - from.at);
  }
  return target.goal;
}

/**
 * How far from baseline to goal `value` stands, in percent; a decreasing
 * target (fewer staff) counts the fall. A goal equal to its baseline is met
 * once the value is there.
 */
export function percentAchieved(target: Pick<TaskTargetInfo, "baseline" | "goal">, value: number): number {
  const distance = target.goal - target.baseline;
  if (Math.abs(distance) < EPSILON) return Math.abs(value - target.goal) < EPSILON ? 100 : 0;
  // + 0 turns the -0 of a falling target at its baseline into 0.
  return ((value - target.baseline) / distance) * 100 + 0;
}

/**
 * What was reported, in time order: one point per date, the later report
 * of the same date winning, as it is the one in force.
 */
export function reportedSeries(reports: readonly ProgressReportInfo[]): Point[] {
  const byDate = new Map<number, Point>();
  for (const r of [...reports].sort((a, b) => a.as_of - b.as_of || a.seq - b.seq))
    if (r.value !== null) byDate.set(r.as_of, { at: r.as_of, value: r.value });
  return [...byDate.values()];
}
