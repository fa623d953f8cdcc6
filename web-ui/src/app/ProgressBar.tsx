import { formatPercent } from "../i18n";
import { useLang } from "./lang_context";

/**
 * A percentage as a bar and in figures ("52,34 %"). Past 100 % or below 0
 * the bar stops at its end; the figure says the rest.
 */
export function ProgressBar(props: { percent: number | null; label: string }) {
  const { lang } = useLang();
  const value = props.percent;
  const shown = value === null ? 0 : Math.min(100, Math.max(0, value));
  const text = value === null ? "—" : formatPercent(value, lang);
  return (
    <div class="progress">
      <div
        class="progress-track"
        role="progressbar"
        aria-label={props.label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value === null ? undefined : shown}
        aria-valuetext={text}
      >
        <div class="progress-fill" style={{ width: `${shown}%` }} />
      </div>
      <span class="progress-figure">{text}</span>
    </div>
  );
}
