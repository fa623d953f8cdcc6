// The redline between two versions of a draft. Blocks are paired by the ids
// the engine keeps stable across edits, so an edited paragraph shows its
// changed words rather than a deletion and an insertion; within a pair the
// words are compared (jsdiff, on NFC text, which keeps Vietnamese syllables
// whole). Versions from before blocks had ids are paired by their text.
import { diffArrays, diffWordsWithSpace } from "diff";
import { blockText, type Block } from "./document";

export interface WordChange {
  text: string;
  change: "same" | "added" | "removed";
}

export type RedlineRow =
  | { change: "same"; before: Block; after: Block }
  | { change: "changed"; before: Block; after: Block; words: WordChange[] }
  | { change: "added"; after: Block }
  | { change: "removed"; before: Block };

export function wordChanges(before: string, after: string): WordChange[] {
  return diffWordsWithSpace(before.normalize("NFC"), after.normalize("NFC")).map((c) => ({
    text: c.value,
    change: c.added ? "added" : c.removed ? "removed" : "same",
  }));
}

function sameContent(a: Block, b: Block): boolean {
  return a.kind === b.kind && a.level === b.level && blockText(a) === blockText(b);
}

function pair(before: Block, after: Block): RedlineRow {
  if (sameContent(before, after)) return { change: "same", before, after };
  return { change: "changed", before, after, words: wordChanges(blockText(before), blockText(after)) };
}

/** Rows in the newer version's order, each removed block where it stood. */
export function redline(before: readonly Block[], after: readonly Block[]): RedlineRow[] {
  const withIds = before.every((b) => b.id) && after.every((b) => b.id);
  return withIds ? byId(before, after) : byText(before, after);
}

function byId(before: readonly Block[], after: readonly Block[]): RedlineRow[] {
  const position = new Map(before.map((b, i) => [b.id!, i]));
  const kept = new Set(after.map((b) => b.id!));
  const rows: RedlineRow[] = [];
  let next = 0; // the first earlier block not yet placed
  const placeRemovedBefore = (limit: number) => {
    for (; next < limit; next++) if (!kept.has(before[next]!.id!)) rows.push({ change: "removed", before: before[next]! });
  };
  for (const b of after) {
    const at = position.get(b.id!);
    if (at === undefined) {
      rows.push({ change: "added", after: b });
      continue;
    }
    // A block moved back is shown where it now stands; only blocks still
    // ahead of it in the earlier version can be placed before it.
    if (at >= next) {
      placeRemovedBefore(at);
      next = at + 1;
    }
    rows.push(pair(before[at]!, b));
  }
  placeRemovedBefore(before.length);
  return rows;
}

function byText(before: readonly Block[], after: readonly Block[]): RedlineRow[] {
  const rows: RedlineRow[] = [];
  let i = 0;
  let j = 0;
  const parts = diffArrays([...before], [...after], { comparator: sameContent });
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k]!;
    const next = parts[k + 1];
    // A removal followed by an addition reads as an edit, block by block.
    if (part.removed && next?.added) {
      const n = Math.min(part.count!, next.count!);
      for (let x = 0; x < n; x++) rows.push(pair(before[i + x]!, after[j + x]!));
      for (let x = n; x < part.count!; x++) rows.push({ change: "removed", before: before[i + x]! });
      for (let x = n; x < next.count!; x++) rows.push({ change: "added", after: after[j + x]! });
      i += part.count!;
      j += next.count!;
      k++;
    } else if (part.removed) {
      for (let x = 0; x < part.count!; x++) rows.push({ change: "removed", before: before[i + x]! });
      i += part.count!;
    } else if (part.added) {
      for (let x = 0; x < part.count!; x++) rows.push({ change: "added", after: after[j + x]! });
      j += part.count!;
    } else {
      for (let x = 0; x < part.count!; x++) rows.push({ change: "same", before: before[i + x]!, after: after[j + x]! });
      i += part.count!;
      j += part.count!;
    }
  }
  return rows;
}

/** How much changed, for the summary line above a redline. */
export function redlineCounts(rows: readonly RedlineRow[]) {
  const counts = { same: 0, changed: 0, added: 0, removed: 0 };
  for (const r of rows) counts[r.change]++;
  return counts;
}
