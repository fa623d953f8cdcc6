// The latest version read with its comments: each block followed by the
// threads about it, the passages commented on marked in its text, and, for
// those who may comment, "Góp ý" on the block and "Góp ý đoạn đã chọn" once
// a passage of it is selected. Offsets are taken from the DOM selection and
// turned into the engine's code points (model/comments.ts).
import { useEffect, useState } from "preact/hooks";
import {
  blockLabelOf,
  markPassages,
  passageAnchor,
  passagesOf,
  type CommentLayout,
  type PassageAnchor,
  type Thread,
} from "../model/comments";
import type { Block } from "../model/document";
import { CommentForm, ThreadList, type CommentContext } from "./CommentThread";
import { BlockView } from "./DraftView";
import { useLang } from "./lang_context";

export function AnchoredDraft(props: { ctx: CommentContext; blocks: readonly Block[]; layout: CommentLayout }) {
  const selected = useSelectedPassage(props.blocks);
  return (
    <article class="document anchored">
      {props.blocks.map((b, i) => (
        <AnchoredBlock
          key={b.id ?? `new-${i}`}
          ctx={props.ctx}
          block={b}
          threads={b.id !== undefined ? (props.layout.byBlock.get(b.id) ?? []) : []}
          selected={selected && selected.block === b.id ? selected : null}
        />
      ))}
    </article>
  );
}

type Composing = { kind: "block" } | PassageAnchor | null;

function AnchoredBlock(props: { ctx: CommentContext; block: Block; threads: Thread[]; selected: PassageAnchor | null }) {
  const { t, lang } = useLang();
  const { block, ctx } = props;
  const [composing, setComposing] = useState<Composing>(null);
  const id = block.id;
  if (id === undefined) return <BlockView block={block} />;
  const label = blockLabelOf(block, lang);
  const text =
    block.kind === "table" ? undefined : (
      <span class="block-text" data-block-text={id}>
        {markPassages(block.text, passagesOf(props.threads)).map((s, i) =>
          s.comments.length ? (
            <mark key={i} class="passage" title={s.comments.map((c) => t("commentNumber", { id: c })).join(", ")}>
              {s.text}
            </mark>
          ) : (
            s.text
          ),
        )}
      </span>
    );
  return (
    <section class="anchored-block" data-block={id} aria-label={label}>
      <BlockView block={block} text={text} />
      {ctx.canComment && (
        <div class="block-tools no-print">
          <button
            type="button"
            class="secondary small"
            aria-label={t("commentOnBlockLabel", { block: label })}
            onClick={() => setComposing({ kind: "block" })}
          >
            {t("commentOnBlock")}
          </button>
          {props.selected && (
            <button
              type="button"
              class="small"
              // Keep the selection: pressing the button must not clear what it is about.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => setComposing(props.selected)}
            >
              {t("commentOnSelection")}
            </button>
          )}
        </div>
      )}
      {composing && (
        <CommentForm
          key={composing.kind === "passage" ? `p${composing.start}-${composing.end}` : "b"}
          ctx={ctx}
          replyTo={0}
          anchor={composing.kind === "passage" ? composing : { kind: "block", block: id }}
          target={composing.kind === "passage" ? `“${composing.quote}”` : label}
          onDone={() => setComposing(null)}
        />
      )}
      {props.threads.length > 0 && (
        <div class="block-comments">
          <ThreadList ctx={ctx} threads={props.threads} />
        </div>
      )}
    </section>
  );
}

/** The passage selected now inside one block's text, as an anchor; null for none. */
function useSelectedPassage(blocks: readonly Block[]): PassageAnchor | null {
  const [selected, setSelected] = useState<PassageAnchor | null>(null);
  useEffect(() => {
    function update() {
      const sel = document.getSelection();
      if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return setSelected(null);
      const range = sel.getRangeAt(0);
      const holder = textHolder(range.startContainer);
      // A selection across blocks is about none of them alone.
      if (!holder || holder !== textHolder(range.endContainer)) return setSelected(null);
      const id = Number(holder.dataset.blockText);
      const block = blocks.find((b) => b.id === id);
      if (!block) return setSelected(null);
      const before = document.createRange();
      before.selectNodeContents(holder);
      before.setEnd(range.startContainer, range.startOffset);
      const from = before.toString().length;
      setSelected(passageAnchor(id, block.text, from, from + range.toString().length));
    }
    document.addEventListener("selectionchange", update);
    return () => document.removeEventListener("selectionchange", update);
  }, [blocks]);
  return selected;
}

function textHolder(node: Node): HTMLElement | null {
  const el = node instanceof HTMLElement ? node : node.parentElement;
  return el?.closest<HTMLElement>("[data-block-text]") ?? null;
}
