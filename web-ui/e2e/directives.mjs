// The chair's conclusion with numbered directives, in the browser: the
// chair sends the draft back with two directives (one pointing at a block
// and at the delegate's comment) and a deadline, the form refusing a blank
// directive and the server's refusal showing by its row; the drafter sees
// what is still open and cannot submit the revision until each directive
// is marked done, the one with the block it changed and the other with a
// note; the clerk issues the conclusion as a TB notice with a printable
// page; the chair reads each directive beside its redline, in English too.
// Version 1 and the consultation go over the protocol: the full flow in
// the browser is plan_to_number.mjs's.
import { checkAccessibility, directoryOf, newPerson, runCommands, signIn, step } from "./support.mjs";

export const USERS = [
  // login, unit, name, password
  ["soanthao.cd", "SNV", "Nguyễn Thị Thu", "mat-khau-soan-thao-3"],
  ["daibieu.cd", "SXD", "Trịnh Văn Long", "mat-khau-dai-bieu-5"],
  ["chutoa.cd", "UBND", "Hoàng Minh Đức", "mat-khau-chu-toa-2"],
  ["vanthu.cd", "VP", "Phạm Thị Yến", "mat-khau-van-thu-2"],
];
const [DRAFTER, DELEGATE, CHAIR, CLERK] = USERS;

const TITLE = "Kế hoạch tuyển dụng công chức năm 2025";
const CHANGED = "1. Tuyển dụng 120 công chức, viên chức";
const COMMENT = "Đề nghị tăng chỉ tiêu tuyển dụng cho phù hợp nhu cầu.";
const CONCLUSION = "Dự thảo cơ bản đáp ứng yêu cầu; cơ quan soạn thảo hoàn thiện theo các chỉ đạo dưới đây.";
const FIRST = "Điều chỉnh chỉ tiêu tuyển dụng theo ý kiến của Sở Xây dựng";
const SECOND = "Làm rõ nguồn kinh phí thực hiện";
const NOTE = "Đã bổ sung nguồn kinh phí tại thuyết minh kèm theo.";
const SIGNER = "Lê Văn Tâm";

async function person(browser, url, [login, , , password]) {
  const { page } = await newPerson(browser);
  await page.goto(url);
  await signIn(page, login, password);
  await page.locator("#inbox-title").waitFor();
  return page;
}

async function send(page, requests) {
  const replies = await runCommands(page, requests);
  const failed = replies.find((r) => r.error);
  if (failed || replies.length !== requests.length) throw new Error(`the protocol refused: ${JSON.stringify(failed ?? replies)}`);
  return replies;
}

const command = (dossier, request_id, body) => ({
  op: "command",
  dossier,
  request_id,
  command: body,
  ...(dossier === 0 ? { workflow: "plan" } : {}),
});

/** "2026-12-08T10:00" a day from now, on Vietnam's clock, as a datetime-local field takes it. */
function vietnamLocal(secondsFromNow) {
  return new Date(Date.now() + (secondsFromNow + 7 * 3600) * 1000).toISOString().slice(0, 16);
}

const currentStep = (page) => page.locator('.steps [aria-current="step"]');
const directive = (page, n) => page.locator(`.conclusion-panel li.directive#directive-${n}`);

export async function directivesFlow({ browser, url, screenshot }) {
  const run = `directives-${Date.now()}`;
  const drafter = await step("directives: the drafter signs in", () => person(browser, url, DRAFTER));
  const delegate = await step("directives: the delegate signs in", () => person(browser, url, DELEGATE));

  const dossier = await step("directives: version 1 goes to consultation; the delegate comments and is done", async () => {
    const dir = await directoryOf(drafter);
    const [snv, sxd, ubnd, vp] = ["SNV", "SXD", "UBND", "VP"].map((c) => dir.unit(c));
    const [created] = await send(drafter, [
      command(0, `${run}-create`, {
        type: "create_dossier",
        title: TITLE,
        issuer: { id: ubnd, code: "UBND" },
        drafting_unit: { id: snv, code: "SNV" },
        bindings: [
          { role: "drafter", user: dir.user(DRAFTER[2]), unit: snv },
          { role: "delegate", user: dir.user(DELEGATE[2]), unit: sxd },
          { role: "chair", user: dir.user(CHAIR[2]), unit: ubnd },
          { role: "clerk", user: dir.user(CLERK[2]), unit: vp },
        ],
      }),
    ]);
    const id = created.result.dossier;
    await send(drafter, [
      command(id, `${run}-v1`, {
        type: "submit_version",
        blocks: [
          { kind: "heading", level: 2, marker: "I.", text: "MỤC ĐÍCH, YÊU CẦU" },
          { kind: "item", level: 1, marker: "1.", text: "Tuyển dụng 100 công chức" },
          { kind: "item", level: 1, marker: "2.", text: "Tổ chức thực hiện" },
        ],
      }),
      command(id, `${run}-open`, { type: "take_action", action: "open_consultation" }),
    ]);
    await send(delegate, [
      command(id, `${run}-comment`, { type: "add_comment", text: COMMENT, anchor: { kind: "block", block: 2 } }),
      command(id, `${run}-done`, { type: "no_further_comments" }),
    ]);
    return id;
  });
  const path = `${url}dossiers/${dossier}`;

  const chair = await step("directives: the chair closes the consultation", async () => {
    const page = await person(browser, url, CHAIR);
    await page.goto(path);
    await page.locator(".actions .buttons").getByRole("button", { name: "Kết thúc lấy ý kiến", exact: true }).click();
    await page.locator("form.action-form button[type=submit]").click();
    await currentStep(page).filter({ hasText: "Kết luận" }).waitFor();
    return page;
  });

  const form = chair.locator("form.action-form");
  const row = (n) => form.locator(".directive-row").nth(n - 1);
  await step("directives: the chair writes the conclusion and two directives, reordering them", async () => {
    await chair.locator(".actions .buttons").getByRole("button", { name: "Yêu cầu chỉnh sửa", exact: true }).click();
    await form.locator("#input-revise-conclusion").fill(CONCLUSION);
    await form.locator("#input-revise-revision_deadline").fill(vietnamLocal(24 * 3600));
    for (let i = 0; i < 3; i++) await form.getByRole("button", { name: "Thêm chỉ đạo" }).click();
    await row(1).getByLabel("Chỉ đạo số 1", { exact: true }).fill(SECOND);
    await row(2).getByLabel("Chỉ đạo số 2", { exact: true }).fill(FIRST);
    await row(2).locator("summary", { hasText: "Khối nội dung liên quan" }).click();
    await row(2).getByLabel("1. Tuyển dụng 100 công chức").check();
    await row(2).locator("summary", { hasText: "Ý kiến góp ý liên quan" }).click();
    await row(2).getByLabel(`Ý kiến số 1 — ${DELEGATE[2]} (Sở Xây dựng)`, { exact: false }).check();
    await row(2).locator("summary", { hasText: "Khối nội dung liên quan (đã chọn 1)" }).waitFor();
    // Moving a row keeps what was written and chosen in it.
    await form.getByRole("button", { name: "Đưa chỉ đạo số 2 lên" }).click();
    if ((await row(1).getByLabel("Chỉ đạo số 1", { exact: true }).inputValue()) !== FIRST) throw new Error("moving up did not take the text along");
    await row(1).locator("summary", { hasText: "Ý kiến góp ý liên quan (đã chọn 1)" }).waitFor();
    if ((await row(2).getByLabel("Chỉ đạo số 2", { exact: true }).inputValue()) !== SECOND) throw new Error("the other row did not move down");
    await checkAccessibility(chair, "the directives editor");
  });

  await step("directives: a blank directive is refused by its row before sending", async () => {
    await form.locator("button[type=submit]").click();
    const error = row(3).locator('.error[role="alert"]');
    await error.waitFor();
    const text = (await error.textContent()) ?? "";
    if (!text.includes("Vui lòng nhập nội dung chỉ đạo số 3")) throw new Error(`the third row's error reads "${text}"`);
    if ((await row(3).getByLabel("Chỉ đạo số 3", { exact: true }).getAttribute("aria-invalid")) !== "true") throw new Error("row 3 is not marked invalid");
    if (await row(1).locator(".error").count()) throw new Error("the error shows on the first row too");
  });

  await step("directives: an over-long directive is refused by the server, shown by its row", async () => {
    await row(3).getByLabel("Chỉ đạo số 3", { exact: true }).fill("x".repeat(4001));
    await form.locator("button[type=submit]").click();
    const error = row(3).locator('.error[role="alert"]');
    await error.filter({ hasText: "vượt quá giới hạn 4000 byte" }).waitFor();
    await screenshot(chair, "directives-server-error-by-row");
    await form.getByRole("button", { name: "Bỏ chỉ đạo số 3" }).click();
    if ((await form.locator(".directive-row").count()) !== 2) throw new Error("the third row was not removed");
    await form.locator("button[type=submit]").click();
    await currentStep(chair).filter({ hasText: "Tiếp thu, giải trình" }).waitFor();
  });

  await step("directives: the drafter sees the conclusion, the deadline and 'Còn 2 chỉ đạo'", async () => {
    await drafter.goto(path);
    const panel = drafter.locator(".conclusion-panel");
    await panel.locator("blockquote", { hasText: CONCLUSION }).waitFor();
    await panel.locator(".deadline.due-soon .badge", { hasText: "Sắp đến hạn" }).waitFor();
    await panel.locator(".directives-count", { hasText: "Còn 2 chỉ đạo chưa thực hiện" }).waitFor();
    await drafter.locator(".open-directives-notice", { hasText: "Còn 2 chỉ đạo chưa thực hiện" }).waitFor();
    const first = directive(drafter, 1);
    await first.locator(".directive-text", { hasText: FIRST }).waitFor();
    await first.locator(".meta", { hasText: "Về nội dung: mục 1" }).waitFor();
    await first.locator(".meta", { hasText: "Về ý kiến: ý kiến số 1 của Sở Xây dựng" }).waitFor();
    await directive(drafter, 2).locator(".directive-text", { hasText: SECOND }).waitFor();
    await first.locator(".directive-state.open", { hasText: "Chưa thực hiện" }).waitFor();
    // Nothing to mark against before the revised version is in.
    await panel.locator(".hint", { hasText: "Sau khi gửi phiên bản dự thảo đã chỉnh sửa" }).waitFor();
    if (await first.getByRole("button", { name: "Đánh dấu đã thực hiện" }).count()) throw new Error("marking offered before version 2");
    await checkAccessibility(drafter, "the conclusion with open directives");
    await screenshot(drafter, "directives-open");
  });

  await step("directives: the drafter submits version 2 and answers the comment", async () => {
    const text = drafter.getByLabel("Nội dung dự thảo");
    await text.fill((await text.inputValue()).replace("1. Tuyển dụng 100 công chức", CHANGED));
    await drafter.getByRole("button", { name: "Gửi phiên bản dự thảo" }).click();
    await drafter.locator(".meta strong", { hasText: "Phiên bản 2" }).waitFor();
    const c = drafter.locator(".comment", { has: drafter.locator(".comment-text", { hasText: COMMENT }) });
    await c.getByRole("button", { name: "Tiếp thu, giải trình" }).click();
    await c.getByLabel("Kết quả xử lý").selectOption({ label: "Tiếp thu" });
    await c.getByLabel("Giải trình").fill("Đã nâng chỉ tiêu lên 120.");
    await c.getByRole("button", { name: "Lưu", exact: true }).click();
    await drafter.locator(".undisposed-notice").waitFor({ state: "detached" });
  });

  await step("directives: the revision is held back while directives are open", async () => {
    await drafter.locator(".open-directives-notice", { hasText: "Còn 2 chỉ đạo" }).waitFor();
    if (await drafter.locator(".actions").getByRole("button", { name: "Trình dự thảo đã hoàn thiện" }).count())
      throw new Error("the revision was offered with directives open");
    const [reply] = await runCommands(drafter, [command(dossier, `${run}-early`, { type: "take_action", action: "submit_revision" })]);
    const message = reply?.error?.message ?? "";
    if (!message.includes("Còn 2 chỉ đạo trong kết luận chưa được đánh dấu đã thực hiện (số 1, 2)"))
      throw new Error(`the early revision got ${JSON.stringify(reply)}`);
  });

  await step("directives: the drafter marks directive 1 done with the block it changed", async () => {
    const first = directive(drafter, 1);
    await first.getByRole("button", { name: "Đánh dấu đã thực hiện" }).click();
    await first.locator("form.mark-done-form").getByLabel(CHANGED).check();
    await first.getByRole("button", { name: "Lưu đánh dấu" }).click();
    await first.locator(".directive-state.done", { hasText: "Đã thực hiện" }).waitFor();
    await first.locator(".directive-done", { hasText: "Nội dung đã chỉnh sửa: mục 1" }).waitFor();
    await first.locator(".directive-done .meta", { hasText: `${DRAFTER[2]} đánh dấu lúc` }).waitFor();
    await drafter.locator(".directives-count", { hasText: "Còn 1 chỉ đạo chưa thực hiện" }).waitFor();
  });

  await step("directives: marking directive 2 with neither a block nor a note is refused; a note does it", async () => {
    const second = directive(drafter, 2);
    await second.getByRole("button", { name: "Đánh dấu đã thực hiện" }).click();
    await second.getByRole("button", { name: "Lưu đánh dấu" }).click();
    await second
      .locator('.error[role="alert"]', { hasText: "Vui lòng chọn khối nội dung đã chỉnh sửa hoặc ghi rõ cách thực hiện chỉ đạo" })
      .waitFor();
    await second.getByLabel("Cách thực hiện").fill(NOTE);
    await second.getByRole("button", { name: "Lưu đánh dấu" }).click();
    await second.locator(".directive-done", { hasText: `Cách thực hiện: ${NOTE}` }).waitFor();
    await drafter.locator(".directives-count", { hasText: "Đã thực hiện cả 2 chỉ đạo" }).waitFor();
    await drafter.locator(".open-directives-notice").waitFor({ state: "detached" });
  });

  const clerk = await step("directives: the clerk issues the conclusion notice", async () => {
    const page = await person(browser, url, CLERK);
    await page.goto(path);
    const panel = page.locator(".conclusion-panel");
    await panel.getByRole("button", { name: "Ban hành thông báo kết luận" }).click();
    const notice = panel.locator("form.notice-form");
    if ((await notice.getByLabel("Địa danh").inputValue()) !== "Quảng Nam") throw new Error("the place does not default to the issuer's");
    const recipients = await notice.getByLabel("Nơi nhận").inputValue();
    if (recipients !== "- Sở Nội vụ;\n- Sở Xây dựng;\n- Lưu: VT.") throw new Error(`recipients default to ${JSON.stringify(recipients)}`);
    await notice.locator(".format-check li", { hasText: "Thiếu họ tên người ký." }).waitFor();
    await notice.getByLabel("Người ký").fill(SIGNER);
    await notice.locator(".format-check.ok").waitFor();
    await notice.locator("button[type=submit]").click();
    const dialog = page.locator("dialog[open]");
    await dialog.getByRole("button", { name: "Đồng ý" }).click();
    await panel.locator(".conclusion-notice", { hasText: "Thông báo kết luận số 01/TB-UBND" }).waitFor();
    if (await panel.getByRole("button", { name: "Ban hành thông báo kết luận" }).count()) throw new Error("the notice may be issued twice");
    await page.locator(".timeline li", { hasText: `${CLERK[2]} ban hành thông báo kết luận số 01/TB-UBND` }).waitFor();
    return page;
  });

  await step("directives: the notice's printable page has the official layout", async () => {
    await clerk.locator(".conclusion-panel").getByRole("link", { name: "Xem, in thông báo" }).click();
    const doc = clerk.locator("article.official");
    await doc.locator(".official-number", { hasText: "Số: 01/TB-UBND" }).waitFor();
    await doc.locator(".official-nation", { hasText: "Độc lập - Tự do - Hạnh phúc" }).waitFor();
    const date = (await doc.locator(".official-date").textContent()) ?? "";
    if (!/^Quảng Nam, ngày \d{2} tháng \d{1,2} năm \d{4}$/.test(date)) throw new Error(`the date line reads "${date}"`);
    await doc.locator("h1.official-type", { hasText: "THÔNG BÁO" }).waitFor();
    await doc
      .locator(".official-summary", { hasText: `Kết luận của Chủ tịch Ủy ban nhân dân tỉnh Quảng Nam về dự thảo ${TITLE}` })
      .waitFor();
    await doc.locator(".notice-body p", { hasText: CONCLUSION }).waitFor();
    const lines = await doc.locator(".notice-directive").allTextContents();
    if (JSON.stringify(lines) !== JSON.stringify([`1. ${FIRST}`, `2. ${SECOND}`])) throw new Error(`the directives read ${JSON.stringify(lines)}`);
    const recipients = await doc.locator(".official-recipients p").allTextContents();
    if (recipients[recipients.length - 1] !== "- Lưu: VT.") throw new Error(`recipients end ${JSON.stringify(recipients)}`);
    await doc.locator(".official-signature", { hasText: "TL. CHỦ TỊCH" }).waitFor();
    await doc.locator(".official-signature", { hasText: SIGNER }).waitFor();
    await checkAccessibility(clerk, "the conclusion notice");
    await clerk.emulateMedia({ media: "print" });
    await screenshot(clerk, "directives-notice-print");
    await clerk.emulateMedia({ media: "screen" });
  });

  await step("directives: the drafter submits the revision", async () => {
    await drafter.locator(".actions").getByRole("button", { name: "Trình dự thảo đã hoàn thiện" }).click();
    await drafter.locator("form.action-form button[type=submit]").click();
    await currentStep(drafter).filter({ hasText: "Kết luận" }).waitFor();
  });

  await step("directives: the chair sees both done, directive 1 beside its redline", async () => {
    await currentStep(chair).filter({ hasText: "Kết luận" }).waitFor();
    await chair.locator(".directives-count", { hasText: "Đã thực hiện cả 2 chỉ đạo" }).waitFor();
    const first = directive(chair, 1);
    const redline = first.locator(".directive-redline");
    await redline.getByText("Thay đổi từ phiên bản 1 đến phiên bản 2").waitFor();
    await redline.locator("ins", { hasText: "viên chức" }).first().waitFor();
    await redline.locator("del", { hasText: "100" }).first().waitFor();
    // Only the directive's block: the unchanged items are not in its redline.
    if (await redline.getByText("Tổ chức thực hiện").count()) throw new Error("the redline shows blocks the directive is not about");
    const second = directive(chair, 2);
    await second.locator(".directive-done", { hasText: NOTE }).waitFor();
    await second.locator(".directive-redline", { hasText: "Chỉ đạo chưa gắn với khối nội dung nào của dự thảo." }).waitFor();
    if (await first.getByRole("button", { name: /Đánh dấu|Sửa cách thực hiện/ }).count()) throw new Error("the chair may mark directives");
    await checkAccessibility(chair, "directives beside their redlines");
    await screenshot(chair, "directives-chair-redline");
  });

  await step("directives: in English, the directives and the history read in English", async () => {
    await chair.locator(".lang-toggle button", { hasText: "EN" }).click();
    await chair.locator(".conclusion-panel h3", { hasText: "Directives" }).waitFor();
    await chair.locator(".directives-count", { hasText: "All 2 directives done" }).waitFor();
    await directive(chair, 1).locator(".directive-state.done", { hasText: "Done" }).waitFor();
    await chair.locator(".timeline li", { hasText: `${DRAFTER[2]} marked directive 2 done` }).waitFor();
    await chair.locator(".lang-toggle button", { hasText: "VI" }).click();
    await chair.locator(".conclusion-panel h3", { hasText: "Các nội dung chỉ đạo" }).waitFor();
  });

  for (const page of [drafter, delegate, chair, clerk]) await page.context().close();
}
