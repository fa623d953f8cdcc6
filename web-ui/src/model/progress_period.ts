// A progress report (báo cáo tiến độ) on a period: each task as it stood
// at the period's end, with the reports whose figures fall within it, for
// the printable page and the CSV. It is a document, so its words are
// Vietnamese whatever language the app is in.
import { formatDate, formatNumber, formatPercent } from "../i18n";
import type { ImplementationInfo, ImplementationTaskInfo, ProgressReportInfo, TaskStatus } from "../protocol";
import { statusLabel, targetText, valueOfGoal } from "./implementation_board";
import { percentOf, readingOf, reportInForce, statusAt } from "./task_standing";

export interface Period {
  /** The first second of the first day, Vietnam time. */
  start: number;
  /** The last second of the last day. */
  end: number;
}

const VIETNAM_OFFSET_SECONDS = 7 * 3600;
const DAY = 86_400;

function dayStart(date: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(ms);
  // 2024-02-30 is not a day.
  if (d.getUTCDate() !== Number(m[3])) return null;
  return ms / 1000 - VIETNAM_OFFSET_SECONDS;
}

/** The period of two date fields, from the start of one day to the end of the other; null when unreadable or reversed. */
export function periodOf(from: string, to: string): Period | null {
  const start = dayStart(from);
  const last = dayStart(to);
  if (start === null || last === null || last < start) return null;
  return { start, end: last + DAY - 1 };
}

export interface PeriodRow {
  task: ImplementationTaskInfo;
  /** The report in force at the period's end. */
  report: ProgressReportInfo | null;
  value: number | null;
  percent: number | null;
  status: TaskStatus;
  /** Reports whose figures are as of a day within the period, oldest first. */
  reports: ProgressReportInfo[];
}

export function periodRows(info: ImplementationInfo, period: Period): PeriodRow[] {
  return info.tasks.map((task) => {
    const reports = task.reports.filter((r) => r.as_of >= period.start && r.as_of <= period.end).sort((a, b) => a.as_of - b.as_of || a.seq - b.seq);
    // A period reaching today is read as the server reads the task now.
    if (period.end >= info.as_of) {
      const report = reportInForce(task.reports, info.as_of);
      return { task, report, value: task.latest && task.target ? task.latest.value : null, percent: task.percent, status: task.status, reports };
    }
    const report = reportInForce(task.reports, period.end);
    const reading = readingOf(report);
    return {
      task,
      report,
      value: report && task.target ? (report.value ?? null) : null,
      percent: percentOf(task, reading),
      status: statusAt(task, reading, period.end),
      reports,
    };
  });
}

export const PERIOD_HEADINGS = [
  "STT",
  "Nhiệm vụ",
  "Đơn vị chủ trì",
  "Đơn vị phối hợp",
  "Thời gian thực hiện",
  "Chỉ tiêu",
  "Kết quả đến cuối kỳ",
  "Tỷ lệ hoàn thành",
  "Tình trạng",
  "Kết quả thực hiện trong kỳ",
  "Khó khăn, vướng mắc",
  "Đề xuất, kiến nghị",
] as const;

/** What was reported in the period on one of the three texts, each line dated by its figures. */
function reportLines(reports: readonly ProgressReportInfo[], pick: (r: ProgressReportInfo) => string): string {
  return reports
    .map((r) => [r, pick(r).trim()] as const)
    .filter(([, text]) => text)
    .map(([r, text]) => `${formatDate(r.as_of, "vi")}: ${text}`)
    .join("\n");
}

export function resultText(row: PeriodRow): string {
  const { task } = row;
  if (task.target) return row.value === null ? "Chưa có báo cáo" : valueOfGoal(row.value, task.target, "vi");
  if (!row.report) return "Chưa có báo cáo";
  return row.report.completed ? "Đã hoàn thành" : "Đang thực hiện";
}

export function periodCells(row: PeriodRow, index: number, unit: (id: number) => string): string[] {
  const { task } = row;
  return [
    formatNumber(index + 1, "vi"),
    task.title,
    unit(task.lead_unit),
    task.supporting_units.map(unit).join("; "),
    `${formatDate(task.starts, "vi")} – ${formatDate(task.due, "vi")}`,
    task.target ? targetText(task.target, "vi") : "",
    resultText(row),
    row.percent === null ? "" : formatPercent(row.percent, "vi"),
    statusLabel(row.status, "vi"),
    reportLines(row.reports, (r) => {
      const value = r.value !== null && task.target ? `đạt ${valueOfGoal(r.value, task.target, "vi")}` : r.completed ? "hoàn thành" : "";
      return [value, r.narrative.trim()].filter(Boolean).join(". ");
    }),
    reportLines(row.reports, (r) => r.difficulties),
    reportLines(row.reports, (r) => r.proposals),
  ];
}

/**
 * The report's summary line: "Tiến độ thực hiện Kế hoạch số 01/KH-UBND
 * ngày 25/3/2024 (từ ngày 1/1/2024 đến ngày 31/3/2024)".
 */
export function periodSummary(plan: { typeName: string; symbol: string | null; issuedAt: number | null; title: string }, period: Period): string {
  const which = plan.symbol
    ? `${plan.typeName} số ${plan.symbol}${plan.issuedAt === null ? "" : ` ngày ${formatDate(plan.issuedAt, "vi")}`}`
    : plan.title;
  return `Tiến độ thực hiện ${which} (từ ngày ${formatDate(period.start, "vi")} đến ngày ${formatDate(period.end, "vi")})`;
}
