import { useEffect, useState } from "preact/hooks";
import { formatDateTime } from "../i18n";
import type { CommentLayout } from "../model/comments";
import { blocksToText, parseDraft } from "../model/document";
import type { DraftVersion } from "../model/history";
import type { PlanflowClient } from "../protocol";
import { AnchoredDraft } from "./AnchoredDraft";
import type { CommentContext } from "./CommentThread";
import { DocxImport } from "./DocxImport";
import { DraftView } from "./DraftView";
import { FormError, FormLevelError } from "./FormError";
import { useLang } from "./lang_context";
import { RedlineView } from "./RedlineView";
import type { NameLookup } from "./session_context";
import { useCommand } from "./use_command";

type Mode = "read" | "compare";

export function DraftPanel(props: {
  client: PlanflowClient;
  dossier: number;
  versions: DraftVersion[];
  canSubmit: boolean;
  names: NameLookup;
  /** The comments, shown under their blocks when the latest version is read. */
  commenting?: { ctx: CommentContext; layout: CommentLayout } | undefined;
}) {
  const { t } = useLang();
  const { versions } = props;
  const latest = versions[versions.length - 1];
  const [mode, setMode] = useState<Mode>("read");

  return (
    <section class="panel" aria-labelledby="draft-title">
      <div class="section-head">
        <h2 id="draft-title">{t("draftTitle")}</h2>
        {versions.length > 1 && (
          <div class="toggle" role="group" aria-label={t("draftModeLabel")}>
            {(["read", "compare"] as const).map((m) => (
              <button key={m} type="button" aria-pressed={mode === m} onClick={() => setMode(m)}>
                {m === "read" ? t("draftRead") : t("draftCompare")}
              </button>
            ))}
          </div>
        )}
      </div>
      {!latest && <p class="empty">{t("draftNone")}</p>}
      {latest && mode === "read" && <ReadVersion versions={versions} names={props.names} commenting={props.commenting} />}
      {latest && mode === "compare" && <CompareVersions versions={versions} />}
      {props.canSubmit && (
        <DraftEditor client={props.client} dossier={props.dossier} latest={latest ? blocksToText(latest.blocks) : ""} />
      )}
    </section>
  );
}

function VersionSelect(props: { id: string; label: string; versions: DraftVersion[]; value: number; onChange: (n: number) => void }) {
  const { t } = useLang();
  const latest = props.versions[props.versions.length - 1];
  return (
    <label class="inline" for={props.id}>
      {props.label}
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(Number(e.currentTarget.value))}>
        {[...props.versions].reverse().map((v) => {
          const label = t("draftVersion", { number: v.number });
          return (
            <option key={v.number} value={v.number}>
              {v === latest ? t("draftLatest", { label }) : label}
            </option>
          );
        })}
      </select>
    </label>
  );
}

function ReadVersion(props: {
  versions: DraftVersion[];
  names: NameLookup;
  commenting?: { ctx: CommentContext; layout: CommentLayout } | undefined;
}) {
  const { t, lang } = useLang();
  const latest = props.versions[props.versions.length - 1]!;
  const [shown, setShown] = useState(latest.number);
  // A new version arriving live is shown unless another was picked.
  useEffect(() => setShown(latest.number), [latest.number]);
  const version = props.versions.find((v) => v.number === shown) ?? latest;
  return (
    <>
      {props.versions.length > 1 && (
        <VersionSelect
          id="draft-version"
          label={t("draftChooseVersion")}
          versions={props.versions}
          value={version.number}
          onChange={setShown}
        />
      )}
      <p class="meta">
        <strong>{t("draftVersion", { number: version.number })}</strong>
        {version.summary && <> — {version.summary}</>}
        <br />
        {t("draftVersionBy", { time: formatDateTime(version.at, lang), name: props.names.user(version.author) })}
      </p>
      {props.commenting && version === latest ? (
        <AnchoredDraft ctx={props.commenting.ctx} blocks={version.blocks} layout={props.commenting.layout} />
      ) : (
        <DraftView blocks={version.blocks} />
      )}
    </>
  );
}

function CompareVersions(props: { versions: DraftVersion[] }) {
  const { t } = useLang();
  const n = props.versions.length;
  const [from, setFrom] = useState(props.versions[n - 2]!.number);
  const [to, setTo] = useState(props.versions[n - 1]!.number);
  const before = props.versions.find((v) => v.number === from)!;
  const after = props.versions.find((v) => v.number === to)!;
  return (
    <>
      <div class="compare-choice">
        <VersionSelect id="compare-from" label={t("draftCompareFrom")} versions={props.versions} value={from} onChange={setFrom} />
        <VersionSelect id="compare-to" label={t("draftCompareTo")} versions={props.versions} value={to} onChange={setTo} />
      </div>
      <RedlineView
        before={before.blocks}
        after={after.blocks}
        beforeLabel={t("draftVersion", { number: from })}
        afterLabel={t("draftVersion", { number: to })}
      />
    </>
  );
}

function DraftEditor(props: { client: PlanflowClient; dossier: number; latest: string }) {
  const { t } = useLang();
  const { run, busy, error } = useCommand(props.client);
  const [text, setText] = useState("");
  const [summary, setSummary] = useState("");
  const [preview, setPreview] = useState(false);
  // A revision starts from the version it revises: only when a first
  // version appears, never over what is being typed.
  useEffect(() => {
    if (!text && props.latest) setText(props.latest);
  }, [props.latest]);

  async function submit(e: Event) {
    e.preventDefault();
    const ok = await run(
      { dossier: props.dossier },
      // Blocks, not text: the engine keeps each block's id across versions,
      // which the redline and the comments on a block rely on.
      { type: "submit_version", blocks: parseDraft(text), summary: summary.normalize("NFC") },
    );
    if (ok) setSummary("");
  }

  return (
    <form class="editor" onSubmit={submit} noValidate>
      <h3>{t("draftEditorTitle")}</h3>
      <DocxImport onImported={setText} />
      <label for="draft-text">{t("draftText")}</label>
      <p class="hint" id="draft-hint">
        {t("draftHint")}
      </p>
      <textarea
        id="draft-text"
        rows={14}
        value={text}
        aria-describedby="draft-hint"
        aria-invalid={error?.field === "text" || error?.field === "blocks" ? "true" : undefined}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      <FormError error={error} field="text" />
      <FormError error={error} field="blocks" />
      <label for="draft-summary">{t("draftSummary")}</label>
      <input id="draft-summary" value={summary} onInput={(e) => setSummary(e.currentTarget.value)} />
      <FormError error={error} field="summary" />
      <FormLevelError error={error} fields={["text", "blocks", "summary"]} />
      <div class="buttons">
        <button type="button" class="secondary" aria-pressed={preview} onClick={() => setPreview(!preview)}>
          {t("draftPreview")}
        </button>
        <button type="submit" disabled={busy} aria-busy={busy}>
          {busy ? t("sending") : t("draftSubmit")}
        </button>
      </div>
      {preview && <DraftView blocks={parseDraft(text)} />}
    </form>
  );
}
