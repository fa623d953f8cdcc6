import { useCallback, useEffect, useState } from "preact/hooks";
import { formatDateTime, pick } from "../i18n";
import { inboxHref, inboxKey } from "../model/task_link";
import type { InboxTask } from "../protocol";
import { useLang } from "./lang_context";
import { useSession } from "./session_context";
import { urgency } from "./urgency";
import { useLiveList } from "./use_live_list";

const nowSeconds = () => Math.floor(Date.now() / 1000);

export function Inbox() {
  const { t, lang } = useLang();
  const { client } = useSession();
  const load = useCallback(() => client.request("inbox", {}).then((r) => r.tasks), [client]);
  const { items: tasks, error, reload } = useLiveList<InboxTask>(client, load);
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
                <tr key={inboxKey(task)} class={`due-${level}`}>
                  <td>
                    <a href={inboxHref(task)}>{task.dossier_title}</a>
                  </td>
                  <td>
                    {pick(task.title, lang) || task.task}
                    {task.detail && (
                      <>
                        {" — "}
                        <a class="inbox-subject" href={inboxHref(task)}>
                          {task.detail}
                        </a>
                      </>
                    )}
                  </td>
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
