// The chair's conclusion on the dossier page: its text, when the revision
// is due, the numbered directives with how each was carried out, the
// notices it was issued as, and the conclusions before it.
import { formatDate, formatDateTime, formatNumber, pick } from "../i18n";
import { noticePath } from "../model/conclusion_notice";
import { conclusionInForce, mayMarkYet, openDirectives } from "../model/directives";
import type { DraftVersion } from "../model/history";
import type { ConclusionInfo, DossierDetail, PlanflowClient } from "../protocol";
import { ConclusionNoticeForm } from "./ConclusionNoticeForm";
import { DirectiveItem } from "./DirectiveItem";
import { useLang } from "./lang_context";
import type { NameLookup } from "./session_context";
import { urgency } from "./urgency";

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The step the conclusion's action led to, from the history entry it was made by. */
function stepLedTo(detail: DossierDetail, c: ConclusionInfo): string {
  const entry = detail.history.find((e) => e.dossier_seq === c.seq);
  return typeof entry?.event.data.to === "string" ? entry.event.data.to : "";
}

export function ConclusionPanel(props: { client: PlanflowClient; detail: DossierDetail; versions: DraftVersion[]; names: NameLookup }) {
  const { t, lang } = useLang();
  const { detail, names } = props;
  const conclusions = detail.conclusions ?? [];
  const current = conclusionInForce(conclusions);
  if (!current) return null;
  const rights = detail.directive_rights ?? { mark_done: false, issue_notice: false };
  const open = openDirectives(current).length;
  const earlier = conclusions.slice(0, -1).reverse();
  const latestNumber = props.versions[props.versions.length - 1]?.number ?? 0;
  return (
    <section class="panel conclusion-panel" id="conclusion" aria-labelledby="conclusions-title">
      <h2 id="conclusions-title">{t("conclusionsTitle")}</h2>
      <ConclusionText conclusion={current} detail={detail} names={names} />
      <Deadline conclusion={current} inForce={detail.dossier.state === stepLedTo(detail, current)} />
      {current.directives.length > 0 && (
        <>
          <h3>{t("directivesTitle")}</h3>
          <p class={open ? "notice directives-count" : "directives-count ok"} role="status">
            {open
              ? t("directivesOpen", { count: formatNumber(open, lang) })
              : t("directivesAllDone", { count: formatNumber(current.directives.length, lang) })}
          </p>
          {rights.mark_done && open > 0 && !mayMarkYet(current, latestNumber) && <p class="hint">{t("markDoneWait")}</p>}
          <ol class="directives">
            {current.directives.map((d) => (
              <DirectiveItem
                key={d.number}
                client={props.client}
                dossier={detail.dossier.id}
                conclusion={current}
                directive={d}
                versions={props.versions}
                comments={detail.comments}
                names={names}
                canMark={rights.mark_done}
              />
            ))}
          </ol>
        </>
      )}
      {current.notices.map((n) => (
        <p key={n.symbol} class="issued conclusion-notice">
          {t("noticeIssued", { symbol: n.symbol, date: formatDate(n.at, lang) })} ·{" "}
          <a href={noticePath(detail.dossier.id, n)}>{t("noticeOpen")}</a>
        </p>
      ))}
      {rights.issue_notice && <ConclusionNoticeForm client={props.client} detail={detail} conclusion={current} names={names} />}
      {earlier.length > 0 && (
        <details class="earlier-conclusions">
          <summary>{t("conclusionsEarlier", { count: formatNumber(earlier.length, lang) })}</summary>
          {earlier.map((c) => (
            <div key={c.seq}>
              <ConclusionText conclusion={c} detail={detail} names={names} />
              {c.directives.length > 0 && (
                <ol class="earlier-directives">
                  {c.directives.map((d) => (
                    <li key={d.number}>
                      {d.text} — {d.done ? t("directiveStateDone") : t("directiveStateOpen")}
                    </li>
                  ))}
                </ol>
              )}
              {c.notices.map((n) => (
                <p key={n.symbol} class="meta">
                  <a href={noticePath(detail.dossier.id, n)}>{t("noticeIssued", { symbol: n.symbol, date: formatDate(n.at, lang) })}</a>
                </p>
              ))}
            </div>
          ))}
        </details>
      )}
    </section>
  );
}

function ConclusionText(props: { conclusion: ConclusionInfo; detail: DossierDetail; names: NameLookup }) {
  const { t, lang } = useLang();
  const c = props.conclusion;
  const action = props.detail.definition.actions.find((a) => a.id === c.action);
  return (
    <blockquote>
      {c.text && <p class="comment-text">{c.text}</p>}
      <footer class="meta">
        {pick(action?.title, lang) || c.action} · {props.names.user(c.by)} · {formatDateTime(c.at, lang)}
        {c.version > 0 && <> · {t("conclusionOnVersion", { version: c.version })}</>}
      </footer>
    </blockquote>
  );
}

function Deadline(props: { conclusion: ConclusionInfo; inForce: boolean }) {
  const { t, lang } = useLang();
  const due = props.conclusion.revision_deadline;
  if (due === null) return null;
  // Late or close only matters while the revision it asks for is still being made.
  const level = props.inForce ? urgency(due, nowSeconds()) : "none";
  return (
    <p class={`deadline due-${level}`}>
      {t("conclusionDeadline", { time: formatDateTime(due, lang) })}
      {level === "overdue" && <span class="badge">{t("dueOverdue")}</span>}
      {level === "soon" && <span class="badge">{t("dueSoon")}</span>}
    </p>
  );
}
