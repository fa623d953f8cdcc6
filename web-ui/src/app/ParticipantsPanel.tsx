import { pick } from "../i18n";
import type { DossierDetail } from "../protocol";
import { useLang } from "./lang_context";
import type { NameLookup } from "./session_context";

export function ParticipantsPanel(props: { detail: DossierDetail; names: NameLookup }) {
  const { t, lang } = useLang();
  const { definition, participants } = props.detail;
  const roles = definition.roles.filter((r) => participants.some((p) => p.role === r.id));
  return (
    <section class="panel" aria-labelledby="participants-title">
      <h2 id="participants-title">{t("participantsTitle")}</h2>
      <dl class="participants">
        {roles.map((r) => (
          <div key={r.id}>
            <dt>{pick(r.title, lang)}</dt>
            {participants
              .filter((p) => p.role === r.id)
              .map((p) => (
                <dd key={p.user}>
                  {props.names.user(p.user)} <span class="meta">({props.names.unit(p.unit)})</span>
                </dd>
              ))}
          </div>
        ))}
      </dl>
    </section>
  );
}
