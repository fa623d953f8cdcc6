// The "new dossier" form's model: what the person chose, checked before it
// is sent, and the create_dossier command it becomes.
import type { CommandBody, Directory, WorkflowInfo } from "../protocol";

export interface NewDossierForm {
  title: string;
  workflow: string;
  documentType: string;
  draftingUnit: number;
  issuer: number;
  /** Role id → the users who play it. */
  participants: Record<string, number[]>;
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
  return command;
}
