// Why the revised draft cannot be submitted yet: the workflow's guard
// (all_comments_disposed) keeps the action from being offered at all, so
// the drafter is told here how many comments still need an answer.
import { formatNumber } from "../i18n";
import type { DossierDetail } from "../protocol";
import { useLang } from "./lang_context";

export function UndisposedNotice(props: { detail: DossierDetail }) {
  const { t, lang } = useLang();
  const count = props.detail.undisposed_comments ?? 0;
  if (count === 0 || !props.detail.allowed.includes("dispose_comment") || !props.detail.allowed.includes("submit_version"))
    return null;
  return (
    <p class="notice undisposed-notice" role="status">
      {t("undisposedBlocksSubmit", { count: formatNumber(count, lang) })} <a href="#comments">{t("undisposedGoTo")}</a>
    </p>
  );
}
