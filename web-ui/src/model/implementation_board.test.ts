import { describe, expect, it } from "vitest";
import type { TaskTargetInfo } from "../protocol";
import { STATUS_ORDER, statusLabel, targetText, tasksOfUnits, unitsOf, valueOfGoal, valueWithMeasure } from "./implementation_board";

const cases: TaskTargetInfo = { baseline: 0, goal: 1240, measure: "hồ sơ", baseline_year: 0, milestones: [] };

describe("the board's words", () => {
  it("names every status in Vietnamese and English", () => {
    expect(STATUS_ORDER.map((s) => statusLabel(s, "vi"))).toEqual(["Quá hạn", "Có nguy cơ chậm", "Chưa bắt đầu", "Đúng tiến độ", "Hoàn thành"]);
    expect(statusLabel("at_risk", "en")).toBe("At risk");
  });
  it("writes figures the Vietnamese way", () => {
    expect(valueOfGoal(649, cases, "vi")).toBe("649 / 1.240 hồ sơ");
    expect(valueOfGoal(649.5, cases, "en")).toBe("649.5 / 1,240 hồ sơ");
    expect(valueOfGoal(3, { goal: 10, measure: "" }, "vi")).toBe("3 / 10");
    expect(valueWithMeasure(26_413, "người", "vi")).toBe("26.413 người");
    expect(valueWithMeasure(5, null, "vi")).toBe("5");
    expect(targetText({ ...cases, baseline: 27_100, goal: 24_390, measure: "người", baseline_year: 2015 }, "vi")).toBe(
      "từ 27.100 đến 24.390 người (năm gốc 2015)",
    );
    expect(targetText(cases, "en")).toBe("from 0 to 1,240 hồ sơ");
  });
});

describe("my unit's tasks", () => {
  const tasks = [
    { id: 1, lead_unit: 3, supporting_units: [4] },
    { id: 2, lead_unit: 4, supporting_units: [] },
    { id: 3, lead_unit: 5, supporting_units: [6, 3] },
    { id: 4, lead_unit: 6, supporting_units: [] },
  ];
  it("are those my units lead or support, my units counting those I am bound with here", () => {
    const units = unitsOf({ id: 7, unit: 3 }, [{ user: 7, unit: 4 }, { user: 8, unit: 6 }]);
    expect([...units].sort()).toEqual([3, 4]);
    expect(tasksOfUnits(tasks, units).map((t) => t.id)).toEqual([1, 2, 3]);
    expect(tasksOfUnits(tasks, new Set([9]))).toEqual([]);
  });
});
