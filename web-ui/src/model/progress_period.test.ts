import { describe, expect, it } from "vitest";
import type { ImplementationInfo, ImplementationTaskInfo, ProgressReportInfo } from "../protocol";
import { toCsv } from "./csv";
import { PERIOD_HEADINGS, periodCells, periodOf, periodRows, periodSummary } from "./progress_period";

const DAY = 86_400;
const JAN1 = 1_704_042_000; // 1/1/2024 00:00, Vietnam time
const report = (seq: number, day: number, value: number | null, extra: Partial<ProgressReportInfo> = {}): ProgressReportInfo => ({
  seq, at: JAN1 + day * DAY + 3600, by: 5, as_of: JAN1 + day * DAY, value, completed: false,
  narrative: "", difficulties: "", proposals: "", percent: null, ...extra,
});
const counts = { not_started: 0, on_track: 0, at_risk: 0, overdue: 0, done: 0 };

const numeric: ImplementationTaskInfo = {
  id: 1, title: "Giải quyết hồ sơ tồn đọng", lead_unit: 3, supporting_units: [4, 5],
  starts: JAN1, due: JAN1 + 100 * DAY - 60, weight: 0,
  target: { baseline: 0, goal: 1240, measure: "hồ sơ", baseline_year: 0, milestones: [] },
  status: "on_track", percent: 80, planned: 1000, planned_percent: 80.6,
  latest: { as_of: JAN1 + 80 * DAY, value: 992, completed: false }, may_report: false,
  added: { seq: 1, at: JAN1, by: 1 },
  reports: [
    report(10, 10, 100, { narrative: "Đã rà soát", difficulties: "Thiếu người, \"gấp\"" }),
    report(11, 40, 649, { narrative: "Đã giải quyết 649 hồ sơ", proposals: "Bổ sung biên chế" }),
    report(12, 80, 992),
  ],
  follow_ups: { next: null, sent: [] },
};
const plain: ImplementationTaskInfo = {
  ...numeric, id: 2, title: "Ban hành quy chế", lead_unit: 4, supporting_units: [], target: null,
  status: "done", percent: 100, planned: null, planned_percent: null,
  latest: { as_of: JAN1 + 70 * DAY, value: 0, completed: true },
  reports: [report(20, 30, null, { narrative: "Đang soạn" }), report(21, 70, null, { completed: true })],
};
const info: ImplementationInfo = {
  as_of: JAN1 + 90 * DAY, campaign: null, progress: 90, counts, units: [], may_manage: false, escalate_to: ["monitor", "chair"], tasks: [numeric, plain],
};
const unit = (id: number) => ({ 3: "Sở Nội vụ", 4: "Sở Tư pháp", 5: "Sở Tài chính" })[id] ?? String(id);

describe("the period", () => {
  it("runs from the start of its first day to the end of its last, Vietnam time", () => {
    expect(periodOf("2024-01-01", "2024-01-31")).toEqual({ start: JAN1, end: JAN1 + 31 * DAY - 1 });
    expect(periodOf("2024-02-01", "2024-01-31")).toBeNull();
    expect(periodOf("2024-02-30", "2024-03-01")).toBeNull();
    expect(periodOf("", "2024-03-01")).toBeNull();
  });
});

describe("the tasks at the period's end", () => {
  it("reads a past period from the reports in force then, status as the engine would have given it", () => {
    const [a, b] = periodRows(info, periodOf("2024-01-20", "2024-02-29")!);
    expect(a!.report?.seq).toBe(11);
    expect(a!.value).toBe(649);
    expect(a!.percent).toBeCloseTo(52.34, 2);
    // 59 of 100 days gone: 59 % planned, 52 % done, within ten points.
    expect(a!.status).toBe("on_track");
    expect(a!.reports.map((r) => r.seq)).toEqual([11]);
    expect(b!.report?.seq).toBe(20);
    expect(b!.percent).toBeNull();
    expect(b!.status).toBe("on_track");
  });

  it("reads a period reaching today as the server does now", () => {
    const [a, b] = periodRows(info, periodOf("2024-01-01", "2024-12-31")!);
    expect(a!.value).toBe(992);
    expect(a!.percent).toBe(80);
    expect(a!.status).toBe("on_track");
    expect(a!.reports).toHaveLength(3);
    expect(b!.status).toBe("done");
  });

  it("makes a CSV with Vietnamese headings, each report dated within its cell", () => {
    const rows = periodRows(info, periodOf("2024-01-01", "2024-02-29")!);
    const csv = toCsv([[...PERIOD_HEADINGS], ...rows.map((r, i) => periodCells(r, i, unit))]);
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe(
      "\uFEFFSTT,Nhiệm vụ,Đơn vị chủ trì,Đơn vị phối hợp,Thời gian thực hiện,Chỉ tiêu,Kết quả đến cuối kỳ,Tỷ lệ hoàn thành,Tình trạng,Kết quả thực hiện trong kỳ,Khó khăn, vướng mắc,Đề xuất, kiến nghị".replace(
        "Khó khăn, vướng mắc,Đề xuất, kiến nghị",
        '"Khó khăn, vướng mắc","Đề xuất, kiến nghị"',
      ),
    );
    expect(periodCells(rows[0]!, 0, unit)).toEqual([
      "1",
      "Giải quyết hồ sơ tồn đọng",
      "Sở Nội vụ",
      "Sở Tư pháp; Sở Tài chính",
      "1/1/2024 – 9/4/2024",
      "từ 0 đến 1.240 hồ sơ",
      "649 / 1.240 hồ sơ",
      "52,34 %",
      "Đúng tiến độ",
      "11/1/2024: đạt 100 / 1.240 hồ sơ. Đã rà soát\n10/2/2024: đạt 649 / 1.240 hồ sơ. Đã giải quyết 649 hồ sơ",
      '11/1/2024: Thiếu người, "gấp"',
      "10/2/2024: Bổ sung biên chế",
    ]);
    expect(csv).toContain('"11/1/2024: Thiếu người, ""gấp"""');
    expect(periodCells(rows[1]!, 1, unit).slice(5, 10)).toEqual(["", "Đang thực hiện", "", "Đúng tiến độ", "31/1/2024: Đang soạn"]);
  });
});

describe("the report's summary", () => {
  it("names the plan by its number and date, and the period", () => {
    const period = periodOf("2024-01-01", "2024-03-31")!;
    expect(periodSummary({ typeName: "Kế hoạch", symbol: "01/KH-UBND", issuedAt: JAN1 + 5 * DAY, title: "x" }, period)).toBe(
      "Tiến độ thực hiện Kế hoạch số 01/KH-UBND ngày 6/1/2024 (từ ngày 1/1/2024 đến ngày 31/3/2024)",
    );
    expect(periodSummary({ typeName: "Kế hoạch", symbol: null, issuedAt: null, title: "Kế hoạch cải cách hành chính" }, period)).toBe(
      "Tiến độ thực hiện Kế hoạch cải cách hành chính (từ ngày 1/1/2024 đến ngày 31/3/2024)",
    );
  });
});
