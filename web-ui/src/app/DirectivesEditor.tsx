// The chair's numbered directives, written with the conclusion: rows to
// add, reorder and remove, each pointing, where the chair wants, at blocks
// of the version concluded on and at comments made on it. A refusal is
// shown by the row and the part of it the server's pointer names.
import { useRef } from "preact/hooks";
import type { Block } from "../model/document";
import { directiveRowOf, emptyDirective, moveRow, removeRow, toggleId, type DirectiveDraft } from "../model/directives";
import type { CommentInfo } from "../protocol";
import { BlockChecklist } from "./BlockChecklist";
import { FormError } from "./FormError";
import { useLang } from "./lang_context";
import type { NameLookup } from "./session_context";
import type { CommandError } from "./use_command";

/** A row with a key of its own, so moving it keeps what is typed in it. */
export interface DirectiveRow extends DirectiveDraft {
  key: number;
}

const SNIPPET = 60;
const snippet = (text: string) => {
  const chars = [...text.trim()];
  return chars.length > SNIPPET ? `${chars.slice(0, SNIPPET).join("")}…` : chars.join("");
};

export function DirectivesEditor(props: {
  input: string;
  legend: string;
  rows: DirectiveRow[];
  onChange: (rows: DirectiveRow[]) => void;
  blocks: readonly Block[];
  comments: readonly CommentInfo[];
  names: NameLookup;
  error: CommandError | null;
}) {
  const { t } = useLang();
  const nextKey = useRef(props.rows.reduce((m, r) => Math.max(m, r.key), 0) + 1);
  const { rows, onChange, error } = props;
  const at = error ? directiveRowOf(error.pointer, props.input) : null;
  const listError = error && error.field === props.input && !at ? error : null;
  const comments = props.comments.filter((c) => !c.withdrawn);
  const set = (i: number, change: Partial<DirectiveDraft>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...change } : r)));

  return (
    <fieldset class="directives-editor" aria-invalid={listError ? "true" : undefined}>
      <legend>{props.legend}</legend>
      {rows.length === 0 && <p class="hint">{t("directivesNone")}</p>}
      <ol class="directive-rows">
        {rows.map((row, i) => {
          const n = i + 1;
          const id = `directive-${props.input}-${row.key}`;
          const rowError = at && at.row === i ? error : null;
          const part = rowError ? at!.part : null;
          return (
            <li key={row.key} class="directive-row">
              <div class="directive-row-head">
                <label for={`${id}-text`}>{t("directiveNumber", { number: n })}</label>
                <span class="row-tools">
                  <button type="button" class="secondary small" disabled={i === 0} aria-label={t("directiveMoveUp", { number: n })} onClick={() => onChange(moveRow(rows, i, i - 1))}>
                    ↑
                  </button>
                  <button
                    type="button"
                    class="secondary small"
                    disabled={i === rows.length - 1}
                    aria-label={t("directiveMoveDown", { number: n })}
                    onClick={() => onChange(moveRow(rows, i, i + 1))}
                  >
                    ↓
                  </button>
                  <button type="button" class="secondary small" aria-label={t("directiveRemove", { number: n })} onClick={() => onChange(removeRow(rows, i))}>
                    ✕
                  </button>
                </span>
              </div>
              <textarea
                id={`${id}-text`}
                rows={2}
                value={row.text}
                aria-invalid={part === "text" || part === "" ? "true" : undefined}
                onInput={(e) => set(i, { text: e.currentTarget.value })}
              />
              {(part === "text" || part === "") && <FormError error={rowError} />}
              <details class="directive-pointers" open={part === "blocks" || undefined}>
                <summary>{t("directiveBlocksPick", { count: row.blocks.length })}</summary>
                {props.blocks.length === 0 ? (
                  <p class="empty">{t("directiveNoBlocks")}</p>
                ) : (
                  <BlockChecklist
                    blocks={props.blocks}
                    chosen={row.blocks}
                    onChange={(blocks) => set(i, { blocks })}
                    legend={t("directiveBlocksPick", { count: row.blocks.length })}
                    invalid={part === "blocks"}
                  >
                    {part === "blocks" && <FormError error={rowError} />}
                  </BlockChecklist>
                )}
              </details>
              <details class="directive-pointers" open={part === "comments" || undefined}>
                <summary>{t("directiveCommentsPick", { count: row.comments.length })}</summary>
                {comments.length === 0 ? (
                  <p class="empty">{t("directiveNoComments")}</p>
                ) : (
                  <fieldset class="block-checklist" aria-invalid={part === "comments" ? "true" : undefined}>
                    <legend>{t("directiveCommentsPick", { count: row.comments.length })}</legend>
                    <div class="checklist-scroll">
                      {comments.map((c) => (
                        <label key={c.id} class="check">
                          <input
                            type="checkbox"
                            checked={row.comments.includes(c.id)}
                            onChange={(e) => set(i, { comments: toggleId(row.comments, c.id, e.currentTarget.checked) })}
                          />
                          <span>
                            {t("directiveCommentOption", {
                              id: c.id,
                              author: props.names.user(c.author),
                              unit: props.names.unit(c.unit),
                              snippet: snippet(c.text),
                            })}
                          </span>
                        </label>
                      ))}
                    </div>
                    {part === "comments" && <FormError error={rowError} />}
                  </fieldset>
                )}
              </details>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        class="secondary"
        onClick={() => onChange([...rows, { ...emptyDirective(), key: nextKey.current++ }])}
      >
        {t("directivesAdd")}
      </button>
      {listError && <FormError error={listError} />}
    </fieldset>
  );
}
