// The demo database `planflow seed` makes from seeds/, as people of the
// provinces see it: the Lạng Sơn chairperson finds the steering committee's
// plan left in revision with the conclusion's directives, partly carried
// out; the Cà Mau chairperson finds the downsizing board at 52,34 % and
// 26,47 %, figures derived from the progress reports, never typed; each
// issued dossier carries the official number its register continued to.
import { checkAccessibility, newPerson, signIn, step } from "./support.mjs";

// The password `planflow seed` gives every demo account.
export const DEMO_PASSWORD = "planflow-demo-2026";

const LANG_SON_TITLE = "Kế hoạch đẩy mạnh cải cách chế độ công vụ, công chức tỉnh Lạng Sơn giai đoạn 2013 – 2015";
const CA_MAU_TITLE = "Quyết định ban hành Kế hoạch tinh giản biên chế giai đoạn 2015 – 2021 của tỉnh Cà Mau";
const REVISION_VI = "Tiếp thu, giải trình";

async function person(browser, url, login) {
  const { context, page } = await newPerson(browser);
  await page.goto(url);
  await signIn(page, login, DEMO_PASSWORD);
  await page.locator("#inbox-title").waitFor();
  return { context, page };
}

/** Opens the dossier list and, from it, the dossier called `title`. */
async function openFromList(page, url, title) {
  await page.goto(`${url}dossiers`);
  await page.getByRole("link", { name: title, exact: true }).click();
  await page.locator("#dossier-title", { hasText: title }).waitFor();
}

export async function seededDemo({ browser, url, screenshot }) {
  const { context: langSonContext, page: chair } = await person(browser, url, "ls.chutich");

  await step("seeded demo: the Lạng Sơn chairperson's list shows the plan in revision, in Vietnamese", async () => {
    await chair.goto(`${url}dossiers`);
    const row = chair.locator("tr", { hasText: LANG_SON_TITLE });
    await row.locator("td", { hasText: REVISION_VI }).waitFor();
    await row.locator("td", { hasText: "Chủ tọa" }).waitFor();
  });

  await step("seeded demo: the Lạng Sơn dossier shows the conclusion of 15/8/2013 and its six directives", async () => {
    await openFromList(chair, url, LANG_SON_TITLE);
    await chair.locator(".dossier-head .meta", { hasText: REVISION_VI }).waitFor();
    const panel = chair.locator(".conclusion-panel");
    await panel.locator("blockquote", { hasText: "Ban Chỉ đạo cơ bản thống nhất với dự thảo Kế hoạch" }).waitFor();
    if ((await panel.locator("li.directive").count()) !== 6) throw new Error("the conclusion does not list six directives");
    const selection = panel.locator("li.directive#directive-5");
    await selection.locator(".directive-text", { hasText: "thi tuyển chức danh lãnh đạo, quản lý cấp phòng và tương đương, cấp sở và tương đương" }).waitFor();
    await selection.locator(".directive-state.open", { hasText: "Chưa thực hiện" }).waitFor();
    await panel.locator("li.directive#directive-1 .directive-state.done").waitFor();
    await panel.locator(".directives-count", { hasText: "Còn 3 chỉ đạo chưa thực hiện" }).waitFor();
    await checkAccessibility(chair, "the seeded Lạng Sơn dossier");
    await screenshot(chair, "seeded-lang-son-revision");
  });
  await langSonContext.close();

  const { context: caMauContext, page: caMau } = await person(browser, url, "cm.chutich");
  await step("seeded demo: the Cà Mau board derives 52,34 % and 26,47 % from the reports", async () => {
    await openFromList(caMau, url, CA_MAU_TITLE);
    await caMau.locator(".dossier-head .issued", { hasText: "245/QĐ-UBND" }).waitFor();
    await caMau.locator(".dossier-head .issued", { hasText: "16/2/2016" }).waitFor();
    const board = caMau.locator("section.implementation-panel");
    const downsizing = board.locator("li.impl-task#task-1");
    await downsizing.locator(".progress-figure", { hasText: "52,34 %" }).waitFor();
    await downsizing.locator(".task-latest", { hasText: "649 / 1.240 trường hợp" }).waitFor();
    await board.locator("li.impl-task#task-3 .progress-figure", { hasText: "26,47 %" }).waitFor();
    await screenshot(caMau, "seeded-ca-mau-board");
  });
  await caMauContext.close();

  // Each register continued from where the province's book stood.
  for (const [login, symbol] of [["qna.chutich", "2301/QĐ-UBND"], ["ls24.chutich", "20/KH-UBND"], ["qng.chutich", "3825/UBND-NC"]]) {
    const { context, page } = await person(browser, url, login);
    await step(`seeded demo: ${login} sees the dossier numbered ${symbol}`, async () => {
      await page.goto(`${url}dossiers`);
      await page.locator("td", { hasText: symbol }).waitFor();
    });
    await context.close();
  }
}
