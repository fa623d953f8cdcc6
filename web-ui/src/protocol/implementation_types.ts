// The implementation step on the wire: a plan's tasks and their progress as
// the dossier reply carries them, and the overview across plans. Times are
// seconds since the epoch; percentages are in percent.

export type TaskStatus = "not_started" | "on_track" | "at_risk" | "overdue" | "done";

export type StatusCounts = Record<TaskStatus, number>;

export interface TaskMilestone {
  due: number;
  value: number;
}

export interface TaskTargetInfo {
  baseline: number;
  goal: number;
  measure: string;
  /** null when not given. */
  baseline_year: number | null;
  milestones: TaskMilestone[];
}

export interface ProgressReading {
  as_of: number;
  /** null for a task without a numeric target. */
  value: number | null;
  completed: boolean;
}

export interface ProgressReportInfo {
  seq: number;
  at: number;
  by: number;
  as_of: number;
  value: number | null;
  completed: boolean;
  narrative: string;
  difficulties: string;
  proposals: string;
  percent: number | null;
}

export interface ImplementationTaskInfo {
  id: number;
  title: string;
  lead_unit: number;
  supporting_units: number[];
  starts: number;
  due: number;
  weight: number;
  target: TaskTargetInfo | null;
  status: TaskStatus;
  percent: number | null;
  planned: number | null;
  planned_percent: number | null;
  latest: ProgressReading | null;
  may_report: boolean;
  added: { seq: number; at: number; by: number } | null;
  reports: ProgressReportInfo[];
}

export interface UnitRollUp {
  unit: number;
  progress: number;
  tasks: number;
  counts: StatusCounts;
}

export interface ImplementationInfo {
  /** The server clock the derivation used. */
  as_of: number;
  campaign: { starts: number; ends: number } | null;
  progress: number;
  counts: StatusCounts;
  units: UnitRollUp[];
  may_manage: boolean;
  tasks: ImplementationTaskInfo[];
}

export interface OverviewPlan {
  dossier: number;
  title: string;
  symbol: string | null;
  state: string;
  progress: number;
  counts: StatusCounts;
}

export interface OverviewTask {
  dossier: number;
  dossier_title: string;
  symbol: string | null;
  id: number;
  title: string;
  lead_unit: number;
  due: number;
  status: TaskStatus;
  percent: number | null;
  latest: ProgressReading | null;
  measure: string | null;
}

export interface ImplementationOverview {
  as_of: number;
  plans: OverviewPlan[];
  tasks: OverviewTask[];
}
