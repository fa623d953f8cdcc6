import { describe, expect, it } from "vitest";
import { campaignCommand, dateFieldOf, emptyTaskDraft, parseNumber, reportCommand, taskCommand, taskFieldOf, vietnamToday } from "./implementation_form";

const draft = (change: Partial<ReturnType<typeof emptyTaskDraft>>) => ({ ...emptyTaskDraft(), title: "Tinh giản biên chế", leadUnit: 3, due: "2021-12-31", ...change });
const report = { asOf: "2024-03-25", value: "", completed: false, narrative: "", difficulties: "", proposals: "" };

describe("numbers as people type them", () => {
  it("reads Vietnamese grouping and decimal comma", () => {
    expect(parseNumber("24.390", "vi")).toBe(24_390);
    expect(parseNumber("1.234.567,5", "vi")).toBe(1_234_567.5);
    expect(parseNumber("52,5", "vi")).toBe(52.5);
    expect(parseNumber(" 27 100 ", "vi")).toBe(27_100);
    expect(parseNumber("-3", "vi")).toBe(-3);
  });
  it("reads a point that cannot group thousands as the decimal mark", () => {
    expect(parseNumber("52.5", "vi")).toBe(52.5);
  });
  it("reads English grouping", () => {
    expect(parseNumber("24,390", "en")).toBe(24_390);
    expect(parseNumber("1,240.25", "en")).toBe(1240.25);
  });
  it("tells an empty field from one that is not a number", () => {
    expect(parseNumber("  ", "vi")).toBeNull();
    expect(parseNumber("nhiều", "vi")).toBeNaN();
    expect(parseNumber("1.2.3", "vi")).toBeNaN();
    expect(parseNumber("12e3", "en")).toBeNaN();
  });
});

describe("the add-task form as a command", () => {
  it("sends a task with a falling numeric target and milestones, deadlines at the end of their day", () => {
    const built = taskCommand(
      draft({
        supporting: [4, 3, 5],
        starts: "2015-01-01",
        weight: "2,5",
        hasTarget: true,
        baseline: "27.100",
        goal: "24.390",
        measure: " người ",
        baselineYear: "2015",
        milestones: [{ key: 1, due: "2016-12-31", value: "26.413" }],
      }),
      "vi",
      false,
    );
    expect(built).toEqual({
      command: {
        type: "add_implementation_task",
        task: {
          title: "Tinh giản biên chế",
          lead_unit: 3,
          supporting_units: [4, 5],
          starts: "2015-01-01",
          due: "2021-12-31T23:59",
          weight: 2.5,
          target: { baseline: 27_100, goal: 24_390, measure: "người", baseline_year: 2015, milestones: [{ due: "2016-12-31T23:59", value: 26_413 }] },
        },
      },
    });
  });

  it("leaves the period to the campaign, and out what holds its default", () => {
    expect(taskCommand(draft({ due: "" }), "vi", true)).toEqual({
      command: { type: "add_implementation_task", task: { title: "Tinh giản biên chế", lead_unit: 3, supporting_units: [] } },
    });
  });

  it("names the field at fault the way the server would", () => {
    const problem = (d: Parameters<typeof draft>[0]) => {
      const b = taskCommand(draft(d), "vi", false);
      return "problem" in b ? b.problem : null;
    };
    expect(problem({ title: "  " })).toEqual({ key: "fTitleRequired", pointer: "/command/task/title" });
    expect(problem({ leadUnit: 0 })?.pointer).toBe("/command/task/lead_unit");
    expect(problem({ due: "" })?.pointer).toBe("/command/task/due");
    expect(problem({ weight: "nặng" })).toEqual({ key: "fNumberBad", label: "fWeight", pointer: "/command/task/weight" });
    expect(problem({ hasTarget: true, goal: "1" })).toEqual({ key: "fNumberRequired", label: "fBaseline", pointer: "/command/task/target/baseline" });
    expect(problem({ hasTarget: true, baseline: "0", goal: "1", baselineYear: "15" })?.pointer).toBe("/command/task/target/baseline_year");
    expect(problem({ hasTarget: true, baseline: "0", goal: "1", milestones: [{ key: 1, due: "2020-01-01", value: "x" }] })?.pointer).toBe(
      "/command/task/target/milestones/0/value",
    );
    expect(problem({ hasTarget: true, baseline: "0", goal: "1", milestones: [{ key: 1, due: "", value: "1" }] })?.pointer).toBe(
      "/command/task/target/milestones/0/due",
    );
  });

  it("maps the server's pointers to the form's fields", () => {
    expect(taskFieldOf("/command/task/title")).toBe("title");
    expect(taskFieldOf("/command/task/target/goal")).toBe("target/goal");
    expect(taskFieldOf("/command/task/supporting_units/3")).toBe("supporting_units");
    expect(taskFieldOf("/command/task/target/milestones/2/due")).toBe("target/milestones/2/due");
    expect(taskFieldOf("/command/task/target/milestones/2")).toBe("target/milestones/2/due");
    expect(taskFieldOf("/command/task/target/milestones")).toBe("target/milestones");
    expect(taskFieldOf("/command/type")).toBe("");
    expect(taskFieldOf("")).toBe("");
  });
});

describe("the campaign and the progress report as commands", () => {
  it("sets a campaign window ending at the end of its last day", () => {
    expect(campaignCommand("2024-01-25", "2024-06-30")).toEqual({ command: { type: "set_campaign", starts: "2024-01-25", ends: "2024-06-30T23:59" } });
    expect(campaignCommand("2024-01-25", "")).toEqual({ problem: { key: "fDateRequired", label: "campaignEnds", pointer: "/command/ends" } });
  });

  it("requires a value for a task with a target, and sends only what was written", () => {
    expect(reportCommand(1, { ...report, value: "649", narrative: " Đã giải quyết 649 hồ sơ " }, "vi", true)).toEqual({
      command: { type: "report_progress", task: 1, as_of: "2024-03-25", value: 649, narrative: "Đã giải quyết 649 hồ sơ" },
    });
    expect(reportCommand(1, report, "vi", true)).toEqual({ problem: { key: "fNumberRequired", label: "chartReported", pointer: "/command/value" } });
    expect(reportCommand(1, { ...report, asOf: "" }, "vi", true)).toMatchObject({ problem: { pointer: "/command/as_of" } });
  });

  it("sends completion, never a value, for a task without a target", () => {
    expect(reportCommand(2, { ...report, value: "5", completed: true, difficulties: "Thiếu kinh phí" }, "vi", false)).toEqual({
      command: { type: "report_progress", task: 2, as_of: "2024-03-25", completed: true, difficulties: "Thiếu kinh phí" },
    });
  });

  it("dates fields on Vietnam's clock", () => {
    // 17:30 UTC on 24/3 is already 25/3 in Hà Nội.
    expect(vietnamToday(Date.UTC(2024, 2, 24, 17, 30))).toBe("2024-03-25");
    expect(dateFieldOf(1_711_299_600)).toBe("2024-03-25");
  });
});
