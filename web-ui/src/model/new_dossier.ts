// The "new dossier" form's model: what the person chose, checked before it
// is sent, and the create_dossier command it becomes.
import type { CommandBody, Directory, DirectoryUser, WorkflowInfo } from "../protocol";
import { foldForSearch } from "./filters";

export interface NewDossierForm {
  title: string;
  workflow: string;
  documentType: string;
  draftingUnit: number;
  issuer: number;
  /** Role id → the users who play it. */
  participants: Record<string, number[]>;
  /** The issued document (its dossier) this one corrects; 0 for none. */
  corrects?: number;
}

export type FormProblem = { field: string; key: "titleRequired" | "creatorNotManager"; role?: string };

/**
 * Problems the server would refuse anyway, caught early so the person sees
 * them by the field at once. The server still checks everything.
 */
export function formProblems(form: NewDossierForm, workflow: WorkflowInfo | undefined, me: number): FormProblem[] {
  const problems: FormProblem[] = [];
  if (!form.title.trim()) problems.push({ field: "title", key: "titleRequired" });
  if (!workflow) return problems;
  const managers = workflow.participant_managers;
  if (managers.length && !managers.some((r) => form.participants[r]?.includes(me)))
    problems.push({ field: `role-${managers[0]}`, key: "creatorNotManager", role: managers[0]! });
  return problems;
}

export function createCommand(form: NewDossierForm, directory: Directory): CommandBody {
  const unitOf = new Map(directory.users.map((u) => [u.id, u.unit]));
  const codeOf = new Map(directory.units.map((u) => [u.id, u.code]));
  const bindings: { role: string; user: number; unit: number }[] = [];
  for (const [role, users] of Object.entries(form.participants))
    for (const user of users) bindings.push({ role, user, unit: unitOf.get(user) ?? 0 });
  const command: CommandBody = {
    type: "create_dossier",
    title: form.title.trim().normalize("NFC"),
    issuer: { id: form.issuer, code: codeOf.get(form.issuer) ?? "" },
    drafting_unit: { id: form.draftingUnit, code: codeOf.get(form.draftingUnit) ?? "" },
    bindings,
  };
  if (form.documentType) command.document_type = form.documentType;
  if (form.corrects) command.corrects = form.corrects;
  return command;
}

/** Above this many people, each role's list gets a search box. */
export const PICKER_SEARCH_FROM = 6;

/**
 * The people a role's list shows for `text`, in the directory's order (so a
 * box does not move under the pointer when it is ticked): everyone whose
 * name or unit matches, accents and case aside ("so noi vu" finds "Sở Nội
 * vụ"), and those already chosen, whom a search never hides.
 */
export function pickableUsers(
  users: readonly DirectoryUser[],
  unitName: (id: number) => string,
  chosen: readonly number[],
  text: string,
): DirectoryUser[] {
  const needle = foldForSearch(text.trim());
  return users.filter(
    (u) => chosen.includes(u.id) || !needle || foldForSearch(`${u.name} ${unitName(u.unit)}`).includes(needle),
  );
}
