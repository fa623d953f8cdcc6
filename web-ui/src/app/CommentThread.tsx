// One comment thread as the dossier page shows it, wherever it sits (under
// its block, with the whole draft's, among the outdated): who said it for
// which unit, what it was about, every earlier text, how it was answered and
// where the draft took it in, and the buttons its reader may use now.
import { useState } from "preact/hooks";
import { formatDateTime, formatNumber } from "../i18n";
import { absorbedText, blockLabelOf, type Thread } from "../model/comments";
import type { Block } from "../model/document";
import { dispositionLabel } from "../model/timeline";
import type { CommentAnchor, CommentInfo, PlanflowClient } from "../protocol";
import { ConfirmDialog } from "./ConfirmDialog";
import { FormError, FormLevelError } from "./FormError";
import { useLang } from "./lang_context";
import type { NameLookup } from "./session_context";
import { useCommand } from "./use_command";

/** What every comment on the page needs to know about the dossier and its reader. */
export interface CommentContext {
  client: PlanflowClient;
  dossier: number;
  canComment: boolean;
  canDispose: boolean;
  names: NameLookup;
  /** The latest version's blocks: what a disposition may name. */
  latestBlocks: readonly Block[];
}

export function ThreadList(props: { ctx: CommentContext; threads: readonly Thread[] }) {
  if (props.threads.length === 0) return null;
  return (
    <ol class="threads">
      {props.threads.map((th) => (
        <li key={th.comment.id} class="thread">
          <ThreadView ctx={props.ctx} thread={th} top />
        </li>
      ))}
    </ol>
  );
}

function ThreadView(props: { ctx: CommentContext; thread: Thread; top: boolean }) {
  const { thread } = props;
  return (
    <>
      <CommentCard ctx={props.ctx} comment={thread.comment} top={props.top} />
      {thread.replies.length > 0 && (
        <ol class="replies">
          {thread.replies.map((r) => (
            <li key={r.comment.id}>
              <ThreadView ctx={props.ctx} thread={r} top={false} />
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

type Open = "none" | "reply" | "edit" | "dispose";

function CommentCard(props: { ctx: CommentContext; comment: CommentInfo; top: boolean }) {
  const { t, lang } = useLang();
  const { ctx, comment: c } = props;
  const [open, setOpen] = useState<Open>("none");
  const [confirming, setConfirming] = useState(false);
  const withdraw = useCommand(ctx.client);
  const close = () => setOpen("none");
  const toggle = (which: Open) => setOpen(open === which ? "none" : which);

  async function doWithdraw() {
    setConfirming(false);
    await withdraw.run({ dossier: ctx.dossier }, { type: "withdraw_comment", comment_id: c.id });
  }

  return (
    <article
      class={`comment${c.withdrawn ? " withdrawn" : ""}${c.place.outdated ? " outdated" : ""}`}
      id={`comment-${c.id}`}
      aria-labelledby={`comment-${c.id}-head`}
    >
      <header id={`comment-${c.id}-head`}>
        <strong>{t("commentNumber", { id: c.id })}</strong>{" "}
        <span class="meta">
          {t("commentMeta", { name: ctx.names.user(c.author), unit: ctx.names.unit(c.unit), time: formatDateTime(c.at, lang) })}
          {c.on_version > 0 && <> · {t("commentOnVersion", { number: c.on_version })}</>}
          {c.recorded_by > 0 && <> · {t("meetingRecordedBy", { name: ctx.names.user(c.recorded_by) })}</>}
          {c.edited_at !== null && (
            <>
              {" · "}
              <span class="edited" title={formatDateTime(c.edited_at, lang)}>
                {t("commentEdited")}
              </span>
            </>
          )}
        </span>
        {c.withdrawn && <span class="badge withdrawn-badge">{t("commentWithdrawn")}</span>}
        {props.top && c.place.outdated && <span class="badge outdated-badge">{t("commentOutdated")}</span>}
      </header>
      {props.top && <AnchorNote comment={c} blocks={ctx.latestBlocks} />}
      <p class="comment-text">{c.text}</p>
      {c.edits.length > 0 && (
        <details class="comment-history">
          <summary>{t("commentHistory", { count: formatNumber(c.edits.length, lang) })}</summary>
          <ol>
            {c.edits.map((e, i) => (
              <li key={i}>
                <span class="meta">{t("commentHistoryAt", { time: formatDateTime(e.at, lang) })}</span>
                <p class="comment-text">{e.text}</p>
              </li>
            ))}
          </ol>
        </details>
      )}
      {props.top && !c.withdrawn && <DispositionNote comment={c} />}
      <div class="buttons">
        {ctx.canComment && !c.withdrawn && (
          <button type="button" class="secondary small" aria-expanded={open === "reply"} onClick={() => toggle("reply")}>
            {t("commentReply")}
          </button>
        )}
        {c.changeable && (
          <>
            <button type="button" class="secondary small" aria-expanded={open === "edit"} onClick={() => toggle("edit")}>
              {t("commentEdit")}
            </button>
            <button type="button" class="secondary small" disabled={withdraw.busy} onClick={() => setConfirming(true)}>
              {t("commentWithdraw")}
            </button>
          </>
        )}
        {props.top && ctx.canDispose && !c.withdrawn && (
          <button type="button" class="secondary small" aria-expanded={open === "dispose"} onClick={() => toggle("dispose")}>
            {t("commentDispose")}
          </button>
        )}
      </div>
      <FormError error={withdraw.error} />
      <ConfirmDialog
        open={confirming}
        message={t("commentWithdrawConfirm", { id: c.id })}
        onConfirm={() => void doWithdraw()}
        onCancel={() => setConfirming(false)}
      />
      {open === "reply" && <CommentForm ctx={ctx} replyTo={c.id} onDone={close} />}
      {open === "edit" && <EditForm ctx={ctx} comment={c} onDone={close} />}
      {open === "dispose" && <DisposeForm ctx={ctx} comment={c} onDone={close} />}
    </article>
  );
}

/** What a top-level comment is about: the passage it quotes, or for an outdated one the text it was made on. */
function AnchorNote(props: { comment: CommentInfo; blocks: readonly Block[] }) {
  const { t, lang } = useLang();
  const { anchor, place, on_version } = props.comment;
  if (place.outdated) {
    const words = place.block_text ? `${place.block_marker ? `${place.block_marker} ` : ""}${place.block_text}` : "";
    return (
      <div class="anchor-note outdated-note">
        <p>
          {place.quote
            ? t("commentOutdatedQuote", { quote: place.quote, number: on_version })
            : t("commentOutdatedBlock", { number: on_version })}
        </p>
        {words && <blockquote class="was-text">{words}</blockquote>}
      </div>
    );
  }
  if (anchor.kind === "passage") return <p class="anchor-note">{t("commentAboutPassage", { quote: anchor.quote })}</p>;
  if (anchor.kind === "block") {
    const block = props.blocks.find((b) => b.id === place.block);
    if (block) return <p class="anchor-note">{t("commentAboutBlock", { block: blockLabelOf(block, lang) })}</p>;
  }
  return null;
}

function DispositionNote(props: { comment: CommentInfo }) {
  const { t, lang } = useLang();
  const d = props.comment.disposition;
  if (!d) return <p class="disposition undisposed">{t("commentUndisposed")}</p>;
  const where = absorbedText(d.absorbed_in, lang);
  return (
    <div class={`disposition disposition-${d.disposition}`}>
      <p>
        <strong>{dispositionLabel(d.disposition, lang)}</strong>
        {d.explanation && <>: {d.explanation}</>}
      </p>
      {where && <p class="absorbed">{where}</p>}
    </div>
  );
}

export function CommentForm(props: {
  ctx: CommentContext;
  replyTo: number;
  anchor?: CommentAnchor;
  /** What the form is about, for its label: a block, a passage, the whole draft. */
  target?: string;
  onDone?: () => void;
}) {
  const { t } = useLang();
  const { run, busy, error } = useCommand(props.ctx.client);
  const [text, setText] = useState("");
  const a = props.anchor;
  const id = `comment-form-${props.replyTo}-${a && a.kind !== "document" ? `${a.block}-${a.kind === "passage" ? a.start : "b"}` : "d"}`;
  async function submit(e: Event) {
    e.preventDefault();
    const command: Record<string, unknown> = { type: "add_comment", text: text.normalize("NFC") };
    if (props.replyTo) command.reply_to = props.replyTo;
    if (a && a.kind !== "document") command.anchor = a;
    if (await run({ dossier: props.ctx.dossier }, command as { type: string })) {
      setText("");
      props.onDone?.();
    }
  }
  const label = props.replyTo
    ? t("commentReplyLabel", { id: props.replyTo })
    : props.target
      ? t("commentNewOn", { target: props.target })
      : t("commentOnDocument");
  return (
    <form class="comment-form" onSubmit={submit} noValidate>
      <label for={id}>{label}</label>
      {a?.kind === "passage" && <blockquote class="quote-preview">{a.quote}</blockquote>}
      <textarea
        id={id}
        rows={props.replyTo ? 2 : 3}
        value={text}
        aria-invalid={error ? "true" : undefined}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      <FormError error={error} field="text" />
      <FormLevelError error={error} fields={["text"]} />
      <div class="buttons">
        {props.onDone && (
          <button type="button" class="secondary" onClick={props.onDone}>
            {t("cancel")}
          </button>
        )}
        <button type="submit" disabled={busy} aria-busy={busy}>
          {busy ? t("sending") : props.replyTo ? t("commentReplySend") : t("commentSend")}
        </button>
      </div>
    </form>
  );
}

function EditForm(props: { ctx: CommentContext; comment: CommentInfo; onDone: () => void }) {
  const { t } = useLang();
  const { run, busy, error } = useCommand(props.ctx.client);
  const [text, setText] = useState(props.comment.text);
  const id = `edit-${props.comment.id}`;
  async function submit(e: Event) {
    e.preventDefault();
    const ok = await run(
      { dossier: props.ctx.dossier },
      { type: "edit_comment", comment_id: props.comment.id, text: text.normalize("NFC") },
    );
    if (ok) props.onDone();
  }
  return (
    <form class="comment-form" onSubmit={submit} noValidate>
      <label for={id}>{t("commentEditLabel", { id: props.comment.id })}</label>
      <textarea id={id} rows={3} value={text} aria-invalid={error ? "true" : undefined} onInput={(e) => setText(e.currentTarget.value)} />
      <FormError error={error} field="text" />
      <FormLevelError error={error} fields={["text"]} />
      <div class="buttons">
        <button type="button" class="secondary" onClick={props.onDone}>
          {t("cancel")}
        </button>
        <button type="submit" disabled={busy} aria-busy={busy}>
          {busy ? t("sending") : t("commentEditSave")}
        </button>
      </div>
    </form>
  );
}

const DISPOSITIONS = ["accepted", "partly_accepted", "not_accepted", "noted"] as const;
/** Only a comment taken in has a place in the draft (engine/disposition.h). */
const TAKEN_IN = new Set<string>(["accepted", "partly_accepted"]);

function DisposeForm(props: { ctx: CommentContext; comment: CommentInfo; onDone: () => void }) {
  const { t, lang } = useLang();
  const { run, busy, error } = useCommand(props.ctx.client);
  const previous = props.comment.disposition;
  const [disposition, setDisposition] = useState<string>(previous?.disposition ?? "accepted");
  const [explanation, setExplanation] = useState(previous?.explanation ?? "");
  const [blocks, setBlocks] = useState<number[]>(previous?.absorbed_in.filter((b) => b.current).map((b) => b.block) ?? []);
  const base = `dispose-${props.comment.id}`;
  const takenIn = TAKEN_IN.has(disposition);
  const choosable = props.ctx.latestBlocks.filter((b) => b.id !== undefined);

  function toggleBlock(id: number, on: boolean) {
    setBlocks((list) => (on ? [...list.filter((b) => b !== id), id] : list.filter((b) => b !== id)));
  }
  async function submit(e: Event) {
    e.preventDefault();
    const command: Record<string, unknown> = {
      type: "dispose_comment",
      comment_id: props.comment.id,
      disposition,
      explanation: explanation.normalize("NFC"),
    };
    // In the draft's order, whatever order they were ticked in.
    const chosen = choosable.map((b) => b.id!).filter((id) => blocks.includes(id));
    if (takenIn && chosen.length) command.absorbed_in = chosen;
    if (await run({ dossier: props.ctx.dossier }, command as { type: string })) props.onDone();
  }
  return (
    <form class="dispose-form" onSubmit={submit} noValidate>
      <label for={`${base}-disposition`}>{t("commentDisposition")}</label>
      <select id={`${base}-disposition`} value={disposition} onChange={(e) => setDisposition(e.currentTarget.value)}>
        {DISPOSITIONS.map((d) => (
          <option key={d} value={d}>
            {dispositionLabel(d, lang)}
          </option>
        ))}
      </select>
      <FormError error={error} field="disposition" />
      <label for={`${base}-explanation`}>{t("commentExplanation")}</label>
      <textarea
        id={`${base}-explanation`}
        rows={2}
        value={explanation}
        aria-invalid={error?.field === "explanation" ? "true" : undefined}
        onInput={(e) => setExplanation(e.currentTarget.value)}
      />
      <FormError error={error} field="explanation" />
      {takenIn && choosable.length > 0 && (
        <fieldset class="absorbing-blocks" aria-describedby={`${base}-blocks-hint`}>
          <legend>{t("commentAbsorbedPick")}</legend>
          <p class="hint" id={`${base}-blocks-hint`}>
            {t("commentAbsorbedHint")}
          </p>
          {choosable.map((b) => (
            <label key={b.id} class="check">
              <input type="checkbox" checked={blocks.includes(b.id!)} onChange={(e) => toggleBlock(b.id!, e.currentTarget.checked)} />{" "}
              {blockLabelOf(b, lang)}
            </label>
          ))}
          <FormError error={error} field="absorbed_in" />
        </fieldset>
      )}
      <FormLevelError error={error} fields={["disposition", "explanation", "absorbed_in"]} />
      <div class="buttons">
        <button type="button" class="secondary" onClick={props.onDone}>
          {t("cancel")}
        </button>
        <button type="submit" disabled={busy} aria-busy={busy}>
          {busy ? t("sending") : t("commentDisposeSave")}
        </button>
      </div>
    </form>
  );
}
