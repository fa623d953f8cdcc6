import { describe, expect, it } from "vitest";
import type { ProgressReportInfo, TaskTargetInfo } from "../protocol";
import { percentOf, readingOf, reportInForce, statusAt } from "./task_standing";

const DAY = 86_400;
const T0 = 1_704_042_000; // 1/1/2024, Vietnam time
const cases: TaskTargetInfo = { baseline: 0, goal: 1000, measure: "hồ sơ", baseline_year: 0, milestones: [] };
const numeric = { target: cases, starts: T0, due: T0 + 100 * DAY };
const plain = { target: null, starts: T0, due: T0 + 100 * DAY };
const reading = (value: number, completed = false) => ({ as_of: T0, value, completed });
const report = (seq: number, as_of: number, value: number | null, completed = false): ProgressReportInfo => ({
  seq, at: as_of, by: 5, as_of, value, completed, narrative: "", difficulties: "", proposals: "", percent: null,
});

describe("the status at a moment, as the engine gives it", () => {
  it("is on track within ten points of the planned line, at risk beyond", () => {
    expect(statusAt(numeric, reading(450), T0 + 50 * DAY)).toBe("on_track");
    expect(statusAt(numeric, reading(400), T0 + 50 * DAY)).toBe("on_track");
    expect(statusAt(numeric, reading(399), T0 + 50 * DAY)).toBe("at_risk");
  });
  it("is not started without a report until the plan expects more than ten points", () => {
    expect(statusAt(numeric, null, T0 + 10 * DAY)).toBe("not_started");
    expect(statusAt(numeric, null, T0 + 11 * DAY)).toBe("at_risk");
  });
  it("is done at the goal even after the deadline, overdue short of it", () => {
    expect(statusAt(numeric, reading(1000), T0 + 200 * DAY)).toBe("done");
    expect(statusAt(numeric, reading(999), T0 + 200 * DAY)).toBe("overdue");
    // At the deadline itself it is not yet overdue.
    expect(statusAt(numeric, reading(800), T0 + 100 * DAY)).toBe("at_risk");
  });
  it("reads a falling target the right way round", () => {
    const staff = { ...numeric, target: { ...cases, baseline: 27_100, goal: 24_390 } };
    expect(statusAt(staff, reading(25_745), T0 + 50 * DAY)).toBe("on_track");
    expect(statusAt(staff, reading(27_000), T0 + 50 * DAY)).toBe("at_risk");
    expect(statusAt(staff, reading(24_000), T0 + 50 * DAY)).toBe("done");
  });
  it("without a target: done when declared, at risk in the last fifth of the period", () => {
    expect(statusAt(plain, reading(0, true), T0 + 500 * DAY)).toBe("done");
    expect(statusAt(plain, null, T0 - DAY)).toBe("not_started");
    expect(statusAt(plain, null, T0 + 50 * DAY)).toBe("not_started");
    expect(statusAt(plain, reading(0), T0 + 50 * DAY)).toBe("on_track");
    expect(statusAt(plain, reading(0), T0 + 81 * DAY)).toBe("at_risk");
  });
});

describe("the report in force at a date", () => {
  const reports = [report(10, T0 + 5 * DAY, 100), report(12, T0 + 20 * DAY, 300), report(15, T0 + 20 * DAY, 320)];
  it("is the last one with figures as of that date or before", () => {
    expect(reportInForce(reports, T0 + 4 * DAY)).toBeNull();
    expect(reportInForce(reports, T0 + 19 * DAY)?.seq).toBe(10);
    expect(reportInForce(reports, T0 + 20 * DAY)?.seq).toBe(15);
  });
  it("gives the percent of the goal, or 100 for a plain task declared done", () => {
    expect(percentOf(numeric, readingOf(reportInForce(reports, T0 + 30 * DAY)))).toBe(32);
    expect(percentOf(numeric, null)).toBeNull();
    expect(percentOf(plain, readingOf(report(1, T0, null, true)))).toBe(100);
    expect(percentOf(plain, readingOf(report(1, T0, null, false)))).toBeNull();
  });
});
