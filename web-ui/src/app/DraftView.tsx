import type { ComponentChildren } from "preact";
import type { Block } from "../model/document";

/** A draft read as a document. Text nodes only: nothing in a draft is markup. */
export function DraftView(props: { blocks: readonly Block[] }) {
  return (
    <article class="document">
      {props.blocks.map((b, i) => (
        <BlockView key={b.id ?? `new-${i}`} block={b} />
      ))}
    </article>
  );
}

/** `text`, when given, is shown in place of the block's words (marked passages, say). */
export function BlockView({ block, text }: { block: Block; text?: ComponentChildren }) {
  const words = text ?? block.text;
  switch (block.kind) {
    case "heading":
      if (block.level === 1 && !block.marker) return <h3 class="doc-title">{words}</h3>;
      return (
        <h4 class={`doc-h${Math.min(Math.max(block.level, 2), 3)}`}>
          {block.marker && <span class="marker">{block.marker} </span>}
          {words}
        </h4>
      );
    case "item":
      return (
        <p class={`doc-item depth-${Math.min(Math.max(block.level, 1), 3)}`}>
          <span class="marker">{block.marker}</span> {words}
        </p>
      );
    case "table":
      return <TableView rows={block.rows ?? []} />;
    default:
      return <p class="doc-p">{words}</p>;
  }
}

function TableView(props: { rows: string[][] }) {
  const [head, ...body] = props.rows;
  return (
    <table class="doc-table">
      {head && (
        <thead>
          <tr>
            {head.map((c, i) => (
              <th key={i} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
      )}
      <tbody>
        {body.map((row, r) => (
          <tr key={r}>
            {row.map((c, i) => (
              <td key={i}>{c}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
