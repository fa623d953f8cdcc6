// Carrying out an issued plan, in the browser: the drafting unit adds a
// task with a numeric target through the board's form (a milestone outside
// the period refused by its row), the lead unit's implementer reports
// progress (a date in the future refused by its field) while the monitor's
// overview, open in another browser, moves the task out of "at risk" and
// the plan to the new percent without a reload; the trajectory chart
// draws, the period report prints on A4 and downloads as CSV, the history
// tells what happened, and all of it reads in English too. The plan gets
// to its implementation step over the protocol (support.mjs, issuedPlan).
import { readFile } from "node:fs/promises";
import { checkAccessibility, directoryOf, issuedPlan, newPerson, runCommands, signIn, step } from "./support.mjs";

export const USERS = [
  // login, unit, name, password
  ["soanthao.th", "SNV", "Đặng Thị Hoa", "mat-khau-soan-thao-4"],
  // Not of Sở Tài chính: plan_to_number.mjs counts the people there.
  ["daibieu.th", "SXD", "Vũ Văn Khánh", "mat-khau-dai-bieu-6"],
  ["thuchien.th", "SYT", "Ngô Văn Tài", "mat-khau-thuc-hien-1"],
  ["theodoi.th", "VP", "Lý Thị Phương", "mat-khau-theo-doi-1"],
];
const [DRAFTER, DELEGATE, IMPLEMENTER, MONITOR] = USERS;

const TITLE = "Kế hoạch giải quyết hồ sơ tồn đọng năm 2025";
const TASK = "Giải quyết hồ sơ thủ tục hành chính tồn đọng";
const NARRATIVE = "Đã giải quyết 649 hồ sơ tồn đọng tại bộ phận một cửa.";
const DIFFICULTIES = "Thiếu cán bộ chuyên môn, \"quá tải\" vào cuối tháng.";
const PROPOSALS = "Đề nghị bổ sung 02 biên chế.";
const DAY = 86_400_000;

async function person(browser, url, [login, , , password]) {
  const { page } = await newPerson(browser);
  await page.goto(url);
  await signIn(page, login, password);
  await page.locator("#inbox-title").waitFor();
  return page;
}

/** "2026-12-08" `days` from today, on Vietnam's clock, as a date field takes it. */
const vietnamDate = (days) => new Date(Date.now() + days * DAY + 7 * 3600_000).toISOString().slice(0, 10);
/** The same day as the app writes it: "8/12/2026". */
const shownDate = (days) => {
  const d = new Date(Date.now() + days * DAY + 7 * 3600_000);
  return `${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear()}`;
};

/** "08:00 21/12/2026": a server time as the app writes it, Vietnam time. */
const shownTime = (seconds) => {
  const d = new Date((seconds + 7 * 3600) * 1000);
  const pad = (n) => String(n).padStart(2, "0");
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} ${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear()}`;
};
const FOLLOW_UP_KINDS = { reminder: "Nhắc hạn", report_request: "Yêu cầu báo cáo tiến độ" };

/** The dossier reply's first implementation task, read over the protocol as `page`'s user. */
async function firstTask(page, dossier) {
  const [reply] = await runCommands(page, [{ op: "dossier", dossier }]);
  const task = reply?.result?.implementation?.tasks?.[0];
  if (!task) throw new Error(`dossier ${dossier} has no task: ${JSON.stringify(reply).slice(0, 400)}`);
  return task;
}

/** Waits until the chart's canvas has something drawn on it (Chart.js loads on demand). */
async function waitForDrawing(canvas, what) {
  await canvas.waitFor();
  const handle = await canvas.elementHandle();
  await canvas.page().waitForFunction((c) => {
    if (c.width === 0 || c.height === 0) return false;
    const data = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
    return false;
  }, handle).catch(() => {
    throw new Error(`${what} drew nothing`);
  });
}

export async function implementationFlow({ browser, url, screenshot, artifacts }) {
  const run = `impl-${Date.now()}`;
  const drafter = await step("implementation: the drafter and the delegate sign in", () => person(browser, url, DRAFTER));
  const delegate = await person(browser, url, DELEGATE);

  const dossier = await step("implementation: the plan goes to its implementation step; an implementer and a monitor are bound", async () => {
    const dir = await directoryOf(drafter);
    const [snv, sxd, syt, vp, ubnd] = ["SNV", "SXD", "SYT", "VP", "UBND"].map((c) => dir.unit(c));
    const drafterId = dir.user(DRAFTER[2]);
    const id = await issuedPlan({
      lead: drafter,
      delegate,
      tag: run,
      title: TITLE,
      issuer: { id: ubnd, code: "UBND" },
      draftingUnit: { id: snv, code: "SNV" },
      bindings: [
        { role: "drafter", user: drafterId, unit: snv },
        { role: "chair", user: drafterId, unit: snv },
        { role: "clerk", user: drafterId, unit: snv },
        { role: "delegate", user: dir.user(DELEGATE[2]), unit: sxd },
        { role: "implementer", user: dir.user(IMPLEMENTER[2]), unit: syt },
        { role: "monitor", user: dir.user(MONITOR[2]), unit: vp },
      ],
      blocks: [
        { kind: "heading", level: 2, marker: "I.", text: "MỤC ĐÍCH, YÊU CẦU" },
        { kind: "item", level: 1, marker: "1.", text: "Giải quyết dứt điểm 1.240 hồ sơ tồn đọng" },
      ],
    });
    await delegate.context().close();
    return id;
  });
  const path = `${url}dossiers/${dossier}`;

  const monitor = await step("implementation: the monitor opens the overview from the navigation; no plan has tasks yet", async () => {
    const page = await person(browser, url, MONITOR);
    await page.getByRole("navigation").getByRole("link", { name: "Theo dõi thực hiện" }).click();
    await page.locator("#overview-title", { hasText: "Theo dõi thực hiện kế hoạch" }).waitFor();
    await page.getByText("Chưa có kế hoạch nào có nhiệm vụ triển khai.").waitFor();
    return page;
  });

  const board = drafter.locator("section.implementation-panel");
  const form = board.locator("form.task-form");
  await step("implementation: the drafter's board refuses a reversed campaign and an untitled task, each by its field", async () => {
    await drafter.goto(path);
    await board.getByRole("heading", { name: "Tổ chức thực hiện" }).waitFor();
    await board.getByText("Chưa có nhiệm vụ triển khai nào.").waitFor();
    // A campaign ending before it starts is refused by its end date; the drafter then gives up on it.
    await board.getByRole("button", { name: "Đặt thời gian thực hiện theo đợt" }).click();
    const campaign = board.locator("form.campaign-form");
    await campaign.getByLabel("Ngày bắt đầu đợt").fill(vietnamDate(0));
    await campaign.getByLabel("Ngày kết thúc đợt").fill(vietnamDate(-1));
    await campaign.getByRole("button", { name: "Đặt thời gian" }).click();
    const refusal = campaign.locator("#campaign-ends-error");
    await refusal.waitFor();
    if (!((await refusal.textContent()) ?? "").includes("Ngày kết thúc phải sau ngày bắt đầu")) throw new Error(`the campaign's error reads "${await refusal.textContent()}"`);
    await campaign.getByRole("button", { name: "Hủy" }).click();
    await board.getByRole("button", { name: "Giao nhiệm vụ mới" }).click();
    await form.getByRole("button", { name: "Giao nhiệm vụ", exact: true }).click();
    await form.locator("#task-title-error", { hasText: "Vui lòng nhập tên nhiệm vụ" }).waitFor();
    if ((await form.locator("#task-title").getAttribute("aria-invalid")) !== "true") throw new Error("the title field is not marked invalid");
  });

  await step("implementation: a milestone outside the task's period is refused by the server, by its row", async () => {
    await form.getByLabel("Tên nhiệm vụ").fill(TASK);
    await form.getByLabel("Đơn vị chủ trì").selectOption({ label: "Sở Y tế" });
    await form.locator("fieldset", { hasText: "Đơn vị phối hợp" }).getByLabel("Sở Tài chính").check();
    await form.getByLabel("Ngày bắt đầu").fill(vietnamDate(-30));
    await form.getByLabel("Thời hạn hoàn thành").fill(vietnamDate(30));
    await form.getByLabel("Có chỉ tiêu định lượng").check();
    await form.getByLabel("Giá trị gốc").fill("0");
    await form.getByLabel("Năm gốc").fill("2024");
    await form.getByLabel("Chỉ tiêu cần đạt").fill("1.240");
    await form.getByLabel("Đơn vị tính").fill("hồ sơ");
    await form.getByRole("button", { name: "Thêm mốc" }).click();
    await form.getByLabel("Ngày của mốc 1").fill(vietnamDate(60));
    await form.getByLabel("Giá trị của mốc 1").fill("800");
    await form.getByRole("button", { name: "Giao nhiệm vụ", exact: true }).click();
    const error = form.locator(".milestone-row .error[role=alert]");
    await error.waitFor();
    const text = (await error.textContent()) ?? "";
    if (!text.includes("Mốc thứ 1") || !text.includes("nằm ngoài thời gian thực hiện nhiệm vụ")) throw new Error(`the milestone's error reads "${text}"`);
    await checkAccessibility(drafter, "the add-task form with a refusal");
  });

  await step("implementation: the task is added; the board and the overview show it at risk", async () => {
    await form.getByLabel("Ngày của mốc 1").fill(vietnamDate(10));
    await form.getByRole("button", { name: "Giao nhiệm vụ", exact: true }).click();
    await board.getByText("Đã giao nhiệm vụ.").waitFor();
    const card = board.locator("li.impl-task#task-1");
    await card.getByRole("heading", { name: `Nhiệm vụ 1. ${TASK}` }).waitFor();
    await card.locator(".task-lead", { hasText: "Sở Y tế" }).waitFor();
    await card.getByText("Sở Tài chính").waitFor();
    await card.getByText(`${shownDate(-30)} – ${shownDate(30)}`).waitFor();
    await card.getByText("từ 0 đến 1.240 hồ sơ (năm gốc 2024)").waitFor();
    await card.locator(".status", { hasText: "Có nguy cơ chậm" }).waitFor();
    await card.getByText("Chưa có báo cáo").waitFor();
    // Its lead unit will next be urged before its deadline (workflows/plan.json,
    // follow_up): this month's report request or the reminder, at 08:00 when
    // offices open, as the server's schedule says.
    const { follow_ups: followUps, due } = await firstTask(drafter, dossier);
    const next = followUps.next;
    const now = Date.now() / 1000;
    if (!next || !(next.kind in FOLLOW_UP_KINDS) || next.at <= now || next.at > due || followUps.sent.length !== 0)
      throw new Error(`the task's follow-ups are ${JSON.stringify(followUps)} (due ${due})`);
    if (!shownTime(next.at).startsWith("08:00 ")) throw new Error(`the next follow-up falls at ${shownTime(next.at)}, not when offices open`);
    await card.locator(".task-next-follow-up", { hasText: `Đôn đốc tiếp theo: ${FOLLOW_UP_KINDS[next.kind]}, ${shownTime(next.at)}` }).waitFor();
    if (await card.locator(".task-follow-ups-sent").count()) throw new Error("the board lists follow-ups sent before any was");
    if (await board.getByRole("button", { name: "Đặt thời gian thực hiện theo đợt" }).count()) throw new Error("a campaign is still offered after the first task");
    // The monitor's overview follows without a reload.
    await monitor.locator("#overview-urgent tr", { hasText: TASK }).locator(".status", { hasText: "Có nguy cơ chậm" }).waitFor();
    await monitor.locator(".overview-plan", { hasText: TITLE }).locator(".progress-figure", { hasText: "0 %" }).waitFor();
  });

  const implementer = await step("implementation: the implementer sees the task among their unit's; others may not report", async () => {
    const page = await person(browser, url, IMPLEMENTER);
    await page.goto(path);
    const own = page.locator("section.implementation-panel");
    await own.getByLabel("Nhiệm vụ của đơn vị tôi").check();
    await own.getByText("Đang hiện 1/1 nhiệm vụ").waitFor();
    if (await board.getByRole("button", { name: "Báo cáo tiến độ" }).count()) throw new Error("the drafter is offered a progress report");
    return page;
  });

  const reportForm = implementer.locator("form.report-form");
  await step("implementation: a report dated tomorrow is refused by its date field", async () => {
    await implementer.getByRole("button", { name: "Báo cáo tiến độ" }).click();
    await reportForm.getByLabel("Số liệu tính đến ngày").fill(vietnamDate(1));
    await reportForm.getByLabel("Giá trị đạt được (hồ sơ)").fill("649");
    await reportForm.getByRole("button", { name: "Gửi báo cáo" }).click();
    const error = reportForm.locator(`[id="report-1-as-of-error"]`);
    await error.waitFor();
    const text = (await error.textContent()) ?? "";
    if (!text.includes("không được sau thời điểm hiện tại")) throw new Error(`the date's error reads "${text}"`);
  });

  await step("implementation: the implementer reports; the monitor's overview updates live to the new percent and status", async () => {
    const before = await monitor.evaluate(() => performance.getEntriesByType("navigation").length + ":" + performance.timeOrigin);
    await reportForm.getByLabel("Số liệu tính đến ngày").fill(vietnamDate(0));
    await reportForm.getByLabel("Kết quả thực hiện").fill(NARRATIVE);
    await reportForm.getByLabel("Khó khăn, vướng mắc").fill(DIFFICULTIES);
    await reportForm.getByLabel("Đề xuất, kiến nghị").fill(PROPOSALS);
    await reportForm.getByRole("button", { name: "Gửi báo cáo" }).click();
    await implementer.getByText("Đã gửi báo cáo tiến độ.").waitFor();
    await monitor.getByText("Không có nhiệm vụ nào quá hạn hay có nguy cơ chậm.").waitFor();
    await monitor.locator(".overview-plan", { hasText: TITLE }).locator(".progress-figure", { hasText: "52,34 %" }).waitFor();
    await monitor.locator(".overview-others summary", { hasText: "Các nhiệm vụ khác (1)" }).click();
    const row = monitor.locator("#overview-others tr", { hasText: TASK });
    await row.locator(".status", { hasText: "Đúng tiến độ" }).waitFor();
    await row.getByText("649 hồ sơ").waitFor();
    const after = await monitor.evaluate(() => performance.getEntriesByType("navigation").length + ":" + performance.timeOrigin);
    if (before !== after) throw new Error("the overview reloaded the page");
    await checkAccessibility(monitor, "the implementation overview");
    await screenshot(monitor, "implementation-overview");
  });

  await step("implementation: the board shows the report, the trajectory chart draws, the history tells it", async () => {
    const card = board.locator("li.impl-task#task-1");
    await card.locator(".task-latest", { hasText: `649 / 1.240 hồ sơ (tính đến ${shownDate(0)})` }).waitFor();
    await card.locator(".progress-figure", { hasText: "52,34 %" }).waitFor();
    await card.locator(".status", { hasText: "Đúng tiến độ" }).waitFor();
    await board.locator(".plan-rollup .progress-figure", { hasText: "52,34 %" }).waitFor();
    await board.locator(".unit-rollup tr", { hasText: "Sở Y tế" }).getByText("52,34 %").waitFor();
    await waitForDrawing(card.locator(".trajectory-chart canvas"), "the trajectory chart");
    await waitForDrawing(board.locator(".unit-chart canvas"), "the unit chart");
    const table = card.locator(".trajectory-chart table.visually-hidden");
    await table.locator("td", { hasText: "1.240" }).first().waitFor({ state: "attached" });
    await table.locator("td", { hasText: "649" }).first().waitFor({ state: "attached" });
    await card.locator(".task-reports summary", { hasText: "Các báo cáo tiến độ (1)" }).click();
    await card.getByText(PROPOSALS).waitFor();
    await drafter.locator(".timeline", { hasText: `${DRAFTER[2]} giao nhiệm vụ 1: ${TASK}` }).waitFor();
    await drafter.locator(".timeline", { hasText: `${IMPLEMENTER[2]} báo cáo tiến độ nhiệm vụ 1: đạt 649, tính đến ${shownDate(0)}` }).waitFor();
    await checkAccessibility(drafter, "the implementation board");
    await screenshot(drafter, "implementation-board");
  });

  await step("implementation: the period report lists the task, prints on A4 and downloads as CSV", async () => {
    await board.getByRole("link", { name: "Báo cáo tiến độ theo kỳ (in, tải CSV)" }).click();
    const doc = drafter.locator("article.progress-report-page");
    await doc.waitFor();
    await drafter.getByLabel("Từ ngày").fill(vietnamDate(-31));
    await drafter.getByLabel("Đến ngày").fill(vietnamDate(0));
    for (const text of ["SỞ NỘI VỤ", "BÁO CÁO", "Số:", "Tiến độ thực hiện Kế hoạch số", `từ ngày ${shownDate(-31)} đến ngày ${shownDate(0)}`])
      await doc.getByText(text, { exact: false }).first().waitFor();
    const row = doc.locator("tbody tr").first();
    for (const text of [TASK, "Sở Y tế", "Sở Tài chính", "649 / 1.240 hồ sơ", "52,34 %", "Đúng tiến độ", PROPOSALS])
      await row.getByText(text, { exact: false }).first().waitFor();
    await checkAccessibility(drafter, "the period progress report");
    await drafter.emulateMedia({ media: "print" });
    await screenshot(drafter, "progress-report-print");
    const pdf = await drafter.pdf({ path: `${artifacts}/progress-report.pdf`, preferCSSPageSize: true });
    // A4 sideways is 842 × 595 points.
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString("latin1"));
    if (!box || Math.round(Number(box[1])) !== 842 || Math.round(Number(box[2])) !== 595)
      throw new Error(`the progress report prints on ${box ? `${box[1]} × ${box[2]} pt` : "no page"}, not A4 landscape`);
    await drafter.emulateMedia({ media: "screen" });
    const [csv] = await Promise.all([drafter.waitForEvent("download"), drafter.getByRole("button", { name: "Tải bảng CSV" }).click()]);
    if (!csv.suggestedFilename().endsWith(".csv")) throw new Error(`downloaded ${csv.suggestedFilename()}`);
    const text = await readFile(await csv.path(), "utf8");
    const expected = [
      "\uFEFFSTT,Nhiệm vụ,Đơn vị chủ trì,Đơn vị phối hợp,Thời gian thực hiện,Chỉ tiêu,Kết quả đến cuối kỳ,Tỷ lệ hoàn thành,Tình trạng,",
      `1,${TASK},Sở Y tế,Sở Tài chính,${shownDate(-30)} – ${shownDate(30)},từ 0 đến 1.240 hồ sơ (năm gốc 2024),649 / 1.240 hồ sơ,"52,34 %",Đúng tiến độ,`,
      `"${shownDate(0)}: Thiếu cán bộ chuyên môn, ""quá tải"" vào cuối tháng."`,
      "\r\n",
    ];
    for (const part of expected) if (!text.includes(part)) throw new Error(`the CSV lacks ${JSON.stringify(part)}:\n${text}`);
    await drafter.getByRole("link", { name: "Về hồ sơ" }).click();
  });

  await step("implementation: the board and the overview read in English", async () => {
    await drafter.getByRole("button", { name: "EN, English" }).click();
    await board.getByRole("heading", { name: "Implementation" }).waitFor();
    const card = board.locator("li.impl-task#task-1");
    await card.locator(".status", { hasText: "On track" }).waitFor();
    await card.locator(".progress-figure", { hasText: "52.34%" }).waitFor();
    await card.locator(".task-latest", { hasText: "649 / 1,240 hồ sơ" }).waitFor();
    await card.locator("figcaption", { hasText: "Reported values against the planned trajectory" }).waitFor();
    await card.locator(".task-next-follow-up", { hasText: "Next follow-up:" }).locator("time").waitFor();
    await drafter.locator(".timeline", { hasText: `${IMPLEMENTER[2]} reported on task 1: 649` }).waitFor();
    await waitForDrawing(card.locator(".trajectory-chart canvas"), "the trajectory chart in English");
    await checkAccessibility(drafter, "the implementation board in English");
    await monitor.getByRole("button", { name: "EN, English" }).click();
    await monitor.locator("#overview-title", { hasText: "Monitoring the plans' implementation" }).waitFor();
    await monitor.getByText("No task is overdue or at risk.").waitFor();
    await monitor.locator(".overview-plan .progress-figure", { hasText: "52.34%" }).waitFor();
    for (const page of [drafter, monitor]) await page.getByRole("button", { name: "VI, Tiếng Việt" }).click();
    // Each task links to its place on its plan's board.
    await monitor.locator("#overview-others").getByRole("link", { name: `Nhiệm vụ 1. ${TASK}` }).click();
    await monitor.locator("section.implementation-panel li.impl-task.targeted#task-1").waitFor();
    // The board brings the card the link named to the reader, focus included.
    await monitor.waitForFunction(() => document.activeElement?.id === "task-1");
    if (await monitor.locator("section.implementation-panel").getByRole("button", { name: "Báo cáo tiến độ" }).count())
      throw new Error("the monitor is offered a progress report");
    await monitor.locator("section.implementation-panel").getByRole("button", { name: "Giao nhiệm vụ mới" }).waitFor();
    await implementer.context().close();
    await monitor.context().close();
    await drafter.context().close();
  });
}
