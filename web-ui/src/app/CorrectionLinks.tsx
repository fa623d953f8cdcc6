import type { Corrections } from "../protocol";
import { useLang } from "./lang_context";

/**
 * The documents a correction links: the one this dossier corrects, and the
 * issued corrections of this one, each opening its issued text.
 */
export function CorrectionLinks(props: { corrections: Corrections | undefined }) {
  const { t } = useLang();
  const c = props.corrections;
  if (!c || (!c.corrects && !c.corrected_by.length)) return null;
  return (
    <nav class="correction-links no-print" aria-label={t("correctionLinks")}>
      {c.corrects && (
        <p>
          <a href={`/dossiers/${c.corrects.id}/document`}>
            {t("correctionCorrects", { symbol: c.corrects.symbol ?? "" })}
          </a>
          {" — "}
          {c.corrects.title}
        </p>
      )}
      {c.corrected_by.map((d) => (
        <p key={d.id} class="warning">
          <a href={`/dossiers/${d.id}/document`}>{t("correctionCorrectedBy", { symbol: d.symbol ?? "" })}</a>
          {" — "}
          {d.title}
        </p>
      ))}
    </nav>
  );
}
