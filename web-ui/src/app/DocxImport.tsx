import { useState } from "preact/hooks";
import { formatNumber } from "../i18n";
import { blocksToText } from "../model/document";
import { blocksFromHtml } from "../model/docx_html";
import { useLang } from "./lang_context";

/** Files beyond this are not drafts but archives; reading them would stall the page. */
const MAX_BYTES = 20 * 1024 * 1024;

async function readDocx(file: File) {
  // mammoth is large and only the drafter needs it: loaded on first use.
  const mammoth = await import("mammoth");
  const { value: html } = await mammoth.convertToHtml({ arrayBuffer: await file.arrayBuffer() });
  return blocksFromHtml(html, (h) => new DOMParser().parseFromString(h, "text/html"));
}

/** Reads a Word file into the editor's text, for the drafter to check and submit. */
export function DocxImport(props: { onImported: (text: string) => void }) {
  const { t, lang } = useLang();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  async function choose(e: Event) {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = "";
    if (!file) return;
    if (!file.name.toLowerCase().endsWith(".docx") || file.size > MAX_BYTES) {
      setStatus({ ok: false, text: t("draftImportNotDocx", { name: file.name }) });
      return;
    }
    setBusy(true);
    setStatus(null);
    try {
      const blocks = await readDocx(file);
      props.onImported(blocksToText(blocks));
      setStatus({ ok: true, text: t("draftImported", { count: formatNumber(blocks.length, lang), name: file.name }) });
    } catch (err) {
      setStatus({ ok: false, text: t("draftImportFailed", { name: file.name, reason: (err as Error).message }) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="docx-import">
      <label for="draft-docx" class="button secondary">
        {busy ? t("draftImporting") : t("draftImportDocx")}
      </label>
      <input
        id="draft-docx"
        type="file"
        class="visually-hidden"
        accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        disabled={busy}
        onChange={choose}
      />
      {status && (
        <p class={status.ok ? "notice" : "error"} role={status.ok ? "status" : "alert"}>
          {status.text}
        </p>
      )}
    </div>
  );
}
