// Each history event as one line a person reads: who did what, in the
// reader's language, with names rather than ids.
import { formatDate, formatNumber, pick, translate, type Lang, type MessageKey } from "../i18n";
import type { FollowUpKind, HistoryEntry, LocalizedText, WorkflowInfo } from "../protocol";
import { followUpKindLabel } from "./follow_ups";

export interface Names {
  user: (id: number) => string;
}

export interface TimelineItem {
  seq: number;
  at: number;
  actor: number;
  text: string;
}

const DISPOSITION_KEYS: Record<string, MessageKey> = {
  accepted: "dispositionAccepted",
  partly_accepted: "dispositionPartlyAccepted",
  not_accepted: "dispositionNotAccepted",
  noted: "dispositionNoted",
};

export function dispositionLabel(name: string, lang: Lang): string {
  const key = DISPOSITION_KEYS[name];
  return key ? translate(lang, key) : name;
}

function titleOf(list: { id: string; title: LocalizedText }[] | undefined, id: string, lang: Lang): string {
  return pick(list?.find((x) => x.id === id)?.title, lang) || id;
}

export function describeEvent(entry: HistoryEntry, definition: WorkflowInfo, names: Names, lang: Lang): string {
  const { event } = entry;
  const d = event.data as Record<string, unknown>;
  const t = (key: MessageKey, params: Record<string, string | number> = {}) =>
    translate(lang, key, { actor: names.user(event.actor), ...params });
  const role = (id: unknown) => titleOf(definition.roles, String(id), lang);
  switch (event.type) {
    case "dossier_created":
      return t("evCreated", { title: String(d.title ?? "") });
    case "role_bound":
      return t("evRoleBound", { user: names.user(Number(d.user)), role: role(d.role) });
    case "role_unbound":
      return t("evRoleUnbound", { user: names.user(Number(d.user)), role: role(d.role) });
    case "version_submitted":
      return t("evVersion", { number: Number(d.number) });
    case "action_taken": {
      const action = titleOf(definition.actions, String(d.action), lang);
      const to = titleOf(definition.states, String(d.to), lang);
      const line = t(d.timer_id ? "evActionByDeadline" : "evAction", { action, to });
      const issued = d.issued as { symbol?: string } | undefined;
      return issued?.symbol ? `${line}. ${t("evIssued", { symbol: issued.symbol })}` : line;
    }
    case "comment_added":
      if (Number(d.on_behalf_of))
        return t("evRecorded", { id: Number(d.comment_id), user: names.user(Number(d.on_behalf_of)) });
      return Number(d.reply_to)
        ? t("evReply", { reply: Number(d.reply_to) })
        : t("evComment", { id: Number(d.comment_id) });
    case "comment_edited":
      return t("evEdited", { id: Number(d.comment_id) });
    case "comment_withdrawn":
      return t("evWithdrawn", { id: Number(d.comment_id) });
    case "comment_disposed":
      return t("evDisposed", { id: Number(d.comment_id), disposition: dispositionLabel(String(d.disposition), lang) });
    case "review_finished":
      return t("evReviewFinished");
    case "document_signed":
      return t("evSigned", { user: names.user(Number(d.signer)) });
    case "reminder_sent":
      return t("evReminder", { count: Array.isArray(d.recipients) ? d.recipients.length : 0 });
    case "meeting_scheduled":
      return t("evMeetingScheduled", { place: String(d.place ?? "") });
    case "meeting_opened":
      return t("evMeetingOpened");
    case "block_presented":
      return t("evBlockPresented", { block: Number(d.block_id) });
    case "attendance_recorded":
      return t("evAttendance", {
        user: names.user(Number(d.user)),
        status: translate(lang, d.present ? "meetingPresent" : "meetingAbsent").toLowerCase(),
      });
    case "meeting_closed":
      return t("evMeetingClosed");
    case "directive_done":
      return t("evDirectiveDone", { number: Number(d.directive) });
    case "conclusion_notice_issued":
      return t("evNoticeIssued", { symbol: String((d.issued as { symbol?: unknown } | undefined)?.symbol ?? "") });
    case "implementation_task_added": {
      const task = (d.task ?? {}) as { title?: unknown };
      return t("evTaskAdded", { id: Number(d.task_id), title: String(task.title ?? "") });
    }
    case "progress_reported": {
      const id = Number(d.task);
      const date = formatDate(Number(d.as_of), lang);
      if (typeof d.value === "number") return t("evProgressValue", { id, value: formatNumber(d.value, lang), date });
      return d.completed ? t("evProgressDone", { id }) : t("evProgress", { id, date });
    }
    case "follow_up_sent":
      return t("evFollowUp", { id: Number(d.task), kind: followUpKindLabel(String(d.kind) as FollowUpKind, lang) });
    case "campaign_set":
      return t("evCampaignSet", { starts: formatDate(Number(d.starts), lang), ends: formatDate(Number(d.ends), lang) });
    default:
      return event.type;
  }
}

/** Newest first: the history reads as "what happened lately". */
export function timelineOf(history: readonly HistoryEntry[], definition: WorkflowInfo, names: Names, lang: Lang): TimelineItem[] {
  return history
    .map((e) => ({ seq: e.seq, at: e.event.at, actor: e.event.actor, text: describeEvent(e, definition, names, lang) }))
    .reverse();
}
