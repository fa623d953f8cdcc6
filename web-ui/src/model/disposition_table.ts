// The disposition table (Bảng tổng hợp, tiếp thu, giải trình ý kiến góp ý):
// one row per comment, in the order they were made, with what part of the
// draft it was about, who made it for which unit, how the drafting unit
// answered it and where the revised draft took it in. Replies are
// discussion, not comments to answer, and stay out; so do comments their
// authors withdrew, which need no answer.
import { translate, type Lang } from "../i18n";
import type { CommentInfo } from "../protocol";
import { absorbedText, blockLabelOf } from "./comments";
import type { DraftVersion } from "./history";
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
  /** "Đã tiếp thu tại: mục 2.3"; "" when no block was named. */
  absorbed: string;
}

export interface RowNames {
  user: (id: number) => string;
  unit: (id: number) => string;
}

/** What a comment was about, named from the version it was made on. */
function contentOf(c: CommentInfo, versions: readonly DraftVersion[], lang: Lang): string {
  const a = c.anchor;
  if (a.kind === "document") return "";
  const made = versions.find((v) => v.number === c.on_version);
  const block = made?.blocks.find((b) => b.id === a.block);
  const label = block ? blockLabelOf(block, lang) : "";
  if (a.kind === "block") return label;
  return label ? `${label}: “${a.quote}”` : `“${a.quote}”`;
}

export function dispositionRows(
  comments: readonly CommentInfo[],
  versions: readonly DraftVersion[],
  names: RowNames,
  lang: Lang,
): DispositionRow[] {
  return comments
    .filter((c) => c.reply_to === 0 && !c.withdrawn)
    .map((c, i) => ({
      no: i + 1,
      commentId: c.id,
      content: contentOf(c, versions, lang),
      comment: c.text,
      unit: names.unit(c.unit),
      author: names.user(c.author),
      disposition: c.disposition ? dispositionLabel(c.disposition.disposition, lang) : translate(lang, "commentUndisposed"),
      explanation: c.disposition?.explanation ?? "",
      absorbed: absorbedText(c.disposition?.absorbed_in ?? [], lang),
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

/** Each row as the table's cells: the person beside the unit, the explanation after the outcome, then where it was taken in. */
export function dispositionCells(row: DispositionRow, lang: Lang): string[] {
  const answer = row.explanation ? `${row.disposition}: ${row.explanation}` : row.disposition;
  return [
    String(row.no),
    row.content || translate(lang, "tableWholeDraft"),
    row.comment,
    `${row.unit} (${row.author})`,
    row.absorbed ? `${answer}\n${row.absorbed}` : answer,
  ];
}
