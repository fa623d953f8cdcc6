// Biên bản cuộc họp: the minutes of one meeting, drawn from its events and
// printable on A4: time, place, chair, secretary, attendance by unit, every
// remark in order on the part of the draft it was about, the conclusion.
import { formatDateTime } from "../i18n";
import { attendanceByUnit, blockLabel, findBlock, minutesRemarks } from "../model/meeting";
import { useLang } from "./lang_context";
import { useDossierView } from "./use_dossier_view";

export function MinutesPage(props: { id: string; number: string }) {
  const { t, lang } = useLang();
  const { id, detail, error, names, folded } = useDossierView(props.id);
  if (error)
    return (
      <p class="error" role="alert">
        {error.message}
      </p>
    );
  if (!detail || !folded) return <p aria-busy="true">{t("loading")}</p>;
  const meeting = detail.meetings?.find((m) => m.number === Number(props.number));
  if (!meeting)
    return (
      <p class="error" role="alert">
        {t("minutesNotFound", { number: props.number })}
      </p>
    );
  const remarks = minutesRemarks(meeting.remarks);
  const units = attendanceByUnit(meeting.attendance);
  const secretaries = [
    ...new Set([...meeting.remarks.flatMap((r) => (r.recorded_by !== null ? [r.recorded_by] : [])), ...meeting.secretaries]),
  ];
  const list = (users: number[]) => users.map((u) => names.user(u)).join(", ");
  return (
    <section class="minutes" aria-labelledby="minutes-title">
      <p class="no-print">
        <a href={`/dossiers/${id}/meeting`}>{t("minutesBack")}</a>
      </p>
      <div class="buttons no-print">
        <button type="button" class="secondary" onClick={() => window.print()}>
          {t("minutesPrint")}
        </button>
      </div>
      {meeting.status !== "closed" && (
        <p class="notice no-print" role="status">
          {t("minutesUnclosed")}
        </p>
      )}
      <h1 id="minutes-title" class="print-title">
        {t("minutesTitle")}
      </h1>
      <p class="print-subtitle">{t("minutesOf", { title: detail.dossier.title })}</p>
      <p>
        {meeting.opened_at !== null
          ? t("minutesTime", {
              opened: formatDateTime(meeting.opened_at, lang),
              closed: meeting.closed_at !== null ? formatDateTime(meeting.closed_at, lang) : "…",
            })
          : t("minutesScheduled", { time: formatDateTime(meeting.starts_at, lang) })}
      </p>
      <p>{t("minutesPlace", { place: meeting.place })}</p>
      <p>{t("minutesChair", { name: names.user(meeting.chair) })}</p>
      {secretaries.length > 0 && <p>{t("minutesSecretary", { names: list(secretaries) })}</p>}

      <h2>{t("minutesAttendance")}</h2>
      {units.length === 0 ? (
        <p class="empty">{t("minutesNoAttendance")}</p>
      ) : (
        <table class="print-table minutes-attendance">
          <thead>
            <tr>
              <th scope="col">{t("minutesUnit")}</th>
              <th scope="col">{t("minutesPresentList")}</th>
              <th scope="col">{t("minutesAbsentList")}</th>
            </tr>
          </thead>
          <tbody>
            {units.map((u) => (
              <tr key={u.unit}>
                <td>{names.unit(u.unit)}</td>
                <td>{list(u.present)}</td>
                <td>{list(u.absent)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>{t("minutesRemarks")}</h2>
      {remarks.length === 0 ? (
        <p class="empty">{t("minutesNoRemarks")}</p>
      ) : (
        <table class="print-table minutes-remarks">
          <thead>
            <tr>
              <th scope="col">{t("minutesColNumber")}</th>
              <th scope="col">{t("minutesColPerson")}</th>
              <th scope="col">{t("minutesColUnit")}</th>
              <th scope="col">{t("minutesColBlock")}</th>
              <th scope="col">{t("minutesColText")}</th>
            </tr>
          </thead>
          <tbody>
            {remarks.map((r) => (
              <tr key={r.number}>
                <td class="num">{r.number}</td>
                <td>
                  {names.user(r.author)}
                  {r.recordedBy !== null && <em class="recorded"> ({t("meetingRecordedShort")})</em>}
                </td>
                <td>{names.unit(r.unit)}</td>
                <td>{blockLabel(findBlock(folded.versions, r.block), r.block)}</td>
                <td>{r.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>{t("minutesConclusion")}</h2>
      <p class="comment-text">{meeting.conclusion || t("minutesNoConclusion")}</p>

      <div class="minutes-signatures">
        <p>
          <strong>{t("minutesSignSecretary")}</strong>
          <br />
          {list(secretaries)}
        </p>
        <p>
          <strong>{t("minutesSignChair")}</strong>
          <br />
          {names.user(meeting.chair)}
        </p>
      </div>
    </section>
  );
}
