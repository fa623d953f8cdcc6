// The dossier page's meeting box: the latest meeting's schedule and status,
// the form to schedule (or move) it, and the ways into meeting mode and the
// minutes.
import { useState } from "preact/hooks";
import { formatDateTime } from "../i18n";
import { latestMeeting } from "../model/meeting";
import type { DossierDetail, PlanflowClient } from "../protocol";
import { FormError, FormLevelError } from "./FormError";
import { useLang } from "./lang_context";
import type { NameLookup } from "./session_context";
import { useCommand } from "./use_command";

export function MeetingPanel(props: { client: PlanflowClient; detail: DossierDetail; names: NameLookup }) {
  const { t, lang } = useLang();
  const { detail, names } = props;
  const meeting = latestMeeting(detail.meetings);
  const rights = detail.meeting_rights;
  if (!meeting && !rights?.schedule) return null;
  const id = detail.dossier.id;
  return (
    <section class="panel meeting-panel" aria-labelledby="meeting-panel-title">
      <h2 id="meeting-panel-title">{t("meetingTitle")}</h2>
      {!meeting && <p class="empty">{t("meetingNone")}</p>}
      {meeting && (
        <dl class="meeting-facts">
          <dt>{t("meetingNumber", { number: meeting.number })}</dt>
          <dd class={`meeting-status status-${meeting.status}`}>{t(`meetingStatus_${meeting.status}`)}</dd>
          <dt>{t("meetingWhen")}</dt>
          <dd>{formatDateTime(meeting.starts_at, lang)}</dd>
          <dt>{t("meetingPlace")}</dt>
          <dd>{meeting.place}</dd>
          <dt>{t("meetingChair")}</dt>
          <dd>{names.user(meeting.chair)}</dd>
        </dl>
      )}
      {meeting && (
        <p class="buttons">
          <a class="button" href={`/dossiers/${id}/meeting`}>
            {t("meetingEnter")}
          </a>{" "}
          {meeting.status !== "scheduled" && (
            <a href={`/dossiers/${id}/meetings/${meeting.number}/minutes`}>{t("meetingMinutes")}</a>
          )}
        </p>
      )}
      {rights?.schedule && <ScheduleForm {...props} rescheduling={meeting?.status === "scheduled" && meeting.current} />}
    </section>
  );
}

function ScheduleForm(props: { client: PlanflowClient; detail: DossierDetail; names: NameLookup; rescheduling: boolean }) {
  const { t } = useLang();
  const { run, busy, error } = useCommand(props.client);
  const [open, setOpen] = useState(false);
  const [startsAt, setStartsAt] = useState("");
  const [place, setPlace] = useState("");
  const chairs = props.detail.participants.filter((p) => p.role === "chair");
  const [chair, setChair] = useState(chairs.length === 1 ? String(chairs[0]!.user) : "");
  if (!open)
    return (
      <button type="button" class="secondary" onClick={() => setOpen(true)}>
        {props.rescheduling ? t("meetingReschedule") : t("meetingSchedule")}
      </button>
    );
  async function submit(e: Event) {
    e.preventDefault();
    const command: { type: string } & Record<string, unknown> = { type: "schedule_meeting", place };
    // Left out when empty, so the server names the missing field.
    if (startsAt) command.starts_at = startsAt;
    if (chair) command.chaired_by = Number(chair);
    if (await run({ dossier: props.detail.dossier.id }, command)) setOpen(false);
  }
  return (
    <form class="schedule-form" onSubmit={submit} aria-label={t("meetingSchedule")}>
      <label for="meeting-starts-at">{t("meetingStartsAt")}</label>
      <input
        id="meeting-starts-at"
        type="datetime-local"
        value={startsAt}
        aria-invalid={error?.field === "starts_at"}
        onInput={(e) => setStartsAt(e.currentTarget.value)}
      />
      <FormError error={error} field="starts_at" />
      <label for="meeting-place">{t("meetingPlace")}</label>
      <input
        id="meeting-place"
        value={place}
        aria-invalid={error?.field === "place"}
        onInput={(e) => setPlace(e.currentTarget.value)}
      />
      <FormError error={error} field="place" />
      <label for="meeting-chair">{t("meetingChairedBy")}</label>
      <SelectUsers
        id="meeting-chair"
        users={[...new Set(chairs.map((p) => p.user))]}
        value={chair}
        onChange={setChair}
        invalid={error?.field === "chaired_by"}
        placeholder={t("meetingChoose")}
        label={props.names.user}
      />
      <FormError error={error} field="chaired_by" />
      <FormLevelError error={error} fields={["starts_at", "place", "chaired_by"]} />
      <button type="submit" disabled={busy} aria-busy={busy}>
        {t("meetingSave")}
      </button>
    </form>
  );
}

export function SelectUsers(props: {
  id: string;
  users: readonly number[];
  value: string;
  onChange: (v: string) => void;
  invalid?: boolean;
  placeholder: string;
  label?: (user: number) => string;
}) {
  return (
    <select id={props.id} value={props.value} aria-invalid={props.invalid} onChange={(e) => props.onChange(e.currentTarget.value)}>
      <option value="">{props.placeholder}</option>
      {props.users.map((u) => (
        <option key={u} value={String(u)}>
          {props.label ? props.label(u) : String(u)}
        </option>
      ))}
    </select>
  );
}
