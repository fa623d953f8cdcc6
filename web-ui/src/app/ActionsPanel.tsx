import { useState } from "preact/hooks";
import { pick } from "../i18n";
import type { ActionInfo, DossierDetail, PlanflowClient } from "../protocol";
import { blankDirectiveRows, directivesWire } from "../model/directives";
import type { Block } from "../model/document";
import { issueDefaults, summaryOf, type OfficialDocument } from "../model/official";
import { ConfirmDialog } from "./ConfirmDialog";
import { DirectivesEditor, type DirectiveRow } from "./DirectivesEditor";
import { FormatCheck } from "./FormatCheck";
import { FormError, FormLevelError } from "./FormError";
import { useLang } from "./lang_context";
import type { Catalog, NameLookup } from "./session_context";
import { useCommand } from "./use_command";

/** The role whose holders are invited by default: the people asked to comment. */
const DEFAULT_INVITED_ROLE = "delegate";

type Values = Record<string, string | number[] | DirectiveRow[]>;

/** The action that issues the document under its number: the form that gets the format check. */
const ISSUE_ACTION = "issue";

function initialValues(action: ActionInfo, detail: DossierDetail, names: NameLookup): Values {
  const chair = detail.participants.find((p) => p.role === "chair");
  const defaults =
    action.action === ISSUE_ACTION ? issueDefaults(names.unit(detail.issuer.id), chair ? names.user(chair.user) : "") : {};
  const values: Values = {};
  for (const input of action.inputs) {
    if (input.type === "participants")
      values[input.name] = detail.participants.filter((p) => p.role === DEFAULT_INVITED_ROLE).map((p) => p.user);
    else if (input.type === "directives") values[input.name] = [];
    else values[input.name] = defaults[input.name] ?? "";
  }
  return values;
}

function officialDraft(detail: DossierDetail, names: NameLookup, values: Values): OfficialDocument {
  const text = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : "");
  return {
    issuingBody: names.unit(detail.issuer.id),
    symbol: "", // given by the register at the moment of issue
    place: text("place"),
    issuedAt: null,
    documentType: detail.dossier.document_type,
    summary: summaryOf(detail.dossier.title, detail.dossier.document_type),
    authority: text("authority"),
    signer: text("signer"),
    recipients: text("recipients"),
  };
}

export function ActionsPanel(props: {
  client: PlanflowClient;
  detail: DossierDetail;
  catalog: Catalog | null;
  names: NameLookup;
  /** The latest version's blocks, which directives may point at. */
  latestBlocks: readonly Block[];
}) {
  const { t, lang } = useLang();
  const [open, setOpen] = useState<string | null>(null);
  const { actions } = props.detail;
  const current = actions.find((a) => a.action === open);
  return (
    <section class="panel actions" aria-labelledby="actions-title">
      <h2 id="actions-title">{t("actionsTitle")}</h2>
      {actions.length === 0 && <p class="empty">{t("actionsNone")}</p>}
      <div class="buttons">
        {actions.map((a) => (
          <button
            key={a.action}
            type="button"
            class={open === a.action ? "" : "secondary"}
            aria-expanded={open === a.action}
            onClick={() => setOpen(open === a.action ? null : a.action)}
          >
            {pick(a.title, lang)}
          </button>
        ))}
      </div>
      {current && (
        <ActionForm
          key={current.action}
          {...props}
          action={current}
          onDone={() => setOpen(null)}
        />
      )}
    </section>
  );
}

function ActionForm(props: {
  client: PlanflowClient;
  detail: DossierDetail;
  catalog: Catalog | null;
  names: NameLookup;
  latestBlocks: readonly Block[];
  action: ActionInfo;
  onDone: () => void;
}) {
  const { t, lang } = useLang();
  const { action, detail } = props;
  const { run, busy, error, fail } = useCommand(props.client);
  const [values, setValues] = useState<Values>(() => initialValues(action, detail, props.names));
  const [confirming, setConfirming] = useState(false);
  const title = pick(action.title, lang);
  const users = (props.catalog?.directory.users ?? []).filter((u) => !u.disabled);

  async function send() {
    setConfirming(false);
    const inputs: Record<string, unknown> = {};
    for (const input of action.inputs) {
      const v = values[input.name];
      if (input.type === "directives") {
        const rows = v as DirectiveRow[];
        if (rows.length) inputs[input.name] = directivesWire(rows);
      } else if (Array.isArray(v))
        inputs[input.name] = (v as number[]).map((user) => ({ user, unit: props.names.userUnit(user) }));
      else if (typeof v === "string" && v.trim()) inputs[input.name] = v.normalize("NFC");
    }
    const command: Record<string, unknown> = { type: "take_action", action: action.action };
    if (Object.keys(inputs).length) command.inputs = inputs;
    const ok = await run({ dossier: detail.dossier.id, version: detail.dossier.version }, command as { type: string });
    if (ok) props.onDone();
  }

  function submit(e: Event) {
    e.preventDefault();
    // A directive without words is refused by the engine; say so by its row before sending.
    for (const input of action.inputs) {
      if (input.type !== "directives") continue;
      const [blank] = blankDirectiveRows(values[input.name] as DirectiveRow[]);
      if (blank !== undefined) {
        fail(t("directiveTextRequired", { number: blank + 1 }), `/command/inputs/${input.name}/${blank}/text`);
        return;
      }
    }
    if (action.confirm) setConfirming(true);
    else void send();
  }

  const set = (name: string, value: string | number[] | DirectiveRow[]) => setValues({ ...values, [name]: value });
  return (
    <form class="action-form" onSubmit={submit} noValidate aria-label={title}>
      {action.inputs.map((input) => {
        const id = `input-${action.action}-${input.name}`;
        const label = `${pick(input.title, lang) || input.name}${input.required ? ` ${t("inputRequired")}` : ""}`;
        const invalid = error?.field === input.name ? "true" : undefined;
        if (input.type === "directives")
          return (
            <DirectivesEditor
              key={input.name}
              input={input.name}
              legend={label}
              rows={values[input.name] as DirectiveRow[]}
              onChange={(rows) => set(input.name, rows)}
              blocks={props.latestBlocks}
              comments={detail.comments}
              names={props.names}
              error={error}
            />
          );
        if (input.type === "participants") {
          const chosen = values[input.name] as number[];
          return (
            <fieldset key={input.name} aria-invalid={invalid}>
              <legend>{label}</legend>
              {users.map((u) => (
                <label key={u.id} class="check">
                  <input
                    type="checkbox"
                    checked={chosen.includes(u.id)}
                    onChange={(e) =>
                      set(input.name, e.currentTarget.checked ? [...chosen, u.id] : chosen.filter((x) => x !== u.id))
                    }
                  />
                  {t("userInUnit", { name: u.name, unit: props.names.unit(u.unit) })}
                </label>
              ))}
              <FormError error={error} field={input.name} />
            </fieldset>
          );
        }
        return (
          <div key={input.name} class="field">
            <label for={id}>{label}</label>
            {input.type === "time" ? (
              <input
                id={id}
                type="datetime-local"
                value={values[input.name] as string}
                aria-invalid={invalid}
                onInput={(e) => set(input.name, e.currentTarget.value)}
              />
            ) : (
              <textarea
                id={id}
                rows={3}
                value={values[input.name] as string}
                aria-invalid={invalid}
                onInput={(e) => set(input.name, e.currentTarget.value)}
              />
            )}
            <FormError error={error} field={input.name} />
          </div>
        );
      })}
      {action.action === ISSUE_ACTION && <FormatCheck doc={officialDraft(detail, props.names, values)} />}
      <FormLevelError error={error} fields={action.inputs.map((i) => i.name)} />
      <div class="buttons">
        <button type="button" class="secondary" onClick={props.onDone}>
          {t("cancel")}
        </button>
        <button type="submit" disabled={busy} aria-busy={busy}>
          {busy ? t("sending") : title}
        </button>
      </div>
      <ConfirmDialog
        open={confirming}
        message={t("confirmIrreversible", { action: title })}
        onConfirm={() => void send()}
        onCancel={() => setConfirming(false)}
      />
    </form>
  );
}
