#!/usr/bin/env node
// The end-to-end test: the built app (dist/) served by a real `planflow
// serve` on a fresh database, driven in Debian's headless Chromium through
// playwright-core (which never downloads a browser of its own).
//
//   npm run e2e -- --planflow PATH [--artifacts DIR] [--chromium PATH]
//
// Exits 0 when every step passes, 1 with the failing step otherwise, and
// gives up after TOTAL_TIMEOUT_MS whatever happens.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = "1";
const { chromium } = await import("playwright-core");

const TOTAL_TIMEOUT_MS = 60_000;
const STEP_TIMEOUT_MS = 10_000;
const WEB_UI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const REPO = path.resolve(WEB_UI, "..");

const DRAFTER_PASSWORD = "mat-khau-du-dai-1";
const DELEGATE_PASSWORD = "mat-khau-du-dai-2";
const TITLE = "Kế hoạch cải cách chế độ công vụ, công chức (e2e)";

function parseArgs(argv) {
  const args = {
    planflow: "",
    artifacts: path.join(WEB_UI, "e2e-artifacts"),
    chromium: "/usr/bin/chromium",
  };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, "");
    if (!(key in args) || i + 1 >= argv.length) usage(`unknown or incomplete argument ${argv[i]}`);
    args[key] = path.resolve(argv[++i]);
  }
  if (!args.planflow) usage("--planflow is required");
  return args;
}

function usage(message) {
  console.error(`e2e: ${message}`);
  console.error("usage: npm run e2e -- --planflow PATH [--artifacts DIR] [--chromium PATH]");
  process.exit(2);
}

const started = Date.now();
const log = (message) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);

let currentStep = "starting";
let server = null; // module-wide, so the watchdog can stop it too
async function step(name, fn) {
  currentStep = name;
  log(name);
  return await fn();
}

/** Runs a planflow command line to completion; throws with its output on failure. */
function planflowCli(bin, args, input) {
  const r = spawnSync(bin, args, { input, encoding: "utf8", timeout: 15_000 });
  if (r.status !== 0) {
    throw new Error(`planflow ${args.join(" ")} exited ${r.status ?? r.signal}: ${r.stderr}${r.stdout}`);
  }
}

/** Starts `planflow serve` and resolves with its URL (from its first stdout line). */
function startServer(bin, db) {
  const child = spawn(
    bin,
    ["serve", "--listen", "127.0.0.1:0", "--db", db,
     "--workflows", path.join(REPO, "workflows"), "--web", path.join(WEB_UI, "dist")],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  const url = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("planflow serve printed no URL within 10 s")), 10_000);
    const lines = createInterface({ input: child.stdout });
    lines.once("line", (line) => {
      clearTimeout(timer);
      const m = /planflow is serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(line);
      if (m) resolve(m[1]);
      else reject(new Error(`unexpected first line from planflow serve: ${line}`));
    });
    // Keep draining stdout so the server never blocks on a full pipe.
    lines.on("line", () => {});
    child.once("error", (e) => { clearTimeout(timer); reject(e); });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`planflow serve exited early (${code ?? signal}): ${stderr}`));
    });
  });
  return { child, url, exited, stderr: () => stderr };
}

/** Stops the server with SIGTERM; resolves with its exit code (null on timeout/signal). */
async function stopServer(server) {
  if (server.child.exitCode !== null || server.child.signalCode !== null) {
    const { code } = await server.exited;
    return code;
  }
  server.child.kill("SIGTERM");
  let timer;
  const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve("timeout"), 10_000)));
  const result = await Promise.race([server.exited, timeout]);
  clearTimeout(timer);
  if (result === "timeout") {
    server.child.kill("SIGKILL");
    return null;
  }
  return result.code;
}

async function signIn(page, login, password) {
  await page.locator("#login").fill(login);
  await page.locator("#password").fill(password);
  await page.locator("form button[type=submit]").click();
}

/** Plays the protocol from inside a signed-in page: one WebSocket, requests in order. */
async function runCommands(page, requests) {
  return await page.evaluate(async (requests) => {
    const ws = new WebSocket(new URL("/ws", location.href).href.replace(/^http/, "ws"));
    await new Promise((resolve, reject) => {
      ws.onopen = resolve;
      ws.onerror = () => reject(new Error("WebSocket failed to open"));
    });
    const replies = [];
    let dossier = 0;
    for (const [i, request] of requests.entries()) {
      const message = { ...request, id: i + 1 };
      if (message.dossier === "$created") message.dossier = dossier;
      const reply = await new Promise((resolve, reject) => {
        ws.onmessage = (e) => {
          const m = JSON.parse(e.data);
          if (m.id === message.id) resolve(m);
        };
        ws.onclose = () => reject(new Error("WebSocket closed"));
        ws.send(JSON.stringify(message));
      });
      replies.push(reply);
      if (reply.error) break;
      if (i === 0) dossier = reply.result.dossier;
    }
    ws.close();
    return replies;
  }, requests);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(args.planflow)) throw new Error(`no planflow binary at ${args.planflow}`);
  if (!existsSync(path.join(WEB_UI, "dist", "index.html"))) {
    throw new Error("web-ui/dist/index.html is missing: run `npm run build` first");
  }
  if (!existsSync(args.chromium)) {
    throw new Error(`no Chromium at ${args.chromium} (scripts/setup installs Debian's chromium)`);
  }
  mkdirSync(args.artifacts, { recursive: true });
  const temp = mkdtempSync(path.join(tmpdir(), "planflow-e2e-"));
  const db = path.join(temp, "planflow.db");
  let browser = null;
  let failedStep = null;
  let shot = 0;
  const screenshot = (page, name) =>
    page.screenshot({ path: path.join(args.artifacts, `${String(++shot).padStart(2, "0")}-${name}.png`), fullPage: true });

  try {
    await step("making a fresh database", () => {
      planflowCli(args.planflow, ["unit", "add", "SNV", "Sở Nội vụ", "--db", db]);
      planflowCli(args.planflow,
        ["user", "add", "drafter", "--name", "Nguyễn Văn An", "--unit", "SNV", "--db", db],
        `${DRAFTER_PASSWORD}\n`);
      planflowCli(args.planflow,
        ["user", "add", "delegate", "--name", "Trần Thị Bình", "--unit", "SNV", "--db", db],
        `${DELEGATE_PASSWORD}\n`);
    });

    server = startServer(args.planflow, db);
    const url = await step("starting planflow serve", () => server.url);
    log(`server at ${url}`);

    // chromium.launch refuses --user-data-dir in args: it always passes a
    // fresh one of its own, made in os.tmpdir() and removed on close. Point
    // that at our temp folder, so the profile lives (and dies) with it.
    process.env.TMPDIR = temp;
    browser = await step("launching Chromium", () =>
      chromium.launch({
        executablePath: args.chromium,
        headless: true,
        timeout: STEP_TIMEOUT_MS,
        args: [
          "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
          "--disable-component-update", "--disable-sync", "--no-first-run",
        ],
      }));
    log(`Chromium ${browser.version()}`);

    // The drafter: a wrong password, then the right one.
    const drafterContext = await browser.newContext({ locale: "vi-VN" });
    drafterContext.setDefaultTimeout(STEP_TIMEOUT_MS);
    const drafter = await drafterContext.newPage();
    await step("drafter: wrong password shows the Vietnamese error", async () => {
      await drafter.goto(url);
      await signIn(drafter, "drafter", "sai-mat-khau-roi");
      const error = drafter.locator("form #sign-in-error");
      await error.waitFor();
      const text = (await error.textContent()) ?? "";
      if (!text.includes("Tên đăng nhập hoặc mật khẩu không đúng")) {
        throw new Error(`sign-in error reads "${text}"`);
      }
      await screenshot(drafter, "drafter-wrong-password");
    });
    await step("drafter: right password shows the empty inbox", async () => {
      await signIn(drafter, "drafter", DRAFTER_PASSWORD);
      await drafter.locator("#inbox-title", { hasText: "Việc cần làm" }).waitFor();
      await drafter.locator(".inbox .empty", { hasText: "Không có việc nào đang chờ bạn." }).waitFor();
      await screenshot(drafter, "drafter-empty-inbox");
    });

    // The delegate opens the inbox before the dossier exists.
    const delegateContext = await browser.newContext({ locale: "vi-VN" });
    delegateContext.setDefaultTimeout(STEP_TIMEOUT_MS);
    const delegate = await delegateContext.newPage();
    // The app asks for inbox pushes (subscribe_inbox) when its socket opens;
    // watch its frames so the dossier is made only once the server answered.
    let inboxSubscribed;
    const subscribedToInbox = new Promise((resolve) => (inboxSubscribed = resolve));
    delegate.on("websocket", (socket) => {
      const ids = new Set();
      socket.on("framesent", ({ payload }) => {
        try {
          const m = JSON.parse(String(payload));
          if (m.op === "subscribe_inbox") ids.add(m.id);
        } catch {}
      });
      socket.on("framereceived", ({ payload }) => {
        try {
          const m = JSON.parse(String(payload));
          if (ids.has(m.id) && m.result) inboxSubscribed();
        } catch {}
      });
    });
    await step("delegate: signs in to an empty inbox, following it live", async () => {
      await delegate.goto(url);
      await signIn(delegate, "delegate", DELEGATE_PASSWORD);
      await delegate.locator(".inbox .empty", { hasText: "Không có việc nào đang chờ bạn." }).waitFor();
      let timer;
      await Promise.race([
        subscribedToInbox,
        new Promise((_, reject) =>
          (timer = setTimeout(() => reject(new Error("the app never subscribed to inbox pushes")), STEP_TIMEOUT_MS))),
      ]).finally(() => clearTimeout(timer));
      await screenshot(delegate, "delegate-empty-inbox");
    });

    await step("drafter: creates a plan dossier and opens the consultation (WebSocket)", async () => {
      const driver = await drafterContext.newPage();
      await driver.goto(url);
      const run = `e2e-${Date.now()}`;
      const command = (dossier, tag, body) => ({
        op: "command", dossier, request_id: `${run}-${tag}`, command: body,
        ...(dossier === 0 ? { workflow: "plan" } : {}),
      });
      const replies = await runCommands(driver, [
        command(0, "create", {
          type: "create_dossier", title: TITLE,
          issuer: { id: 2, code: "UBND" }, drafting_unit: { id: 1, code: "SNV" },
          bindings: [
            { role: "drafter", user: 1, unit: 1 },
            { role: "chair", user: 1, unit: 1 },
            { role: "delegate", user: 2, unit: 1 },
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
  } catch (e) {
    failedStep = currentStep;
    throw e;
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (server) {
      currentStep = "stopping planflow serve with SIGTERM";
      const code = await stopServer(server);
      if (code !== 0) {
        throw new Error(`planflow serve exited ${code ?? "by force"} after SIGTERM: ${server.stderr()}`);
      }
      log("planflow serve stopped cleanly (exit 0)");
    }
    rmSync(temp, { recursive: true, force: true });
    if (failedStep) currentStep = failedStep;
  }
}

const watchdog = setTimeout(() => {
  console.error(`e2e: FAILED: timed out after ${TOTAL_TIMEOUT_MS / 1000} s during: ${currentStep}`);
  if (server && server.child.exitCode === null) server.child.kill("SIGKILL");
  process.exit(1);
}, TOTAL_TIMEOUT_MS);

try {
  await main();
  clearTimeout(watchdog);
  log("e2e: all steps passed");
} catch (e) {
  clearTimeout(watchdog);
  console.error(`e2e: FAILED during: ${currentStep}`);
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
}
