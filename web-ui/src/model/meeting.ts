// A consultation's meeting as its pages show it: the block presented now
// (followed from pushed events before the server's next reply), the way to
// the blocks before and after, attendance by unit, and the minutes.
import type { Block } from "./document";
import type { DraftVersion } from "./history";
import type { HistoryEntry, MeetingAttendance, MeetingInfo, MeetingRemark } from "../protocol/types";

export function latestMeeting(meetings: readonly MeetingInfo[] | undefined): MeetingInfo | null {
  return meetings && meetings.length ? meetings[meetings.length - 1]! : null;
}

/**
 * The block presented now: the meeting's, unless events pushed since the
 * reply moved it (the reply is read again a moment later).
 */
export function presentedBlock(meeting: MeetingInfo, history: readonly HistoryEntry[]): number {
  if (meeting.status !== "open") return meeting.presented_block;
  for (let i = history.length - 1; i >= 0; i--) {
    const e = history[i]!.event;
    if (e.type === "block_presented" || e.type === "meeting_opened") return Number(e.data.block_id) || 0;
    if (e.type === "meeting_scheduled" || e.type === "meeting_closed") break;
  }
  return meeting.presented_block;
}

export interface Stepping {
  /** 0-based place of the presented block, -1 when it is not in the draft. */
  index: number;
  count: number;
  previous: number | null;
  next: number | null;
}

/** Where the presented block stands among the draft's blocks. */
export function stepping(blocks: readonly Block[], presented: number): Stepping {
  const index = blocks.findIndex((b) => b.id === presented);
  const at = (i: number) => (i >= 0 && i < blocks.length ? (blocks[i]!.id ?? null) : null);
  return {
    index,
    count: blocks.length,
    previous: index > 0 ? at(index - 1) : null,
    next: index >= 0 ? at(index + 1) : blocks.length ? at(0) : null,
  };
}

/** A block found by id in the latest version that has it. */
export function findBlock(versions: readonly DraftVersion[], id: number): Block | null {
  for (let v = versions.length - 1; v >= 0; v--) {
    const b = versions[v]!.blocks.find((x) => x.id === id);
    if (b) return b;
  }
  return null;
}

const EXCERPT = 80;

/** "II. NHIỆM VỤ" or the start of a paragraph: what the minutes call a block. */
export function blockLabel(block: Block | null, id: number): string {
  if (!block) return `#${id}`;
  const text = block.kind === "table" ? (block.rows?.[0] ?? []).join(" · ") : block.text;
  const chars = [...text.trim()];
  const short = chars.length > EXCERPT ? chars.slice(0, EXCERPT).join("") + "…" : chars.join("");
  return [block.marker, short].filter(Boolean).join(" ");
}

export interface UnitAttendance {
  unit: number;
  present: number[];
  absent: number[];
}

/** Attendance grouped by the unit each person attends for, units in order of first record. */
export function attendanceByUnit(attendance: readonly MeetingAttendance[]): UnitAttendance[] {
  const out: UnitAttendance[] = [];
  for (const a of attendance) {
    let group = out.find((g) => g.unit === a.unit);
    if (!group) out.push((group = { unit: a.unit, present: [], absent: [] }));
    (a.present ? group.present : group.absent).push(a.user);
  }
  return out;
}

/** Who was asked to take part but has no attendance record yet, in the order given. */
export function notYetRecorded(people: readonly number[], attendance: readonly MeetingAttendance[]): number[] {
  const seen = new Set(attendance.map((a) => a.user));
  return [...new Set(people)].filter((u) => !seen.has(u));
}

/** A person's attendance: true present, false absent, null not recorded. */
export function attendanceOf(attendance: readonly MeetingAttendance[], user: number): boolean | null {
  const a = attendance.find((x) => x.user === user);
  return a ? a.present : null;
}

export interface MinutesRemark {
  number: number;
  author: number;
  unit: number;
  text: string;
  block: number;
  recordedBy: number | null;
  at: number;
}

/** The remarks the minutes list, in the order they were made; withdrawn ones are left out. */
export function minutesRemarks(remarks: readonly MeetingRemark[]): MinutesRemark[] {
  return remarks
    .filter((r) => !r.withdrawn)
    .map((r, i) => ({
      number: i + 1,
      author: r.author,
      unit: r.unit,
      text: r.text,
      block: r.block,
      recordedBy: r.recorded_by,
      at: r.at,
    }));
}

/** The remarks made on one block, for the live list beside it. */
export function remarksOn(remarks: readonly MeetingRemark[], block: number): MeetingRemark[] {
  return remarks.filter((r) => r.block === block && !r.withdrawn);
}
