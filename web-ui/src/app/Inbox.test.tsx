// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import type { InboxTask } from "../protocol";
import { Inbox } from "./Inbox";
import { renderSignedIn, settle } from "./render_test_support";

const DAY = 86_400;
// 8:00 21/12/2026, Vietnam time: when the month's report request opened.
const OPENED = Date.UTC(2026, 11, 21, 1) / 1000;
const base = {
  dossier: 4,
  dossier_title: "Kế hoạch tinh giản biên chế giai đoạn 2022–2026",
  workflow: "plan",
  state: "implementation",
  role: "implementer",
  role_title: { vi: "Cơ quan thực hiện", en: "Implementing agency" },
  personal: true,
  opened_at: OPENED,
};
// As `inbox` answers a lead unit with two tasks followed up (docs/protocol.md),
// next to an item that is no follow-up.
const reply: { tasks: InboxTask[] } = {
  tasks: [
    {
      ...base,
      task: "progress_report_request",
      title: { vi: "Báo cáo tiến độ thực hiện định kỳ", en: "Periodic progress report due" },
      due_at: OPENED + 7 * DAY,
      subject: 2,
      detail: "Tinh giản biên chế",
    },
    {
      ...base,
      task: "progress_report_request",
      title: { vi: "Báo cáo tiến độ thực hiện định kỳ", en: "Periodic progress report due" },
      due_at: OPENED + 7 * DAY,
      subject: 5,
      detail: "Sắp xếp đơn vị sự nghiệp công lập",
    },
    {
      ...base,
      dossier: 9,
      dossier_title: "Kế hoạch chuyển đổi số năm 2027",
      state: "consultation",
      task: "give_comments",
      title: { vi: "Góp ý dự thảo", en: "Comment on the draft" },
      role: "delegate",
      role_title: { vi: "Đại biểu góp ý", en: "Delegate" },
      due_at: null,
      subject: null,
      detail: null,
    },
  ],
};

afterEach(() => document.body.replaceChildren());

async function inboxWith(lang: "vi" | "en" = "vi") {
  const page = await renderSignedIn(<Inbox />, lang);
  page.socket().reply("inbox", reply);
  await settle();
  return [...page.root.querySelectorAll("tbody tr")];
}

describe("the inbox", () => {
  it("names the task each follow-up is about beside its title", async () => {
    const rows = await inboxWith();
    expect(rows).toHaveLength(3);
    expect(rows[0]!.children[1]!.textContent).toBe("Báo cáo tiến độ thực hiện định kỳ — Tinh giản biên chế");
    expect(rows[1]!.children[1]!.textContent).toBe("Báo cáo tiến độ thực hiện định kỳ — Sắp xếp đơn vị sự nghiệp công lập");
    expect(rows[2]!.children[1]!.textContent).toBe("Góp ý dự thảo");
  });

  it("leads a follow-up to its task's card on the board, anything else to the dossier", async () => {
    const rows = await inboxWith();
    const hrefs = (row: Element) => [...row.querySelectorAll("a")].map((a) => [a.textContent, a.getAttribute("href")]);
    expect(hrefs(rows[0]!)).toEqual([
      ["Kế hoạch tinh giản biên chế giai đoạn 2022–2026", "/dossiers/4#task-2"],
      ["Tinh giản biên chế", "/dossiers/4#task-2"],
    ]);
    expect(hrefs(rows[1]!)[1]).toEqual(["Sắp xếp đơn vị sự nghiệp công lập", "/dossiers/4#task-5"]);
    expect(hrefs(rows[2]!)).toEqual([["Kế hoạch chuyển đổi số năm 2027", "/dossiers/9"]]);
  });

  it("reads in English, the task's own title as written", async () => {
    const rows = await inboxWith("en");
    expect(rows[0]!.children[1]!.textContent).toBe("Periodic progress report due — Tinh giản biên chế");
    expect(rows[0]!.querySelector(".due time")?.textContent).toBe("08:00, 28 Dec 2026");
  });
});
