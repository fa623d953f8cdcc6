// What the end-to-end scenarios share: the planflow binary and server, the
// browser, and steps that log and fail with their name.
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

export const STEP_TIMEOUT_MS = 20_000;
export const WEB_UI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const REPO = path.resolve(WEB_UI, "..");

const started = Date.now();
export const log = (message) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);

export const progress = { step: "starting" };

/** What went wrong inside a page (script errors, stray dialogs), seen by the next step's end. */
const pageProblems = [];

/** Runs one named step; the name is what a failure or the watchdog reports. */
export async function step(name, fn) {
  progress.step = name;
  log(name);
  const result = await fn();
  if (pageProblems.length) throw new Error(pageProblems.join("; "));
  return result;
}

/** Runs a planflow command line to completion; throws with its output on failure. */
export function planflowCli(bin, args, input) {
  const r = spawnSync(bin, args, { input, encoding: "utf8", timeout: 15_000 });
  if (r.status !== 0) {
    throw new Error(`planflow ${args.join(" ")} exited ${r.status ?? r.signal}: ${r.stderr}${r.stdout}`);
  }
}

/**
 * Starts `planflow serve` and resolves with its URL (from its first stdout
 * line). `listen` 127.0.0.1:0 takes a free port; a restart passes the port
 * the pages already use.
 */
export function startServer(bin, db, listen = "127.0.0.1:0") {
  const child = spawn(
    bin,
    ["serve", "--listen", listen, "--db", db,
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
export async function stopServer(server) {
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

export async function signIn(page, login, password) {
  await page.locator("#login").fill(login);
  await page.locator("#password").fill(password);
  await page.locator("form button[type=submit]").click();
}

/** A browser context of its own (a separate person), in Vietnamese, on a screen `width` wide. */
export async function newPerson(browser, width = 1280) {
  const context = await browser.newContext({ locale: "vi-VN", viewport: { width, height: 900 } });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  const page = await context.newPage();
  // Anything the app logs as an error, or a dialog it never meant to open
  // (an alert() from injected markup), fails the run.
  page.on("pageerror", (e) => pageProblems.push(`page error: ${e.message}`));
  page.on("dialog", (d) => {
    pageProblems.push(`unexpected browser dialog: ${d.type()} "${d.message()}"`);
    void d.dismiss();
  });
  return { context, page };
}

/** Plays the protocol from inside a signed-in page: one WebSocket, requests in order. */
export async function runCommands(page, requests) {
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

/** Resolves once `page` has sent `op` and had its reply. */
export function awaitReplyTo(page, op) {
  return new Promise((resolve) => {
    page.on("websocket", (socket) => {
      const ids = new Set();
      socket.on("framesent", ({ payload }) => {
        try {
          const m = JSON.parse(String(payload));
          if (m.op === op) ids.add(m.id);
        } catch {}
      });
      socket.on("framereceived", ({ payload }) => {
        try {
          const m = JSON.parse(String(payload));
          if (ids.has(m.id) && m.result) resolve(m.result);
        } catch {}
      });
    });
  });
}

export function withinStep(promise, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(what)), STEP_TIMEOUT_MS))),
  ]).finally(() => clearTimeout(timer));
}

/** Unit ids by code and user ids by name, as the signed-in page's directory gives them. */
export async function directoryOf(page) {
  const [reply] = await runCommands(page, [{ op: "directory" }]);
  if (!reply?.result) throw new Error(`directory: ${JSON.stringify(reply)}`);
  const { units, users } = reply.result;
  const find = (list, key, value) => {
    const found = list.find((x) => x[key] === value);
    if (!found) throw new Error(`no ${key} "${value}" in the directory`);
    return found.id;
  };
  return { unit: (code) => find(units, "code", code), user: (name) => find(users, "name", name) };
}

const AXE = fileURLToPath(new URL("../node_modules/axe-core/axe.min.js", import.meta.url));

/**
 * Checks the page against WCAG 2.1 A and AA with axe-core; fails on any
 * serious or critical violation, naming each with the elements involved.
 */
export async function checkAccessibility(page, what) {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
  });
  if (violations.length) throw new Error(`accessibility of ${what}:\n  ${violations.join("\n  ")}`);
}

/** A command request for runCommands; dossier 0 creates one under the plan workflow. */
export const commandRequest = (dossier, request_id, body) => ({
  op: "command",
  dossier,
  request_id,
  command: body,
  ...(dossier === 0 ? { workflow: "plan" } : {}),
});

/** runCommands that fails, naming the refusal, unless every request succeeds. */
export async function sendAll(page, requests) {
  const replies = await runCommands(page, requests);
  const failed = replies.find((r) => r.error);
  if (failed || replies.length !== requests.length) throw new Error(`the protocol refused: ${JSON.stringify(failed ?? replies)}`);
  return replies;
}

/**
 * A plan issued the fastest way, over the protocol: `lead` (a page signed
 * in as the user `bindings` makes drafter, chair and clerk) creates it,
 * submits version 1 and opens the consultation; `delegate` (bound as the
 * one delegate) has no further comments; `lead` closes the consultation,
 * approves and issues. Resolves with the dossier id, now in
 * `implementation`.
 */
export async function issuedPlan({ lead, delegate, tag, title, issuer, draftingUnit, bindings, blocks }) {
  const [created] = await sendAll(lead, [
    commandRequest(0, `${tag}-create`, { type: "create_dossier", title, issuer, drafting_unit: draftingUnit, bindings }),
  ]);
  const id = created.result.dossier;
  await sendAll(lead, [
    commandRequest(id, `${tag}-v1`, { type: "submit_version", blocks }),
    commandRequest(id, `${tag}-open`, { type: "take_action", action: "open_consultation" }),
  ]);
  await sendAll(delegate, [commandRequest(id, `${tag}-done`, { type: "no_further_comments" })]);
  await sendAll(lead, [
    commandRequest(id, `${tag}-close`, { type: "take_action", action: "close_consultation" }),
    commandRequest(id, `${tag}-approve`, { type: "take_action", action: "approve", inputs: { conclusion: "Thông qua dự thảo." } }),
    commandRequest(id, `${tag}-issue`, { type: "take_action", action: "issue" }),
  ]);
  return id;
}
