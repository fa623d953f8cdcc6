// The monitor's page: across every plan the user takes part in, the tasks
// overdue or at risk first, then each plan's progress; it follows the
// inbox pushes, so a lead unit's report shows here as it is made.
import { formatDateTime, formatNumber } from "../i18n";
import type { OverviewPlan } from "../protocol";
import { OverviewTaskTable } from "./OverviewTaskTable";
import { ProgressBar } from "./ProgressBar";
import { StatusCounts } from "./StatusCounts";
import { useLang } from "./lang_context";
import { namesOf, useSession } from "./session_context";
import { useOverview } from "./use_overview";
import { useMemo } from "preact/hooks";

export function ImplementationOverviewPage() {
  const { t, lang } = useLang();
  const { client, catalog } = useSession();
  const names = useMemo(() => namesOf(catalog, lang), [catalog, lang]);
  const { overview, error, reload } = useOverview(client);
  const urgent = overview?.tasks.filter((x) => x.status === "overdue" || x.status === "at_risk") ?? [];
  const others = overview?.tasks.filter((x) => x.status !== "overdue" && x.status !== "at_risk") ?? [];
  return (
    <section class="overview" aria-labelledby="overview-title">
      <div class="section-head">
        <h1 id="overview-title">{t("ovTitle")}</h1>
        <button type="button" class="secondary" onClick={reload}>
          {t("refresh")}
        </button>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {!overview && !error && <p aria-busy="true">{t("loading")}</p>}
      {overview && (
        <>
          <p class="meta">
            {t("implAsOf", { time: formatDateTime(overview.as_of, lang) })} · <span class="live">{t("liveUpdating")}</span>
          </p>
          <h2 id="overview-urgent-title">{t("ovUrgent", { count: formatNumber(urgent.length, lang) })}</h2>
          {urgent.length === 0 ? (
            <p class="empty">{t("ovUrgentNone")}</p>
          ) : (
            <OverviewTaskTable id="overview-urgent" tasks={urgent} names={names} caption={t("ovUrgent", { count: formatNumber(urgent.length, lang) })} />
          )}
          <h2 id="overview-plans-title">{t("ovPlans", { count: formatNumber(overview.plans.length, lang) })}</h2>
          {overview.plans.length === 0 ? (
            <p class="empty">{t("ovPlansNone")}</p>
          ) : (
            <ul class="overview-plans" aria-labelledby="overview-plans-title">
              {overview.plans.map((p) => (
                <PlanProgress key={p.dossier} plan={p} />
              ))}
            </ul>
          )}
          {others.length > 0 && (
            <details class="overview-others">
              <summary>{t("ovOther", { count: formatNumber(others.length, lang) })}</summary>
              <OverviewTaskTable id="overview-others" tasks={others} names={names} caption={t("ovOther", { count: formatNumber(others.length, lang) })} />
            </details>
          )}
        </>
      )}
    </section>
  );
}

function PlanProgress(props: { plan: OverviewPlan }) {
  const { t } = useLang();
  const { plan } = props;
  return (
    <li class="overview-plan" data-dossier={plan.dossier}>
      <a href={`/dossiers/${plan.dossier}#implementation`}>
        {plan.title}
        {plan.symbol && ` (${plan.symbol})`}
      </a>
      <ProgressBar percent={plan.progress} label={t("implProgressOf", { title: plan.title })} />
      <StatusCounts counts={plan.counts} />
    </li>
  );
}
