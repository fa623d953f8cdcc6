// Completion by lead unit as bars, with the same figures in a table for
// screen readers.
import type { ChartConfiguration } from "chart.js";
import { useMemo } from "preact/hooks";
import { formatPercent } from "../i18n";
import type { UnitRollUp } from "../protocol";
import { useLang } from "./lang_context";
import { useChart } from "./use_chart";

export function UnitChart(props: { units: UnitRollUp[]; unitName: (id: number) => string }) {
  const { t, lang } = useLang();
  const title = t("chartUnits");
  const label = t("chartPercent");
  const { units, unitName } = props;
  const config = useMemo<ChartConfiguration>(
    () => ({
      type: "bar",
      data: {
        labels: units.map((u) => unitName(u.unit)),
        datasets: [{ label, data: units.map((u) => u.progress), backgroundColor: "#0b5cad" }],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        indexAxis: "y",
        scales: {
          x: { type: "linear", min: 0, max: 100, ticks: { callback: (v) => formatPercent(Number(v), lang) } },
          y: { type: "category" },
        },
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: (item) => `${label}: ${formatPercent(item.parsed.x ?? 0, lang)}` } },
        },
      },
    }),
    [units, unitName, lang, label],
  );
  const canvas = useChart(config);
  return (
    <figure class="chart unit-chart" aria-labelledby="unit-chart-title">
      <figcaption id="unit-chart-title">{title}</figcaption>
      <div class="chart-box" style={{ height: `${Math.max(8, 3 + units.length * 2.5)}rem` }}>
        <canvas ref={canvas} role="img" aria-label={title} />
      </div>
      <table class="visually-hidden">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t("colUnit")}</th>
            <th scope="col">{label}</th>
          </tr>
        </thead>
        <tbody>
          {units.map((u) => (
            <tr key={u.unit}>
              <td>{unitName(u.unit)}</td>
              <td>{formatPercent(u.progress, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
