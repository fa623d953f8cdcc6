import { describe, expect, it } from "vitest";
import type { HistoryEntry, WorkflowInfo } from "../protocol";
import { describeEvent, timelineOf } from "./timeline";

const t = (vi: string, en: string) => ({ vi, en });
const definition = {
  roles: [{ id: "delegate", title: t("Đại biểu góp ý", "Delegate") }],
  states: [{ id: "implementation", title: t("Triển khai thực hiện", "Implementation"), final: false }],
  actions: [{ id: "issue", title: t("Ban hành", "Issue") }],
} as unknown as WorkflowInfo;
const names = { user: (id: number) => (id === 0 ? "Hệ thống" : ["", "An", "Bình"][id] ?? `#${id}`) };
const entry = (seq: number, type: string, actor: number, data: Record<string, unknown>): HistoryEntry => ({
  seq,
  dossier_seq: seq,
  event: { type, at: 1_700_000_000 + seq, actor, data },
});

describe("the history as sentences", () => {
  it("names people, roles, steps and actions in the reader's language", () => {
    const bound = entry(1, "role_bound", 1, { role: "delegate", user: 2, unit: 3 });
    expect(describeEvent(bound, definition, names, "vi")).toBe("An phân công Bình giữ vai trò Đại biểu góp ý");
    expect(describeEvent(bound, definition, names, "en")).toBe("An made Bình Delegate");
    const issued = entry(2, "action_taken", 1, {
      from: "issuance", action: "issue", to: "implementation", inputs: {},
      issued: { number: 2301, year: 2024, series: "QĐ", symbol: "2301/QĐ-UBND" },
    });
    expect(describeEvent(issued, definition, names, "vi")).toBe(
      "An: Ban hành (chuyển sang bước “Triển khai thực hiện”). Văn bản được ban hành, số 2301/QĐ-UBND",
    );
  });

  it("names the signer of the issued document, not the system that recorded it", () => {
    const signed = entry(6, "document_signed", 0, { signer: 2, algorithm: "Ed25519", public_key: "ab", digest: "cd", signature: "ef" });
    expect(describeEvent(signed, definition, names, "vi")).toBe("Văn bản được ký số bởi Bình");
    expect(describeEvent(signed, definition, names, "en")).toBe("The document was digitally signed by Bình");
  });

  it("tells comments from replies and dispositions by name", () => {
    expect(describeEvent(entry(3, "comment_added", 2, { comment_id: 4, reply_to: 0 }), definition, names, "vi")).toBe(
      "Bình góp ý (ý kiến số 4)",
    );
    expect(describeEvent(entry(4, "comment_added", 1, { comment_id: 5, reply_to: 4 }), definition, names, "en")).toBe(
      "An replied to comment 4",
    );
    expect(
      describeEvent(entry(5, "comment_disposed", 1, { comment_id: 4, disposition: "partly_accepted" }), definition, names, "vi"),
    ).toBe("An xử lý ý kiến số 4: Tiếp thu một phần");
    expect(describeEvent(entry(6, "comment_edited", 2, { comment_id: 4, text: "Mới" }), definition, names, "vi")).toBe(
      "Bình sửa ý kiến số 4",
    );
    expect(describeEvent(entry(7, "comment_withdrawn", 2, { comment_id: 4 }), definition, names, "en")).toBe(
      "Bình withdrew comment 4",
    );
  });

  it("tells a directive marked done and the conclusion notice issued, in both languages", () => {
    const done = entry(8, "directive_done", 1, { directive: 2, blocks: [4], note: "" });
    expect(describeEvent(done, definition, names, "vi")).toBe("An đánh dấu đã thực hiện chỉ đạo số 2");
    expect(describeEvent(done, definition, names, "en")).toBe("An marked directive 2 done");
    const notice = entry(9, "conclusion_notice_issued", 2, {
      issued: { number: 1, year: 2026, series: "TB", symbol: "01/TB-UBND" },
      place: "Hà Giang", authority: "TL. CHỦ TỊCH", signer: "Nguyễn Văn A", recipients: "- Lưu: VT.",
    });
    expect(describeEvent(notice, definition, names, "vi")).toBe("Bình ban hành thông báo kết luận số 01/TB-UBND");
    expect(describeEvent(notice, definition, names, "en")).toBe("Bình issued the conclusion notice 01/TB-UBND");
  });

  it("says when a deadline acted, and lists newest first", () => {
    const expired = entry(6, "action_taken", 0, { action: "close_at_deadline", to: "conclusion", timer_id: 3, inputs: {} });
    expect(describeEvent(expired, definition, names, "vi")).toBe(
      "Hết hạn — close_at_deadline (chuyển sang bước “conclusion”)",
    );
    const list = timelineOf([entry(1, "review_finished", 2, {}), expired], definition, names, "vi");
    expect(list.map((i) => i.seq)).toEqual([6, 1]);
    expect(list[1]!.text).toBe("Bình xác nhận không còn ý kiến");
  });
});

describe("the implementation step in the history", () => {
  const MAR25 = 1_711_299_600; // 25/3/2024, Vietnam time
  it("tells tasks added, progress reported and the campaign set, in both languages", () => {
    const added = entry(20, "implementation_task_added", 1, { task_id: 1, task: { title: "Tinh giản biên chế", lead_unit: 3, starts: 0, due: 1 } });
    expect(describeEvent(added, definition, names, "vi")).toBe("An giao nhiệm vụ 1: Tinh giản biên chế");
    expect(describeEvent(added, definition, names, "en")).toBe("An added task 1: Tinh giản biên chế");
    const value = entry(21, "progress_reported", 2, { task: 1, as_of: MAR25, value: 1240.5, narrative: "…" });
    expect(describeEvent(value, definition, names, "vi")).toBe("Bình báo cáo tiến độ nhiệm vụ 1: đạt 1.240,5, tính đến 25/3/2024");
    expect(describeEvent(value, definition, names, "en")).toBe("Bình reported on task 1: 1,240.5, as of 25 Mar 2024");
    const done = entry(22, "progress_reported", 2, { task: 2, as_of: MAR25, completed: true });
    expect(describeEvent(done, definition, names, "vi")).toBe("Bình báo cáo đã hoàn thành nhiệm vụ 2");
    const words = entry(23, "progress_reported", 2, { task: 2, as_of: MAR25, narrative: "Đang soạn" });
    expect(describeEvent(words, definition, names, "en")).toBe("Bình reported on task 2, as of 25 Mar 2024");
    const campaign = entry(24, "campaign_set", 1, { starts: MAR25, ends: MAR25 + 90 * 86_400 });
    expect(describeEvent(campaign, definition, names, "vi")).toBe("An đặt thời gian thực hiện theo đợt: 25/3/2024 – 23/6/2024");
    expect(describeEvent(campaign, definition, names, "en")).toBe("An set the campaign window: 25 Mar 2024 – 23 Jun 2024");
  });

  it("tells a follow-up given by the system, by its kind", () => {
    const sent = entry(25, "follow_up_sent", 0, { timer_id: 9, task: 3, kind: "report_request", scheduled_at: MAR25, due_at: MAR25 + 5 * 86_400, recipients: [2] });
    expect(describeEvent(sent, definition, names, "vi")).toBe("Hệ thống đôn đốc nhiệm vụ 3: Yêu cầu báo cáo tiến độ");
    expect(describeEvent(sent, definition, names, "en")).toBe("Hệ thống followed up task 3: Progress report request");
    const escalated = entry(26, "follow_up_sent", 0, { timer_id: 10, task: 3, kind: "escalation", scheduled_at: MAR25, recipients: [] });
    expect(describeEvent(escalated, definition, names, "vi")).toBe("Hệ thống đôn đốc nhiệm vụ 3: Chuyển cấp trên đôn đốc");
  });
});
