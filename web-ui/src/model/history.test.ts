import { describe, expect, it } from "vitest";
import type { HistoryEntry } from "../protocol";
import { appendEvent, foldHistory, mergeHistory } from "./history";

let seq = 100;
function ev(type: string, actor: number, data: Record<string, unknown>, at = 1_700_000_000): HistoryEntry {
  seq += 1;
  return { seq, dossier_seq: seq - 100, event: { type, at, actor, data } };
}

describe("foldHistory", () => {
  const history = [
    ev("dossier_created", 1, { title: "Kế hoạch" }),
    ev("version_submitted", 1, { number: 1, summary: "", text: "I. MỤC ĐÍCH" }),
    ev("comment_added", 2, { comment_id: 1, reply_to: 0, text: "Cần bổ sung chỉ tiêu", unit: 20 }),
    ev("comment_added", 3, { comment_id: 2, reply_to: 1, text: "Đồng ý", unit: 30 }),
    ev("comment_added", 1, { comment_id: 3, reply_to: 2, text: "Sẽ bổ sung", unit: 10 }),
    ev("comment_added", 3, { comment_id: 4, reply_to: 0, text: "<img src=x onerror=alert(1)>", unit: 30 }),
    ev("action_taken", 4, { from: "conclusion", action: "revise", to: "revision", inputs: { conclusion: "Tiếp thu ý kiến" } }),
    ev("comment_disposed", 1, { comment_id: 1, disposition: "accepted", explanation: "Đã bổ sung mục 2" }),
    ev("version_submitted", 1, {
      number: 2,
      summary: "Bổ sung chỉ tiêu",
      blocks: [
        { id: 1, kind: "heading", level: 2, marker: "I.", text: "MỤC ĐÍCH" },
        { id: 2, kind: "item", level: 1, marker: "1.", text: "Mục đích" },
      ],
    }),
  ];
  const folded = foldHistory(history);

  it("keeps every version in order", () => {
    expect(folded.versions.map((v) => v.number)).toEqual([1, 2]);
    expect(folded.versions[1]!.summary).toBe("Bổ sung chỉ tiêu");
  });

  it("reads a version's blocks, and the plain text of versions from before blocks", () => {
    expect(folded.versions[0]!.blocks).toEqual([{ kind: "heading", level: 2, marker: "I.", text: "MỤC ĐÍCH" }]);
    expect(folded.versions[1]!.blocks.map((b) => b.id)).toEqual([1, 2]);
  });

  it("threads replies of replies under their first comment", () => {
    expect(folded.threads.map((t) => t.comment.id)).toEqual([1, 4]);
    expect(folded.threads[0]!.replies.map((r) => r.id)).toEqual([2, 3]);
  });

  it("records dispositions and the version each comment was about", () => {
    const first = folded.threads[0]!.comment;
    expect(first.disposition).toBe("accepted");
    expect(first.explanation).toBe("Đã bổ sung mục 2");
    expect(first.onVersion).toBe(1);
    expect(folded.threads[1]!.comment.disposition).toBeNull();
  });

  it("keeps hostile text as it was written", () => {
    expect(folded.threads[1]!.comment.text).toBe("<img src=x onerror=alert(1)>");
  });

  it("collects the chair's conclusions and the last seq", () => {
    expect(folded.conclusions).toEqual([
      expect.objectContaining({ action: "revise", text: "Tiếp thu ý kiến", actor: 4 }),
    ]);
    expect(folded.lastSeq).toBe(history[history.length - 1]!.seq);
  });

  it("keeps what the clerk gave at issue, with the number", () => {
    expect(folded.issue).toBeNull();
    const issued = foldHistory([
      ev("action_taken", 5, {
        from: "issuance", action: "issue", to: "implementation",
        inputs: { place: "Quảng Nam", signer: "Phan Thanh Hà" },
        issued: { number: 5, year: 2025, series: "KH", symbol: "05/KH-UBND" },
      }, 1_750_000_000),
    ]);
    expect(issued.issue).toEqual({
      at: 1_750_000_000, actor: 5, symbol: "05/KH-UBND", inputs: { place: "Quảng Nam", signer: "Phan Thanh Hà" },
    });
  });

  it("survives a reply to a comment it never saw", () => {
    const orphan = foldHistory([ev("comment_added", 2, { comment_id: 9, reply_to: 8, text: "x", unit: 1 })]);
    expect(orphan.threads.map((t) => t.comment.id)).toEqual([9]);
  });
});

describe("merging reads and pushes", () => {
  const a = ev("dossier_created", 1, {});
  const b = ev("version_submitted", 1, { number: 1, text: "" });
  const c = ev("comment_added", 2, { comment_id: 1, reply_to: 0, text: "", unit: 1 });

  it("takes the read as it is and adds only later pushes", () => {
    expect(mergeHistory([a, b], [b, c]).map((e) => e.seq)).toEqual([a.seq, b.seq, c.seq]);
    expect(mergeHistory([a, b, c], [b]).map((e) => e.seq)).toEqual([a.seq, b.seq, c.seq]);
  });

  it("never appends an event twice", () => {
    const once = appendEvent([a, b], c);
    expect(appendEvent(once, c)).toHaveLength(3);
  });
});

describe("a remark a meeting secretary recorded", () => {
  it("is its speaker's, marked with who recorded it", () => {
    const folded = foldHistory([
      ev("comment_added", 3, { comment_id: 1, reply_to: 0, text: "Phát biểu", unit: 20, on_behalf_of: 2 }),
      ev("comment_added", 2, { comment_id: 2, reply_to: 0, text: "Tự gõ", unit: 20 }),
    ]);
    expect(folded.threads[0]!.comment).toMatchObject({ author: 2, recordedBy: 3 });
    expect(folded.threads[1]!.comment).toMatchObject({ author: 2, recordedBy: 0 });
  });
});
