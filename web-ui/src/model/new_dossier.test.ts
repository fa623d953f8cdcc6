import { describe, expect, it } from "vitest";
import type { Directory, WorkflowInfo } from "../protocol";
import { createCommand, formProblems, pickableUsers, type NewDossierForm } from "./new_dossier";

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

describe("a role's list of people", () => {
  const people = [
    { id: 1, name: "Nguyễn Văn An", unit: 3, disabled: false },
    { id: 2, name: "Trần Thị Bình", unit: 3, disabled: false },
    { id: 3, name: "Lý Quốc Nam", unit: 1, disabled: false },
  ];
  const unitName = (id: number) => (id === 3 ? "Sở Nội vụ" : "Ủy ban nhân dân tỉnh");

  it("shows everyone without a search", () => {
    expect(pickableUsers(people, unitName, [], "  ").map((u) => u.id)).toEqual([1, 2, 3]);
  });
  it("finds by name or unit without accents", () => {
    expect(pickableUsers(people, unitName, [], "binh").map((u) => u.id)).toEqual([2]);
    expect(pickableUsers(people, unitName, [], "UY BAN").map((u) => u.id)).toEqual([3]);
    expect(pickableUsers(people, unitName, [], "sở nội vụ").map((u) => u.id)).toEqual([1, 2]);
  });
  it("never hides the chosen, and keeps the directory's order", () => {
    expect(pickableUsers(people, unitName, [3], "binh").map((u) => u.id)).toEqual([2, 3]);
    expect(pickableUsers(people, unitName, [2], "khong ai").map((u) => u.id)).toEqual([2]);
  });
});
