// Before the first task, the plan may be run as a campaign (đợt): one
// window every task shares.
import { useState } from "preact/hooks";
import { campaignCommand } from "../model/implementation_form";
import type { PlanflowClient } from "../protocol";
import { FormLevelError } from "./FormError";
import { InputField } from "./FormField";
import { useLang } from "./lang_context";
import { commandFieldOf, useFormCommand } from "./use_form_command";

export function CampaignForm(props: { client: PlanflowClient; dossier: number }) {
  const { t, lang } = useLang();
  const [open, setOpen] = useState(false);
  const [starts, setStarts] = useState("");
  const [ends, setEnds] = useState("");
  const { send, busy, error } = useFormCommand(props.client, commandFieldOf);

  async function submit(e: Event) {
    e.preventDefault();
    if (await send({ dossier: props.dossier }, campaignCommand(starts, ends), lang)) setOpen(false);
  }

  if (!open)
    return (
      <p>
        <button type="button" class="secondary" aria-expanded="false" onClick={() => setOpen(true)}>
          {t("campaignOpen")}
        </button>
      </p>
    );
  return (
    <form class="campaign-form" onSubmit={submit} noValidate aria-labelledby="campaign-form-title">
      <h3 id="campaign-form-title">{t("campaignOpen")}</h3>
      <p class="hint">{t("campaignHint")}</p>
      <div class="field-row">
        <InputField id="campaign-starts" type="date" label={t("campaignStarts")} field="starts" error={error} value={starts} onInput={setStarts} required />
        <InputField id="campaign-ends" type="date" label={t("campaignEnds")} field="ends" error={error} value={ends} onInput={setEnds} required />
      </div>
      <FormLevelError error={error} fields={["starts", "ends"]} />
      <div class="buttons">
        <button type="button" class="secondary" onClick={() => setOpen(false)}>
          {t("cancel")}
        </button>
        <button type="submit" disabled={busy} aria-busy={busy}>
          {busy ? t("sending") : t("campaignSubmit")}
        </button>
      </div>
    </form>
  );
}
