import { useMemo, useState } from "preact/hooks";
import { toCsv } from "../model/csv";
import { dispositionCells, dispositionHeadings, dispositionRows } from "../model/disposition_table";
import { download, fileName } from "./download";
import { PrintTable } from "./PrintTable";
import { useLang } from "./lang_context";
import { useDossierView } from "./use_dossier_view";

export function DispositionTablePage(props: { id: string }) {
  const { t, lang } = useLang();
  const { id, detail, error, names, folded } = useDossierView(props.id);
  const rows = useMemo(
    () => (detail && folded ? dispositionRows(detail.comments ?? [], folded.versions, names, lang) : []),
    [detail, folded, names, lang],
  );
  const [making, setMaking] = useState(false);
  const [failure, setFailure] = useState("");

  if (error)
    return (
      <p class="error" role="alert">
        {error.message}
      </p>
    );
  if (!detail) return <p aria-busy="true">{t("loading")}</p>;

  const title = t("tableTitle");
  const subtitle = t("tableOf", { title: detail.dossier.title });
  const headings = dispositionHeadings(lang);
  const cells = rows.map((r) => dispositionCells(r, lang));
  const base = fileName(`${title} - ${detail.dossier.title}`, "");

  async function saveDocx() {
    setMaking(true);
    setFailure("");
    try {
      const [{ dispositionDocx }, { Packer }] = await Promise.all([import("../model/disposition_docx"), import("docx")]);
      const doc = await dispositionDocx(title, subtitle, headings, cells);
      download(await Packer.toBlob(doc), `${base}.docx`);
    } catch (e) {
      setFailure(t("tableFailed", { reason: (e as Error).message }));
    } finally {
      setMaking(false);
    }
  }

  return (
    <section class="disposition-table" aria-labelledby="table-title">
      <p class="no-print">
        <a href={`/dossiers/${id}`}>{t("tableBack")}</a>
      </p>
      <h1 id="table-title" class="print-title">
        {title}
      </h1>
      <p class="print-subtitle">{subtitle}</p>
      <div class="buttons no-print">
        <button type="button" class="secondary" onClick={() => window.print()}>
          {t("tablePrint")}
        </button>
        <button
          type="button"
          class="secondary"
          onClick={() => download(new Blob([toCsv([headings, ...cells])], { type: "text/csv;charset=utf-8" }), `${base}.csv`)}
        >
          {t("tableCsv")}
        </button>
        <button type="button" class="secondary" disabled={making} aria-busy={making} onClick={() => void saveDocx()}>
          {making ? t("tableMaking") : t("tableDocx")}
        </button>
      </div>
      {failure && (
        <p class="error" role="alert">
          {failure}
        </p>
      )}
      {rows.length === 0 ? (
        <p class="empty">{t("tableEmpty")}</p>
      ) : (
        <PrintTable headings={headings} cells={cells} rowKeys={rows.map((r) => r.commentId)} />
      )}
    </section>
  );
}
