// Comments anchored to the draft, as the dossier page lays them out: each
// thread under the block it is about, the ones on the whole document and
// the outdated ones apart; passages marked in their block's text; and the
// numbers an anchor carries, which are the engine's (engine/anchor.h): code
// points of the block's NFC text, end exclusive, so they mean the same in
// the browser's UTF-16 strings and in the server's UTF-8.
import { translate, type Lang } from "../i18n";
import type { AbsorbingBlock, CommentInfo } from "../protocol";
import type { Block } from "./document";
import { BULLET_MARKER } from "./document";

/** Code points in `s`: astral characters (𠀀, emoji) count once, as the engine counts them. */
export function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

export interface PassageAnchor {
  kind: "passage";
  block: number;
  start: number;
  end: number;
  quote: string;
}

/**
 * The anchor for a selection of `text` (a block's text) from UTF-16 index
 * `from` to `to`, in either order. White space at the edges is left out, as
 * a reader selecting a phrase by dragging means the words; null when
 * nothing but white space was selected.
 */
export function passageAnchor(block: number, text: string, from: number, to: number): PassageAnchor | null {
  const nfc = text.normalize("NFC");
  let start = Math.max(0, Math.min(from, to, nfc.length));
  let end = Math.min(nfc.length, Math.max(from, to, 0));
  // Never split a surrogate pair: a selection edge inside one takes the whole character.
  if (start > 0 && isLowSurrogate(nfc.charCodeAt(start))) start--;
  if (end < nfc.length && isLowSurrogate(nfc.charCodeAt(end))) end++;
  while (start < end && /\s/.test(nfc[start]!)) start++;
  while (end > start && /\s/.test(nfc[end - 1]!)) end--;
  if (start === end) return null;
  const before = codePointLength(nfc.slice(0, start));
  const quote = nfc.slice(start, end);
  return { kind: "passage", block, start: before, end: before + codePointLength(quote), quote };
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

export interface Segment {
  text: string;
  /** The comments whose passage covers this segment; empty for plain text. */
  comments: number[];
}

/**
 * `text` cut where the passages begin and end, each piece with the comments
 * covering it. Ranges are in code points and may overlap; ranges beyond
 * the text are cut to it.
 */
export function markPassages(text: string, ranges: readonly { start: number; end: number; comment: number }[]): Segment[] {
  const points = [...text];
  const cuts = new Set<number>([0, points.length]);
  for (const r of ranges) {
    cuts.add(Math.min(Math.max(r.start, 0), points.length));
    cuts.add(Math.min(Math.max(r.end, 0), points.length));
  }
  const at = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < at.length; i++) {
    const a = at[i]!;
    const b = at[i + 1]!;
    if (a === b) continue;
    const comments = ranges.filter((r) => r.start <= a && r.end >= b).map((r) => r.comment);
    const piece = points.slice(a, b).join("");
    const last = out[out.length - 1];
    if (last && sameList(last.comments, comments)) last.text += piece;
    else out.push({ text: piece, comments });
  }
  return out;
}

function sameList(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export interface Thread {
  comment: CommentInfo;
  /** Replies to this comment, each with its own replies. */
  replies: Thread[];
}

/** Comments as threads: top-level ones in id order, each reply under the comment it answers. */
export function commentThreads(comments: readonly CommentInfo[]): Thread[] {
  const byId = new Map<number, Thread>();
  const roots: Thread[] = [];
  for (const c of [...comments].sort((a, b) => a.id - b.id)) {
    const thread: Thread = { comment: c, replies: [] };
    byId.set(c.id, thread);
    // A reply always answers an earlier comment; one that does not (a
    // corrupt history) is shown on its own rather than lost.
    const parent = c.reply_to ? byId.get(c.reply_to) : undefined;
    if (parent) parent.replies.push(thread);
    else roots.push(thread);
  }
  return roots;
}

export interface CommentLayout {
  /** Threads about a block of the latest version, by its id, in id order. */
  byBlock: Map<number, Thread[]>;
  /** Threads about the draft as a whole. */
  document: Thread[];
  /** Threads whose block or passage the latest version no longer has. */
  outdated: Thread[];
}

export function layOutComments(comments: readonly CommentInfo[]): CommentLayout {
  const layout: CommentLayout = { byBlock: new Map(), document: [], outdated: [] };
  for (const th of commentThreads(comments)) {
    const { place } = th.comment;
    if (place.outdated) layout.outdated.push(th);
    else if (place.block === null) layout.document.push(th);
    else {
      const list = layout.byBlock.get(place.block) ?? [];
      list.push(th);
      layout.byBlock.set(place.block, list);
    }
  }
  return layout;
}

/** The passages to mark in one block: its comments' current places, withdrawn ones left out. */
export function passagesOf(threads: readonly Thread[]): { start: number; end: number; comment: number }[] {
  return threads
    .map((th) => th.comment)
    .filter((c) => !c.withdrawn && c.anchor.kind === "passage" && c.place.start !== undefined && c.place.end !== undefined)
    .map((c) => ({ start: c.place.start!, end: c.place.end!, comment: c.id }));
}

const LABEL_WORDS = 8;

function firstWords(text: string, count: number): string {
  const words = text.split(/\s+/).filter(Boolean);
  return words.length > count ? `${words.slice(0, count).join(" ")}…` : words.join(" ");
}

/**
 * How a sentence names a block: by its number ("mục 2.3", "mục I"), else
 * a heading by its words, else its first words in quotes.
 */
export function blockLabel(b: { kind: string | null; marker: string | null; text: string | null }, lang: Lang): string {
  const marker = (b.marker ?? "").replace(/[.)]+$/, "");
  if (marker && b.marker !== BULLET_MARKER) return translate(lang, "blockNumbered", { number: marker });
  const words = firstWords(b.text ?? "", LABEL_WORDS);
  if (b.kind === "table") return translate(lang, "blockTable");
  if (!words) return translate(lang, "blockUnnamed");
  if (b.kind === "heading") return words;
  return `“${words}”`;
}

export function blockLabelOf(block: Block, lang: Lang): string {
  return blockLabel({ kind: block.kind, marker: block.marker, text: block.text }, lang);
}

/** "Đã tiếp thu tại: mục 2.3; “Rà soát vị trí…”"; "" when no block is named. */
export function absorbedText(blocks: readonly AbsorbingBlock[], lang: Lang): string {
  if (blocks.length === 0) return "";
  const labels = blocks.map((b) => blockLabel({ kind: b.kind, marker: b.marker, text: b.excerpt }, lang));
  return translate(lang, "absorbedAt", { blocks: labels.join("; ") });
}
