// What bench/run runs: each scenario of DESIGN.md §4, the programs that
// measure it for planflow and for its peers, and the targets. A runner's
// program prints BENCH_RESULT lines; one run may report several subjects
// (the store benchmark reports the machine's limits and the store alone).
import path from "node:path";

const bin = (ctx, name) => path.join(ctx.build, "bench", name);
const quick = (ctx) => (ctx.quick ? ["--quick"] : []);
// The engine figures are per core: pin them to the second CPU, away from
// whatever the first one is doing.
const pinned = (ctx, argv) => (ctx.pin ? ["taskset", "-c", "1", ...argv] : argv);
const peer = (ctx, file) => path.join(ctx.repo, "bench", "peers", file);

export const scenarioList = [
  {
    name: "engine",
    title: "Engine core: the plan process of workflows/plan.json on one core",
    runners: (ctx) => [
      { label: "planflow", argv: pinned(ctx, [bin(ctx, "planflow_engine_bench"), ...quick(ctx)]) },
      { label: "xstate", argv: pinned(ctx, ["node", "--expose-gc", peer(ctx, "engine_xstate.mjs"), ...quick(ctx)]) },
      { label: "bpmn-engine", argv: pinned(ctx, ["node", "--expose-gc", peer(ctx, "engine_bpmn.mjs"), ...quick(ctx)]) },
    ],
  },
  {
    name: "limits",
    title: "The machine's limits for durable writes, and the store alone",
    runners: (ctx) => [{ label: "store", argv: [bin(ctx, "planflow_store_bench"), ...quick(ctx)] }],
  },
  ...["durable", "fanout", "idle"].map((scenario) => ({
    name: scenario,
    title: {
      durable: "Durable commands through the WebSocket API (comment added, acknowledged after commit)",
      fanout: "A comment pushed to 1,000 subscribed sessions",
      idle: "Idle authenticated WebSocket sessions, 10,000 held",
    }[scenario],
    // The bpmn-engine peer stores what it acknowledges, so it is measured
    // in the durable scenario only; node-ws is the transport's floor.
    // planflow on PostgreSQL, one node and two sharing it, is measured
    // durably beside the SQLite single node (docs/deployment.md).
    runners: (ctx) => [
      ...["planflow", "node-ws", ...(scenario === "durable" ? ["bpmn-engine"] : [])].map((subject) => ({
        label: subject,
        argv: [bin(ctx, "planflow_server_bench"), "--subject", subject, "--scenario", scenario,
          "--planflow", path.join(ctx.build, "planflow"), ...quick(ctx)],
      })),
      ...(scenario === "durable" ? [1, 2] : []).map((nodes) => ({
        label: nodes === 1 ? "planflow-postgres" : `planflow-postgres-${nodes}-nodes`,
        argv: [bin(ctx, "planflow_server_bench"), "--subject", "planflow", "--scenario", scenario,
          "--postgres", "--nodes", String(nodes),
          "--planflow", path.join(ctx.build, "planflow"), ...quick(ctx)],
      })),
    ],
  })),
  {
    name: "recovery",
    title: "Restart: from start to serving with 1,000,000 events in the database",
    runners: (ctx) => [{
      label: "planflow",
      argv: [bin(ctx, "planflow_recovery_bench"), "--planflow", path.join(ctx.build, "planflow"), ...quick(ctx)],
      timeoutSeconds: 1800,
    }],
  },
  {
    name: "browser",
    title: "First page in headless Chromium",
    runners: (ctx) => [{
      label: "planflow",
      argv: ["node", path.join(ctx.repo, "bench", "web_first_page.mjs"), "--planflow", path.join(ctx.build, "planflow"), ...quick(ctx)],
    }],
  },
];

// DESIGN.md §4. `better` says which way is good, for the "met" column.
export const targets = [
  { scenario: "engine", figure: "transitions_per_s", better: "higher", value: 3_000_000, text: "≥ 3,000,000 /s" },
  { scenario: "engine", figure: "bytes_per_dossier", better: "lower", value: 2048, text: "≤ 2 KiB" },
  { scenario: "durable", figure: "commands_per_s@256", better: "higher", value: 50_000, text: "≥ 50,000 /s" },
  { scenario: "fanout", figure: "last_p99_ms", better: "lower", value: 10, text: "≤ 10 ms" },
  { scenario: "idle", figure: "bytes_per_session", better: "lower", value: 4096, text: "≤ 4 KiB" },
  { scenario: "recovery", figure: "seconds_to_serving", better: "lower", value: 1, text: "≤ 1 s" },
  { scenario: "browser", figure: "inbox_usable_p50_ms", better: "lower", value: 500, text: "≤ 500 ms" },
  { scenario: "browser", figure: "script_gzip_bytes", better: "lower", value: 100_000, text: "≤ 100 KB" },
];
