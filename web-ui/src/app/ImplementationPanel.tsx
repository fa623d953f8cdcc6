// The implementation board on the dossier page of an issued plan: the
// plan's progress and its tasks by status, each task as it stands, the
// roll-up by lead unit, and for the drafting unit or the monitor the forms
// to set a campaign and add tasks. Everything here is the server's
// derivation as of its clock; the page rereads it on every event.
import { useState } from "preact/hooks";
import { formatDate, formatDateTime, formatNumber } from "../i18n";
import { escalationAudience } from "../model/follow_ups";
import { tasksOfUnits, unitsOf } from "../model/implementation_board";
import type { DossierDetail, ImplementationInfo, PlanflowClient } from "../protocol";
import { AddTaskForm } from "./AddTaskForm";
import { CampaignForm } from "./CampaignForm";
import { ProgressBar } from "./ProgressBar";
import { StatusCounts } from "./StatusCounts";
import { TaskCard } from "./TaskCard";
import { UnitChart } from "./UnitChart";
import { UnitRollUpTable } from "./UnitRollUpTable";
import { useLang } from "./lang_context";
import { useSession, type NameLookup } from "./session_context";
import { useTaskAnchor } from "./use_task_anchor";

export function ImplementationPanel(props: { client: PlanflowClient; detail: DossierDetail; names: NameLookup }) {
  const info = props.detail.implementation;
  if (!info) return null;
  return <Board {...props} info={info} />;
}

function Board(props: { client: PlanflowClient; detail: DossierDetail; names: NameLookup; info: ImplementationInfo }) {
  const { t, lang } = useLang();
  const { user, catalog } = useSession();
  const { info, detail, names } = props;
  const [mine, setMine] = useState(false);
  const dossier = detail.dossier.id;
  const shown = mine ? tasksOfUnits(info.tasks, unitsOf(user, detail.participants)) : info.tasks;
  const units = catalog?.directory.units ?? [];
  const targeted = useTaskAnchor();
  const escalatedTo = escalationAudience(info.escalate_to, detail.definition.roles, lang);
  return (
    <section class="panel implementation-panel" id="implementation" aria-labelledby="impl-title">
      <h2 id="impl-title">{t("implTitle")}</h2>
      <p class="meta">{t("implAsOf", { time: formatDateTime(info.as_of, lang) })}</p>
      {info.campaign && <p>{t("implCampaign", { starts: formatDate(info.campaign.starts, lang), ends: formatDate(info.campaign.ends, lang) })}</p>}
      <div class="plan-rollup">
        <h3 id="impl-progress-title">{t("implProgress")}</h3>
        <ProgressBar percent={info.progress} label={t("implProgress")} />
        <StatusCounts counts={info.counts} />
      </div>
      {info.tasks.length > 0 && (
        <p>
          <a href={`/dossiers/${dossier}/progress-report`}>{t("implPeriodLink")}</a>
        </p>
      )}
      {info.may_manage && !info.campaign && info.tasks.length === 0 && <CampaignForm client={props.client} dossier={dossier} />}
      {info.may_manage && <AddTaskForm client={props.client} dossier={dossier} info={info} units={units} />}
      {info.tasks.length === 0 ? (
        <p class="empty">{t("implNoTasks")}</p>
      ) : (
        <>
          <div class="section-head">
            <h3 id="impl-tasks-title">{t("implTasksTitle")}</h3>
            <label class="check">
              <input type="checkbox" checked={mine} onChange={(e) => setMine(e.currentTarget.checked)} />
              <span>{t("implMineOnly")}</span>
            </label>
            <span class="count" role="status">
              {t("implShown", { shown: formatNumber(shown.length, lang), count: formatNumber(info.tasks.length, lang) })}
            </span>
          </div>
          {shown.length === 0 && <p class="empty">{t("implMineNone")}</p>}
          <ol class="impl-tasks" aria-labelledby="impl-tasks-title">
            {shown.map((task) => (
              <TaskCard
                key={task.id}
                client={props.client}
                dossier={dossier}
                task={task}
                names={names}
                escalatedTo={escalatedTo}
                targeted={targeted === task.id}
              />
            ))}
          </ol>
          {info.units.length > 0 && (
            <>
              <UnitRollUpTable units={info.units} unitName={names.unit} />
              <UnitChart units={info.units} unitName={names.unit} />
            </>
          )}
        </>
      )}
    </section>
  );
}
