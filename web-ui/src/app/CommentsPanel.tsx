// The comments panel: how many there are and how many still wait for an
// answer, the comments on the draft as a whole (and the form for one), and
// those whose text the latest version no longer has. Comments on a block
// sit under that block in the draft (AnchoredDraft).
import { useMemo } from "preact/hooks";
import { formatNumber } from "../i18n";
import { layOutComments, type CommentLayout } from "../model/comments";
import type { DraftVersion } from "../model/history";
import type { DossierDetail, PlanflowClient } from "../protocol";
import { CommentForm, ThreadList, type CommentContext } from "./CommentThread";
import { useLang } from "./lang_context";
import type { NameLookup } from "./session_context";

/** What the draft and the comments panel share about the dossier's comments. */
export function useComments(
  client: PlanflowClient,
  detail: DossierDetail | null,
  versions: readonly DraftVersion[],
  names: NameLookup,
): { ctx: CommentContext; layout: CommentLayout } | null {
  const comments = detail?.comments;
  const layout = useMemo(() => layOutComments(comments ?? []), [comments]);
  if (!detail) return null;
  const allowed = new Set(detail.allowed);
  const ctx: CommentContext = {
    client,
    dossier: detail.dossier.id,
    canComment: allowed.has("comment"),
    canDispose: allowed.has("dispose_comment"),
    names,
    latestBlocks: versions[versions.length - 1]?.blocks ?? [],
  };
  return { ctx, layout };
}

export function CommentsPanel(props: { ctx: CommentContext; layout: CommentLayout; detail: DossierDetail }) {
  const { t, lang } = useLang();
  const { ctx, layout, detail } = props;
  const comments = detail.comments ?? [];
  const undisposed = detail.undisposed_comments ?? 0;
  return (
    <section class="panel" id="comments" aria-labelledby="comments-title">
      <div class="section-head">
        <h2 id="comments-title">{t("commentsTitle")}</h2>
        <span class="count">{t("commentsCount", { count: formatNumber(comments.length, lang) })}</span>
        {comments.length > 0 && <a href={`/dossiers/${ctx.dossier}/dispositions`}>{t("tableOpen")}</a>}
      </div>
      {ctx.canDispose && undisposed > 0 && (
        <p class="notice" role="status">
          {t("undisposedCount", { count: formatNumber(undisposed, lang) })}
        </p>
      )}
      {comments.length === 0 && <p class="empty">{t("commentsNone")}</p>}
      {layout.document.length > 0 && (
        <>
          <h3>{t("commentsOnDocument")}</h3>
          <ThreadList ctx={ctx} threads={layout.document} />
        </>
      )}
      {layout.outdated.length > 0 && (
        <>
          <h3>{t("commentsOutdated")}</h3>
          <ThreadList ctx={ctx} threads={layout.outdated} />
        </>
      )}
      {ctx.canComment && <CommentForm ctx={ctx} replyTo={0} />}
    </section>
  );
}
