// One implementation task on the board: who leads and supports it, its
// period and target, how far it has come against the plan, its trajectory
// and the reports on it, the follow-ups urging it, and the lead unit's
// report form.
import { formatDate, formatNumber, formatPercent } from "../i18n";
import { targetText, valueOfGoal } from "../model/implementation_board";
import { taskAnchor } from "../model/task_link";
import type { ImplementationTaskInfo, PlanflowClient } from "../protocol";
import { ProgressBar } from "./ProgressBar";
import { ReportProgressForm } from "./ReportProgressForm";
import { StatusBadge } from "./StatusBadge";
import { TaskFollowUps } from "./TaskFollowUps";
import { TaskReports } from "./TaskReports";
import { TrajectoryChart } from "./TrajectoryChart";
import { useLang } from "./lang_context";
import type { NameLookup } from "./session_context";

export function TaskCard(props: {
  client: PlanflowClient;
  dossier: number;
  task: ImplementationTaskInfo;
  names: NameLookup;
  /** Whom an escalation of this plan goes to, in words. */
  escalatedTo: string;
  /** The card the address names, which the reader was led to. */
  targeted: boolean;
}) {
  const { t, lang } = useLang();
  const { task, names } = props;
  const target = task.target;
  const titleId = `task-${task.id}-title`;
  return (
    <li class={`impl-task task-${task.status}${props.targeted ? " targeted" : ""}`} id={taskAnchor(task.id)} tabIndex={-1} aria-labelledby={titleId}>
      <div class="impl-task-head">
        <h3 id={titleId}>
          <span class="task-number">{t("taskNumber", { id: task.id })}.</span> {task.title}
        </h3>
        <StatusBadge status={task.status} />
      </div>
      <dl class="task-facts">
        <dt>{t("taskLead")}</dt>
        <dd class="task-lead">{names.unit(task.lead_unit)}</dd>
        {task.supporting_units.length > 0 && (
          <>
            <dt>{t("taskSupporting")}</dt>
            <dd>{task.supporting_units.map(names.unit).join("; ")}</dd>
          </>
        )}
        <dt>{t("taskPeriod")}</dt>
        <dd>
          {formatDate(task.starts, lang)} – {formatDate(task.due, lang)}
        </dd>
        {task.weight > 0 && (
          <>
            <dt>{t("taskWeight")}</dt>
            <dd>{formatNumber(task.weight, lang)}</dd>
          </>
        )}
        {target && (
          <>
            <dt>{t("taskTarget")}</dt>
            <dd>{targetText(target, lang)}</dd>
          </>
        )}
        <dt>{t("taskLatest")}</dt>
        <dd class="task-latest">
          {!task.latest
            ? t("taskNoReport")
            : `${target && task.latest.value !== null ? valueOfGoal(task.latest.value, target, lang) : task.latest.completed ? t("taskCompleted") : t("taskInProgress")} (${t("taskAsOf", { date: formatDate(task.latest.as_of, lang) })})`}
        </dd>
      </dl>
      <ProgressBar percent={task.percent} label={t("implProgressOf", { title: task.title })} />
      {target && task.planned !== null && (
        <p class="meta task-planned">
          {t("taskPlanned", {
            value: formatNumber(task.planned, lang),
            measure: target.measure,
            percent: task.planned_percent === null ? "—" : formatPercent(task.planned_percent, lang),
          })}
        </p>
      )}
      <TaskFollowUps followUps={task.follow_ups} names={names} escalatedTo={props.escalatedTo} />
      {target && <TrajectoryChart task={task} target={target} />}
      <TaskReports task={task} names={names} />
      {task.may_report && <ReportProgressForm client={props.client} dossier={props.dossier} task={task} />}
    </li>
  );
}
