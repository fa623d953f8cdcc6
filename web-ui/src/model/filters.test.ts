import { describe, expect, it } from "vitest";
import type { DossierSummary } from "../protocol";
import { filterChoices, filterDossiers, foldForSearch, NO_FILTER } from "./filters";

function dossier(id: number, over: Partial<DossierSummary>): DossierSummary {
  return {
    id, workflow: "plan", workflow_version: 1, title: "", document_type: "KH", state: "drafting",
    version: 1, created_at: 0, updated_at: 0, my_roles: [], symbol: null, deadline_at: null, ...over,
  };
}

const list = [
  dossier(1, { title: "Kế hoạch cải cách hành chính", state: "consultation", my_roles: ["delegate"] }),
  dossier(2, { title: "Kế hoạch đào tạo", state: "implementation", my_roles: ["drafter"], symbol: "2301/QĐ-UBND" }),
  dossier(3, { title: "Công văn", workflow: "official-letter", my_roles: ["drafter", "chair"] }),
];
const ids = (l: DossierSummary[]) => l.map((d) => d.id);

describe("filterDossiers", () => {
  it("filters by step, workflow and my role together", () => {
    expect(ids(filterDossiers(list, NO_FILTER))).toEqual([1, 2, 3]);
    expect(ids(filterDossiers(list, { ...NO_FILTER, state: "consultation" }))).toEqual([1]);
    expect(ids(filterDossiers(list, { ...NO_FILTER, workflow: "plan", role: "drafter" }))).toEqual([2]);
    expect(ids(filterDossiers(list, { ...NO_FILTER, role: "chair" }))).toEqual([3]);
  });

  it("searches titles and numbers without regard to accents or case", () => {
    expect(foldForSearch("Đào TẠO")).toBe("dao tao");
    expect(ids(filterDossiers(list, { ...NO_FILTER, text: "dao tao" }))).toEqual([2]);
    expect(ids(filterDossiers(list, { ...NO_FILTER, text: "2301/qđ" }))).toEqual([2]);
    expect(ids(filterDossiers(list, { ...NO_FILTER, text: "  " }))).toEqual([1, 2, 3]);
  });

  it("offers only the values present", () => {
    expect(filterChoices(list)).toEqual({
      states: ["consultation", "implementation", "drafting"],
      workflows: ["plan", "official-letter"],
      roles: ["delegate", "drafter", "chair"],
    });
  });
});
