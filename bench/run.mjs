#!/usr/bin/env node
// The benchmark harness: runs every scenario of DESIGN.md §4 for planflow
// and for the peers it is measured beside, alternating them run by run so a
// change in the machine's load falls on both, and prints one table: the
// median of the runs, their spread, and planflow / peer. `bench/run` sets
// things up and calls this; see bench/README.md.
//
//   node bench/run.mjs [--quick] [--runs N] [--only a,b] [--out FILE] [--build DIR]
//
// Each program it runs prints `BENCH_RESULT {json}` lines; anything else
// they print goes to the log (`--log`, default bench-run.log in the build
// folder), so a figure in the table can be traced to its run.
import { spawn, execFileSync } from "node:child_process";
import { appendFileSync, existsSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { scenarioList, targets } from "./scenarios.mjs";
import { summarise, renderMarkdown } from "./table.mjs";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function parseArgs(argv) {
  const args = { quick: false, runs: 0, only: [], out: "", build: path.join(REPO, "build/release"), log: "" };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === "--quick") args.quick = true;
    else if (a === "--runs") args.runs = Number(value());
    else if (a === "--only") args.only = value().split(",").filter(Boolean);
    else if (a === "--out") args.out = path.resolve(value());
    else if (a === "--build") args.build = path.resolve(value());
    else if (a === "--log") args.log = path.resolve(value());
    else throw new Error(`unknown argument ${a} (see bench/README.md)`);
  }
  if (!args.runs) args.runs = args.quick ? 1 : 5;
  if (!Number.isInteger(args.runs) || args.runs < 1 || args.runs > 50) throw new Error("--runs takes 1 to 50");
  if (!args.log) args.log = path.join(args.build, "bench-run.log");
  const known = scenarioList.map((s) => s.name);
  for (const name of args.only) if (!known.includes(name)) throw new Error(`--only: no scenario "${name}" (${known.join(", ")})`);
  return args;
}

// One program run: its BENCH_RESULT lines, or why it failed.
function runOnce(argv, { timeoutSeconds, log, env }) {
  return new Promise((resolve) => {
    appendFileSync(log, `\n$ ${argv.join(" ")}\n`);
    const child = spawn(argv[0], argv.slice(1), { cwd: REPO, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutSeconds * 1000);
    child.stdout.on("data", (d) => { out += d; appendFileSync(log, d); });
    child.stderr.on("data", (d) => appendFileSync(log, d));
    child.on("error", (e) => { clearTimeout(timer); resolve({ error: `${argv[0]}: ${e.message}` }); });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const results = out.split("\n").filter((l) => l.startsWith("BENCH_RESULT ")).map((l) => JSON.parse(l.slice(13)));
      if (signal === "SIGKILL") resolve({ error: `${path.basename(argv[0])} took longer than ${timeoutSeconds} s` });
      else if (code !== 0) resolve({ error: `${path.basename(argv[0])} exited with ${code ?? signal} (see ${log})` });
      else if (!results.length) resolve({ error: `${path.basename(argv[0])} printed no BENCH_RESULT line` });
      else resolve({ results });
    });
  });
}

function machine(build) {
  const cpus = os.cpus();
  let fs = "";
  try { fs = execFileSync("df", ["-T", os.tmpdir()], { encoding: "utf8" }).split("\n")[1].split(/\s+/)[1]; } catch { fs = "?"; }
  let commit = "";
  try { commit = execFileSync("git", ["-C", REPO, "rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim(); } catch { commit = "?"; }
  let dirty = false;
  try { dirty = execFileSync("git", ["-C", REPO, "status", "--porcelain"], { encoding: "utf8" }).trim() !== ""; } catch {}
  return {
    cpu: cpus[0]?.model ?? "?", cpus: cpus.length, memory_gib: +(os.totalmem() / 2 ** 30).toFixed(1),
    kernel: os.release(), tmp_file_system: fs, node: process.version, load_average: os.loadavg().map((l) => +l.toFixed(2)),
    commit: commit + (dirty ? "+changes" : ""), build, date: new Date().toISOString(),
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  writeFileSync(args.log, `bench/run ${process.argv.slice(2).join(" ")}\n`);
  const ctx = { repo: REPO, build: args.build, quick: args.quick, pin: os.cpus().length >= 2 };
  const chosen = scenarioList.filter((s) => !args.only.length || args.only.includes(s.name));
  const samples = [];  // {scenario, subject, figures, notes}
  const failures = [];
  const started = Date.now();
  for (const scenario of chosen) {
    const runners = scenario.runners(ctx);
    // The program a runner starts, behind taskset or node when there is one.
    const unbuilt = (r) => r.argv.find((a) => path.isAbsolute(a) && !existsSync(a));
    for (const r of runners)
      if (unbuilt(r)) failures.push(`${scenario.name}/${r.label}: ${unbuilt(r)} is not there (not built?)`);
    const ready = runners.filter((r) => !unbuilt(r));
    for (let run = 0; run < args.runs; run++) {
      // Alternate the order too, so neither subject always runs on a machine
      // the other has just warmed or heated.
      const order = run % 2 ? [...ready].reverse() : ready;
      for (const r of order) {
        process.stderr.write(`bench/run: ${scenario.name} · ${r.label} · run ${run + 1}/${args.runs}\n`);
        const got = await runOnce(r.argv, { timeoutSeconds: args.quick ? 90 : r.timeoutSeconds ?? 900, log: args.log, env: r.env });
        if (got.error) { failures.push(`${scenario.name}/${r.label}: ${got.error}`); continue; }
        for (const result of got.results) samples.push({ ...result, run });
      }
    }
  }
  const summary = summarise(samples, targets);
  const report = { machine: machine(args.build), quick: args.quick, runs: args.runs, seconds: (Date.now() - started) / 1000, ...summary, failures };
  process.stdout.write(renderMarkdown(report, chosen));
  if (args.out) writeFileSync(args.out, JSON.stringify(report, null, 2) + "\n");
  if (failures.length) {
    process.stderr.write(`bench/run: ${failures.length} run(s) failed:\n  ${failures.join("\n  ")}\n`);
    process.exit(1);
  }
}

main().catch((e) => { process.stderr.write(`bench/run: ${e.message}\n`); process.exit(2); });
