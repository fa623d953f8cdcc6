import { formatDate, formatDateTime, pick } from "../i18n";
import { CorrectionLinks } from "./CorrectionLinks";
import { SignatureStatus } from "./SignatureStatus";
import { stepsOf, visitedStates } from "../model/steps";
import { ActionsPanel } from "./ActionsPanel";
import { CommentsPanel, useComments } from "./CommentsPanel";
import { ConclusionPanel } from "./ConclusionPanel";
import { ConsultationPanel } from "./ConsultationPanel";
import { DraftPanel } from "./DraftPanel";
import { HistoryPanel } from "./HistoryPanel";
import { ImplementationPanel } from "./ImplementationPanel";
import { MeetingPanel } from "./MeetingPanel";
import { OpenDirectivesNotice } from "./OpenDirectivesNotice";
import { useLang } from "./lang_context";
import { ParticipantsPanel } from "./ParticipantsPanel";
import { StepIndicator } from "./StepIndicator";
import { UndisposedNotice } from "./UndisposedNotice";
import { useDossierView } from "./use_dossier_view";

export function DossierPage(props: { id: string }) {
  const { t, lang } = useLang();
  const { id, client, catalog, detail, error, names, folded } = useDossierView(props.id);
  const commenting = useComments(client, detail, folded?.versions ?? [], names);

  if (error)
    return (
      <section aria-labelledby="dossier-title">
        <h1 id="dossier-title">{t("dossierHeading", { id: props.id })}</h1>
        <p class="error" role="alert">
          {error.message}
        </p>
      </section>
    );
  if (!detail || !folded) return <p aria-busy="true">{t("loading")}</p>;

  const { dossier, definition, issued } = detail;
  const steps = stepsOf(definition, dossier.state, visitedStates(definition.initial, detail.history));
  const allowed = new Set(detail.allowed);
  return (
    <article class="dossier" aria-labelledby="dossier-title">
      <header class="dossier-head">
        <p class="meta">
          {t("dossierHeading", { id: dossier.id })} · {pick(definition.title, lang)} · {dossier.document_type}
        </p>
        <h1 id="dossier-title">{dossier.title}</h1>
        {issued && (
          <p class="issued" role="status">
            {t("issuedBanner", { symbol: issued.symbol, date: formatDate(issued.at, lang) })} ·{" "}
            <a href={`/dossiers/${dossier.id}/document`}>{t("docOpen")}</a>
          </p>
        )}
        {issued && <SignatureStatus signature={detail.signature} names={names} />}
        <CorrectionLinks corrections={detail.corrections} />
        <StepIndicator steps={steps} />
        <p class="meta">
          {pick(detail.state_title, lang)} · {t("colUpdated")}: {formatDateTime(dossier.updated_at, lang)} ·{" "}
          <span class="live">{t("liveUpdating")}</span>
        </p>
      </header>
      <div class="dossier-body">
        <div class="main-column">
          <ImplementationPanel client={client} detail={detail} names={names} />
          <ConclusionPanel client={client} detail={detail} versions={folded.versions} names={names} />
          <DraftPanel
            client={client}
            dossier={id}
            versions={folded.versions}
            canSubmit={allowed.has("submit_version")}
            names={names}
            commenting={commenting ?? undefined}
          />
          {commenting && <CommentsPanel {...commenting} detail={detail} />}
        </div>
        <aside class="side-column">
          <UndisposedNotice detail={detail} />
          <OpenDirectivesNotice detail={detail} />
          <ActionsPanel
            client={client}
            detail={detail}
            catalog={catalog}
            names={names}
            latestBlocks={folded.versions[folded.versions.length - 1]?.blocks ?? []}
          />
          {detail.consultation && (
            <ConsultationPanel
              client={client}
              dossier={id}
              consultation={detail.consultation}
              canFinish={allowed.has("no_further_comments")}
              names={names}
            />
          )}
          <MeetingPanel client={client} detail={detail} names={names} />
          <ParticipantsPanel detail={detail} names={names} />
          <HistoryPanel history={detail.history} definition={definition} names={names} />
        </aside>
      </div>
    </article>
  );
}
