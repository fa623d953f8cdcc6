// Thông báo kết luận: the chair's conclusion as issued under its TB number,
// in the official layout and on A4 when printed. The layout's words are
// Vietnamese in every language: they are part of the document.
import { findNotice, noticeLayout } from "../model/conclusion_notice";
import { symbolFileName } from "../model/official";
import { OfficialHead } from "./OfficialHead";
import { useLang } from "./lang_context";
import { useDossierView } from "./use_dossier_view";

export function ConclusionNoticePage(props: { id: string; year: string; number: string }) {
  const { t } = useLang();
  const { id, detail, error, names } = useDossierView(props.id);
  if (error)
    return (
      <p class="error" role="alert">
        {error.message}
      </p>
    );
  if (!detail) return <p aria-busy="true">{t("loading")}</p>;
  const found = findNotice(detail.conclusions, Number(props.year), Number(props.number));
  if (!found)
    return (
      <section>
        <p class="no-print">
          <a href={`/dossiers/${id}`}>{t("tableBack")}</a>
        </p>
        <p class="error" role="alert">
          {t("noticeNotFound", { number: props.number, year: props.year })}
        </p>
      </section>
    );
  const { conclusion, notice } = found;
  const layout = noticeLayout({
    issuingBody: names.unit(detail.issuer.id),
    draftingUnit: names.unit(detail.drafting_unit.id),
    chairName: names.user(conclusion.by),
    dossierTitle: detail.dossier.title,
    conclusion,
    notice,
  });

  // A PDF saved from the print dialog is named after the page's title: the symbol.
  function print() {
    const before = document.title;
    document.title = symbolFileName(notice.symbol);
    window.addEventListener("afterprint", () => (document.title = before), { once: true });
    window.print();
  }

  return (
    <section aria-label={t("noticeTitle")}>
      <div class="buttons no-print">
        <a href={`/dossiers/${id}#conclusion`}>{t("tableBack")}</a>
        <button type="button" class="secondary" onClick={print}>
          {t("noticePrint")}
        </button>
      </div>
      <article class="official conclusion-notice-page" lang="vi">
        <OfficialHead
          bodyLines={layout.bodyLines}
          numberLine={layout.numberLine}
          dateLine={layout.dateLine}
          typeName={layout.typeName}
          summary={layout.summary}
        />
        <div class="notice-body">
          <p>{layout.intro}</p>
          {layout.paragraphs.map((p, i) => (
            <p key={i}>{p}</p>
          ))}
          {layout.directivesLead && <p>{layout.directivesLead}</p>}
          {layout.directives.map((d) => (
            <p key={d.number} class="notice-directive">
              {d.number}. {d.text}
            </p>
          ))}
          {layout.deadline && <p>{layout.deadline}</p>}
          <p>{layout.closing}</p>
        </div>
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
