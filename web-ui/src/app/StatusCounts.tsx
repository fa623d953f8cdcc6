import { formatNumber } from "../i18n";
import { STATUS_ORDER, statusLabel } from "../model/implementation_board";
import type { StatusCounts as Counts } from "../protocol";
import { useLang } from "./lang_context";

/** How many tasks stand in each status, most urgent first. */
export function StatusCounts(props: { counts: Counts }) {
  const { t, lang } = useLang();
  return (
    <ul class="status-counts" aria-label={t("implCounts")}>
      {STATUS_ORDER.map((s) => (
        <li key={s} class={`status-count count-${s}`}>
          <span>{statusLabel(s, lang)}</span>: <strong>{formatNumber(props.counts[s] ?? 0, lang)}</strong>
        </li>
      ))}
    </ul>
  );
}
