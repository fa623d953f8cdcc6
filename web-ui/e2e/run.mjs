#!/usr/bin/env node
// The end-to-end test: the built app (dist/) served by a real `planflow
// serve` on a fresh database, then on the demo database `planflow seed`
// makes from seeds/, driven in Debian's headless Chromium through
// playwright-core (which never downloads a browser of its own).
//
//   npm run e2e -- --planflow PATH [--artifacts DIR] [--chromium PATH]
//
// Exits 0 when every step passes, 1 with the failing step otherwise, and
// gives up after TOTAL_TIMEOUT_MS whatever happens.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { anchoredComments, USERS as ANCHORED_USERS } from "./anchored_comments.mjs";
import { directivesFlow, USERS as DIRECTIVES_USERS } from "./directives.mjs";
import { implementationFlow, USERS as IMPLEMENTATION_USERS } from "./implementation.mjs";
import { meetingMode, USERS as MEETING_USERS } from "./meeting.mjs";
import { planToNumber, USERS as PLAN_USERS } from "./plan_to_number.mjs";
import { seededDemo } from "./seeded_demo.mjs";
import { signInAndInbox, USERS as INBOX_USERS } from "./sign_in_inbox.mjs";
import { log, planflowCli, progress, REPO, startServer, step, stopServer, STEP_TIMEOUT_MS, WEB_UI } from "./support.mjs";

process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = "1";
const { chromium } = await import("playwright-core");

// Generous: CI runs the server with AddressSanitizer on two busy cores.
const TOTAL_TIMEOUT_MS = 420_000;
const UNITS = [
  ["SNV", "Sở Nội vụ"],
  ["UBND", "Ủy ban nhân dân tỉnh Quảng Nam"],
  ["VP", "Văn phòng UBND tỉnh"],
  ["STC", "Sở Tài chính"],
  ["SKHĐT", "Sở Kế hoạch và Đầu tư"],
  ["SXD", "Sở Xây dựng"],
  ["STTTT", "Sở Thông tin và Truyền thông"],
  ["SYT", "Sở Y tế"],
];

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

let server = null; // module-wide, so the watchdog can stop it too

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
  // Screenshots of an earlier run would read as this one's.
  for (const name of readdirSync(args.artifacts))
    if (name.endsWith(".png") || name.endsWith(".pdf")) rmSync(path.join(args.artifacts, name));
  const temp = mkdtempSync(path.join(tmpdir(), "planflow-e2e-"));
  const db = path.join(temp, "planflow.db");
  let browser = null;
  let failedStep = null;
  let shot = 0;
  const screenshot = (page, name) =>
    page.screenshot({ path: path.join(args.artifacts, `${String(++shot).padStart(2, "0")}-${name}.png`), fullPage: true });

  try {
    await step("making a fresh database", () => {
      for (const [code, name] of UNITS) planflowCli(args.planflow, ["unit", "add", code, name, "--db", db]);
      const users = [...INBOX_USERS, ...PLAN_USERS, ...ANCHORED_USERS, ...MEETING_USERS, ...DIRECTIVES_USERS, ...IMPLEMENTATION_USERS];
      for (const [login, unit, name, password] of users)
        planflowCli(args.planflow, ["user", "add", login, "--name", name, "--unit", unit, "--db", db], `${password}\n`);
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

    await signInAndInbox({ browser, url, screenshot });
    // Stops the server and starts it again on the same port and database,
    // as after an update: open pages must ride through it.
    const restart = async (whileDown) => {
      const code = await stopServer(server);
      if (code !== 0) throw new Error(`planflow serve exited ${code ?? "by force"} on SIGTERM: ${server.stderr()}`);
      await whileDown();
      server = startServer(args.planflow, db, new URL(url).host);
      const again = await server.url;
      if (again !== url) throw new Error(`restarted at ${again}, not ${url}`);
    };
    await planToNumber({ browser, url, screenshot, restart, artifacts: args.artifacts });
    await anchoredComments({ browser, url, screenshot });
    await meetingMode({ browser, url, screenshot });
    await directivesFlow({ browser, url, screenshot });
    await implementationFlow({ browser, url, screenshot, artifacts: args.artifacts });

    // The demo data gets a server of its own, on the database `planflow
    // seed` makes from seeds/ by replaying each case's commands.
    const code = await stopServer(server);
    server = null;
    if (code !== 0) throw new Error(`planflow serve exited ${code ?? "by force"} on SIGTERM`);
    const seededDb = path.join(temp, "seeded.db");
    await step("seeded demo: making the demo database with planflow seed", () =>
      planflowCli(args.planflow, [
        "seed", "--db", seededDb, "--seeds", path.join(REPO, "seeds"), "--workflows", path.join(REPO, "workflows"),
      ]));
    server = startServer(args.planflow, seededDb);
    const seededUrl = await step("seeded demo: starting planflow serve on it", () => server.url);
    log(`seeded demo server at ${seededUrl}`);
    await seededDemo({ browser, url: seededUrl, screenshot });
  } catch (e) {
    failedStep = progress.step;
    // Every open screen as it was at the failure, to see what went wrong.
    for (const context of browser?.contexts() ?? [])
      for (const page of context.pages()) await screenshot(page, "at-failure").catch(() => {});
    throw e;
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (server) {
      progress.step = "stopping planflow serve with SIGTERM";
      const code = await stopServer(server);
      if (code !== 0) {
        throw new Error(`planflow serve exited ${code ?? "by force"} after SIGTERM: ${server.stderr()}`);
      }
      log("planflow serve stopped cleanly (exit 0)");
    }
    rmSync(temp, { recursive: true, force: true });
    if (failedStep) progress.step = failedStep;
  }
}

const watchdog = setTimeout(() => {
  console.error(`e2e: FAILED: timed out after ${TOTAL_TIMEOUT_MS / 1000} s during: ${progress.step}`);
  if (server && server.child.exitCode === null) server.child.kill("SIGKILL");
  process.exit(1);
}, TOTAL_TIMEOUT_MS);

try {
  await main();
  clearTimeout(watchdog);
  log("e2e: all steps passed");
} catch (e) {
  clearTimeout(watchdog);
  console.error(`e2e: FAILED during: ${progress.step}`);
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
}
