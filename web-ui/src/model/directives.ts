// The chair's directives (nội dung chỉ đạo) as the app handles them: the
// rows of the form that sends a draft back for revision, checked before
// they go and the server's refusal put back by the row it names; which
// conclusion is in force and how many of its directives are still open;
// and what marking one done must carry.
import type { ConclusionInfo, DirectiveInfo } from "../protocol";

/** One row of the directives editor. */
export interface DirectiveDraft {
  text: string;
  /** Block ids of the version being concluded on. */
  blocks: number[];
  /** Comment ids. */
  comments: number[];
}

export const emptyDirective = (): DirectiveDraft => ({ text: "", blocks: [], comments: [] });

/** The wire form (engine/command_json.cpp): numbered 1.. by position, empty lists left out. */
export interface DirectiveWire {
  text: string;
  blocks?: number[];
  comments?: number[];
}

export function directivesWire(drafts: readonly DirectiveDraft[]): DirectiveWire[] {
  return drafts.map((d) => {
    const out: DirectiveWire = { text: d.text.trim().normalize("NFC") };
    if (d.blocks.length) out.blocks = [...d.blocks];
    if (d.comments.length) out.comments = [...d.comments];
    return out;
  });
}

/** Rows whose text is blank, 0-based: the engine refuses them, so they are not sent. */
export function blankDirectiveRows(drafts: readonly DirectiveDraft[]): number[] {
  return drafts.flatMap((d, i) => (d.text.trim() ? [] : [i]));
}

/** `list` with the row at `from` moved to `to`; out-of-range moves change nothing. */
export function moveRow<T>(list: readonly T[], from: number, to: number): T[] {
  if (from < 0 || from >= list.length || to < 0 || to >= list.length || from === to) return [...list];
  const out = [...list];
  const [row] = out.splice(from, 1);
  out.splice(to, 0, row!);
  return out;
}

export function removeRow<T>(list: readonly T[], at: number): T[] {
  return list.filter((_, i) => i !== at);
}

/** `ids` with `id` added (kept in ascending order) or taken out. */
export function toggleId(ids: readonly number[], id: number, on: boolean): number[] {
  const rest = ids.filter((x) => x !== id);
  return on ? [...rest, id].sort((a, b) => a - b) : rest;
}

export interface DirectiveRowError {
  /** 0-based row. */
  row: number;
  /** The part of the row the error is about; "" for the row as a whole. */
  part: "text" | "blocks" | "comments" | "";
}

/**
 * The row a server error is about: "/command/inputs/directives/1/text" →
 * row 1, its text; "/command/inputs/directives/0/blocks/2" → row 0, its
 * blocks. null when the pointer names no row (the list as a whole).
 */
export function directiveRowOf(pointer: string | undefined, input: string): DirectiveRowError | null {
  const prefix = `/command/inputs/${input}/`;
  if (!pointer || !pointer.startsWith(prefix)) return null;
  const [row = "", part = ""] = pointer.slice(prefix.length).split("/");
  if (!/^\d+$/.test(row)) return null;
  const known = part === "text" || part === "blocks" || part === "comments";
  return { row: Number(row), part: known ? part : "" };
}

/** The conclusion the dossier works to now: the latest one. */
export function conclusionInForce(conclusions: readonly ConclusionInfo[] | undefined): ConclusionInfo | null {
  return conclusions && conclusions.length ? conclusions[conclusions.length - 1]! : null;
}

export function openDirectives(conclusion: ConclusionInfo | null): DirectiveInfo[] {
  return conclusion ? conclusion.directives.filter((d) => !d.done) : [];
}

/** What keeps a mark from being sent: it must name changed blocks or say how it was done. */
export function markDoneProblem(blocks: readonly number[], note: string): "needsBlockOrNote" | null {
  return blocks.length === 0 && !note.trim() ? "needsBlockOrNote" : null;
}

export function markDoneCommand(directive: number, blocks: readonly number[], note: string) {
  return { type: "mark_directive_done", directive, blocks: [...blocks], note: note.trim().normalize("NFC") };
}

/** The version a revision may be marked against exists only once a newer one than the concluded one is in. */
export function mayMarkYet(conclusion: ConclusionInfo, latestVersion: number): boolean {
  return latestVersion > conclusion.version;
}
