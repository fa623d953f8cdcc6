import { useEffect, useState } from "preact/hooks";
import { formatDateTime, formatNumber } from "../i18n";
import { formatRemaining, remaining } from "../model/countdown";
import type { ConsultationInfo, PlanflowClient } from "../protocol";
import { ConfirmDialog } from "./ConfirmDialog";
import { FormLevelError } from "./FormError";
import { useLang } from "./lang_context";
import type { NameLookup } from "./session_context";
import { useCommand } from "./use_command";

const nowSeconds = () => Math.floor(Date.now() / 1000);

export function ConsultationPanel(props: {
  client: PlanflowClient;
  dossier: number;
  consultation: ConsultationInfo;
  canFinish: boolean;
  names: NameLookup;
}) {
  const { t, lang } = useLang();
  const { consultation: c } = props;
  const [now, setNow] = useState(nowSeconds);
  const [confirming, setConfirming] = useState(false);
  const { run, busy, error } = useCommand(props.client);
  // The countdown moves while the page is open.
  useEffect(() => {
    const timer = setInterval(() => setNow(nowSeconds()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const left = c.deadline_at === null ? null : remaining(c.deadline_at, now);

  async function finish() {
    setConfirming(false);
    await run({ dossier: props.dossier }, { type: "no_further_comments" });
  }

  return (
    <section class="panel" aria-labelledby="consultation-title">
      <h2 id="consultation-title">{t("consultationTitle")}</h2>
      {c.deadline_at !== null && left && (
        <p class={left.overdue ? "deadline overdue" : "deadline"}>
          {t("consultationDeadline", { time: formatDateTime(c.deadline_at, lang) })} —{" "}
          <strong class="countdown">{formatRemaining(left, lang)}</strong>
        </p>
      )}
      <p>
        {t("consultationProgress", {
          responded: formatNumber(c.responded, lang),
          total: formatNumber(c.invitees.length, lang),
          needed: formatNumber(c.needed, lang),
        })}
      </p>
      <details>
        <summary>{t("consultationInvitees")}</summary>
        <ul>
          {c.invitees.map((i) => (
            <li key={i.user}>
              {props.names.user(i.user)} ({props.names.unit(i.unit)}): {i.responded ? t("respondedYes") : t("respondedNo")}
            </li>
          ))}
        </ul>
      </details>
      {props.canFinish && (
        <>
          <button type="button" disabled={busy} aria-busy={busy} onClick={() => setConfirming(true)}>
            {busy ? t("sending") : t("noFurtherComments")}
          </button>
          <FormLevelError error={error} fields={[]} />
          <ConfirmDialog
            open={confirming}
            message={t("noFurtherCommentsConfirm")}
            onConfirm={() => void finish()}
            onCancel={() => setConfirming(false)}
          />
        </>
      )}
    </section>
  );
}
