// A search hit's snippet as segments to render: plain text and the marked
// words, each as text (never markup). The server marks by Unicode code
// points; JavaScript strings count UTF-16 units, so the snippet is split by
// code points first.
import type { SearchHit } from "../protocol";

export interface Segment {
  text: string;
  mark: boolean;
}

/**
 * The snippet cut at its marks. Marks out of order, overlapping, empty or
 * beyond the snippet are clamped and merged rather than trusted: a bad mark
 * can lose a highlight, never text.
 */
export function snippetSegments(snippet: string, marks: readonly (readonly [number, number])[]): Segment[] {
  const chars = Array.from(snippet);
  const clamp = (n: number) => (Number.isFinite(n) ? Math.min(Math.max(Math.trunc(n), 0), chars.length) : 0);
  const ranges = marks
    .map(([b, e]) => [clamp(b), clamp(e)] as const)
    .filter(([b, e]) => e > b)
    .sort((x, y) => x[0] - y[0]);
  const out: Segment[] = [];
  const push = (text: string, mark: boolean) => {
    if (!text) return;
    const last = out[out.length - 1];
    if (last && last.mark === mark) last.text += text;
    else out.push({ text, mark });
  };
  let at = 0;
  for (const [b, e] of ranges) {
    if (e <= at) continue;
    const from = Math.max(b, at);
    push(chars.slice(at, from).join(""), false);
    push(chars.slice(from, e).join(""), true);
    at = e;
  }
  push(chars.slice(at).join(""), false);
  return out;
}

/** The i18n key and parameters that say what a hit is the text of. */
export function hitSourceKey(hit: Pick<SearchHit, "source" | "number">): {
  key: "searchInTitle" | "searchInSymbol" | "searchInVersion" | "searchInComment";
  number: number;
} {
  switch (hit.source) {
    case "symbol":
      return { key: "searchInSymbol", number: hit.number };
    case "version":
      return { key: "searchInVersion", number: hit.number };
    case "comment":
      return { key: "searchInComment", number: hit.number };
    default:
      return { key: "searchInTitle", number: hit.number };
  }
}

/** Where a hit leads: the dossier's page. */
export function hitHref(hit: Pick<SearchHit, "dossier">): string {
  return `/dossiers/${hit.dossier}`;
}

/**
 * The search page's address for a query; a blank query is the bare page. A
 * space at the end stays: it says the last word is complete, not a prefix,
 * and the box that follows the address must not lose it while one types.
 */
export function searchHref(text: string): string {
  const q = text.trimStart();
  return q ? `/search?q=${encodeURIComponent(q)}` : "/search";
}
