// A correction (đính chính): an issued text never changes, so a mistake in
// it is put right by a new document that cites it by number and date.
import { DOCUMENT_TYPES } from "./official";

export interface CitedDocument {
  documentType: string;
  symbol: string;
  issuedAt: number;
  issuerName: string;
}

const VIETNAM_OFFSET_SECONDS = 7 * 3600;

/** "30/7/2013": how a citation gives the day a document was issued, Vietnam time. */
export function citationDate(unixSeconds: number): string {
  const d = new Date((unixSeconds + VIETNAM_OFFSET_SECONDS) * 1000);
  return `${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear()}`;
}

/** "Kế hoạch số 01/KH-UBND ngày 6/12/2026 của Ủy ban nhân dân tỉnh Quảng Nam". */
export function citation(doc: CitedDocument): string {
  const type = DOCUMENT_TYPES[doc.documentType] ?? doc.documentType;
  const of = doc.issuerName.trim() ? ` của ${doc.issuerName.trim()}` : "";
  return `${type} số ${doc.symbol} ngày ${citationDate(doc.issuedAt)}${of}`;
}

/**
 * The title a correction starts with, in the usual wording: a decision
 * (Quyết định) where the workflow has that type, otherwise its first type.
 */
export function correctionStart(doc: CitedDocument, documentTypes: readonly string[]) {
  const documentType = documentTypes.includes("QĐ") ? "QĐ" : (documentTypes[0] ?? "");
  const type = DOCUMENT_TYPES[documentType] ?? "Văn bản";
  return { documentType, title: `${type} về việc đính chính ${citation(doc)}` };
}
