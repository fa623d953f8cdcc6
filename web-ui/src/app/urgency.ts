/** How a task's due date should look: red when late, amber within two days. */
export type Urgency = "overdue" | "soon" | "normal" | "none";

export const SOON_SECONDS = 2 * 24 * 3600;

export function urgency(dueAt: number | null, nowSeconds: number): Urgency {
  if (dueAt === null) return "none";
  if (dueAt < nowSeconds) return "overdue";
  if (dueAt - nowSeconds <= SOON_SECONDS) return "soon";
  return "normal";
}
