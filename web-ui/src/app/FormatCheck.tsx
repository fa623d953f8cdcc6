import { translate, type MessageKey } from "../i18n";
import { formatProblems, type FormatProblem, type OfficialDocument } from "../model/official";
import { useLang } from "./lang_context";

const KEYS: Record<FormatProblem, MessageKey> = {
  noIssuingBody: "fmtNoIssuingBody",
  noSymbol: "fmtNoSymbol",
  symbolForm: "fmtSymbolForm",
  symbolType: "fmtSymbolType",
  noPlace: "fmtNoPlace",
  unknownType: "fmtUnknownType",
  noSummary: "fmtNoSummary",
  noAuthority: "fmtNoAuthority",
  authorityPrefix: "fmtAuthorityPrefix",
  noSigner: "fmtNoSigner",
  noRecipients: "fmtNoRecipients",
  recipientsLuu: "fmtRecipientsLuu",
};

/** The format check (thể thức) as the clerk fills in the issue form: warnings, not a lock. */
export function FormatCheck(props: { doc: OfficialDocument }) {
  const { t, lang } = useLang();
  const problems = formatProblems(props.doc);
  return (
    <section class={problems.length ? "format-check notice" : "format-check ok"} aria-labelledby="format-check-title" role="status">
      <h3 id="format-check-title">{t("formatCheckTitle")}</h3>
      {problems.length === 0 ? (
        <p>{t("formatCheckOk")}</p>
      ) : (
        <>
          <p>{t("formatCheckCount", { count: problems.length })}</p>
          <ul>
            {problems.map((p) => (
              <li key={p}>{translate(lang, KEYS[p])}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
