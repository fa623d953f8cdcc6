// Why the revision cannot be submitted yet: the guard all_directives_done
// keeps the action from being offered at all, so the drafting unit is told
// here how many directives still wait to be marked done.
import { formatNumber } from "../i18n";
import type { DossierDetail } from "../protocol";
import { useLang } from "./lang_context";

export function OpenDirectivesNotice(props: { detail: DossierDetail }) {
  const { t, lang } = useLang();
  const count = props.detail.open_directives ?? 0;
  if (count === 0 || !props.detail.directive_rights?.mark_done) return null;
  return (
    <p class="notice open-directives-notice" role="status">
      {t("directivesBlockSubmit", { count: formatNumber(count, lang) })} <a href="#conclusion">{t("directivesGoTo")}</a>
    </p>
  );
}
