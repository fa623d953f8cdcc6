// Sending one command so that a dropped connection does not lose it: it is
// resent under the same request id once the socket is back, and the server
// applies an id once, so it never takes effect twice.
import type { PlanflowClient } from "./client";
import { newRequestId } from "./request_id";
import type { CommandBody, CommandResult } from "./types";

const MAX_RESENDS = 5;

function waitForOpen(client: PlanflowClient): Promise<boolean> {
  if (client.connectionState === "open") return Promise.resolve(true);
  // Ended for good (sign-out, or the session expired): no socket will come back.
  if (client.connectionState === "closed") return Promise.resolve(false);
  return new Promise((resolve) => {
    const off = client.onState((state) => {
      if (state === "open" || state === "closed") {
        off();
        resolve(state === "open");
      }
    });
  });
}

export interface CommandTarget {
  dossier: number;
  /** For a new dossier (dossier 0). */
  workflow?: string;
  /** The dossier version the person saw: a later one makes it a conflict. */
  version?: number;
}

export async function sendCommand(
  client: PlanflowClient,
  target: CommandTarget,
  command: CommandBody,
  requestId: string = newRequestId(),
): Promise<CommandResult> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await client.request("command", { ...target, request_id: requestId, command });
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code !== "disconnected" || attempt >= MAX_RESENDS || !(await waitForOpen(client))) throw e;
    }
  }
}
