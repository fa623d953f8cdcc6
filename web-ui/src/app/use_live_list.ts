// A list the server answers for the user (the inbox, the dossiers), kept
// current: loaded when the socket opens (pushes sent while it was down are
// lost) and again on any inbox push or resync, i.e. whenever a dossier the
// user takes part in changed.
import { useCallback, useEffect, useState } from "preact/hooks";
import type { PlanflowClient } from "../protocol";

export function useLiveList<T>(client: PlanflowClient, load: () => Promise<T[]>) {
  const [items, setItems] = useState<T[] | null>(null);
  const [error, setError] = useState("");

  const reload = useCallback(() => {
    load().then(
      (list) => {
        setItems(list);
        setError("");
      },
      (e: Error & { code?: string }) => {
        // A dropped socket is shown by the connection indicator, and the
        // reload after reconnect fixes the list; anything else is news.
        if (e.code !== "disconnected") setError(e.message);
      },
    );
  }, [load]);

  useEffect(() => {
    client.subscribeInbox();
    if (client.connectionState === "open") reload();
    const offPush = client.onPush((push) => {
      if (push.type === "inbox" || push.type === "resync") reload();
    });
    const offState = client.onState((state) => {
      if (state === "open") reload();
    });
    return () => {
      offPush();
      offState();
    };
  }, [client, reload]);

  return { items, error, reload };
}
