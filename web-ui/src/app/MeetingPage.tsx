// Meeting mode: the block presented now, large, which every participant's
// page follows live; the chair and the secretary move it. Beside it the
// remarks on that block, a delegate's own comment form, the secretary's
// form for remarks spoken aloud, attendance, and the chair's closing.
import { useState } from "preact/hooks";
import { formatDateTime, formatNumber } from "../i18n";
import {
  attendanceOf,
  blockLabel,
  findBlock,
  latestMeeting,
  presentedBlock,
  remarksOn,
  stepping,
} from "../model/meeting";
import type { DossierDetail, MeetingInfo, MeetingRemark, PlanflowClient } from "../protocol";
import { BlockView } from "./DraftView";
import { FormError, FormLevelError } from "./FormError";
import { useLang } from "./lang_context";
import { SelectUsers } from "./MeetingPanel";
import type { NameLookup } from "./session_context";
import { useCommand } from "./use_command";
import { useDossierView } from "./use_dossier_view";

export function MeetingPage(props: { id: string }) {
  const { t, lang } = useLang();
  const { id, client, detail, error, names, folded } = useDossierView(props.id);
  if (error)
    return (
      <p class="error" role="alert">
        {error.message}
      </p>
    );
  if (!detail || !folded) return <p aria-busy="true">{t("loading")}</p>;
  const meeting = latestMeeting(detail.meetings);
  const rights = detail.meeting_rights;
  const back = (
    <p class="no-print">
      <a href={`/dossiers/${id}`}>{t("meetingBack")}</a>
    </p>
  );
  if (!meeting)
    return (
      <section aria-labelledby="meeting-title">
        {back}
        <h1 id="meeting-title">{t("meetingModeTitle")}</h1>
        <p class="empty">{t("meetingNone")}</p>
      </section>
    );
  const blocks = folded.versions.length ? folded.versions[folded.versions.length - 1]!.blocks : [];
  const presented = presentedBlock(meeting, detail.history);
  const step = stepping(blocks, presented);
  const block = findBlock(folded.versions, presented);
  const open = meeting.status === "open";
  return (
    <article class="meeting-mode" aria-labelledby="meeting-title">
      {back}
      <header class="meeting-head">
        <h1 id="meeting-title">
          {t("meetingModeTitle")} · {detail.dossier.title}
        </h1>
        <p class="meta">
          {t("meetingNumber", { number: meeting.number })} ·{" "}
          <strong class={`meeting-status status-${meeting.status}`}>{t(`meetingStatus_${meeting.status}`)}</strong> ·{" "}
          {formatDateTime(meeting.starts_at, lang)} · {meeting.place} · {t("meetingChair")}: {names.user(meeting.chair)}
          {meeting.status !== "scheduled" && (
            <>
              {" "}
              · <a href={`/dossiers/${id}/meetings/${meeting.number}/minutes`}>{t("meetingMinutes")}</a>
            </>
          )}
        </p>
        {rights?.open && <OpenButton client={client} dossier={id} />}
      </header>
      <div class="meeting-body">
        <section class="meeting-stage" aria-labelledby="stage-title" aria-live="polite">
          <h2 id="stage-title" class="meta">
            {open && step.index >= 0
              ? t("meetingPresenting", { index: formatNumber(step.index + 1, lang), count: formatNumber(step.count, lang) })
              : meeting.status === "closed"
                ? t("meetingClosed")
                : open
                  ? t("meetingNotPresenting")
                  : t("meetingNotOpen")}
          </h2>
          {open && block && (
            <div class="presented-block" data-block={presented}>
              <BlockView block={block} />
            </div>
          )}
          {rights?.present && <Stepper client={client} dossier={id} previous={step.previous} next={step.next} />}
          {open && !rights?.present && <p class="meta">{t("meetingFollowing")}</p>}
        </section>
        <aside class="meeting-side">
          {open && (
            <section class="panel" aria-labelledby="block-remarks-title">
              <h2 id="block-remarks-title">{t("meetingRemarksOnBlock")}</h2>
              <RemarkList remarks={remarksOn(meeting.remarks, presented)} names={names} folded={folded} showBlock={false} />
              {detail.allowed.includes("comment") && <CommentForm client={client} dossier={id} block={presented} />}
            </section>
          )}
          {open && rights?.record_remarks && <RecordForm client={client} detail={detail} block={presented} names={names} />}
          <Attendance client={client} detail={detail} meeting={meeting} names={names} canRecord={!!rights?.attendance} />
          {rights?.close && <CloseForm client={client} dossier={id} />}
        </aside>
      </div>
      <section class="panel" aria-labelledby="all-remarks-title">
        <h2 id="all-remarks-title">{t("meetingRemarks")}</h2>
        <RemarkList remarks={meeting.remarks.filter((r) => !r.withdrawn)} names={names} folded={folded} showBlock />
      </section>
    </article>
  );
}

function OpenButton(props: { client: PlanflowClient; dossier: number }) {
  const { t } = useLang();
  const { run, busy, error } = useCommand(props.client);
  return (
    <div>
      <button type="button" disabled={busy} onClick={() => void run({ dossier: props.dossier }, { type: "open_meeting" })}>
        {t("meetingOpen")}
      </button>
      <FormError error={error} />
    </div>
  );
}

function Stepper(props: { client: PlanflowClient; dossier: number; previous: number | null; next: number | null }) {
  const { t } = useLang();
  const { run, busy, error } = useCommand(props.client);
  const go = (block: number | null) =>
    block !== null && void run({ dossier: props.dossier }, { type: "present_block", block_id: block });
  return (
    <div class="stepper">
      <button type="button" class="secondary" disabled={busy || props.previous === null} onClick={() => go(props.previous)}>
        {t("meetingPrevious")}
      </button>
      <button type="button" disabled={busy || props.next === null} onClick={() => go(props.next)}>
        {t("meetingNext")}
      </button>
      <FormError error={error} />
    </div>
  );
}

function RemarkList(props: {
  remarks: MeetingRemark[];
  names: NameLookup;
  folded: NonNullable<ReturnType<typeof useDossierView>["folded"]>;
  showBlock: boolean;
}) {
  const { t, lang } = useLang();
  if (!props.remarks.length) return <p class="empty">{t("meetingRemarksNone")}</p>;
  return (
    <ol class="remarks" aria-live="polite" aria-relevant="additions">
      {props.remarks.map((r) => (
        <li key={r.comment_id} class="remark">
          <p class="meta">
            <strong>{props.names.user(r.author)}</strong> ({props.names.unit(r.unit)}) · {formatDateTime(r.at, lang)}
            {r.recorded_by !== null && <> · {t("meetingRecordedBy", { name: props.names.user(r.recorded_by) })}</>}
          </p>
          {props.showBlock && <p class="meta">{blockLabel(findBlock(props.folded.versions, r.block), r.block)}</p>}
          <p class="comment-text">{r.text}</p>
        </li>
      ))}
    </ol>
  );
}

function CommentForm(props: { client: PlanflowClient; dossier: number; block: number }) {
  const { t } = useLang();
  const { run, busy, error } = useCommand(props.client);
  const [text, setText] = useState("");
  async function submit(e: Event) {
    e.preventDefault();
    const anchor = props.block ? { kind: "block", block: props.block } : undefined;
    if (await run({ dossier: props.dossier }, { type: "add_comment", text, ...(anchor ? { anchor } : {}) })) setText("");
  }
  return (
    <form onSubmit={submit} class="meeting-comment">
      <label for="meeting-comment-text">{t("meetingYourComment")}</label>
      <textarea id="meeting-comment-text" rows={3} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      <FormError error={error} />
      <button type="submit" disabled={busy}>
        {t("meetingSend")}
      </button>
    </form>
  );
}

function RecordForm(props: { client: PlanflowClient; detail: DossierDetail; block: number; names: NameLookup }) {
  const { t } = useLang();
  const { run, busy, error } = useCommand(props.client);
  const [text, setText] = useState("");
  const [delegate, setDelegate] = useState("");
  const delegates = [...new Set(props.detail.participants.filter((p) => p.role === "delegate").map((p) => p.user))];
  async function submit(e: Event) {
    e.preventDefault();
    const command: { type: string } & Record<string, unknown> = { type: "add_comment", text };
    if (delegate) command.on_behalf_of = Number(delegate);
    if (props.block) command.anchor = { kind: "block", block: props.block };
    if (await run({ dossier: props.detail.dossier.id }, command)) setText("");
  }
  return (
    <section class="panel" aria-labelledby="record-title">
      <h2 id="record-title">{t("meetingRecordTitle")}</h2>
      <form onSubmit={submit} class="record-form">
        <label for="record-delegate">{t("meetingRecordDelegate")}</label>
        <SelectUsers
          id="record-delegate"
          users={delegates}
          value={delegate}
          onChange={setDelegate}
          invalid={error?.field === "on_behalf_of"}
          placeholder={t("meetingChoose")}
          label={props.names.user}
        />
        <FormError error={error} field="on_behalf_of" />
        <label for="record-text">{t("meetingRecordText")}</label>
        <textarea id="record-text" rows={3} value={text} onInput={(e) => setText(e.currentTarget.value)} />
        <FormError error={error} field="text" />
        <FormLevelError error={error} fields={["on_behalf_of", "text"]} />
        <button type="submit" disabled={busy}>
          {t("meetingRecordSend")}
        </button>
      </form>
    </section>
  );
}

function Attendance(props: {
  client: PlanflowClient;
  detail: DossierDetail;
  meeting: MeetingInfo;
  names: NameLookup;
  canRecord: boolean;
}) {
  const { t } = useLang();
  const { run, busy, error } = useCommand(props.client);
  const people = [...new Set(props.detail.participants.filter((p) => p.role !== "secretary").map((p) => p.user))];
  const mark = (user: number, present: boolean) =>
    void run({ dossier: props.detail.dossier.id }, { type: "record_attendance", user, present });
  return (
    <section class="panel" aria-labelledby="attendance-title">
      <h2 id="attendance-title">{t("meetingAttendance")}</h2>
      <ul class="attendance">
        {people.map((u) => {
          const status = attendanceOf(props.meeting.attendance, u);
          const label = status === null ? t("meetingNotRecorded") : status ? t("meetingPresent") : t("meetingAbsent");
          return (
            <li key={u} data-user={u}>
              <span>
                {props.names.user(u)} ({props.names.unit(props.names.userUnit(u))})
              </span>{" "}
              <span class={`attendance-status ${status === null ? "unknown" : status ? "present" : "absent"}`}>{label}</span>
              {props.canRecord && (
                <span class="toggles">
                  <button type="button" class="secondary" aria-pressed={status === true} disabled={busy} onClick={() => mark(u, true)}>
                    {t("meetingPresent")}
                  </button>
                  <button type="button" class="secondary" aria-pressed={status === false} disabled={busy} onClick={() => mark(u, false)}>
                    {t("meetingAbsent")}
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ul>
      <FormError error={error} />
    </section>
  );
}

function CloseForm(props: { client: PlanflowClient; dossier: number }) {
  const { t } = useLang();
  const { run, busy, error } = useCommand(props.client);
  const [conclusion, setConclusion] = useState("");
  async function submit(e: Event) {
    e.preventDefault();
    await run({ dossier: props.dossier }, { type: "close_meeting", ...(conclusion.trim() ? { conclusion } : {}) });
  }
  return (
    <section class="panel" aria-labelledby="close-title">
      <h2 id="close-title">{t("meetingClose")}</h2>
      <form onSubmit={submit}>
        <label for="meeting-conclusion">{t("meetingConclusion")}</label>
        <textarea id="meeting-conclusion" rows={4} value={conclusion} onInput={(e) => setConclusion(e.currentTarget.value)} />
        <FormError error={error} />
        <button type="submit" disabled={busy}>
          {t("meetingClose")}
        </button>
      </form>
    </section>
  );
}
