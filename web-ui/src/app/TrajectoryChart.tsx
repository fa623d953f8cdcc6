// A numeric task's reported values over time against its planned
// trajectory, with the same figures in a table for screen readers.
import type { ChartConfiguration } from "chart.js";
import { useMemo } from "preact/hooks";
import { formatDate, formatNumber, type Lang } from "../i18n";
import { plannedTrajectory, plannedValueAt, reportedSeries } from "../model/trajectory";
import type { ImplementationTaskInfo, TaskTargetInfo } from "../protocol";
import { useLang } from "./lang_context";
import { useChart } from "./use_chart";

const PLANNED_COLOUR = "#57606a";
const REPORTED_COLOUR = "#0b5cad";

function trajectoryConfig(task: ImplementationTaskInfo, target: TaskTargetInfo, lang: Lang, labels: { planned: string; reported: string; date: string; value: string }): ChartConfiguration {
  const planned = plannedTrajectory(target, task.starts, task.due).map((p) => ({ x: p.at, y: p.value }));
  const reported = reportedSeries(task.reports).map((p) => ({ x: p.at, y: p.value }));
  const withMeasure = (v: number) => `${formatNumber(v, lang)}${target.measure ? ` ${target.measure}` : ""}`;
  return {
    type: "line",
    data: {
      datasets: [
        { label: labels.planned, data: planned, borderColor: PLANNED_COLOUR, backgroundColor: PLANNED_COLOUR, borderDash: [6, 4], pointRadius: 3, tension: 0 },
        { label: labels.reported, data: reported, borderColor: REPORTED_COLOUR, backgroundColor: REPORTED_COLOUR, pointRadius: 4, tension: 0 },
      ],
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      parsing: false,
      scales: {
        x: {
          type: "linear",
          min: task.starts,
          max: task.due,
          title: { display: true, text: labels.date },
          ticks: { maxTicksLimit: 6, callback: (v) => formatDate(Number(v), lang) },
        },
        y: {
          type: "linear",
          title: { display: true, text: labels.value },
          ticks: { callback: (v) => formatNumber(Number(v), lang) },
        },
      },
      plugins: {
        tooltip: {
          callbacks: {
            title: (items) => (items[0] ? formatDate(items[0].parsed.x ?? 0, lang) : ""),
            label: (item) => `${item.dataset.label ?? ""}: ${withMeasure(item.parsed.y ?? 0)}`,
          },
        },
      },
    },
  };
}

export function TrajectoryChart(props: { task: ImplementationTaskInfo; target: TaskTargetInfo }) {
  const { t, lang } = useLang();
  const { task, target } = props;
  const title = t("chartTrajectory");
  const labels = { planned: t("chartPlanned"), reported: t("chartReported"), date: t("chartDate"), value: t("chartValue", { measure: target.measure || "—" }) };
  const config = useMemo(() => trajectoryConfig(task, target, lang, labels), [task, target, lang]);
  const canvas = useChart(config);
  const reported = reportedSeries(task.reports);
  const captionId = `trajectory-${task.id}-title`;
  return (
    <figure class="chart trajectory-chart" aria-labelledby={captionId}>
      <figcaption id={captionId}>{title}</figcaption>
      <div class="chart-box">
        <canvas ref={canvas} role="img" aria-label={`${title}: ${task.title}`} />
      </div>
      <table class="visually-hidden">
        <caption>{`${title}: ${task.title}`}</caption>
        <thead>
          <tr>
            <th scope="col">{t("chartDate")}</th>
            <th scope="col">{labels.planned}</th>
            <th scope="col">{labels.reported}</th>
          </tr>
        </thead>
        <tbody>
          {plannedTrajectory(target, task.starts, task.due).map((p) => (
            <tr key={`p${p.at}`}>
              <td>{formatDate(p.at, lang)}</td>
              <td>{formatNumber(p.value, lang)}</td>
              <td>—</td>
            </tr>
          ))}
          {reported.map((p) => (
            <tr key={`r${p.at}`}>
              <td>{formatDate(p.at, lang)}</td>
              <td>{formatNumber(plannedValueAt(target, task.starts, task.due, p.at), lang)}</td>
              <td>{formatNumber(p.value, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {reported.length === 0 && <p class="hint">{t("chartNoPoints")}</p>}
    </figure>
  );
}
