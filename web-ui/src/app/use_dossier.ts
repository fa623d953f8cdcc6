// One dossier, live. Its events are followed from the last one read, so
// each change shows at once (a comment appears as it is pushed); the whole
// dossier is read again shortly after, because what I may do next (the
// actions, the quorum) is the server's to say.
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { appendEvent, mergeHistory } from "../model/history";
import type { DossierDetail, HistoryEntry, PlanflowClient } from "../protocol";

const REREAD_DELAY_MS = 150;

export function useDossier(client: PlanflowClient, id: number) {
  const [detail, setDetail] = useState<DossierDetail | null>(null);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const pushed = useRef<HistoryEntry[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const following = useRef(false);

  const read = useCallback(() => {
    client.request("dossier", { dossier: id }).then(
      (d) => {
        const history = mergeHistory(d.history, pushed.current);
        pushed.current = [];
        setDetail({ ...d, history });
        setError(null);
        // Follow from what was read: the catch-up fills any gap, and the
        // client keeps the place across reconnects.
        if (!following.current) {
          following.current = true;
          const last = history.reduce((m, e) => Math.max(m, e.seq), 0);
          client.subscribe(id, last).catch((e: Error & { code?: string }) => {
            if (e.code !== "disconnected") setError({ code: e.code ?? "", message: e.message });
          });
        }
      },
      (e: Error & { code?: string }) => {
        if (e.code !== "disconnected") setError({ code: e.code ?? "", message: e.message });
      },
    );
  }, [client, id]);

  const rereadSoon = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(read, REREAD_DELAY_MS);
  }, [read]);

  useEffect(() => {
    setDetail(null);
    setError(null);
    pushed.current = [];
    if (client.connectionState === "open") read();
    const offState = client.onState((s) => {
      if (s === "open") read();
    });
    const offPush = client.onPush((p) => {
      if (p.type !== "event" || p.dossier !== id) return;
      const entry = { seq: p.seq, dossier_seq: p.dossier_seq, event: p.event };
      pushed.current.push(entry);
      setDetail((d) => (d ? { ...d, history: appendEvent(d.history, entry) } : d));
      rereadSoon();
    });
    return () => {
      offState();
      offPush();
      if (timer.current) clearTimeout(timer.current);
      if (following.current) client.unsubscribe(id);
      following.current = false;
    };
  }, [client, id, read, rereadSoon]);

  return { detail, error, reload: read };
}
