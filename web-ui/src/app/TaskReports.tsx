// What the lead unit reported on a task, newest first.
import { formatDate, formatDateTime, formatNumber } from "../i18n";
import type { ImplementationTaskInfo } from "../protocol";
import { useLang } from "./lang_context";
import type { NameLookup } from "./session_context";

export function TaskReports(props: { task: ImplementationTaskInfo; names: NameLookup }) {
  const { t, lang } = useLang();
  const { task, names } = props;
  if (task.reports.length === 0) return null;
  const measure = task.target?.measure ?? "";
  return (
    <details class="task-reports">
      <summary>{t("taskReports", { count: formatNumber(task.reports.length, lang) })}</summary>
      <ol>
        {[...task.reports].reverse().map((r) => (
          <li key={r.seq} class="task-report">
            <p class="meta">{t("reportBy", { name: names.user(r.by), at: formatDateTime(r.at, lang), asOf: formatDate(r.as_of, lang) })}</p>
            {r.value !== null && <p>{t("reportValue", { value: `${formatNumber(r.value, lang)} ${measure}`.trim() })}</p>}
            {r.completed && <p>{t("taskCompleted")}</p>}
            {r.narrative && <ReportText label={t("reportNarrative")} text={r.narrative} />}
            {r.difficulties && <ReportText label={t("reportDifficulties")} text={r.difficulties} />}
            {r.proposals && <ReportText label={t("reportProposals")} text={r.proposals} />}
          </li>
        ))}
      </ol>
    </details>
  );
}

function ReportText(props: { label: string; text: string }) {
  return (
    <p class="comment-text">
      <strong>{props.label}:</strong> {props.text}
    </p>
  );
}
