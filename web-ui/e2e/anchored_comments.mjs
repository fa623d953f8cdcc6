// Comments anchored to the text, in the browser: a delegate selects a
// passage of the draft and comments on it, then edits the comment; the
// drafter's next version drops the passage, so the comment shows as
// outdated with the words it was about; the drafter answers it naming the
// item of the new version that takes it in, and the disposition table says
// where. The consultation's opening and closing go over the protocol: the
// full flow in the browser is plan_to_number.mjs's.
import { checkAccessibility, directoryOf, newPerson, runCommands, signIn, step } from "./support.mjs";

export const USERS = [
  // login, unit, name, password
  ["soanthao.neo", "SNV", "Trần Văn Bình", "mat-khau-soan-thao-2"],
  ["daibieu.neo", "SXD", "Ngô Thị Hạnh", "mat-khau-dai-bieu-3"],
];
const [DRAFTER, DELEGATE] = USERS;

const TITLE = "Kế hoạch tinh giản biên chế giai đoạn 2025 - 2030";
const PASSAGE = "tinh giản biên chế";
const REMOVED = "Đẩy mạnh tinh giản biên chế, cơ cấu lại đội ngũ công chức";
const KEPT = "Rà soát vị trí việc làm tại các cơ quan, đơn vị";
const ABSORBING = "2.3. Giảm ít nhất 10% biên chế so với năm 2024";
const FIRST_TEXT = "Đề nghị nêu rõ lộ trình tinh giản";
const EDITED_TEXT = "Đề nghị nêu rõ lộ trình tinh giản theo từng năm";
const EXPLANATION = "Đã bổ sung chỉ tiêu giảm biên chế theo năm.";

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

/** Selects `quote` inside the text of the draft's block holding it, as a reader's drag would. */
async function selectPassage(page, quote) {
  await page.evaluate((quote) => {
    for (const holder of document.querySelectorAll("[data-block-text]")) {
      const walker = document.createTreeWalker(holder, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.data.indexOf(quote);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + quote.length);
        const selection = document.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        return;
      }
    }
    throw new Error(`no block of the draft reads "${quote}"`);
  }, quote);
}

export async function anchoredComments({ browser, url, screenshot }) {
  const drafter = await step("anchored: the drafter signs in", () => person(browser, url, DRAFTER));
  const dossier = await step("anchored: the drafter opens a consultation on version 1 over the protocol", async () => {
    const dir = await directoryOf(drafter);
    const [me, delegate, snv, sxd] = [dir.user(DRAFTER[2]), dir.user(DELEGATE[2]), dir.unit("SNV"), dir.unit("SXD")];
    const [created] = await send(drafter, [
      command(0, "anchored-create", {
        type: "create_dossier",
        title: TITLE,
        issuer: { id: dir.unit("UBND"), code: "UBND" },
        drafting_unit: { id: snv, code: "SNV" },
        bindings: [
          { role: "drafter", user: me, unit: snv },
          { role: "chair", user: me, unit: snv },
          { role: "delegate", user: delegate, unit: sxd },
        ],
      }),
    ]).then((r) => r.map((x) => x.result));
    const id = created.dossier;
    await send(drafter, [
      command(id, "anchored-v1", {
        type: "submit_version",
        blocks: [
          { kind: "heading", level: 2, marker: "I.", text: "MỤC ĐÍCH, YÊU CẦU" },
          { kind: "item", level: 1, marker: "1.", text: REMOVED },
          { kind: "item", level: 1, marker: "2.", text: KEPT },
        ],
      }),
      command(id, "anchored-open", {
        type: "take_action",
        action: "open_consultation",
        inputs: { invitees: [{ user: delegate, unit: sxd }], deadline: Math.floor(Date.now() / 1000) + 10 * 86400 },
      }),
    ]);
    return id;
  });
  const path = `dossiers/${dossier}`;

  const delegate = await step("anchored: the delegate opens the draft", async () => {
    const page = await person(browser, url, DELEGATE);
    await page.goto(url + path);
    await page.locator("#dossier-title", { hasText: TITLE }).waitFor();
    await page.locator("[data-block-text]", { hasText: REMOVED }).waitFor();
    return page;
  });

  const block = delegate.locator(".anchored-block", { has: delegate.locator("[data-block-text]", { hasText: REMOVED }) });
  await step("anchored: the delegate selects a passage and comments on it", async () => {
    // Each block offers a comment on itself before anything is selected.
    await block.getByRole("button", { name: "Góp ý về mục 1" }).waitFor();
    await selectPassage(delegate, PASSAGE);
    await block.getByRole("button", { name: "Góp ý đoạn đã chọn" }).click();
    const form = block.locator("form.comment-form");
    await form.locator("blockquote.quote-preview", { hasText: PASSAGE }).waitFor();
    await form.getByLabel(`Góp ý về “${PASSAGE}”`).fill(FIRST_TEXT);
    await form.getByRole("button", { name: "Gửi góp ý" }).click();
    const c = block.locator(".block-comments .comment", { hasText: FIRST_TEXT });
    await c.waitFor();
    await c.locator(".anchor-note", { hasText: `Về đoạn: “${PASSAGE}”` }).waitFor();
    await c.locator(".meta", { hasText: `${DELEGATE[2]} (Sở Xây dựng)` }).waitFor();
    const marked = await block.locator("mark.passage").allTextContents();
    if (JSON.stringify(marked) !== JSON.stringify([PASSAGE])) throw new Error(`the block marks ${JSON.stringify(marked)}`);
  });

  await step("anchored: the delegate edits the comment; it shows as edited with its earlier text", async () => {
    const c = block.locator(".block-comments .comment").first();
    await c.getByRole("button", { name: "Sửa", exact: true }).click();
    await c.getByLabel("Sửa ý kiến số 1").fill(EDITED_TEXT);
    await c.getByRole("button", { name: "Lưu thay đổi" }).click();
    await c.locator(":scope > .comment-text", { hasText: EDITED_TEXT }).waitFor();
    await c.locator(".edited", { hasText: "đã sửa" }).waitFor();
    await c.locator(".comment-history summary", { hasText: "Các nội dung trước (1)" }).click();
    await c.locator(".comment-history .comment-text", { hasText: FIRST_TEXT }).waitFor();
    await c.getByRole("button", { name: "Rút", exact: true }).waitFor();
    await checkAccessibility(delegate, "the draft with an anchored comment");
    await screenshot(delegate, "anchored-comment-edited");
  });

  await step("anchored: the consultation closes and the chair sends the draft back", async () => {
    await send(delegate, [command(dossier, "anchored-done", { type: "no_further_comments" })]);
    await send(drafter, [
      command(dossier, "anchored-close", { type: "take_action", action: "close_consultation" }),
      command(dossier, "anchored-revise", {
        type: "take_action",
        action: "revise",
        inputs: { conclusion: "Tiếp thu ý kiến, hoàn thiện dự thảo." },
      }),
    ]);
    // Comments made in the closed step no longer change.
    const c = delegate.locator(".comment", { hasText: EDITED_TEXT });
    await c.getByRole("button", { name: "Sửa", exact: true }).waitFor({ state: "detached" });
  });

  await step("anchored: the drafter submits a version without the passage; the comment shows outdated", async () => {
    await drafter.goto(url + path);
    await drafter.locator("#dossier-title", { hasText: TITLE }).waitFor();
    await drafter.locator(".undisposed-notice", { hasText: "Còn 1 ý kiến chưa tiếp thu, giải trình" }).waitFor();
    if (await drafter.getByRole("button", { name: "Trình dự thảo đã hoàn thiện" }).count())
      throw new Error("the revision was offered with a comment unanswered");
    await drafter.getByLabel("Nội dung dự thảo").fill(`I. MỤC ĐÍCH, YÊU CẦU\n2. ${KEPT}\n${ABSORBING}`);
    await drafter.getByRole("button", { name: "Gửi phiên bản dự thảo" }).click();
    await drafter.locator(".meta strong", { hasText: "Phiên bản 2" }).waitFor();
    for (const page of [drafter, delegate]) {
      const c = page.locator(".comment.outdated", { hasText: EDITED_TEXT });
      await c.locator(".outdated-badge", { hasText: "Đã lỗi thời" }).waitFor();
      await c.locator(".outdated-note", { hasText: `Góp ý về đoạn “${PASSAGE}” trong phiên bản 1` }).waitFor();
      await c.locator(".was-text", { hasText: `1. ${REMOVED}` }).waitFor();
    }
    await screenshot(delegate, "anchored-comment-outdated");
  });

  await step("anchored: the drafter answers it, naming the item that takes it in", async () => {
    const c = drafter.locator(".comment.outdated", { hasText: EDITED_TEXT });
    await c.getByRole("button", { name: "Tiếp thu, giải trình" }).click();
    await c.getByLabel("Kết quả xử lý").selectOption({ label: "Tiếp thu" });
    await c.getByLabel("Giải trình").fill(EXPLANATION);
    await c.locator("fieldset.absorbing-blocks").getByLabel("mục 2.3").check();
    await c.getByRole("button", { name: "Lưu", exact: true }).click();
    await c.locator(".absorbed", { hasText: "Đã tiếp thu tại: mục 2.3" }).waitFor();
    await delegate.locator(".comment", { hasText: EDITED_TEXT }).locator(".absorbed", { hasText: "Đã tiếp thu tại: mục 2.3" }).waitFor();
    await drafter.locator(".undisposed-notice").waitFor({ state: "detached" });
    await drafter.locator(".actions").getByRole("button", { name: "Trình dự thảo đã hoàn thiện" }).waitFor();
  });

  await step("anchored: the disposition table shows the passage and where it was taken in", async () => {
    await drafter.getByRole("link", { name: "Bảng tổng hợp ý kiến" }).click();
    const row = drafter.locator("table.print-table tbody tr", { hasText: EDITED_TEXT });
    await row.locator("td", { hasText: `mục 1: “${PASSAGE}”` }).waitFor();
    await row.locator("td", { hasText: `Tiếp thu: ${EXPLANATION}` }).waitFor();
    await row.locator("td", { hasText: "Đã tiếp thu tại: mục 2.3" }).waitFor();
    await checkAccessibility(drafter, "the disposition table with linked blocks");
    await screenshot(drafter, "anchored-disposition-table");
  });

  for (const page of [drafter, delegate]) await page.context().close();
}
