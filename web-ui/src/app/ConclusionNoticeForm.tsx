// The office issues the chair's conclusion as a Thông báo kết luận: place,
// signing authority, signer and recipients, checked for the elements of
// the official layout as they are typed; the register gives the number.
import { useState } from "preact/hooks";
import { noticeDefaults, noticeSummary, NOTICE_TYPE } from "../model/conclusion_notice";
import type { OfficialDocument } from "../model/official";
import type { ConclusionInfo, DossierDetail, PlanflowClient } from "../protocol";
import { ConfirmDialog } from "./ConfirmDialog";
import { FormatCheck } from "./FormatCheck";
import { FormError, FormLevelError } from "./FormError";
import { useLang } from "./lang_context";
import type { NameLookup } from "./session_context";
import { useCommand } from "./use_command";

type Field = "place" | "authority" | "signer" | "recipients";
const FIELDS: Field[] = ["place", "authority", "signer", "recipients"];
const MULTILINE = new Set<Field>(["authority", "recipients"]);
const LABELS = { place: "noticePlace", authority: "noticeAuthority", signer: "noticeSigner", recipients: "noticeRecipients" } as const;

function startingValues(detail: DossierDetail, names: NameLookup) {
  const units = [
    detail.drafting_unit.id,
    ...detail.participants.filter((p) => p.role === "delegate").map((p) => p.unit),
  ].filter((u) => u !== detail.issuer.id);
  return noticeDefaults(names.unit(detail.issuer.id), units.map((u) => names.unit(u)));
}

export function ConclusionNoticeForm(props: {
  client: PlanflowClient;
  detail: DossierDetail;
  conclusion: ConclusionInfo;
  names: NameLookup;
}) {
  const { t } = useLang();
  const { detail, names } = props;
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState(() => startingValues(detail, names));
  const [confirming, setConfirming] = useState(false);
  const { run, busy, error } = useCommand(props.client);
  const title = t("noticeIssue");

  const doc: OfficialDocument = {
    issuingBody: names.unit(detail.issuer.id),
    symbol: "", // given by the register at the moment of issue
    place: values.place,
    issuedAt: null,
    documentType: NOTICE_TYPE,
    summary: noticeSummary(names.unit(detail.issuer.id), names.user(props.conclusion.by), detail.dossier.title),
    authority: values.authority,
    signer: values.signer,
    recipients: values.recipients,
  };

  async function send() {
    setConfirming(false);
    const command: Record<string, string> = { type: "issue_conclusion_notice" };
    for (const f of FIELDS) command[f] = values[f].trim().normalize("NFC");
    if (await run({ dossier: detail.dossier.id }, command as { type: string })) setOpen(false);
  }

  if (!open)
    return (
      <button
        type="button"
        aria-expanded="false"
        onClick={() => {
          // Names are known by now, which they may not have been when the panel first drew.
          setValues(startingValues(detail, names));
          setOpen(true);
        }}
      >
        {title}
      </button>
    );
  return (
    <form
      class="notice-form"
      onSubmit={(e) => {
        e.preventDefault();
        setConfirming(true);
      }}
      noValidate
      aria-label={title}
    >
      <h3>{title}</h3>
      <p class="hint">{t("noticeHint")}</p>
      {FIELDS.map((f) => {
        const id = `notice-${f}`;
        const invalid = error?.field === f ? "true" : undefined;
        const onInput = (e: { currentTarget: { value: string } }) => setValues({ ...values, [f]: e.currentTarget.value });
        return (
          <div key={f} class="field">
            <label for={id}>{t(LABELS[f])}</label>
            {MULTILINE.has(f) ? (
              <textarea id={id} rows={3} value={values[f]} aria-invalid={invalid} onInput={onInput} />
            ) : (
              <input id={id} value={values[f]} aria-invalid={invalid} onInput={onInput} />
            )}
            <FormError error={error} field={f} />
          </div>
        );
      })}
      <FormatCheck doc={doc} />
      <FormLevelError error={error} fields={FIELDS} />
      <div class="buttons">
        <button type="button" class="secondary" onClick={() => setOpen(false)}>
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
