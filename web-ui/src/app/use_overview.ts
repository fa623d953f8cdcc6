// The implementation overview, kept current: read when the socket opens
// and again shortly after any inbox push or resync (a dossier the user
// takes part in changed). A burst of pushes, as one report makes on a busy
// plan, is read once.
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type { ImplementationOverview, PlanflowClient } from "../protocol";

const DEBOUNCE_MS = 250;

export function useOverview(client: PlanflowClient) {
  const [overview, setOverview] = useState<ImplementationOverview | null>(null);
  const [error, setError] = useState("");
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

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
    const soon = () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(reload, DEBOUNCE_MS);
    };
    client.subscribeInbox();
    if (client.connectionState === "open") reload();
    const offPush = client.onPush((push) => {
      if (push.type === "inbox" || push.type === "resync") soon();
    });
    const offState = client.onState((state) => {
      if (state === "open") reload();
    });
    return () => {
      offPush();
      offState();
      if (timer.current) clearTimeout(timer.current);
    };
  }, [client, reload]);

  return { overview, error, reload };
}
