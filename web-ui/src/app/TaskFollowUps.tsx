// A task's follow-ups (đôn đốc) on its card: when the lead unit will next
// be urged and about what, and what it has been urged already.
import { formatDateTime, formatNumber } from "../i18n";
import { followUpKindLabel, followUpLines } from "../model/follow_ups";
import type { TaskFollowUps as FollowUps } from "../protocol";
import { useLang } from "./lang_context";
import type { NameLookup } from "./session_context";

function When(props: { at: number }) {
  const { lang } = useLang();
  return <time dateTime={new Date(props.at * 1000).toISOString()}>{formatDateTime(props.at, lang)}</time>;
}

export function TaskFollowUps(props: { followUps: FollowUps; names: NameLookup; escalatedTo: string }) {
  const { t, lang } = useLang();
  const { next, sent } = props.followUps;
  if (!next && sent.length === 0) return null;
  const lines = followUpLines(sent, lang, props.names, props.escalatedTo);
  return (
    <div class="task-follow-ups">
      {next && (
        <p class="meta task-next-follow-up">
          {t("followUpNext")} {next.kind && `${followUpKindLabel(next.kind, lang)}, `}
          <When at={next.at} />
        </p>
      )}
      {lines.length > 0 && (
        <details class="task-follow-ups-sent">
          <summary>{t("followUpSent", { count: formatNumber(lines.length, lang) })}</summary>
          <ol>
            {lines.map((line) => (
              <li key={line.seq} class="task-follow-up">
                <strong>{line.kind}</strong>, <When at={line.at} />
                {line.scheduled !== null && <> ({t("followUpScheduled", { at: formatDateTime(line.scheduled, lang) })})</>}
                {line.reportDue !== null && (
                  <>
                    ; {t("followUpReportDue")} <When at={line.reportDue} />
                  </>
                )}
                ; {line.to}
              </li>
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}
