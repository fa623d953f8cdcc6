// The dossier list's filters: by step, by workflow, by the role I play.
// Empty means "any".
import type { DossierSummary } from "../protocol";

export interface DossierFilter {
  state: string;
  workflow: string;
  role: string;
  text: string;
}

export const NO_FILTER: DossierFilter = { state: "", workflow: "", role: "", text: "" };

/** Case- and accent-insensitive, so "ke hoach" finds "Kế hoạch". */
export function foldForSearch(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase();
}

export function filterDossiers(list: readonly DossierSummary[], f: DossierFilter): DossierSummary[] {
  const needle = foldForSearch(f.text.trim());
  return list.filter(
    (d) =>
      (!f.state || d.state === f.state) &&
      (!f.workflow || d.workflow === f.workflow) &&
      (!f.role || d.my_roles.includes(f.role)) &&
      (!needle || foldForSearch(`${d.title} ${d.symbol ?? ""}`).includes(needle)),
  );
}

/** The values present in the list, for the filter choices, in first-seen order. */
export function filterChoices(list: readonly DossierSummary[]) {
  const states = new Set<string>();
  const workflows = new Set<string>();
  const roles = new Set<string>();
  for (const d of list) {
    states.add(d.state);
    workflows.add(d.workflow);
    for (const r of d.my_roles) roles.add(r);
  }
  return { states: [...states], workflows: [...workflows], roles: [...roles] };
}
