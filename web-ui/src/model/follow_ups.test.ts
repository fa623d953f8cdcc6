import { describe, expect, it } from "vitest";
import type { FollowUpSentInfo } from "../protocol";
import { escalationAudience, followUpKindLabel, followUpLines } from "./follow_ups";

// 8:00 18/3/2024, Vietnam time: a follow-up counted in working days falls then.
const MAR18_8AM = Date.UTC(2024, 2, 18, 1) / 1000;
const DAY = 86_400;
const names = { user: (id: number) => ({ 7: "Ngô Văn Tài", 8: "Trần Thị Mai" })[id] ?? `Người dùng ${id}` };
const roles = [
  { id: "monitor", title: { vi: "Cơ quan theo dõi, đôn đốc", en: "Monitoring unit" } },
  { id: "chair", title: { vi: "Chủ tọa", en: "Chairperson" } },
  { id: "drafter", title: { vi: "Cơ quan chủ trì soạn thảo", en: "Drafting unit" } },
];
const sent = (seq: number, kind: FollowUpSentInfo["kind"], at: number, extra: Partial<FollowUpSentInfo> = {}): FollowUpSentInfo => ({
  seq, at, kind, scheduled_at: at, due_at: null, recipients: [7], ...extra,
});

describe("follow-up kinds", () => {
  it("read in both languages, an unknown one as sent", () => {
    expect(followUpKindLabel("reminder", "vi")).toBe("Nhắc hạn");
    expect(followUpKindLabel("overdue", "vi")).toBe("Nhắc quá hạn");
    expect(followUpKindLabel("report_request", "vi")).toBe("Yêu cầu báo cáo tiến độ");
    expect(followUpKindLabel("escalation", "en")).toBe("Escalation");
    expect(followUpKindLabel("nudge" as never, "vi")).toBe("nudge");
  });
});

describe("whom an escalation goes to", () => {
  const planJson = ["monitor", "chair"];
  it("names the step's escalation roles by the definition's titles", () => {
    expect(escalationAudience(planJson, roles, "vi")).toBe("gửi Cơ quan theo dõi, đôn đốc và Chủ tọa");
    expect(escalationAudience(planJson, roles, "en")).toBe("to the Monitoring unit and Chairperson");
  });
  it("names one role alone, a role the definition lacks by its id, and none in general words", () => {
    expect(escalationAudience(["chair"], roles, "vi")).toBe("gửi Chủ tọa");
    expect(escalationAudience(["chair", "auditor"], roles, "vi")).toBe("gửi Chủ tọa và auditor");
    expect(escalationAudience([], roles, "vi")).toBe("gửi cơ quan theo dõi, đôn đốc");
  });
});

describe("the follow-ups given", () => {
  const given = [
    sent(12, "report_request", MAR18_8AM - 30 * DAY, { due_at: MAR18_8AM - 23 * DAY, recipients: [7, 8] }),
    sent(20, "reminder", MAR18_8AM),
    sent(31, "escalation", MAR18_8AM + 12 * DAY, { recipients: [] }),
    sent(25, "overdue", MAR18_8AM + 6 * DAY, { scheduled_at: MAR18_8AM + 6 * DAY - 3 * 3600, recipients: [] }),
  ];
  const lines = followUpLines(given, "vi", names, escalationAudience(["monitor", "chair"], roles, "vi"));

  it("list the newest first", () => {
    expect(lines.map((l) => l.seq)).toEqual([31, 25, 20, 12]);
    // The server's list is left as it was.
    expect(given.map((g) => g.seq)).toEqual([12, 20, 31, 25]);
  });
  it("say whom each reached: the lead unit's people, or the escalation's roles", () => {
    expect(lines.map((l) => l.to)).toEqual([
      "gửi Cơ quan theo dõi, đôn đốc và Chủ tọa",
      "đơn vị chủ trì chưa có người nhận",
      "gửi Ngô Văn Tài",
      "gửi Ngô Văn Tài, Trần Thị Mai",
    ]);
  });
  it("give a report request's deadline, and no other's", () => {
    expect(lines.map((l) => l.reportDue)).toEqual([null, null, null, MAR18_8AM - 23 * DAY]);
    expect(lines.map((l) => l.kind)).toEqual(["Chuyển cấp trên đôn đốc", "Nhắc quá hạn", "Nhắc hạn", "Yêu cầu báo cáo tiến độ"]);
  });
  it("note when one went out well after its time, as after a server outage", () => {
    expect(lines.map((l) => l.scheduled)).toEqual([null, MAR18_8AM + 6 * DAY - 3 * 3600, null, null]);
    const slightlyLate = followUpLines([sent(1, "reminder", MAR18_8AM + 60, { scheduled_at: MAR18_8AM })], "vi", names, "");
    expect(slightlyLate[0]!.scheduled).toBeNull();
  });
  it("order two given at the same moment by their place in the history", () => {
    const same = followUpLines([sent(3, "reminder", MAR18_8AM), sent(4, "report_request", MAR18_8AM)], "en", names, "");
    expect(same.map((l) => [l.seq, l.kind])).toEqual([[4, "Progress report request"], [3, "Deadline reminder"]]);
  });
});
