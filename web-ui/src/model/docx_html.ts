// A Word document as blocks. mammoth turns the .docx into plain semantic
// HTML (headings, paragraphs, lists, tables); this reads that HTML's
// structure and text only, so no markup, style or script from a file ever
// reaches the page.
import { BULLET_MARKER, lineBlock, type Block } from "./document";

const clean = (text: string | null) => (text ?? "").replace(/\s+/g, " ").trim().normalize("NFC");

/** The text of an element without the lists nested in it. */
function ownText(el: Element): string {
  let text = "";
  for (const node of Array.from(el.childNodes)) {
    if (node.nodeType === 3) text += node.textContent ?? "";
    else if (node.nodeType === 1 && !["OL", "UL"].includes((node as Element).tagName)) text += ownText(node as Element);
  }
  return text;
}

function list(el: Element, depth: number, prefix: string, out: Block[]) {
  const ordered = el.tagName === "OL";
  let n = 0;
  for (const li of Array.from(el.children)) {
    if (li.tagName !== "LI") continue;
    n++;
    const marker = ordered ? `${prefix}${n}.` : BULLET_MARKER;
    const text = clean(ownText(li));
    if (text) out.push({ kind: "item", level: Math.min(depth, 3), marker, text });
    for (const nested of Array.from(li.children))
      if (nested.tagName === "OL" || nested.tagName === "UL")
        list(nested, depth + 1, ordered ? `${prefix}${n}.` : prefix, out);
  }
}

function table(el: Element): Block | null {
  const rows: string[][] = [];
  for (const tr of Array.from(el.querySelectorAll("tr"))) {
    const cells = Array.from(tr.children)
      .filter((c) => c.tagName === "TD" || c.tagName === "TH")
      .map((c) => clean(c.textContent));
    if (cells.some((c) => c)) rows.push(cells);
  }
  return rows.length ? { kind: "table", level: 0, marker: "", text: "", rows } : null;
}

function walk(el: Element, out: Block[]) {
  for (const child of Array.from(el.children)) {
    const tag = child.tagName;
    const heading = /^H([1-6])$/.exec(tag);
    if (heading) {
      const text = clean(child.textContent);
      if (!text) continue;
      // "I. MỤC ĐÍCH" styled as a heading keeps its numeral as the marker.
      const read = lineBlock(text);
      out.push(
        read.kind === "heading" && read.marker
          ? read
          : { kind: "heading", level: Math.min(Number(heading[1]), 3), marker: "", text },
      );
    } else if (tag === "P") {
      const text = clean(child.textContent);
      if (text) out.push(lineBlock(text));
    } else if (tag === "OL" || tag === "UL") {
      list(child, 1, "", out);
    } else if (tag === "TABLE") {
      const t = table(child);
      if (t) out.push(t);
    } else {
      walk(child, out);
    }
  }
}

export function blocksFromHtml(html: string, parse: (html: string) => Document): Block[] {
  const out: Block[] = [];
  walk(parse(html).body, out);
  return out;
}
