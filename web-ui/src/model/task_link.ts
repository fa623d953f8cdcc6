// Where a link to one implementation task leads: its card on its plan's
// board. The inbox's follow-ups and the monitor's overview link there, and
// the board scrolls to the card the address names.
import type { InboxTask } from "../protocol";

/** The id a task's card carries (TaskCard), and the address fragment naming it. */
export const taskAnchor = (task: number) => `task-${task}`;

export const taskHref = (dossier: number, task: number) => `/dossiers/${dossier}#${taskAnchor(task)}`;

/** The task a fragment such as "#task-3" names, or null. */
export function taskOfHash(hash: string): number | null {
  const m = /^#task-([1-9]\d{0,8})$/.exec(hash);
  return m ? Number(m[1]) : null;
}

/** A follow-up leads to the card of the task it is about; any other item to its dossier. */
export function inboxHref(item: Pick<InboxTask, "dossier" | "subject">): string {
  return item.subject === null ? `/dossiers/${item.dossier}` : taskHref(item.dossier, item.subject);
}

/**
 * One inbox row per item: a lead unit may have the same follow-up (say a
 * report request) open for several of its tasks at once.
 */
export const inboxKey = (item: Pick<InboxTask, "dossier" | "task" | "role" | "subject">) =>
  `${item.dossier}/${item.task}/${item.role}/${item.subject ?? ""}`;
