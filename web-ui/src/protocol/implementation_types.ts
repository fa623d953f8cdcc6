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
  follow_ups: TaskFollowUps;
}

/** What a follow-up (đôn đốc) urges: docs/workflow-format.md §5.9. */
export type FollowUpKind = "reminder" | "overdue" | "escalation" | "report_request";

export interface FollowUpSentInfo {
  seq: number;
  /** When it was given; `scheduled_at` is when it was due to be (later after a server outage). */
  at: number;
  kind: FollowUpKind;
  scheduled_at: number;
  /** A report request's deadline for the report; null for other kinds. */
  due_at: number | null;
  /** The lead unit's people it reached; empty for an escalation, which goes to roles. */
  recipients: number[];
}

export interface TaskFollowUps {
  /** The pending one; `kind` null when the server cannot tell it. */
  next: { at: number; kind: FollowUpKind | null } | null;
  /** Oldest first. */
  sent: FollowUpSentInfo[];
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
  /** The roles an overdue task is escalated to (the step's `follow_up.escalate_to`). */
  escalate_to: string[];
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
