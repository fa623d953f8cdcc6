import { DOCUMENT_TYPES, issuingBodyLines, officialDate, summaryOf } from "../model/official";
import { DraftView } from "./DraftView";
import { SignatureStatus } from "./SignatureStatus";
import { useLang } from "./lang_context";
import { useDossierView } from "./use_dossier_view";

const lines = (text: string | undefined) =>
  (text ?? "").split("\n").map((l) => l.trim()).filter(Boolean);

/**
 * The issued document in the official layout (Nghị định 30/2020/NĐ-CP,
 * Annex I), on A4 when printed. The layout's fixed words are Vietnamese in
 * every language: they are part of the document, not of the app.
 */
export function IssuedDocumentPage(props: { id: string }) {
  const { t } = useLang();
  const { id, detail, error, names, folded } = useDossierView(props.id);

  if (error)
    return (
      <p class="error" role="alert">
        {error.message}
      </p>
    );
  if (!detail || !folded) return <p aria-busy="true">{t("loading")}</p>;
  const issue = folded.issue;
  const version = folded.versions[folded.versions.length - 1];
  if (!issue || !version)
    return (
      <section>
        <p class="no-print">
          <a href={`/dossiers/${id}`}>{t("tableBack")}</a>
        </p>
        <p class="empty">{t("docNotIssued")}</p>
      </section>
    );

  const body = issuingBodyLines(names.unit(detail.issuer.id));
  const type = DOCUMENT_TYPES[detail.dossier.document_type] ?? detail.dossier.document_type;
  return (
    <section aria-label={t("docTitle")}>
      <div class="buttons no-print">
        <a href={`/dossiers/${id}`}>{t("tableBack")}</a>
        <button type="button" class="secondary" onClick={() => window.print()}>
          {t("docPrint")}
        </button>
      </div>
      <div class="no-print">
        <SignatureStatus signature={detail.signature} names={names} />
      </div>
      <article class="official" lang="vi">
        <div class="official-head">
          <div class="official-body">
            {body.map((l, i) => (
              <p key={i} class={i === body.length - 1 ? "strong underline" : ""}>
                {l}
              </p>
            ))}
            <p class="official-number">{t("docNumber", { symbol: issue.symbol })}</p>
          </div>
          <div class="official-nation">
            <p class="strong">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>
            <p class="strong underline motto">Độc lập - Tự do - Hạnh phúc</p>
            <p class="official-date">{officialDate(issue.inputs.place ?? "", issue.at)}</p>
          </div>
        </div>
        <h1 class="official-type">{type.toLocaleUpperCase("vi")}</h1>
        <p class="official-summary">{summaryOf(detail.dossier.title, detail.dossier.document_type)}</p>
        <hr class="official-rule" />
        <DraftView blocks={version.blocks} />
        <div class="official-foot">
          <div class="official-recipients">
            <p class="strong italic">Nơi nhận:</p>
            {lines(issue.inputs.recipients).map((l, i) => (
              <p key={i}>{l}</p>
            ))}
          </div>
          <div class="official-signature">
            {lines(issue.inputs.authority).map((l, i) => (
              <p key={i} class="strong">
                {l}
              </p>
            ))}
            <div class="signature-space" />
            <p class="strong">{issue.inputs.signer}</p>
          </div>
        </div>
      </article>
    </section>
  );
}
