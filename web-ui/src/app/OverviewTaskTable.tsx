// Tasks across plans, each linking to its place on its plan's board.
import { formatDate, formatPercent } from "../i18n";
import { valueWithMeasure } from "../model/implementation_board";
import { taskHref } from "../model/task_link";
import type { OverviewTask } from "../protocol";
import { StatusBadge } from "./StatusBadge";
import { useLang } from "./lang_context";
import type { NameLookup } from "./session_context";

export function OverviewTaskTable(props: { tasks: OverviewTask[]; names: NameLookup; caption: string; id: string }) {
  const { t, lang } = useLang();
  return (
    <table class="overview-tasks" id={props.id}>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("colTask")}</th>
          <th scope="col">{t("colPlan")}</th>
          <th scope="col">{t("taskLead")}</th>
          <th scope="col">{t("colDue")}</th>
          <th scope="col">{t("colStatus")}</th>
          <th scope="col">{t("colResult")}</th>
        </tr>
      </thead>
      <tbody>
        {props.tasks.map((task) => (
          <tr key={`${task.dossier}/${task.id}`} class={`task-${task.status}`} data-task={`${task.dossier}/${task.id}`}>
            <td>
              <a href={taskHref(task.dossier, task.id)}>
                {t("taskNumber", { id: task.id })}. {task.title}
              </a>
            </td>
            <td>
              {task.dossier_title}
              {task.symbol && <span class="meta"> ({task.symbol})</span>}
            </td>
            <td>{props.names.unit(task.lead_unit)}</td>
            <td>{formatDate(task.due, lang)}</td>
            <td>
              <StatusBadge status={task.status} />
            </td>
            <td class="overview-result">
              {task.percent === null ? "—" : formatPercent(task.percent, lang)}
              {task.latest && task.latest.value !== null && task.measure !== null && <span class="meta"> · {valueWithMeasure(task.latest.value, task.measure, lang)}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
