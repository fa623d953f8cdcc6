// The whole process in the browser, each person in a browser context of
// their own: the drafter creates a dossier and submits a draft, two
// delegates comment at the same moment and each sees the other's comment
// live, the chair sends it back for revision, the drafter answers every
// comment and resubmits, the chair approves, the clerk issues, and all four
// screens show the official number. Around it: an outsider is kept out, a
// server error is shown by its field, markup in a comment stays text (in
// search results too), a search without accents finds a comment, and the
// English toggle works on the dossier page.
import { readFileSync } from "node:fs";
import mammoth from "mammoth";
import { planDocx } from "../test-support/docx_fixture.mjs";
import { checkAccessibility, log, newPerson, signIn, step } from "./support.mjs";

export const USERS = [
  // login, unit, name, password
  ["soanthao", "SNV", "Đỗ Minh Khoa", "mat-khau-soan-thao-1"],
  ["daibieu.stc", "STC", "Vũ Thị Lan", "mat-khau-dai-bieu-1"],
  ["daibieu.skhdt", "SKHĐT", "Lý Quốc Nam", "mat-khau-dai-bieu-2"],
  ["chutoa", "UBND", "Phan Thanh Hà", "mat-khau-chu-toa-1"],
  ["vanthu", "VP", "Bùi Thu Trang", "mat-khau-van-thu-1"],
  ["ngoai", "STC", "Hồ Văn Phúc", "mat-khau-nguoi-ngoai"],
];
const [DRAFTER, LAN, NAM, CHAIR, CLERK, OUTSIDER] = USERS;

const TITLE = "Kế hoạch đẩy mạnh cải cách chế độ công vụ, công chức năm 2025";
// The drafter's Word file: what a department would attach to an e-mail.
const DRAFT_DOCX = planDocx({
  heading: "KẾ HOẠCH ĐẨY MẠNH CẢI CÁCH CHẾ ĐỘ CÔNG VỤ, CÔNG CHỨC",
  paragraph: "I. MỤC ĐÍCH, YÊU CẦU",
  items: [["Mục đích", 0], ["Nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức", 1], ["Yêu cầu", 0]],
  bullet: "Hoàn thiện vị trí việc làm tại 100% cơ quan, đơn vị",
  rows: [["Chỉ tiêu", "Năm 2025"], ["Công chức được đào tạo, bồi dưỡng", "1.240"]],
});
const ADDED_ITEM = "3. Đào tạo, bồi dưỡng 1.240 công chức";
const XSS = "<img src=x onerror=alert(1)>";
const NAM_COMMENT = "Đề nghị bổ sung chỉ tiêu 1.240 công chức được đào tạo, bồi dưỡng.";
const CONCLUSION = "Cơ quan soạn thảo tiếp thu đầy đủ ý kiến đại biểu, hoàn thiện dự thảo trong 05 ngày.";
const SYMBOL = "01/KH-UBND";

/** A person signed in on their own browser context. */
async function person(browser, url, [login, , , password], width) {
  const { page } = await newPerson(browser, width);
  await page.goto(url);
  await signIn(page, login, password);
  await page.locator("#inbox-title").waitFor();
  return page;
}

const fieldset = (page, legend) => page.locator("fieldset", { has: page.locator("legend", { hasText: legend }) });
const currentStep = (page) => page.locator('.steps [aria-current="step"]');
const comment = (page, text) => page.locator(".comment", { has: page.locator(".comment-text", { hasText: text }) });

async function takeAction(page, title, fill) {
  await page.locator(".actions .buttons").getByRole("button", { name: title, exact: true }).click();
  const form = page.locator("form.action-form");
  if (fill) await fill(form);
  await form.locator("button[type=submit]").click();
  return form;
}

async function confirmDialog(page) {
  const dialog = page.locator("dialog[open]");
  await dialog.waitFor();
  await dialog.getByRole("button", { name: "Đồng ý" }).click();
}

export async function planToNumber({ browser, url, screenshot, restart, artifacts }) {
  let dossierPath = "";

  const drafter = await step("drafter: signs in", () => person(browser, url, DRAFTER));
  await step("drafter: creates the dossier with its participants in the form", async () => {
    await drafter.getByRole("link", { name: "Tạo hồ sơ" }).first().click();
    await drafter.getByLabel("Tên hồ sơ").fill(TITLE);
    // The delegates are found by their unit, typed without accents.
    const delegates = fieldset(drafter, "Đại biểu góp ý");
    await delegates.getByRole("searchbox").fill("so tai chinh");
    if ((await delegates.locator("label.check").count()) !== 2) throw new Error("the search should leave the two people of Sở Tài chính");
    await delegates.getByLabel(LAN[2], { exact: false }).check();
    await delegates.getByRole("searchbox").fill("ke hoach va dau tu");
    await delegates.getByLabel(NAM[2], { exact: false }).check();
    // A choice made stays in sight whatever the search.
    await delegates.getByLabel(LAN[2], { exact: false }).waitFor();
    await fieldset(drafter, "Chủ tọa").getByLabel(CHAIR[2], { exact: false }).check();
    await fieldset(drafter, "Văn thư").getByLabel(CLERK[2], { exact: false }).check();
    await checkAccessibility(drafter, "the new dossier form");
    await screenshot(drafter, "drafter-new-dossier");
    await drafter.getByRole("button", { name: "Tạo hồ sơ" }).click();
    await drafter.locator("#dossier-title", { hasText: TITLE }).waitFor();
    dossierPath = new URL(drafter.url()).pathname;
    if (!/^\/dossiers\/\d+$/.test(dossierPath)) throw new Error(`after creating, the page is ${dossierPath}`);
    await currentStep(drafter).filter({ hasText: "Dự thảo" }).waitFor();
    log(`dossier at ${dossierPath}`);
  });
  const dossierId = dossierPath.split("/").pop();

  await step("drafter: imports the draft from a Word file and submits version 1, read back as a document", async () => {
    await drafter.locator("#draft-docx").setInputFiles({
      name: "du-thao-ke-hoach.docx",
      mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      buffer: Buffer.from(DRAFT_DOCX),
    });
    await drafter.getByText("Đã nhập 7 khối nội dung từ tệp du-thao-ke-hoach.docx").waitFor();
    const text = await drafter.getByLabel("Nội dung dự thảo").inputValue();
    if (!text.includes("1.1. Nâng cao chất lượng") || !text.includes("Chỉ tiêu\tNăm 2025"))
      throw new Error(`the imported text reads ${JSON.stringify(text)}`);
    await drafter.getByRole("button", { name: "Gửi phiên bản dự thảo" }).click();
    await drafter.locator(".meta strong", { hasText: "Phiên bản 1" }).waitFor();
    const doc = drafter.locator(".document").first();
    await doc.locator("h3", { hasText: "KẾ HOẠCH ĐẨY MẠNH" }).waitFor();
    await doc.locator("h4", { hasText: "MỤC ĐÍCH, YÊU CẦU" }).waitFor();
    await doc.locator(".doc-item", { hasText: "1.1. Nâng cao chất lượng" }).waitFor();
    await doc.locator(".doc-table td", { hasText: "1.240" }).waitFor();
  });

  // The chair and both delegates open the dossier before the consultation.
  const chair = await step("chair: signs in and opens the dossier", async () => {
    // The chair follows the meeting on a large screen, a delegate on a tablet.
    const page = await person(browser, url, CHAIR, 1920);
    await page.goto(url + dossierPath.slice(1));
    await page.locator("#dossier-title", { hasText: TITLE }).waitFor();
    return page;
  });
  const lan = await step("delegate Lan: signs in", () => person(browser, url, LAN, 1024));
  const nam = await step("delegate Nam: signs in", () => person(browser, url, NAM));

  await step("drafter: opens the consultation with both delegates invited and a deadline", async () => {
    const deadline = new Date(Date.now() + 10 * 86400_000).toISOString().slice(0, 16);
    await takeAction(drafter, "Gửi lấy ý kiến", async (form) => {
      const invited = form.locator("fieldset", { hasText: "Đại biểu được mời góp ý" });
      for (const name of [LAN[2], NAM[2]]) {
        if (!(await invited.getByLabel(name, { exact: false }).isChecked())) throw new Error(`${name} not invited by default`);
      }
      await form.getByLabel("Hạn góp ý").fill(deadline);
    });
    await currentStep(drafter).filter({ hasText: "Lấy ý kiến góp ý" }).waitFor();
    // Live on the chair's open page too.
    await currentStep(chair).filter({ hasText: "Lấy ý kiến góp ý" }).waitFor();
  });

  await step("delegates: the task arrives in the inbox, which leads to the dossier", async () => {
    for (const page of [lan, nam]) {
      const link = page.locator(".inbox tbody tr", { hasText: "Góp ý dự thảo" }).getByRole("link", { name: TITLE });
      await link.click();
      await page.locator("#dossier-title", { hasText: TITLE }).waitFor();
      await page.locator(".countdown", { hasText: "Còn 9 ngày" }).or(page.locator(".countdown", { hasText: "Còn 10 ngày" })).waitFor();
    }
    await screenshot(lan, "delegate-dossier-consultation");
  });

  await step("delegates: comment at the same moment, and each sees the other's live", async () => {
    await lan.getByLabel("Góp ý về toàn văn dự thảo").fill(XSS);
    await nam.getByLabel("Góp ý về toàn văn dự thảo").fill(NAM_COMMENT);
    await Promise.all([
      lan.getByRole("button", { name: "Gửi góp ý" }).click(),
      nam.getByRole("button", { name: "Gửi góp ý" }).click(),
    ]);
    await comment(lan, NAM_COMMENT).waitFor();
    await comment(nam, XSS).waitFor();
    await comment(chair, NAM_COMMENT).waitFor();
    await comment(chair, XSS).waitFor();
  });

  await step("markup in a comment shows literally and never runs", async () => {
    for (const page of [nam, chair]) {
      const text = await comment(page, XSS).locator(".comment-text").textContent();
      if (text !== XSS) throw new Error(`the comment reads ${JSON.stringify(text)}`);
      const images = await page.locator(".comment-text img, .threads img").count();
      if (images !== 0) throw new Error(`${images} <img> elements were made from comment text`);
    }
    await checkAccessibility(nam, "the dossier page during the consultation");
    await screenshot(nam, "delegate-comments-live");
  });

  await step("delegate Nam: searches without accents from the top bar and finds the comments and the dossier", async () => {
    const box = nam.getByRole("searchbox", { name: "Tìm trong hồ sơ, dự thảo và góp ý" });
    await box.fill("de nghi bo sung chi tieu dao tao");
    await box.press("Enter");
    await nam.locator("#search-title", { hasText: "Kết quả cho “de nghi bo sung chi tieu dao tao”" }).waitFor();
    const hit = nam.locator(".search-hits li", { hasText: "Góp ý số" });
    await hit.getByRole("link", { name: TITLE }).waitFor();
    const marked = await hit.locator(".snippet mark").allTextContents();
    const expected = ["Đề", "nghị", "bổ", "sung", "chỉ", "tiêu", "đào", "tạo"];
    if (JSON.stringify(marked) !== JSON.stringify(expected))
      throw new Error(`the snippet marks ${JSON.stringify(marked)}`);
    // Typing on the search page refines the results as the words come.
    await box.fill("onerror alert");
    const markup = nam.locator(".search-hits li", { hasText: "Góp ý số" });
    await markup.locator(".snippet", { hasText: XSS }).waitFor();
    const images = await nam.locator(".search-hits img").count();
    if (images !== 0) throw new Error(`${images} <img> elements were made from a snippet`);
    await checkAccessibility(nam, "the search page");
    await screenshot(nam, "delegate-search");
    await markup.getByRole("link", { name: TITLE }).click();
    await nam.locator("#dossier-title", { hasText: TITLE }).waitFor();
    await comment(nam, XSS).waitFor();
  });

  await step("delegate Lan: replies to Nam's comment; the reply shows in its thread for Nam", async () => {
    await comment(lan, NAM_COMMENT).getByRole("button", { name: "Trả lời" }).click();
    await lan.getByLabel(/Trả lời ý kiến số/).fill("Nhất trí với ý kiến này.");
    await lan.getByRole("button", { name: "Gửi trả lời" }).click();
    await nam.locator(".replies .comment-text", { hasText: "Nhất trí với ý kiến này." }).waitFor();
  });

  await step("delegates: say they have no further comments (Nam with the keyboard alone); the chair sees the quorum met", async () => {
    await lan.getByRole("button", { name: "Tôi không còn ý kiến" }).click();
    await confirmDialog(lan);
    await lan.getByRole("button", { name: "Tôi không còn ý kiến" }).waitFor({ state: "detached" });
    // Keyboard: the dialog takes focus on "Hủy" (cancel is the safe default
    // for what cannot be undone); Tab moves to "Đồng ý", Enter confirms.
    await nam.getByRole("button", { name: "Tôi không còn ý kiến" }).focus();
    await nam.keyboard.press("Enter");
    await nam.locator("dialog[open]").waitFor();
    const focused = await nam.evaluate(() => document.activeElement?.textContent);
    if (focused !== "Hủy") throw new Error(`the dialog opened with focus on "${focused}"`);
    await nam.keyboard.press("Tab");
    await nam.keyboard.press("Enter");
    await nam.getByRole("button", { name: "Tôi không còn ý kiến" }).waitFor({ state: "detached" });
    await chair.getByText("2/2 đại biểu đã hoàn thành góp ý, cần 2").waitFor();
    await screenshot(chair, "chair-during-consultation");
  });

  await step("chair: closes the consultation", async () => {
    await takeAction(chair, "Kết thúc lấy ý kiến");
    await currentStep(chair).filter({ hasText: "Kết luận" }).waitFor();
  });

  await step("chair: a conclusion left empty is refused, and the server's words show by the field", async () => {
    const form = await takeAction(chair, "Yêu cầu chỉnh sửa");
    const error = form.locator(".field", { hasText: "Kết luận" }).locator('.error[role="alert"]');
    await error.waitFor();
    const text = (await error.textContent()) ?? "";
    if (!text.includes("Trường “Kết luận” là bắt buộc")) throw new Error(`the error by the conclusion field reads "${text}"`);
    const invalid = await form.getByLabel("Kết luận", { exact: false }).getAttribute("aria-invalid");
    if (invalid !== "true") throw new Error("the conclusion field is not marked invalid");
    await screenshot(chair, "chair-server-error");
  });

  await step("chair: concludes 'revise'", async () => {
    const form = chair.locator("form.action-form");
    await form.getByLabel("Kết luận", { exact: false }).fill(CONCLUSION);
    await form.locator("button[type=submit]").click();
    await currentStep(chair).filter({ hasText: "Tiếp thu, giải trình" }).waitFor();
    await drafter.locator("blockquote", { hasText: CONCLUSION }).waitFor();
  });

  await step("drafter: answers every comment", async () => {
    for (const [text, outcome, explanation] of [
      [XSS, "Ghi nhận", "Nội dung không liên quan đến dự thảo."],
      [NAM_COMMENT, "Tiếp thu", "Đã bổ sung chỉ tiêu tại mục II."],
    ]) {
      const c = comment(drafter, text);
      await c.getByRole("button", { name: "Tiếp thu, giải trình" }).click();
      await c.getByLabel("Kết quả xử lý").selectOption({ label: outcome });
      await c.getByLabel("Giải trình").fill(explanation);
      await c.getByRole("button", { name: "Lưu" }).click();
      await c.locator(".disposition", { hasText: explanation }).waitFor();
    }
    await drafter.locator(".disposition.undisposed").waitFor({ state: "detached" });
  });

  await step("drafter: the disposition table lists both comments, prints on A4 and downloads as CSV and Word", async () => {
    await drafter.getByRole("link", { name: "Bảng tổng hợp ý kiến" }).click();
    const table = drafter.locator("table.print-table");
    await table.locator("tbody tr").nth(1).waitFor();
    if ((await table.locator("tbody tr").count()) !== 2) throw new Error("the table should have one row per comment");
    await table.locator("td", { hasText: "Tiếp thu: Đã bổ sung chỉ tiêu tại mục II." }).waitFor();
    await table.locator("td", { hasText: `Sở Kế hoạch và Đầu tư (${NAM[2]})` }).waitFor();
    await checkAccessibility(drafter, "the disposition table");
    await drafter.emulateMedia({ media: "print" });
    await screenshot(drafter, "drafter-disposition-table-print");
    await drafter.pdf({ path: `${artifacts}/disposition-table.pdf`, format: "A4", landscape: true, preferCSSPageSize: true });
    await drafter.emulateMedia({ media: "screen" });

    const [csv] = await Promise.all([drafter.waitForEvent("download"), drafter.getByRole("button", { name: "Tải CSV" }).click()]);
    const csvText = readFileSync(await csv.path(), "utf8");
    if (!csvText.startsWith("\uFEFFTT,Nội dung dự thảo,Nội dung góp ý,Đơn vị góp ý") || !csvText.includes(NAM_COMMENT))
      throw new Error(`the CSV reads ${JSON.stringify(csvText.slice(0, 200))}`);
    const [docx] = await Promise.all([
      drafter.waitForEvent("download"),
      drafter.getByRole("button", { name: "Tải Word (.docx)" }).click(),
    ]);
    if (!docx.suggestedFilename().endsWith(".docx")) throw new Error(`downloaded ${docx.suggestedFilename()}`);
    const { value } = await mammoth.extractRawText({ path: await docx.path() });
    for (const expected of ["BẢNG TỔNG HỢP, TIẾP THU, GIẢI TRÌNH Ý KIẾN GÓP Ý", NAM_COMMENT, "Ghi nhận: Nội dung không liên quan đến dự thảo."])
      if (!value.includes(expected)) throw new Error(`the Word file lacks "${expected}"`);
    await drafter.getByRole("link", { name: "Về hồ sơ" }).click();
    await drafter.locator("#dossier-title", { hasText: TITLE }).waitFor();
  });

  await step("drafter: submits version 2 and the revision", async () => {
    const text = drafter.getByLabel("Nội dung dự thảo");
    if (!(await text.inputValue()).includes("MỤC ĐÍCH")) throw new Error("the editor did not start from version 1");
    await text.fill(`${await text.inputValue()}\n${ADDED_ITEM}`);
    await drafter.getByLabel("Tóm tắt thay đổi", { exact: false }).fill("Tiếp thu ý kiến của Sở Kế hoạch và Đầu tư");
    await drafter.getByRole("button", { name: "Gửi phiên bản dự thảo" }).click();
    await drafter.locator(".meta strong", { hasText: "Phiên bản 2" }).waitFor();
    await takeAction(drafter, "Trình dự thảo đã hoàn thiện");
    await currentStep(drafter).filter({ hasText: "Kết luận" }).waitFor();
    await screenshot(drafter, "drafter-revision-submitted");
  });

  await step("chair: compares version 1 with version 2, inline and side by side", async () => {
    await currentStep(chair).filter({ hasText: "Kết luận" }).waitFor();
    await chair.locator("#draft-title").scrollIntoViewIfNeeded();
    await chair.getByRole("button", { name: "So sánh phiên bản" }).click();
    const redline = chair.locator(".redline");
    await redline.getByText("0 đoạn sửa, 1 đoạn thêm, 0 đoạn bỏ").waitFor();
    await redline.locator("ins", { hasText: "Đào tạo, bồi dưỡng 1.240 công chức" }).first().waitFor();
    await screenshot(chair, "chair-redline-inline");
    await redline.getByRole("button", { name: "Hai cột" }).click();
    await redline.locator(".side-by-side td.added ins", { hasText: "Đào tạo, bồi dưỡng" }).waitFor();
    await checkAccessibility(chair, "the redline");
    await screenshot(chair, "chair-redline-side-by-side");
  });

  await step("chair: approves, after confirming", async () => {
    await takeAction(chair, "Thông qua");
    await confirmDialog(chair);
    await currentStep(chair).filter({ hasText: "Ban hành" }).waitFor();
  });

  const clerk = await step("clerk: finds the task in the inbox", async () => {
    const page = await person(browser, url, CLERK);
    await page.locator(".inbox tbody tr", { hasText: "Cấp số, vào sổ và ban hành" }).getByRole("link", { name: TITLE }).click();
    await page.locator("#dossier-title", { hasText: TITLE }).waitFor();
    return page;
  });

  await step("clerk: the issue form starts from the usual values and checks the format as it is filled", async () => {
    await clerk.locator(".actions .buttons").getByRole("button", { name: "Ban hành", exact: true }).click();
    const form = clerk.locator("form.action-form");
    if ((await form.getByLabel("Người ký").inputValue()) !== CHAIR[2]) throw new Error("the signer is not the chair");
    if ((await form.getByLabel("Địa danh").inputValue()) !== "Quảng Nam") throw new Error("the place is not Quảng Nam");
    await form.getByText("Đủ các thành phần thể thức theo Nghị định 30/2020/NĐ-CP.").waitFor();
    const recipients = form.getByLabel("Nơi nhận");
    await recipients.fill("- Bộ Nội vụ;");
    await form.getByText("Nơi nhận phải kết thúc bằng “Lưu: VT, …”.").waitFor();
    await screenshot(clerk, "clerk-format-check");
    await recipients.fill("- Bộ Nội vụ;\n- Thường trực Tỉnh ủy;\n- Lưu: VT, NC.");
    await form.getByText("Đủ các thành phần thể thức theo Nghị định 30/2020/NĐ-CP.").waitFor();
  });

  await step("clerk: issues; every open screen shows the number at once", async () => {
    await clerk.locator("form.action-form button[type=submit]").click();
    await confirmDialog(clerk);
    for (const page of [clerk, drafter, chair, lan]) {
      await page.locator(".issued", { hasText: `Đã ban hành: số ${SYMBOL}` }).waitFor();
      await currentStep(page).filter({ hasText: "Triển khai thực hiện" }).waitFor();
      // The server signs with the chair's key as soon as the number commits.
      await page.locator(".signature-status.valid", { hasText: "Chữ ký số hợp lệ" }).waitFor();
    }
    await checkAccessibility(clerk, "the dossier page");
    await screenshot(clerk, "clerk-issued");
    await screenshot(drafter, "drafter-issued");
    await screenshot(chair, "chair-issued");
    await screenshot(lan, "delegate-issued");
  });

  await step("the issued document reads in the official layout, prints on A4 and downloads as Word", async () => {
    await drafter.getByRole("link", { name: "Xem văn bản ban hành" }).click();
    const doc = drafter.locator("article.official");
    await doc.waitFor();
    const now = new Date(Date.now() + 7 * 3600_000);
    const day = now.getUTCDate(), month = now.getUTCMonth() + 1;
    const date = `Quảng Nam, ngày ${day < 10 ? "0" + day : day} tháng ${month <= 2 ? "0" + month : month} năm ${now.getUTCFullYear()}`;
    for (const text of ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NAM", `Số: ${SYMBOL}`, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc", date, "KẾ HOẠCH", "Đẩy mạnh cải cách chế độ công vụ, công chức năm 2025",
      "Nơi nhận:", "- Lưu: VT, NC.", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", CHAIR[2], "Đào tạo, bồi dưỡng 1.240 công chức"])
      await doc.getByText(text, { exact: false }).first().waitFor();
    // Signed by the chair, over exactly this content: the server checked it as it answered.
    const signature = drafter.locator(".signature-status.valid");
    await signature.getByText("Chữ ký số hợp lệ").waitFor();
    await signature.getByText(`Ký bởi ${CHAIR[2]}`, { exact: false }).waitFor();
    await signature.getByText("Ed25519 · dấu khóa", { exact: false }).waitFor();
    if (await drafter.locator(".signature-status.invalid, .signature-status.awaiting").count())
      throw new Error("the issued document shows a signature warning");
    await checkAccessibility(drafter, "the issued document");
    await drafter.emulateMedia({ media: "print" });
    await screenshot(drafter, "issued-document-print");
    const pdf = await drafter.pdf({ path: `${artifacts}/issued-document.pdf`, preferCSSPageSize: true });
    // A4 is 595 × 842 points; the print CSS, not the default Letter, must size the page.
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString("latin1"));
    if (!box || Math.round(Number(box[1])) !== 595 || Math.round(Number(box[2])) !== 842)
      throw new Error(`the issued document prints on ${box ? `${box[1]} × ${box[2]} pt` : "no page"}, not A4`);
    await drafter.emulateMedia({ media: "screen" });
    const [docx] = await Promise.all([
      drafter.waitForEvent("download"),
      drafter.getByRole("button", { name: "Tải Word (.docx)" }).click(),
    ]);
    const symbolFile = `${SYMBOL.replace("/", "-")}.docx`;
    if (docx.suggestedFilename() !== symbolFile) throw new Error(`downloaded ${docx.suggestedFilename()}, not ${symbolFile}`);
    const { value } = await mammoth.extractRawText({ path: await docx.path() });
    for (const expected of [`Số: ${SYMBOL}`, date, "KẾ HOẠCH", "Đào tạo, bồi dưỡng 1.240 công chức", "- Lưu: VT, NC.", CHAIR[2]])
      if (!value.includes(expected)) throw new Error(`the issued Word file lacks "${expected}"`);
    await drafter.getByRole("link", { name: "Về hồ sơ" }).click();
  });

  await step("drafter: a correction starts from the issued document and cites it", async () => {
    await drafter.getByRole("link", { name: "Xem văn bản ban hành" }).click();
    await drafter.getByRole("link", { name: "Soạn văn bản đính chính" }).click();
    await drafter.getByRole("heading", { name: "Soạn văn bản đính chính" }).waitFor();
    await drafter.locator(".correction-of", { hasText: `Kế hoạch số ${SYMBOL} ngày` }).waitFor();
    const title = drafter.getByLabel("Tên hồ sơ");
    await drafter.waitForFunction(() => document.querySelector("#field-title")?.value);
    const prefilled = await title.inputValue();
    if (!prefilled.startsWith(`Quyết định về việc đính chính Kế hoạch số ${SYMBOL} ngày`))
      throw new Error(`the correction starts as "${prefilled}"`);
    await drafter.getByRole("button", { name: "Tạo hồ sơ" }).click();
    await drafter.locator("#dossier-title", { hasText: "Quyết định về việc đính chính" }).waitFor();
    await drafter.getByRole("link", { name: `Đính chính văn bản số ${SYMBOL}` }).waitFor();
    await screenshot(drafter, "drafter-correction");
  });

  await step("drafter: the dossier list filters by step", async () => {
    await drafter.getByRole("link", { name: "Hồ sơ", exact: true }).click();
    await drafter.getByLabel("Bước").selectOption({ label: "Triển khai thực hiện" });
    await drafter.locator("tbody tr", { hasText: SYMBOL }).waitFor();
    await drafter.getByLabel("Vai trò của tôi").selectOption({ label: "Cơ quan chủ trì soạn thảo" });
    await drafter.locator("tbody tr", { hasText: SYMBOL }).waitFor();
    await drafter.getByLabel("Tìm theo tên hoặc số hiệu").fill("ngan sach");
    await drafter.getByText("Không có hồ sơ nào khớp bộ lọc.").waitFor();
    await drafter.getByLabel("Tìm theo tên hoặc số hiệu").fill("cai cach che do");
    await drafter.locator("tbody tr", { hasText: SYMBOL }).waitFor();
    await checkAccessibility(drafter, "the dossier list");
    await screenshot(drafter, "drafter-dossier-list");
  });

  await step("a server restart: open screens show they are reconnecting, then catch up", async () => {
    await restart(async () => {
      await nam.locator(".connection", { hasText: "Đang kết nối lại…" }).waitFor();
      await screenshot(nam, "delegate-reconnecting");
    });
    // The chair's screen reconnects by itself and takes a comment again.
    await chair.locator(".connection-open").waitFor({ state: "attached" });
    await chair.getByLabel("Góp ý về toàn văn dự thảo").fill("Đề nghị các sở báo cáo tiến độ trước ngày 15 hằng tháng.");
    await chair.getByRole("button", { name: "Gửi góp ý" }).click();
    await comment(nam, "Đề nghị các sở báo cáo tiến độ").waitFor();
    await nam.locator(".connection-open").waitFor({ state: "attached" });
  });

  await step("outsider: cannot see the dossier", async () => {
    const page = await person(browser, url, OUTSIDER);
    await page.goto(url + dossierPath.slice(1));
    const error = page.locator('.error[role="alert"]');
    await error.waitFor();
    const text = (await error.textContent()) ?? "";
    if (!text.includes(`Bạn không tham gia hồ sơ số ${dossierId}`)) throw new Error(`the outsider sees "${text}"`);
    if (await page.getByText(TITLE).count()) throw new Error("the outsider sees the dossier's title");
    await screenshot(page, "outsider-refused");
  });

  await step("chair: the English toggle turns the dossier page into English", async () => {
    await chair.locator(".lang-toggle button", { hasText: "EN" }).click();
    await chair.locator(".issued", { hasText: `Issued as No. ${SYMBOL}` }).waitFor();
    await chair.locator(".signature-status.valid", { hasText: "Valid digital signature" }).waitFor();
    await currentStep(chair).filter({ hasText: "Implementation" }).waitFor();
    await chair.getByRole("heading", { name: "History" }).waitFor();
    await screenshot(chair, "chair-english");
  });
}
