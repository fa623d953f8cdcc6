import { useState } from "preact/hooks";
import { issuedLayout, symbolFileName } from "../model/official";
import { download } from "./download";
import { CorrectionLinks } from "./CorrectionLinks";
import { DraftView } from "./DraftView";
import { OfficialHead } from "./OfficialHead";
import { SignatureStatus } from "./SignatureStatus";
import { useLang } from "./lang_context";
import { useDossierView } from "./use_dossier_view";

/**
 * The issued document in the official layout (Nghị định 30/2020/NĐ-CP,
 * Annex I), on A4 when printed. The layout's fixed words are Vietnamese in
 * every language: they are part of the document, not of the app.
 */
export function IssuedDocumentPage(props: { id: string }) {
  const { t } = useLang();
  const { id, detail, error, names, folded } = useDossierView(props.id);
  const [making, setMaking] = useState(false);
  const [failure, setFailure] = useState("");

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

  const layout = issuedLayout({
    issuingBody: names.unit(detail.issuer.id),
    symbol: issue.symbol,
    documentType: detail.dossier.document_type,
    title: detail.dossier.title,
    place: issue.inputs.place ?? "",
    issuedAt: issue.at,
    authority: issue.inputs.authority ?? "",
    signer: issue.inputs.signer ?? "",
    recipients: issue.inputs.recipients ?? "",
  });
  const base = symbolFileName(issue.symbol);
  const blocks = version.blocks;

  async function saveDocx() {
    setMaking(true);
    setFailure("");
    try {
      const [{ issuedDocx }, { Packer }] = await Promise.all([import("../model/official_docx"), import("docx")]);
      const doc = await issuedDocx(layout, blocks, `${layout.typeName} ${issue!.symbol}`);
      download(await Packer.toBlob(doc), `${base}.docx`);
    } catch (e) {
      setFailure(t("tableFailed", { reason: (e as Error).message }));
    } finally {
      setMaking(false);
    }
  }

  // The browser names a PDF saved from the print dialog after the page's
  // title: the document's symbol, not the app's name.
  function print() {
    const before = document.title;
    document.title = base;
    window.addEventListener("afterprint", () => (document.title = before), { once: true });
    window.print();
  }

  return (
    <section aria-label={t("docTitle")}>
      <div class="buttons no-print">
        <a href={`/dossiers/${id}`}>{t("tableBack")}</a>
        <button type="button" class="secondary" onClick={print}>
          {t("docPrint")}
        </button>
        <button type="button" class="secondary" onClick={saveDocx} disabled={making}>
          {making ? t("tableMaking") : t("tableDocx")}
        </button>
        <a class="button secondary" href={`/dossiers/new?corrects=${id}`}>
          {t("correctionStart")}
        </a>
      </div>
      {failure && (
        <p class="error no-print" role="alert">
          {failure}
        </p>
      )}
      <div class="no-print">
        <SignatureStatus signature={detail.signature} names={names} />
        <CorrectionLinks corrections={detail.corrections} />
      </div>
      <article class="official" lang="vi">
        <OfficialHead
          bodyLines={layout.bodyLines}
          numberLine={layout.numberLine}
          dateLine={layout.dateLine}
          typeName={layout.typeName}
          summary={layout.summary}
        />
        <DraftView blocks={blocks} />
        <div class="official-foot">
          <div class="official-recipients">
            <p class="strong italic">Nơi nhận:</p>
            {layout.recipients.map((l, i) => (
              <p key={i}>{l}</p>
            ))}
          </div>
          <div class="official-signature">
            {layout.authority.map((l, i) => (
              <p key={i} class="strong">
                {l}
              </p>
            ))}
            <div class="signature-space" />
            <p class="strong">{layout.signer}</p>
          </div>
        </div>
      </article>
    </section>
  );
}
