import { describe, expect, it } from "vitest";
import type { HistoryEntry, MeetingInfo, MeetingRemark } from "../protocol/types";
import type { Block } from "./document";
import {
  attendanceByUnit,
  attendanceOf,
  blockLabel,
  findBlock,
  latestMeeting,
  minutesRemarks,
  notYetRecorded,
  presentedBlock,
  remarksOn,
  stepping,
} from "./meeting";

const blocks: Block[] = [
  { id: 1, kind: "heading", level: 1, marker: "I.", text: "MỤC ĐÍCH" },
  { id: 2, kind: "heading", level: 1, marker: "II.", text: "NHIỆM VỤ" },
  { id: 5, kind: "paragraph", level: 0, marker: "", text: "Tổ chức thực hiện" },
];

function meeting(over: Partial<MeetingInfo> = {}): MeetingInfo {
  return {
    number: 1, round: 1, status: "open", current: true, starts_at: 0, place: "Phòng họp", chair: 1,
    scheduled_by: 1, scheduled_at: 0, opened_at: 10, closed_at: null, conclusion: "", presented_block: 1,
    version: 1, secretaries: [3], attendance: [], remarks: [], ...over,
  };
}

function ev(seq: number, type: string, data: Record<string, unknown>): HistoryEntry {
  return { seq, dossier_seq: seq, event: { type, at: seq, actor: 1, data } } as HistoryEntry;
}

function remark(over: Partial<MeetingRemark>): MeetingRemark {
  return {
    comment_id: 1, reply_to: 0, author: 2, unit: 20, text: "x", block: 1, recorded_by: null, at: 1,
    edited: false, withdrawn: false, ...over,
  };
}

describe("the presented block", () => {
  it("follows pushed events before the reply is read again", () => {
    const history = [ev(1, "meeting_scheduled", {}), ev(2, "meeting_opened", { block_id: 1 }), ev(3, "block_presented", { block_id: 2 })];
    expect(presentedBlock(meeting({ presented_block: 1 }), history)).toBe(2);
  });
  it("is the meeting's own once it is closed, or when no move was pushed", () => {
    expect(presentedBlock(meeting({ status: "closed", presented_block: 5 }), [ev(1, "block_presented", { block_id: 2 })])).toBe(5);
    expect(presentedBlock(meeting({ presented_block: 5 }), [ev(1, "meeting_scheduled", {})])).toBe(5);
  });
  it("steps to the blocks before and after, and stops at either end", () => {
    expect(stepping(blocks, 2)).toEqual({ index: 1, count: 3, previous: 1, next: 5 });
    expect(stepping(blocks, 1)).toMatchObject({ previous: null, next: 2 });
    expect(stepping(blocks, 5)).toMatchObject({ previous: 2, next: null });
    // A block gone from the draft: start again from the first.
    expect(stepping(blocks, 9)).toEqual({ index: -1, count: 3, previous: null, next: 1 });
    expect(stepping([], 1)).toEqual({ index: -1, count: 0, previous: null, next: null });
  });
});

describe("blocks named in the minutes", () => {
  it("by marker and text, shortened, from the latest version that has them", () => {
    const versions = [
      { number: 1, summary: "", blocks: [{ ...blocks[0]!, text: "CŨ" }], at: 0, author: 1 },
      { number: 2, summary: "", blocks, at: 0, author: 1 },
    ];
    expect(blockLabel(findBlock(versions, 1), 1)).toBe("I. MỤC ĐÍCH");
    expect(findBlock(versions, 7)).toBeNull();
    expect(blockLabel(null, 7)).toBe("#7");
    const long = "ă".repeat(100);
    expect(blockLabel({ id: 3, kind: "paragraph", level: 0, marker: "", text: long }, 3)).toBe("ă".repeat(80) + "…");
    expect(blockLabel({ id: 4, kind: "table", level: 0, marker: "", text: "", rows: [["Nhiệm vụ", "Thời hạn"]] }, 4)).toBe(
      "Nhiệm vụ · Thời hạn",
    );
  });
});

describe("attendance", () => {
  const attendance = [
    { user: 2, unit: 20, present: true, recorded_by: 3, at: 1 },
    { user: 4, unit: 30, present: false, recorded_by: 3, at: 2 },
    { user: 5, unit: 20, present: false, recorded_by: 3, at: 3 },
  ];
  it("is grouped by unit, present and absent apart", () => {
    expect(attendanceByUnit(attendance)).toEqual([
      { unit: 20, present: [2], absent: [5] },
      { unit: 30, present: [], absent: [4] },
    ]);
    expect(attendanceByUnit([])).toEqual([]);
  });
  it("tells who has no record yet and each person's record", () => {
    expect(notYetRecorded([2, 6, 4, 6, 7], attendance)).toEqual([6, 7]);
    expect(attendanceOf(attendance, 4)).toBe(false);
    expect(attendanceOf(attendance, 2)).toBe(true);
    expect(attendanceOf(attendance, 9)).toBeNull();
  });
});

describe("remarks", () => {
  const remarks = [
    remark({ comment_id: 1, block: 2 }),
    remark({ comment_id: 2, block: 2, withdrawn: true }),
    remark({ comment_id: 3, block: 5, author: 4, recorded_by: 3 }),
  ];
  it("are numbered in order in the minutes, withdrawn ones left out", () => {
    const m = minutesRemarks(remarks);
    expect(m.map((r) => r.number)).toEqual([1, 2]);
    expect(m[1]).toMatchObject({ author: 4, recordedBy: 3, block: 5 });
  });
  it("are listed beside the block they were on", () => {
    expect(remarksOn(remarks, 2).map((r) => r.comment_id)).toEqual([1]);
    expect(remarksOn(remarks, 1)).toEqual([]);
  });
  it("belong to the latest meeting", () => {
    expect(latestMeeting(undefined)).toBeNull();
    expect(latestMeeting([])).toBeNull();
    expect(latestMeeting([meeting({ number: 1 }), meeting({ number: 2 })])?.number).toBe(2);
  });
});
