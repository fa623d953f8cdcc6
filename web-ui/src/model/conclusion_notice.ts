// The chair's conclusion issued as a Thông báo kết luận (type TB) in the
// official layout of Nghị định 30/2020/NĐ-CP: the form's starting values,
// and every element of the printed notice, the body being the conclusion
// and its numbered directives. The notice's words are Vietnamese in every
// language: they are part of the document, not of the app.
import { formatDateTime } from "../i18n";
import type { ConclusionInfo, ConclusionNoticeInfo } from "../protocol";
import { issuedLayout, officialDay, placeOf, type IssuedLayout } from "./official";

export const NOTICE_TYPE = "TB";

const isCommittee = (body: string) => /^ủy ban nhân dân/iu.test(body.normalize("NFC").trim());

/** "Kết luận của Chủ tịch Ủy ban nhân dân tỉnh Quảng Nam về dự thảo Kế hoạch ...". */
export function noticeSummary(issuingBody: string, chairName: string, dossierTitle: string): string {
  const about = `về dự thảo ${dossierTitle.normalize("NFC").trim()}`;
  if (isCommittee(issuingBody)) return `Kết luận của Chủ tịch ${issuingBody.normalize("NFC").trim()} ${about}`;
  return chairName.trim() ? `Kết luận của ${chairName.trim()} ${about}` : `Kết luận ${about}`;
}

/**
 * What the notice form starts with: the issuer's place; for a People's
 * Committee the Office signs on the Chairperson's behalf (TL.); the units
 * that took part, each once, then the file copy (Lưu: VT).
 */
export function noticeDefaults(issuingBody: string, units: readonly string[]): Record<"place" | "authority" | "signer" | "recipients", string> {
  const seen = [...new Set(units.map((u) => u.normalize("NFC").trim()).filter(Boolean))];
  return {
    place: placeOf(issuingBody),
    authority: isCommittee(issuingBody) ? "TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG" : "",
    // The one who signs for the Office is not a participant of the dossier.
    signer: "",
    recipients: [...seen.map((u) => `- ${u};`), "- Lưu: VT."].join("\n"),
  };
}

export interface NoticeFacts {
  issuingBody: string;
  draftingUnit: string;
  chairName: string;
  dossierTitle: string;
  conclusion: ConclusionInfo;
  notice: ConclusionNoticeInfo;
}

export interface NoticeLayout extends IssuedLayout {
  intro: string;
  /** The conclusion's own text, a paragraph a line. */
  paragraphs: string[];
  /** The line leading into the numbered directives; "" when there are none. */
  directivesLead: string;
  directives: { number: number; text: string }[];
  deadline: string;
  closing: string;
}

const lines = (text: string) =>
  text
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter(Boolean);

export function noticeLayout(f: NoticeFacts): NoticeLayout {
  const { conclusion: c, notice: n } = f;
  const title = f.dossierTitle.normalize("NFC").trim();
  const base = issuedLayout({
    issuingBody: f.issuingBody,
    symbol: n.symbol,
    documentType: NOTICE_TYPE,
    title,
    place: n.place,
    issuedAt: n.at,
    authority: n.authority,
    signer: n.signer,
    recipients: n.recipients,
  });
  const who = f.chairName.trim() || "Chủ tọa";
  const drafting = f.draftingUnit.trim();
  return {
    ...base,
    summary: noticeSummary(f.issuingBody, f.chairName, title),
    intro:
      `${capitalize(officialDay(c.at))}, ${who} kết luận về dự thảo ${title}` +
      (drafting ? ` do ${drafting} chủ trì soạn thảo` : "") +
      ". Nội dung kết luận như sau:",
    paragraphs: lines(c.text),
    directivesLead: c.directives.length
      ? `Yêu cầu ${drafting || "cơ quan soạn thảo"} tiếp thu, hoàn thiện dự thảo, tập trung vào các nội dung sau:`
      : "",
    directives: c.directives.map((d) => ({ number: d.number, text: d.text })),
    deadline: c.revision_deadline !== null ? `Thời hạn hoàn thiện dự thảo: trước ${deadlineWords(c.revision_deadline)}.` : "",
    closing: `${f.issuingBody.normalize("NFC").trim()} thông báo để các cơ quan, đơn vị liên quan biết, thực hiện./.`,
  };
}

/** "17:00 ngày 15/12/2026", Vietnam time. */
function deadlineWords(at: number): string {
  const [time, date] = formatDateTime(at, "vi").split(" ");
  return `${time} ngày ${date}`;
}

function capitalize(s: string): string {
  return s.charAt(0).toLocaleUpperCase("vi") + s.slice(1);
}

/** A notice by its number in the register and the year it was given in. */
export function findNotice(
  conclusions: readonly ConclusionInfo[] | undefined,
  year: number,
  number: number,
): { conclusion: ConclusionInfo; notice: ConclusionNoticeInfo } | null {
  for (const conclusion of conclusions ?? [])
    for (const notice of conclusion.notices) if (notice.year === year && notice.number === number) return { conclusion, notice };
  return null;
}

/** Where a notice's printable page is. */
export function noticePath(dossier: number, notice: { year: number; number: number }): string {
  return `/dossiers/${dossier}/notices/${notice.year}/${notice.number}`;
}
