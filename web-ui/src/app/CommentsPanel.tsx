import { useState } from "preact/hooks";
import { formatDateTime, formatNumber } from "../i18n";
import type { CommentEntry, CommentThread } from "../model/history";
import { dispositionLabel } from "../model/timeline";
import type { PlanflowClient } from "../protocol";
import { FormError, FormLevelError } from "./FormError";
import { useLang } from "./lang_context";
import type { NameLookup } from "./session_context";
import { useCommand } from "./use_command";

interface Props {
  client: PlanflowClient;
  dossier: number;
  threads: CommentThread[];
  canComment: boolean;
  canDispose: boolean;
  names: NameLookup;
}

export function CommentsPanel(props: Props) {
  const { t, lang } = useLang();
  const count = props.threads.reduce((n, th) => n + 1 + th.replies.length, 0);
  const undisposed = props.threads.filter((th) => !th.comment.disposition).length;
  return (
    <section class="panel" aria-labelledby="comments-title">
      <div class="section-head">
        <h2 id="comments-title">{t("commentsTitle")}</h2>
        <span class="count">{t("commentsCount", { count: formatNumber(count, lang) })}</span>
        {props.threads.length > 0 && <a href={`/dossiers/${props.dossier}/dispositions`}>{t("tableOpen")}</a>}
      </div>
      {props.canDispose && undisposed > 0 && (
        <p class="notice">{t("undisposedCount", { count: formatNumber(undisposed, lang) })}</p>
      )}
      {props.threads.length === 0 && <p class="empty">{t("commentsNone")}</p>}
      <ol class="threads" aria-live="polite" aria-relevant="additions">
        {props.threads.map((th) => (
          <li key={th.comment.id} class="thread">
            <CommentView {...props} comment={th.comment} top />
            {th.replies.length > 0 && (
              <ol class="replies">
                {th.replies.map((r) => (
                  <li key={r.id}>
                    <CommentView {...props} comment={r} top={false} />
                  </li>
                ))}
              </ol>
            )}
          </li>
        ))}
      </ol>
      {props.canComment && <CommentForm client={props.client} dossier={props.dossier} replyTo={0} />}
    </section>
  );
}

function CommentView(props: Props & { comment: CommentEntry; top: boolean }) {
  const { t, lang } = useLang();
  const { comment: c, names } = props;
  const [replying, setReplying] = useState(false);
  const [disposing, setDisposing] = useState(false);
  return (
    <article class="comment" id={`comment-${c.id}`} aria-labelledby={`comment-${c.id}-head`}>
      <header id={`comment-${c.id}-head`}>
        <strong>{t("commentNumber", { id: c.id })}</strong>{" "}
        <span class="meta">
          {t("commentMeta", {
            name: names.user(c.author),
            unit: names.unit(c.unit),
            time: formatDateTime(c.at, lang),
          })}
          {c.onVersion > 0 && <> · {t("commentOnVersion", { number: c.onVersion })}</>}
          {c.recordedBy > 0 && <> · {t("meetingRecordedBy", { name: names.user(c.recordedBy) })}</>}
        </span>
      </header>
      <p class="comment-text">{c.text}</p>
      {props.top && (
        <p class={c.disposition ? `disposition disposition-${c.disposition}` : "disposition undisposed"}>
          {c.disposition ? (
            <>
              <strong>{dispositionLabel(c.disposition, lang)}</strong>
              {c.explanation && <>: {c.explanation}</>}
            </>
          ) : (
            t("commentUndisposed")
          )}
        </p>
      )}
      <div class="buttons">
        {props.canComment && !replying && (
          <button type="button" class="secondary small" onClick={() => setReplying(true)}>
            {t("commentReply")}
          </button>
        )}
        {props.top && props.canDispose && !disposing && (
          <button type="button" class="secondary small" onClick={() => setDisposing(true)}>
            {t("commentDispose")}
          </button>
        )}
      </div>
      {replying && (
        <CommentForm client={props.client} dossier={props.dossier} replyTo={c.id} onDone={() => setReplying(false)} />
      )}
      {disposing && (
        <DisposeForm client={props.client} dossier={props.dossier} comment={c} onDone={() => setDisposing(false)} />
      )}
    </article>
  );
}

function CommentForm(props: { client: PlanflowClient; dossier: number; replyTo: number; onDone?: () => void }) {
  const { t } = useLang();
  const { run, busy, error } = useCommand(props.client);
  const [text, setText] = useState("");
  const id = `comment-form-${props.replyTo}`;
  async function submit(e: Event) {
    e.preventDefault();
    const command: Record<string, unknown> = { type: "add_comment", text: text.normalize("NFC") };
    if (props.replyTo) command.reply_to = props.replyTo;
    if (await run({ dossier: props.dossier }, command as { type: string })) {
      setText("");
      props.onDone?.();
    }
  }
  return (
    <form class="comment-form" onSubmit={submit} noValidate>
      <label for={id}>{props.replyTo ? t("commentReplyLabel", { id: props.replyTo }) : t("commentNew")}</label>
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

const DISPOSITIONS = ["accepted", "partly_accepted", "not_accepted", "noted"] as const;

function DisposeForm(props: { client: PlanflowClient; dossier: number; comment: CommentEntry; onDone: () => void }) {
  const { t, lang } = useLang();
  const { run, busy, error } = useCommand(props.client);
  const [disposition, setDisposition] = useState<string>(props.comment.disposition ?? "accepted");
  const [explanation, setExplanation] = useState(props.comment.explanation);
  const base = `dispose-${props.comment.id}`;
  async function submit(e: Event) {
    e.preventDefault();
    const ok = await run(
      { dossier: props.dossier },
      { type: "dispose_comment", comment_id: props.comment.id, disposition, explanation: explanation.normalize("NFC") },
    );
    if (ok) props.onDone();
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
      <FormLevelError error={error} fields={["disposition", "explanation"]} />
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
