// Each lead unit's share of the plan: how many tasks it leads, how far
// they have come together, and how many stand in each status.
import { formatNumber, formatPercent } from "../i18n";
import { STATUS_ORDER, statusLabel } from "../model/implementation_board";
import type { UnitRollUp } from "../protocol";
import { useLang } from "./lang_context";

export function UnitRollUpTable(props: { units: UnitRollUp[]; unitName: (id: number) => string }) {
  const { t, lang } = useLang();
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="units-title">
      <table class="unit-rollup">
        <caption id="units-title">{t("unitsTitle")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("colUnit")}</th>
            <th scope="col">{t("colTasks")}</th>
            <th scope="col">{t("colProgress")}</th>
            {STATUS_ORDER.map((s) => (
              <th key={s} scope="col">
                {statusLabel(s, lang)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.units.map((u) => (
            <tr key={u.unit}>
              <th scope="row">{props.unitName(u.unit)}</th>
              <td class="num">{formatNumber(u.tasks, lang)}</td>
              <td class="num">{formatPercent(u.progress, lang)}</td>
              {STATUS_ORDER.map((s) => (
                <td key={s} class="num">
                  {formatNumber(u.counts[s] ?? 0, lang)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
