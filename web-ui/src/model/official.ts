// An issued document in the official layout of Nghị định 30/2020/NĐ-CP
// (Art. 8, Annex I): national title and motto, issuing body, number, place
// and date, type and summary, body, signer's authority and name, and the
// recipients. And the format check (thể thức) the clerk reads before
// issuing: each element missing or malformed, in plain words.

/** Annex III: the names of document types by their abbreviation. */
export const DOCUMENT_TYPES: Record<string, string> = {
  NQ: "Nghị quyết", QĐ: "Quyết định", CT: "Chỉ thị", QC: "Quy chế", QyĐ: "Quy định",
  TC: "Thông cáo", TB: "Thông báo", HD: "Hướng dẫn", CTr: "Chương trình", KH: "Kế hoạch",
  PA: "Phương án", ĐA: "Đề án", DA: "Dự án", BC: "Báo cáo", BB: "Biên bản", TTr: "Tờ trình",
  HĐ: "Hợp đồng", CĐ: "Công điện", GM: "Giấy mời", GGT: "Giấy giới thiệu", PG: "Phiếu gửi",
  PC: "Phiếu chuyển", PB: "Phiếu báo", CV: "Công văn",
};

const VIETNAM_OFFSET_SECONDS = 7 * 3600;
const pad = (n: number) => String(n).padStart(2, "0");

/**
 * "Quảng Nam, ngày 30 tháng 7 năm 2013": days below 10, and the months
 * January and February, take a leading zero ("ngày 05 tháng 02 năm 2026"),
 * so no digit can be added later. Vietnam time.
 */
export function officialDate(place: string, unixSeconds: number): string {
  return `${place}, ${officialDay(unixSeconds)}`;
}

/** "ngày 05 tháng 02 năm 2026": the date of officialDate without the place, for a sentence. */
export function officialDay(unixSeconds: number): string {
  const d = new Date((unixSeconds + VIETNAM_OFFSET_SECONDS) * 1000);
  const day = d.getUTCDate();
  const month = d.getUTCMonth() + 1;
  const dd = day < 10 ? pad(day) : String(day);
  const mm = month <= 2 ? pad(month) : String(month);
  return `ngày ${dd} tháng ${mm} năm ${d.getUTCFullYear()}`;
}

/**
 * The issuing body in capitals, its superior body (where the name carries
 * one) on the line above: "Sở Nội vụ tỉnh Quảng Nam" → ["UBND TỈNH QUẢNG
 * NAM", "SỞ NỘI VỤ"]; a People's Committee stands alone on two lines.
 */
export function issuingBodyLines(name: string): string[] {
  const upper = name.normalize("NFC").toLocaleUpperCase("vi").trim();
  const committee = /^(ỦY BAN NHÂN DÂN)\s+(.+)$/.exec(upper);
  if (committee) return [committee[1]!, committee[2]!];
  const underProvince = /^(.+?)\s+(TỈNH|THÀNH PHỐ)\s+(.+)$/.exec(upper);
  if (underProvince) return [`UBND ${underProvince[2]} ${underProvince[3]}`, underProvince[1]!];
  return [upper];
}

export interface OfficialDocument {
  issuingBody: string;
  symbol: string;
  place: string;
  issuedAt: number | null;
  documentType: string;
  summary: string;
  authority: string;
  signer: string;
  recipients: string;
}

export type FormatProblem =
  | "noIssuingBody"
  | "noSymbol"
  | "symbolForm"
  | "symbolType"
  | "noPlace"
  | "unknownType"
  | "noSummary"
  | "noAuthority"
  | "authorityPrefix"
  | "noSigner"
  | "noRecipients"
  | "recipientsLuu";

const SYMBOL = /^(\d{2,})\/([^\s/-]+)-([^\s/]+)$/;
const AUTHORITY_PREFIX = /^(TM|KT|Q|TL|TUQ)\.\s/;

/**
 * The elements the clerk must see right before issuing. `symbol` may be
 * empty while the number is still to be given (it comes from the register
 * at issue); a symbol present must read "05/QĐ-UBND" with the type given.
 */
export function formatProblems(doc: OfficialDocument): FormatProblem[] {
  const problems: FormatProblem[] = [];
  if (!doc.issuingBody.trim()) problems.push("noIssuingBody");
  if (doc.symbol) {
    const m = SYMBOL.exec(doc.symbol);
    if (!m) problems.push("symbolForm");
    else if (doc.documentType !== "CV" && m[2] !== doc.documentType) problems.push("symbolType");
  }
  if (!doc.place.trim()) problems.push("noPlace");
  if (!(doc.documentType in DOCUMENT_TYPES)) problems.push("unknownType");
  if (!doc.summary.trim()) problems.push("noSummary");
  const authority = doc.authority.trim();
  if (!authority) problems.push("noAuthority");
  else {
    const lines = authority.split(/\n/).map((l) => l.trim()).filter(Boolean);
    // A collective body's document is signed "TM." (on behalf of); a deputy
    // signs "KT."; a lone title (CHỦ TỊCH) signs in their own right.
    if (lines.length > 1 && !AUTHORITY_PREFIX.test(lines[0]!)) problems.push("authorityPrefix");
  }
  if (!doc.signer.trim()) problems.push("noSigner");
  const recipients = doc.recipients.split(/\n/).map((l) => l.trim()).filter(Boolean);
  if (!recipients.length) problems.push("noRecipients");
  else if (!/^[-–+]?\s*Lưu:\s*VT\b/.test(recipients[recipients.length - 1]!)) problems.push("recipientsLuu");
  return problems;
}

/**
 * The summary (trích yếu) under the type name: the dossier title without
 * the type it starts with ("Kế hoạch đẩy mạnh ..." → "Đẩy mạnh ...").
 */
export function summaryOf(title: string, documentType: string): string {
  const type = DOCUMENT_TYPES[documentType];
  const t = title.normalize("NFC").trim();
  if (!type || !t.toLocaleLowerCase("vi").startsWith(type.toLocaleLowerCase("vi") + " ")) return t;
  const rest = t.slice(type.length).trim();
  return rest.charAt(0).toLocaleUpperCase("vi") + rest.slice(1);
}

/** "Ủy ban nhân dân tỉnh Quảng Nam" → "Quảng Nam": where the issuing body sits. */
export function placeOf(issuingBody: string): string {
  const m = /(?:tỉnh|thành phố)\s+(.+)$/iu.exec(issuingBody.normalize("NFC").trim());
  return m ? m[1]! : "";
}

/** What the clerk's issue form starts with: the usual values for this issuer. */
export function issueDefaults(issuingBody: string, chairName: string): Record<string, string> {
  const committee = /^ủy ban nhân dân/iu.test(issuingBody.normalize("NFC").trim());
  return {
    place: placeOf(issuingBody),
    authority: committee ? "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH" : "",
    signer: chairName,
    recipients: "- Như trên;\n- Lưu: VT.",
  };
}

const textLines = (text: string | undefined) =>
  (text ?? "").split("\n").map((l) => l.trim()).filter(Boolean);

/**
 * Every element of an issued document, in reading order, as the page and
 * the Word file both lay it out: one source, so the two cannot drift.
 */
export interface IssuedLayout {
  bodyLines: string[];
  numberLine: string;
  dateLine: string;
  typeName: string;
  summary: string;
  recipients: string[];
  authority: string[];
  signer: string;
}

export interface IssuedFacts {
  issuingBody: string;
  symbol: string;
  documentType: string;
  title: string;
  place: string;
  issuedAt: number;
  authority: string;
  signer: string;
  recipients: string;
}

export const NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
export const MOTTO = "Độc lập - Tự do - Hạnh phúc";

export function issuedLayout(f: IssuedFacts): IssuedLayout {
  const type = DOCUMENT_TYPES[f.documentType] ?? f.documentType;
  return {
    bodyLines: issuingBodyLines(f.issuingBody),
    numberLine: `Số: ${f.symbol}`,
    dateLine: officialDate(f.place, f.issuedAt),
    typeName: type.toLocaleUpperCase("vi"),
    summary: summaryOf(f.title, f.documentType),
    recipients: textLines(f.recipients),
    authority: textLines(f.authority),
    signer: f.signer.trim(),
  };
}

/** "2301/QĐ-UBND" → "2301-QĐ-UBND": a symbol as a file name. */
export function symbolFileName(symbol: string): string {
  return symbol.replace(/\//g, "-").replace(/[\\:*?"<>|\s]+/g, "_") || "van-ban";
}
