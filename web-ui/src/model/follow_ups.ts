// How a task's follow-ups (đôn đốc) read on the board: what each kind is
// called, the pending one, and those already given, newest first, with
// whom they reached.
import { translate, pick, type Lang, type MessageKey } from "../i18n";
import type { FollowUpKind, FollowUpSentInfo, LocalizedText } from "../protocol";

const KIND_KEYS: Record<FollowUpKind, MessageKey> = {
  reminder: "followUpReminder",
  overdue: "followUpOverdue",
  escalation: "followUpEscalation",
  report_request: "followUpReportRequest",
};

export function followUpKindLabel(kind: FollowUpKind, lang: Lang): string {
  const key = KIND_KEYS[kind];
  return key ? translate(lang, key) : kind;
}

/** "gửi Cơ quan theo dõi, đôn đốc và Chủ tọa": whom an escalation goes to, from the step's `escalate_to` role ids. */
export function escalationAudience(
  escalateTo: readonly string[],
  roles: readonly { id: string; title: LocalizedText }[],
  lang: Lang,
): string {
  const titles = escalateTo.map((id) => {
    const role = roles.find((r) => r.id === id);
    return (role && pick(role.title, lang)) || id;
  });
  if (titles.length === 0) return translate(lang, "followUpEscalatedToAny");
  const and = translate(lang, "followUpAnd");
  const joined = titles.length === 1 ? titles[0]! : `${titles.slice(0, -1).join(", ")}${and}${titles[titles.length - 1]}`;
  return translate(lang, "followUpEscalatedTo", { roles: joined });
}

export interface FollowUpLine {
  seq: number;
  kind: string;
  at: number;
  /** When it was meant to go out, if the server gave it noticeably later (it was down). */
  scheduled: number | null;
  /** A report request's deadline for the report. */
  reportDue: number | null;
  /** Whom it reached: "gửi Ngô Văn Tài", or the escalation's roles. */
  to: string;
}

// Follow-ups fire on a timer that may run a little after its slot; only a
// delay a person would notice is worth a word.
const LATE_SECONDS = 15 * 60;

/** The follow-ups given, newest first, as the board lists them. */
export function followUpLines(
  sent: readonly FollowUpSentInfo[],
  lang: Lang,
  names: { user: (id: number) => string },
  escalatedTo: string,
): FollowUpLine[] {
  return [...sent]
    .sort((a, b) => b.at - a.at || b.seq - a.seq)
    .map((f) => ({
      seq: f.seq,
      kind: followUpKindLabel(f.kind, lang),
      at: f.at,
      scheduled: f.at - f.scheduled_at >= LATE_SECONDS ? f.scheduled_at : null,
      reportDue: f.kind === "report_request" ? f.due_at : null,
      to:
        f.kind === "escalation"
          ? escalatedTo
          : f.recipients.length === 0
            ? translate(lang, "followUpToNobody")
            : translate(lang, "followUpTo", { names: f.recipients.map(names.user).join(", ") }),
    }));
}
