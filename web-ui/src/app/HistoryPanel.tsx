import { useMemo } from "preact/hooks";
import { formatDateTime } from "../i18n";
import { timelineOf, type Names } from "../model/timeline";
import type { HistoryEntry, WorkflowInfo } from "../protocol";
import { useLang } from "./lang_context";

export function HistoryPanel(props: { history: HistoryEntry[]; definition: WorkflowInfo; names: Names }) {
  const { t, lang } = useLang();
  const items = useMemo(
    () => timelineOf(props.history, props.definition, props.names, lang),
    [props.history, props.definition, props.names, lang],
  );
  return (
    <section class="panel" aria-labelledby="history-title">
      <h2 id="history-title">{t("historyTitle")}</h2>
      {/* It scrolls on its own, so keyboard users must be able to focus it. */}
      <ol class="timeline" tabIndex={0} aria-labelledby="history-title">
        {items.map((item) => (
          <li key={item.seq}>
            <time dateTime={new Date(item.at * 1000).toISOString()}>{formatDateTime(item.at, lang)}</time>
            <span>{item.text}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
