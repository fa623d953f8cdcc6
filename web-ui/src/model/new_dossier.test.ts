import { describe, expect, it } from "vitest";
import type { Directory, WorkflowInfo } from "../protocol";
import { createCommand, formProblems, type NewDossierForm } from "./new_dossier";

const directory: Directory = {
  units: [
    { id: 1, code: "UBND", name: "Ủy ban nhân dân tỉnh" },
    { id: 3, code: "SNV", name: "Sở Nội vụ" },
  ],
  users: [
    { id: 2, name: "Nguyễn Văn An", unit: 3, disabled: false },
    { id: 5, name: "Phạm Thị Dung", unit: 1, disabled: false },
  ],
};
const workflow = { participant_managers: ["drafter", "chair"] } as unknown as WorkflowInfo;
const form: NewDossierForm = {
  title: "  Kế hoạch cải cách  ",
  workflow: "plan",
  documentType: "KH",
  draftingUnit: 3,
  issuer: 1,
  participants: { drafter: [2], chair: [5], delegate: [] },
};

describe("the new dossier form", () => {
  it("becomes a create_dossier command with units and bindings resolved", () => {
    expect(createCommand(form, directory)).toEqual({
      type: "create_dossier",
      title: "Kế hoạch cải cách",
      document_type: "KH",
      issuer: { id: 1, code: "UBND" },
      drafting_unit: { id: 3, code: "SNV" },
      bindings: [
        { role: "drafter", user: 2, unit: 3 },
        { role: "chair", user: 5, unit: 1 },
      ],
    });
  });

  it("is fine when the creator manages the dossier", () => {
    expect(formProblems(form, workflow, 2)).toEqual([]);
    expect(formProblems(form, workflow, 5)).toEqual([]);
  });

  it("asks for a title and for the creator to take part as a manager", () => {
    const problems = formProblems({ ...form, title: " " }, workflow, 9);
    expect(problems).toEqual([
      { field: "title", key: "titleRequired" },
      { field: "role-drafter", key: "creatorNotManager", role: "drafter" },
    ]);
  });
});
