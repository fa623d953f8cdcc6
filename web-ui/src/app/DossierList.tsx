import { useCallback, useMemo, useState } from "preact/hooks";
import { formatDate, pick, type Lang } from "../i18n";
import { filterChoices, filterDossiers, NO_FILTER, type DossierFilter } from "../model/filters";
import type { DossierSummary, WorkflowInfo } from "../protocol";
import { useLang } from "./lang_context";
import { useSession } from "./session_context";
import { useLiveList } from "./use_live_list";

function titles(workflows: WorkflowInfo[] | undefined, list: readonly DossierSummary[], lang: Lang) {
  const byId = new Map(workflows?.map((w) => [w.id, w]) ?? []);
  const state = (workflow: string, id: string) =>
    pick(byId.get(workflow)?.states.find((s) => s.id === id)?.title, lang) || id;
  const role = (workflow: string, id: string) =>
    pick(byId.get(workflow)?.roles.find((r) => r.id === id)?.title, lang) || id;
  // A filter choice spans workflows, which may call a step or role
  // differently: it takes the name from the first dossier that has it.
  const firstWith = (has: (d: DossierSummary) => boolean) => list.find(has)?.workflow ?? "";
  return {
    workflow: (id: string) => pick(byId.get(id)?.title, lang) || id,
    state,
    role,
    stateChoice: (id: string) => state(firstWith((d) => d.state === id), id),
    roleChoice: (id: string) => role(firstWith((d) => d.my_roles.includes(id)), id),
  };
}

export function DossierList() {
  const { t, lang } = useLang();
  const { client, catalog } = useSession();
  const load = useCallback(() => client.request("dossiers", {}).then((r) => r.dossiers), [client]);
  // Any change to a dossier I take part in arrives as an inbox push.
  const { items: list, error } = useLiveList<DossierSummary>(client, load);
  const [filter, setFilter] = useState<DossierFilter>(NO_FILTER);
  const names = titles(catalog?.workflows, list ?? [], lang);
  const choices = useMemo(() => filterChoices(list ?? []), [list]);
  const shown = useMemo(() => filterDossiers(list ?? [], filter), [list, filter]);
  const set = (key: keyof DossierFilter) => (e: Event) =>
    setFilter({ ...filter, [key]: (e.currentTarget as HTMLInputElement).value });

  return (
    <section aria-labelledby="dossiers-title">
      <div class="section-head">
        <h1 id="dossiers-title">{t("dossiersTitle")}</h1>
        {list && <span class="count">{t("dossiersCount", { count: shown.length })}</span>}
        <a class="button" href="/dossiers/new">
          {t("navNewDossier")}
        </a>
      </div>
      <form class="filters" role="search" aria-label={t("filtersLabel")} onSubmit={(e) => e.preventDefault()}>
        <label>
          {t("filterText")}
          <input type="search" value={filter.text} onInput={set("text")} />
        </label>
        <label>
          {t("filterState")}
          <select value={filter.state} onChange={set("state")}>
            <option value="">{t("filterAny")}</option>
            {choices.states.map((s) => (
              <option key={s} value={s}>
                {names.stateChoice(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("filterWorkflow")}
          <select value={filter.workflow} onChange={set("workflow")}>
            <option value="">{t("filterAny")}</option>
            {choices.workflows.map((w) => (
              <option key={w} value={w}>
                {names.workflow(w)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("filterRole")}
          <select value={filter.role} onChange={set("role")}>
            <option value="">{t("filterAny")}</option>
            {choices.roles.map((r) => (
              <option key={r} value={r}>
                {names.roleChoice(r)}
              </option>
            ))}
          </select>
        </label>
      </form>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {list === null && !error && <p aria-busy="true">{t("loading")}</p>}
      {list && list.length === 0 && <p class="empty">{t("dossiersEmpty")}</p>}
      {list && list.length > 0 && shown.length === 0 && <p class="empty">{t("dossiersNoMatch")}</p>}
      {shown.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("colDossier")}</th>
              <th scope="col">{t("colWorkflow")}</th>
              <th scope="col">{t("colStep")}</th>
              <th scope="col">{t("colMyRoles")}</th>
              <th scope="col">{t("colSymbol")}</th>
              <th scope="col">{t("colUpdated")}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((d) => (
              <tr key={d.id}>
                <td>
                  <a href={`/dossiers/${d.id}`}>{d.title}</a>
                </td>
                <td>{names.workflow(d.workflow)}</td>
                <td>{names.state(d.workflow, d.state)}</td>
                <td>{d.my_roles.map((r) => names.role(d.workflow, r)).join(", ")}</td>
                <td>{d.symbol ?? "—"}</td>
                <td>{formatDate(d.updated_at, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
