import { useCallback, useEffect, useState } from "preact/hooks";
import { formatDateTime, pick } from "../i18n";
import type { InboxTask, PlanflowClient } from "../protocol";
import { useLang } from "./lang_context";
import { urgency } from "./urgency";

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Reloads on any sign that the list may have changed, including missed ones. */
function useInbox(client: PlanflowClient) {
  const [tasks, setTasks] = useState<InboxTask[] | null>(null);
  const [error, setError] = useState("");

  const load = useCallback(() => {
    client.request("inbox", {}).then(
      (result) => {
        setTasks(result.tasks);
        setError("");
      },
      (e: Error & { code?: string }) => {
        // A dropped socket is shown by the connection indicator, and the
        // reload after reconnect fixes the list; anything else is news.
        if (e.code !== "disconnected") setError(e.message);
      },
    );
  }, [client]);

  useEffect(() => {
    client.subscribeInbox();
    // Not yet open: the "open" below loads, once, when the socket is up.
    if (client.connectionState === "open") load();
    const offPush = client.onPush((push) => {
      if (push.type === "inbox" || push.type === "resync") load();
    });
    // Inbox pushes sent while the socket was down are lost: load on every open.
    const offState = client.onState((state) => {
      if (state === "open") load();
    });
    return () => {
      offPush();
      offState();
    };
  }, [client, load]);

  return { tasks, error, reload: load };
}

export function Inbox(props: { client: PlanflowClient }) {
  const { t, lang } = useLang();
  const { tasks, error, reload } = useInbox(props.client);
  const [now, setNow] = useState(nowSeconds);

  // Amber turns red while the page stays open.
  useEffect(() => {
    const timer = setInterval(() => setNow(nowSeconds()), 60_000);
    return () => clearInterval(timer);
  }, []);

  return (
    <section class="inbox" aria-labelledby="inbox-title">
      <div class="section-head">
        <h1 id="inbox-title">{t("inboxTitle")}</h1>
        {tasks && <span class="count">{t("inboxCount", { count: tasks.length })}</span>}
        <button type="button" class="secondary" onClick={reload}>
          {t("refresh")}
        </button>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {tasks === null && !error && <p aria-busy="true">{t("loading")}</p>}
      {tasks && tasks.length === 0 && <p class="empty">{t("inboxEmpty")}</p>}
      {tasks && tasks.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("colDossier")}</th>
              <th scope="col">{t("colStep")}</th>
              <th scope="col">{t("colRole")}</th>
              <th scope="col">{t("colDue")}</th>
            </tr>
          </thead>
          <tbody>
            {tasks.map((task) => {
              const level = urgency(task.due_at, now);
              return (
                <tr key={`${task.dossier}/${task.task}/${task.role}`} class={`due-${level}`}>
                  <td>{task.dossier_title}</td>
                  <td>{pick(task.title, lang) || task.task}</td>
                  <td>{pick(task.role_title, lang) || task.role}</td>
                  <td class="due">
                    {task.due_at === null ? (
                      t("noDue")
                    ) : (
                      <>
                        <time dateTime={new Date(task.due_at * 1000).toISOString()}>
                          {formatDateTime(task.due_at, lang)}
                        </time>
                        {level === "overdue" && <span class="badge">{t("dueOverdue")}</span>}
                        {level === "soon" && <span class="badge">{t("dueSoon")}</span>}
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
