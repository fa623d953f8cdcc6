// The disposition table (Bảng tổng hợp, tiếp thu, giải trình ý kiến góp ý):
// one row per comment, in the order they were made, with what it was about,
// who made it for which unit, and how the drafting unit answered it. Replies
// are discussion, not comments to answer, and stay out.
import { translate, type Lang } from "../i18n";
import type { CommentThread } from "./history";
import { dispositionLabel } from "./timeline";

export interface DispositionRow {
  no: number;
  commentId: number;
  /** The part of the draft the comment is about; "" for the draft as a whole. */
  content: string;
  comment: string;
  unit: string;
  author: string;
  disposition: string;
  explanation: string;
}

export interface RowNames {
  user: (id: number) => string;
  unit: (id: number) => string;
}

export function dispositionRows(threads: readonly CommentThread[], names: RowNames, lang: Lang): DispositionRow[] {
  return threads.map(({ comment: c }, i) => ({
    no: i + 1,
    commentId: c.id,
    content: "",
    comment: c.text,
    unit: names.unit(c.unit),
    author: names.user(c.author),
    disposition: c.disposition ? dispositionLabel(c.disposition, lang) : translate(lang, "commentUndisposed"),
    explanation: c.explanation,
  }));
}

/** The column headings, in the table's order. */
export function dispositionHeadings(lang: Lang): string[] {
  return [
    translate(lang, "tableNo"),
    translate(lang, "tableContent"),
    translate(lang, "tableComment"),
    translate(lang, "tableUnit"),
    translate(lang, "tableDisposition"),
  ];
}

/** Each row as the table's cells: the person beside the unit, the explanation after the outcome. */
export function dispositionCells(row: DispositionRow, lang: Lang): string[] {
  return [
    String(row.no),
    row.content || translate(lang, "tableWholeDraft"),
    row.comment,
    `${row.unit} (${row.author})`,
    row.explanation ? `${row.disposition}: ${row.explanation}` : row.disposition,
  ];
}
