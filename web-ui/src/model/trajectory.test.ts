import { describe, expect, it } from "vitest";
import type { ProgressReportInfo, TaskTargetInfo } from "../protocol";
import { percentAchieved, plannedTrajectory, plannedValueAt, reportedSeries } from "./trajectory";

const DAY = 86_400;
const T0 = 1_420_045_200; // 1/1/2015 00:00, Vietnam time
// "Reduce staff by 10 % of 2015 by the end of 2021": a falling target.
const staff: TaskTargetInfo = {
  baseline: 27_100,
  goal: 24_390,
  measure: "người",
  baseline_year: 2015,
  milestones: [
    { due: T0 + 365 * DAY, value: 26_413 },
    { due: T0 + 730 * DAY, value: 25_726 },
  ],
};
const DUE = T0 + 2000 * DAY;

const report = (seq: number, as_of: number, value: number | null): ProgressReportInfo => ({
  seq, at: as_of, by: 5, as_of, value, completed: false, narrative: "", difficulties: "", proposals: "", percent: null,
});

describe("the planned trajectory", () => {
  it("runs from the baseline at the start through each milestone to the goal at the deadline", () => {
    expect(plannedTrajectory(staff, T0, DUE)).toEqual([
      { at: T0, value: 27_100 },
      { at: T0 + 365 * DAY, value: 26_413 },
      { at: T0 + 730 * DAY, value: 25_726 },
      { at: DUE, value: 24_390 },
    ]);
  });

  it("leaves out milestones outside the period or out of order, as the engine does", () => {
    const odd = { ...staff, milestones: [{ due: T0 + 730 * DAY, value: 25_726 }, { due: T0 + 365 * DAY, value: 1 }, { due: DUE + DAY, value: 2 }] };
    expect(plannedTrajectory(odd, T0, DUE).map((p) => p.value)).toEqual([27_100, 25_726, 24_390]);
  });

  it("reads the value planned at a date between the corners, falling for a decreasing target", () => {
    expect(plannedValueAt(staff, T0, DUE, T0 - DAY)).toBe(27_100);
    expect(plannedValueAt(staff, T0, DUE, T0 + 365 * DAY)).toBe(26_413);
    // Half way from the first milestone to the second.
    expect(plannedValueAt(staff, T0, DUE, T0 + 547.5 * DAY)).toBeCloseTo(26_069.5, 6);
    expect(plannedValueAt(staff, T0, DUE, DUE + DAY)).toBe(24_390);
  });

  it("is a straight line without milestones, rising for an increasing target", () => {
    const cases: TaskTargetInfo = { baseline: 0, goal: 1240, measure: "hồ sơ", baseline_year: 0, milestones: [] };
    expect(plannedTrajectory(cases, T0, T0 + 10 * DAY)).toHaveLength(2);
    expect(plannedValueAt(cases, T0, T0 + 10 * DAY, T0 + 5 * DAY)).toBe(620);
  });
});

describe("percent achieved", () => {
  it("counts the way from baseline to goal, a fall for a decreasing target", () => {
    expect(percentAchieved(staff, 27_100)).toBe(0);
    expect(percentAchieved(staff, 25_745)).toBeCloseTo(50, 9);
    expect(percentAchieved(staff, 24_390)).toBe(100);
    expect(percentAchieved(staff, 27_500)).toBeLessThan(0);
    expect(percentAchieved({ baseline: 0, goal: 1240 }, 649)).toBeCloseTo(52.34, 2);
  });
  it("treats a goal equal to its baseline as met only at that value", () => {
    expect(percentAchieved({ baseline: 5, goal: 5 }, 5)).toBe(100);
    expect(percentAchieved({ baseline: 5, goal: 5 }, 6)).toBe(0);
  });
});

describe("the reported series", () => {
  it("orders by date, skips reports without a value and keeps the later report of a date", () => {
    const reports = [report(9, T0 + 20 * DAY, 26_900), report(3, T0 + 10 * DAY, 27_000), report(11, T0 + 20 * DAY, 26_800), report(12, T0 + 30 * DAY, null)];
    expect(reportedSeries(reports)).toEqual([
      { at: T0 + 10 * DAY, value: 27_000 },
      { at: T0 + 20 * DAY, value: 26_800 },
    ]);
  });
});
