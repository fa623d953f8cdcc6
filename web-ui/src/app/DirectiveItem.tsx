// One directive of the conclusion: what it asks and points at, whether it
// was carried out and how, and beside it the redline of its blocks from the
// version concluded on to the latest, so the chair can check it before
// approving.
import { formatDateTime } from "../i18n";
import { blockLabelOf } from "../model/comments";
import { directiveRedline } from "../model/directive_redline";
import { mayMarkYet } from "../model/directives";
import type { DraftVersion } from "../model/history";
import { findBlock } from "../model/meeting";
import type { CommentInfo, ConclusionInfo, DirectiveInfo, PlanflowClient } from "../protocol";
import { useLang } from "./lang_context";
import { MarkDoneForm } from "./MarkDoneForm";
import { RedlineView } from "./RedlineView";
import type { NameLookup } from "./session_context";

export function DirectiveItem(props: {
  client: PlanflowClient;
  dossier: number;
  conclusion: ConclusionInfo;
  directive: DirectiveInfo;
  versions: DraftVersion[];
  comments: readonly CommentInfo[];
  names: NameLookup;
  canMark: boolean;
}) {
  const { t, lang } = useLang();
  const { directive: d, conclusion: c, versions, names } = props;
  const latest = versions[versions.length - 1];
  const versionOf = (n: number) => versions.filter((v) => v.number <= n);
  const labels = (ids: readonly number[], upTo: number) =>
    ids
      .map((id) => {
        const b = findBlock(versionOf(upTo), id);
        return b ? blockLabelOf(b, lang) : `#${id}`;
      })
      .join("; ");
  const commentRefs = d.comments
    .map((id) => {
      const found = props.comments.find((x) => x.id === id);
      return t("directiveCommentRef", { id, unit: found ? names.unit(found.unit) : "?" });
    })
    .join("; ");

  return (
    <li class={`directive ${d.done ? "done" : "open"}`} id={`directive-${d.number}`}>
      <div class="directive-main">
        <p class="directive-text">
          <strong>{d.number}.</strong> <span class="comment-text">{d.text}</span>
        </p>
        {d.blocks.length > 0 && <p class="meta">{t("directiveAboutBlocks", { blocks: labels(d.blocks, c.version) })}</p>}
        {d.comments.length > 0 && <p class="meta">{t("directiveAboutComments", { comments: commentRefs })}</p>}
        <p class={`directive-state ${d.done ? "done" : "open"}`}>
          {d.done ? t("directiveStateDone") : t("directiveStateOpen")}
        </p>
        {d.done && (
          <div class="directive-done">
            {d.done.blocks.length > 0 && (
              <p>{t("directiveDoneBlocks", { blocks: labels(d.done.blocks, d.done.version) })}</p>
            )}
            {d.done.note && <p class="comment-text">{t("directiveDoneNote", { note: d.done.note })}</p>}
            <p class="meta">
              {t("directiveDoneBy", {
                name: names.user(d.done.by),
                time: formatDateTime(d.done.at, lang),
                version: d.done.version,
              })}
            </p>
          </div>
        )}
        {props.canMark && latest && mayMarkYet(c, latest.number) && (
          <MarkDoneForm key={`${d.number}-${latest.number}`} client={props.client} dossier={props.dossier} directive={d} latest={latest} />
        )}
      </div>
      <DirectiveChange directive={d} versions={versions} concludedOn={c.version} />
    </li>
  );
}

function DirectiveChange(props: { directive: DirectiveInfo; versions: DraftVersion[]; concludedOn: number }) {
  const { t } = useLang();
  const lines = directiveRedline(props.directive, props.versions, props.concludedOn);
  const latest = props.versions[props.versions.length - 1];
  if (!lines)
    return (
      <div class="directive-redline empty">
        <p class="meta">
          {!latest || latest.number <= props.concludedOn ? t("directiveNoNewVersion") : t("directiveNoBlocksToCompare")}
        </p>
      </div>
    );
  const from = t("draftVersion", { number: lines.beforeVersion });
  const to = t("draftVersion", { number: lines.afterVersion });
  return (
    <div class="directive-redline">
      <p class="redline-title">{t("directiveRedlineTitle", { from: lines.beforeVersion, to: lines.afterVersion })}</p>
      <RedlineView before={lines.before} after={lines.after} beforeLabel={from} afterLabel={to} />
    </div>
  );
}
