// The implementation overview, kept current: read when the socket opens
// and again shortly after any inbox push or resync (a dossier the user
// takes part in changed). A burst of pushes, as one report makes on a busy
// plan, is read once.
import { useCallback, useEffect, useState } from "preact/hooks";
import type { ImplementationOverview, PlanflowClient } from "../protocol";
import { debounced } from "./debounce";

const DEBOUNCE_MS = 250;

export function useOverview(client: PlanflowClient) {
  const [overview, setOverview] = useState<ImplementationOverview | null>(null);
  const [error, setError] = useState("");

  const reload = useCallback(() => {
    client.request("implementation_overview", {}).then(
      (o) => {
        setOverview(o);
        setError("");
      },
      (e: Error & { code?: string }) => {
        if (e.code !== "disconnected") setError(e.message);
      },
    );
  }, [client]);

  useEffect(() => {
    const soon = debounced(reload, DEBOUNCE_MS);
    client.subscribeInbox();
    if (client.connectionState === "open") reload();
    const offPush = client.onPush((push) => {
      if (push.type === "inbox" || push.type === "resync") soon.call();
    });
    const offState = client.onState((state) => {
      if (state === "open") reload();
    });
    return () => {
      offPush();
      offState();
      soon.cancel();
    };
  }, [client, reload]);

  return { overview, error, reload };
}
