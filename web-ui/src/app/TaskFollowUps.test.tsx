// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { escalationAudience } from "../model/follow_ups";
import type { TaskFollowUps as FollowUps, WorkflowInfo } from "../protocol";
import { renderSignedIn } from "./render_test_support";
import { namesOf } from "./session_context";
import { TaskFollowUps } from "./TaskFollowUps";

const DAY = 86_400;
const at8 = (year: number, month: number, day: number) => Date.UTC(year, month - 1, day, 1) / 1000;
const roles: WorkflowInfo["roles"] = [
  { id: "monitor", title: { vi: "Cơ quan theo dõi, đôn đốc", en: "Monitoring unit" } },
  { id: "chair", title: { vi: "Chủ tọa", en: "Chairperson" } },
];
const names = namesOf(
  {
    workflows: [],
    directory: { units: [{ id: 3, code: "SYT", name: "Sở Y tế" }], users: [{ id: 7, name: "Ngô Văn Tài", unit: 3, disabled: false }] },
  },
  "vi",
);
// As the dossier reply gives a task past its deadline (docs/protocol.md).
const followUps: FollowUps = {
  next: { at: at8(2024, 3, 25), kind: "escalation" },
  sent: [
    { seq: 14, at: at8(2024, 2, 20), kind: "report_request", scheduled_at: at8(2024, 2, 20), due_at: at8(2024, 2, 27), recipients: [7] },
    { seq: 19, at: at8(2024, 3, 11), kind: "reminder", scheduled_at: at8(2024, 3, 11), due_at: null, recipients: [7] },
    { seq: 23, at: at8(2024, 3, 19) + 2 * 3600, kind: "overdue", scheduled_at: at8(2024, 3, 19), due_at: null, recipients: [7] },
  ],
};

afterEach(() => document.body.replaceChildren());

async function shown(value: FollowUps, lang: "vi" | "en" = "vi", audience = escalationAudience(["monitor", "chair"], roles, lang)) {
  const { root } = await renderSignedIn(<TaskFollowUps followUps={value} names={names} escalatedTo={audience} />, lang);
  return root;
}

describe("a task's follow-ups on its card", () => {
  it("tell the next one's kind and time, Vietnam time", async () => {
    const root = await shown(followUps);
    expect(root.querySelector(".task-next-follow-up")?.textContent).toBe("Đôn đốc tiếp theo: Chuyển cấp trên đôn đốc, 08:00 25/3/2024");
    expect(root.querySelector(".task-next-follow-up time")?.getAttribute("datetime")).toBe("2024-03-25T01:00:00.000Z");
  });

  it("list those sent newest first, a report request with its deadline, a late one with its slot", async () => {
    const root = await shown(followUps);
    expect(root.querySelector(".task-follow-ups-sent summary")?.textContent).toBe("Đã đôn đốc (3 lần)");
    expect([...root.querySelectorAll(".task-follow-up")].map((li) => li.textContent)).toEqual([
      "Nhắc quá hạn, 10:00 19/3/2024 (theo lịch 08:00 19/3/2024); gửi Ngô Văn Tài",
      "Nhắc hạn, 08:00 11/3/2024; gửi Ngô Văn Tài",
      "Yêu cầu báo cáo tiến độ, 08:00 20/2/2024; hạn báo cáo 08:00 27/2/2024; gửi Ngô Văn Tài",
    ]);
  });

  it("say an escalation goes to the monitoring unit and the chair", async () => {
    const escalated: FollowUps = {
      next: null,
      sent: [{ seq: 30, at: at8(2024, 3, 25), kind: "escalation", scheduled_at: at8(2024, 3, 25), due_at: null, recipients: [] }],
    };
    const root = await shown(escalated);
    expect(root.querySelector(".task-next-follow-up")).toBeNull();
    expect(root.querySelector(".task-follow-up")?.textContent).toBe(
      "Chuyển cấp trên đôn đốc, 08:00 25/3/2024; gửi Cơ quan theo dõi, đôn đốc và Chủ tọa",
    );
    const english = await shown(escalated, "en");
    expect(english.querySelector(".task-follow-up")?.textContent).toBe("Escalation, 08:00, 25 Mar 2024; to the Monitoring unit and Chairperson");
  });

  it("give the next one's time alone when the server cannot tell its kind", async () => {
    const root = await shown({ next: { at: at8(2024, 4, 1) + 30 * DAY, kind: null }, sent: [] }, "en");
    expect(root.querySelector(".task-next-follow-up")?.textContent).toBe("Next follow-up: 08:00, 1 May 2024");
    expect(root.querySelector(".task-follow-ups-sent")).toBeNull();
  });

  it("show nothing for a task with no follow-up given or pending", async () => {
    const root = await shown({ next: null, sent: [] });
    expect(root.innerHTML).toBe("");
  });
});
