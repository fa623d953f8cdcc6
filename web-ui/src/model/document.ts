// A draft as a sequence of blocks, the shape the engine keeps versions in
// (docs/protocol.md): headings, paragraphs, numbered items and simple
// tables. The drafter writes or pastes plain text, read line by line the
// way Vietnamese administrative plans are laid out ("I. MỤC ĐÍCH, YÊU
// CẦU", "1. Mục đích", "a) ...", "- ..."), with tab-separated lines as
// table rows. Blocks are rendered as text nodes, so nothing in a draft can
// become markup.

export type BlockKind = "heading" | "paragraph" | "item" | "table";

export interface Block {
  /** Given by the engine, stable across versions; absent before submission. */
  id?: number;
  kind: BlockKind;
  /** Heading level or item depth, 1 to 3; 0 for paragraphs and tables. */
  level: number;
  marker: string;
  text: string;
  rows?: string[][];
}

const MARKDOWN_HEADING = /^(#{1,3})\s+(.+)$/;
const ROMAN = /^([IVXLC]+)[.)]\s+(.+)$/;
const NUMBERED = /^(\d+(?:\.\d+)*)[.)]\s+(.+)$/;
const LETTERED = /^([a-zđ])\)\s+(.+)$/;
const BULLET = /^[-+•*–]\s+(.+)$/;
export const BULLET_MARKER = "–";

/** A line in capitals ("KẾ HOẠCH", "MỤC ĐÍCH, YÊU CẦU") is a heading. */
function isCapitals(line: string): boolean {
  const letters = line.replace(/[^\p{L}]/gu, "");
  return (
    letters.length >= 3 &&
    letters === letters.toLocaleUpperCase("vi") &&
    letters !== letters.toLocaleLowerCase("vi")
  );
}

export function lineBlock(line: string): Block {
  let m: RegExpMatchArray | null;
  if ((m = line.match(MARKDOWN_HEADING))) return { kind: "heading", level: m[1]!.length, marker: "", text: m[2]! };
  if ((m = line.match(ROMAN))) return { kind: "heading", level: 2, marker: `${m[1]}.`, text: m[2]! };
  if ((m = line.match(NUMBERED)))
    return { kind: "item", level: Math.min(m[1]!.split(".").length, 3), marker: `${m[1]}.`, text: m[2]! };
  if ((m = line.match(LETTERED))) return { kind: "item", level: 2, marker: `${m[1]})`, text: m[2]! };
  if ((m = line.match(BULLET))) return { kind: "item", level: 3, marker: BULLET_MARKER, text: m[1]! };
  if (isCapitals(line)) return { kind: "heading", level: 1, marker: "", text: line };
  return { kind: "paragraph", level: 0, marker: "", text: line };
}

export function parseDraft(text: string): Block[] {
  const blocks: Block[] = [];
  let table: Block | null = null;
  for (const raw of text.normalize("NFC").split(/\r\n|\r|\n/)) {
    // A tab makes a table row; a blank line or any other line ends the table.
    if (raw.includes("\t") && raw.trim()) {
      const cells = raw.split("\t").map((c) => c.trim());
      if (!table) {
        table = { kind: "table", level: 0, marker: "", text: "", rows: [] };
        blocks.push(table);
      }
      table.rows!.push(cells);
      continue;
    }
    table = null;
    const line = raw.trim();
    if (line) blocks.push(lineBlock(line));
  }
  return blocks;
}

const cell = (text: string) => text.replace(/[\t\r\n]+/g, " ").trim();

/** Back to the text the editor shows; parseDraft reads it as the same blocks. */
export function blocksToText(blocks: readonly Block[]): string {
  const lines: string[] = [];
  blocks.forEach((b, i) => {
    const text = b.text.replace(/\s*[\r\n]+\s*/g, " ").trim();
    switch (b.kind) {
      case "table":
        if (i > 0) lines.push("");
        for (const row of b.rows ?? []) lines.push(row.map(cell).join("\t"));
        lines.push("");
        return;
      case "heading":
        if (b.marker) lines.push(`${b.marker} ${text}`);
        else if (b.level === 1 && isCapitals(text)) lines.push(text);
        else lines.push(`${"#".repeat(Math.min(Math.max(b.level, 1), 3))} ${text}`);
        return;
      case "item":
        lines.push(b.marker === BULLET_MARKER || !b.marker ? `- ${text}` : `${b.marker} ${text}`);
        return;
      default:
        lines.push(text);
    }
  });
  return lines.join("\n").replace(/\n{3,}/g, "\n\n").trim();
}

/** The words of a block, for comparing versions: a table reads row by row. */
export function blockText(b: Block): string {
  if (b.kind === "table") return (b.rows ?? []).map((r) => r.join(" | ")).join("\n");
  return b.marker ? `${b.marker} ${b.text}` : b.text;
}
