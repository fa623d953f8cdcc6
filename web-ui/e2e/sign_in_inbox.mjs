// Signing in, and a task arriving live in a delegate's inbox; the English
// toggle surviving a reload.
import { awaitReplyTo, checkAccessibility, directoryOf, newPerson, runCommands, signIn, step, withinStep, log } from "./support.mjs";

export const USERS = [
  // login, unit, name, password
  ["drafter", "SNV", "Nguyễn Văn An", "mat-khau-du-dai-1"],
  ["delegate", "SNV", "Trần Thị Bình", "mat-khau-du-dai-2"],
];
const TITLE = "Kế hoạch cải cách chế độ công vụ, công chức (e2e)";

export async function signInAndInbox({ browser, url, screenshot }) {
  const { context: drafterContext, page: drafter } = await newPerson(browser);
  await step("drafter: wrong password shows the Vietnamese error", async () => {
    await drafter.goto(url);
    await signIn(drafter, "drafter", "sai-mat-khau-roi");
    const error = drafter.locator("form #sign-in-error");
    await error.waitFor();
    const text = (await error.textContent()) ?? "";
    if (!text.includes("Tên đăng nhập hoặc mật khẩu không đúng")) {
      throw new Error(`sign-in error reads "${text}"`);
    }
    await checkAccessibility(drafter, "the sign-in page with its error");
    await screenshot(drafter, "drafter-wrong-password");
  });
  await step("drafter: right password shows the empty inbox", async () => {
    await signIn(drafter, "drafter", USERS[0][3]);
    await drafter.locator("#inbox-title", { hasText: "Việc cần làm" }).waitFor();
    await drafter.locator(".inbox .empty", { hasText: "Không có việc nào đang chờ bạn." }).waitFor();
    await screenshot(drafter, "drafter-empty-inbox");
  });

  // The delegate opens the inbox before the dossier exists.
  const { page: delegate } = await newPerson(browser);
  // The app asks for inbox pushes (subscribe_inbox) when its socket opens;
  // the dossier is made only once the server answered.
  const subscribedToInbox = awaitReplyTo(delegate, "subscribe_inbox");
  await step("delegate: signs in to an empty inbox, following it live", async () => {
    await delegate.goto(url);
    await signIn(delegate, "delegate", USERS[1][3]);
    await delegate.locator(".inbox .empty", { hasText: "Không có việc nào đang chờ bạn." }).waitFor();
    await withinStep(subscribedToInbox, "the app never subscribed to inbox pushes");
    await screenshot(delegate, "delegate-empty-inbox");
  });

  await step("drafter: creates a plan dossier and opens the consultation (WebSocket)", async () => {
    const driver = await drafterContext.newPage();
    await driver.goto(url);
    const ids = await directoryOf(driver);
    const run = `e2e-${Date.now()}`;
    const command = (dossier, tag, body) => ({
      op: "command", dossier, request_id: `${run}-${tag}`, command: body,
      ...(dossier === 0 ? { workflow: "plan" } : {}),
    });
    const snv = ids.unit("SNV");
    const replies = await runCommands(driver, [
      command(0, "create", {
        type: "create_dossier", title: TITLE,
        issuer: { id: ids.unit("UBND"), code: "UBND" }, drafting_unit: { id: snv, code: "SNV" },
        bindings: [
          { role: "drafter", user: ids.user(USERS[0][2]), unit: snv },
          { role: "chair", user: ids.user(USERS[0][2]), unit: snv },
          { role: "delegate", user: ids.user(USERS[1][2]), unit: snv },
        ],
      }),
      command("$created", "v1", { type: "submit_version", text: "Dự thảo" }),
      command("$created", "open", { type: "take_action", action: "open_consultation" }),
    ]);
    const failed = replies.find((r) => r.error);
    if (failed || replies.length !== 3) throw new Error(`protocol replies: ${JSON.stringify(replies)}`);
    log(`dossier ${replies[0].result.dossier} in consultation`);
    await driver.close();
  });

  const row = delegate.locator(".inbox tbody tr", { hasText: TITLE });
  await step("delegate: the task appears live, without reload", async () => {
    await row.locator("td", { hasText: "Góp ý dự thảo" }).waitFor();
    await screenshot(delegate, "delegate-task-live");
  });

  await step("delegate: EN shows the step in English", async () => {
    await delegate.locator(".lang-toggle button", { hasText: "EN" }).click();
    await row.locator("td", { hasText: "Comment on the draft" }).waitFor();
    await delegate.locator("#inbox-title", { hasText: "My tasks" }).waitFor();
    await screenshot(delegate, "delegate-english");
  });

  await step("delegate: English persists after reload", async () => {
    await delegate.reload();
    await row.locator("td", { hasText: "Comment on the draft" }).waitFor();
    const pressed = await delegate.locator(".lang-toggle button", { hasText: "EN" }).getAttribute("aria-pressed");
    if (pressed !== "true") throw new Error(`EN toggle aria-pressed is ${pressed} after reload`);
    const htmlLang = await delegate.evaluate(() => document.documentElement.lang);
    if (htmlLang !== "en") throw new Error(`<html lang> is "${htmlLang}" after reload`);
    await screenshot(delegate, "delegate-english-after-reload");
  });
}
