// Each directive beside the change that carries it out: the redline from
// the version concluded on to the latest one, cut down to the blocks the
// drafting unit named when marking it done and those the directive pointed
// at (while the latest version still has them), so the chair reads what
// changed for this directive and nothing else.
import type { DirectiveInfo } from "../protocol";
import type { Block } from "./document";
import type { DraftVersion } from "./history";

/** The block ids a directive's redline shows, each once: the marked ones first. */
export function directiveBlockIds(directive: DirectiveInfo, latest: readonly Block[]): number[] {
  const present = new Set(latest.flatMap((b) => (b.id ? [b.id] : [])));
  const ids: number[] = [];
  const add = (id: number) => {
    if (!ids.includes(id)) ids.push(id);
  };
  for (const id of directive.done?.blocks ?? []) add(id);
  for (const id of directive.blocks) if (present.has(id)) add(id);
  return ids;
}

export interface DirectiveRedline {
  before: Block[];
  after: Block[];
  beforeVersion: number;
  afterVersion: number;
}

/**
 * The two sides of a directive's redline, each in its version's order;
 * null when there is nothing to compare: no newer version than the one
 * concluded on, or no block to show.
 */
export function directiveRedline(
  directive: DirectiveInfo,
  versions: readonly DraftVersion[],
  concludedOn: number,
): DirectiveRedline | null {
  const before = versions.find((v) => v.number === concludedOn);
  const after = versions[versions.length - 1];
  if (!before || !after || after.number <= before.number) return null;
  const ids = new Set(directiveBlockIds(directive, after.blocks));
  if (ids.size === 0) return null;
  const pick = (blocks: readonly Block[]) => blocks.filter((b) => b.id !== undefined && ids.has(b.id));
  const sides = { before: pick(before.blocks), after: pick(after.blocks) };
  if (sides.before.length === 0 && sides.after.length === 0) return null;
  return { ...sides, beforeVersion: before.number, afterVersion: after.number };
}
