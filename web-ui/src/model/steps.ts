// The process as a step indicator: the workflow's working steps in their
// order, each done, current or ahead. A dossier that ended (closed,
// withdrawn, rejected) shows its end as the last, current step.
import type { LocalizedText, WorkflowInfo } from "../protocol";

export type StepStatus = "done" | "current" | "ahead";

export interface Step {
  id: string;
  title: LocalizedText;
  status: StepStatus;
}

/**
 * While the dossier is under way, every step before the current one is done
 * (one passed over, such as a revision never asked for, included: the
 * indicator shows progress, not the route). Once it has ended, the steps it
 * reached (`visited`, from its history) are done and the rest never came.
 */
export function stepsOf(definition: WorkflowInfo, current: string, visited: ReadonlySet<string>): Step[] {
  const working = definition.states.filter((s) => !s.final);
  const at = working.findIndex((s) => s.id === current);
  const steps: Step[] = working.map((s, i) => ({
    id: s.id,
    title: s.title,
    status: at === -1 ? (visited.has(s.id) ? "done" : "ahead") : i < at ? "done" : i === at ? "current" : "ahead",
  }));
  if (at === -1) {
    const end = definition.states.find((s) => s.id === current);
    if (end) steps.push({ id: end.id, title: end.title, status: "current" });
  }
  return steps;
}

/** The states a history has entered: the initial one and every action's target. */
export function visitedStates(initial: string, history: readonly { event: { type: string; data: Record<string, unknown> } }[]): Set<string> {
  const visited = new Set([initial]);
  for (const { event } of history)
    if (event.type === "action_taken" && typeof event.data.to === "string") visited.add(event.data.to);
  return visited;
}
