// Báo cáo tiến độ: the plan's tasks as they stood at the end of a period
// the reader chooses, with the reports made in it, in the official layout
// on A4 (sideways: the table is wide) and as a CSV. The document's words
// are Vietnamese in every language.
import { useMemo, useState } from "preact/hooks";
import { formatDate } from "../i18n";
import { toCsv } from "../model/csv";
import { dateFieldOf, vietnamToday } from "../model/implementation_form";
import { DOCUMENT_TYPES, issuingBodyLines, officialDate, placeOf } from "../model/official";
import { PERIOD_HEADINGS, periodCells, periodOf, periodRows, periodSummary } from "../model/progress_period";
import { download, fileName } from "./download";
import { OfficialHead } from "./OfficialHead";
import { PrintTable } from "./PrintTable";
import { useLang } from "./lang_context";
import { useDossierView } from "./use_dossier_view";

export function ProgressReportPage(props: { id: string }) {
  const { t } = useLang();
  const { id, detail, error, names, folded } = useDossierView(props.id);
  const info = detail?.implementation ?? null;
  const firstStart = info?.tasks.reduce((m, x) => Math.min(m, x.starts), Infinity) ?? Infinity;
  const [from, setFrom] = useState("");
  const [to, setTo] = useState(vietnamToday);
  const fromField = from || (Number.isFinite(firstStart) ? dateFieldOf(firstStart) : vietnamToday());
  const period = periodOf(fromField, to);
  const rows = useMemo(() => (info && period ? periodRows(info, period) : []), [info, period?.start, period?.end]);

  if (error)
    return (
      <p class="error" role="alert">
        {error.message}
      </p>
    );
  if (!detail || !folded) return <p aria-busy="true">{t("loading")}</p>;

  const back = (
    <p class="no-print">
      <a href={`/dossiers/${id}#implementation`}>{t("tableBack")}</a>
    </p>
  );
  if (!info || info.tasks.length === 0)
    return (
      <section aria-label={t("periodPageLabel")}>
        {back}
        <p class="empty">{info ? t("periodNone") : t("periodNotIssued")}</p>
      </section>
    );

  const drafting = names.unit(detail.drafting_unit.id);
  const issuer = names.unit(detail.issuer.id);
  const place = folded.issue?.inputs.place || placeOf(issuer) || placeOf(drafting);
  const cells = rows.map((r, i) => periodCells(r, i, names.unit));
  const summary = period
    ? periodSummary(
        {
          typeName: DOCUMENT_TYPES[detail.dossier.document_type] ?? detail.dossier.document_type,
          symbol: detail.issued?.symbol ?? detail.dossier.symbol,
          issuedAt: detail.issued?.at ?? null,
          title: detail.dossier.title,
        },
        period,
      )
    : "";

  function saveCsv() {
    download(new Blob([toCsv([[...PERIOD_HEADINGS], ...cells])], { type: "text/csv;charset=utf-8" }), fileName(`Báo cáo tiến độ - ${detail!.dossier.title} - ${fromField} - ${to}`, ".csv"));
  }

  return (
    <section class="progress-report" aria-label={t("periodPageLabel")}>
      {back}
      <form class="period-form no-print" onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="period-from">{t("periodFrom")}</label>
          <input id="period-from" type="date" value={fromField} aria-invalid={period ? undefined : "true"} aria-describedby={period ? undefined : "period-error"} onInput={(e) => setFrom(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="period-to">{t("periodTo")}</label>
          <input id="period-to" type="date" value={to} aria-invalid={period ? undefined : "true"} aria-describedby={period ? undefined : "period-error"} onInput={(e) => setTo(e.currentTarget.value)} />
        </div>
        <div class="buttons">
          <button type="button" class="secondary" disabled={!period} onClick={() => window.print()}>
            {t("periodPrint")}
          </button>
          <button type="button" class="secondary" disabled={!period} onClick={saveCsv}>
            {t("periodCsv")}
          </button>
        </div>
        {!period && (
          <p class="error" role="alert" id="period-error">
            {t("periodBad")}
          </p>
        )}
      </form>
      {period && (
        <article class="official progress-report-page" lang="vi">
          <OfficialHead
            bodyLines={issuingBodyLines(drafting)}
            numberLine={`Số:${"\u00a0".repeat(8)}/BC-${names.unitCode(detail.drafting_unit.id)}`}
            dateLine={place ? officialDate(place, info.as_of) : ""}
            typeName="BÁO CÁO"
            summary={summary}
          />
          <p class="report-lead">
            Kế hoạch có {cells.length} nhiệm vụ triển khai; kết quả của từng nhiệm vụ tính đến ngày{" "}
            {formatDate(Math.min(period.end, info.as_of), "vi")}, các báo cáo trong kỳ theo ngày số liệu.
          </p>
          <PrintTable headings={PERIOD_HEADINGS} cells={cells} rowKeys={rows.map((r) => r.task.id)} class="period-table" />
          <div class="official-foot">
            <div class="official-recipients">
              <p class="strong italic">Nơi nhận:</p>
              <p>- {issuer};</p>
              <p>- Lưu: VT, {names.unitCode(detail.drafting_unit.id)}.</p>
            </div>
            <div class="official-signature">
              <p class="strong">THỦ TRƯỞNG ĐƠN VỊ</p>
              <div class="signature-space" />
            </div>
          </div>
        </article>
      )}
    </section>
  );
}
