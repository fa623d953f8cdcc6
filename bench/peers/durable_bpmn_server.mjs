// The durable peer of planflow's server for planflow_server_bench's durable
// scenario: one Node.js process that keeps, per dossier, a bpmn-engine
// instance of plan.bpmn, and saves the instance's state to SQLite with every
// comment before it acknowledges it — what a Node.js developer would build
// on bpmn-engine to get planflow's guarantee (a reply means the comment is
// on disk).
//
//   node bench/peers/durable_bpmn_server.mjs --tokens FILE --dossiers FILE --db FILE
//                                            [--listen 127.0.0.1:0]
//
// --tokens: the sign-in sessions (ws_peer.mjs). --dossiers: JSON,
// [{"id":1,"drafter":{"user":1,"unit":1},"delegates":[{"user":2,"unit":1}]}, ...];
// each is created through the engine with its drafter (also the chair) and
// delegates, a draft submitted and the consultation opened, as the bench
// prepares planflow's dossiers. --db: the SQLite file it creates.
//
// An add_comment command is checked and applied as engine_bpmn.mjs applies
// an operation inside a step (plan.bpmn has no token for a comment: the
// application applies it to the waiting instance's process variables, after
// the check decide() makes — the actor's roles in the dossier, the text).
// Then, in one transaction per event-loop turn (group commit, see
// GroupCommit), the comment's row and the instance's getState() are
// written, and only once COMMIT has returned (WAL, synchronous=FULL: an
// fdatasync at commit, as planflow's store) are the replies sent and the
// event pushed to subscribers. GET /metrics gives the batch sizes.
//
// On SIGTERM it recovers the instance with the most comments from its
// stored state into a fresh engine and checks it against the comment rows,
// then closes the database and exits 0; the bench then counts the rows
// against the comments it had acknowledged.
import { EventEmitter } from "node:events";
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { Engine } from "bpmn-engine";
import { Driver, OPERATIONS, operationProblem, planServices, planSource } from "./engine_bpmn.mjs";
import * as plan from "./engine_plan.mjs";
import { Followers, eventFrame, fail, loadSessions, parseArgs, reply, serve } from "./ws_peer.mjs";

const args = parseArgs(process.argv.slice(2), {
  names: ["listen", "tokens", "dossiers", "db"],
  defaults: { listen: "127.0.0.1:0" },
  required: ["tokens", "dossiers", "db"],
});

function die(message) {
  process.stderr.write(`durable_bpmn_server: ${message}\n`);
  process.exit(1);
}

// planflow's store (engine/store/sqlite_store.cpp): WAL, synchronous=FULL,
// wal_autocheckpoint 8000 pages, a 64 MiB page cache; BEGIN IMMEDIATE.
// better-sqlite3's own SQLite defaults to synchronous=NORMAL in WAL mode,
// so FULL is set and read back.
function openDatabase(file) {
  const db = new Database(file);
  if (db.pragma("journal_mode = WAL", { simple: true }) !== "wal") die(`${file}: cannot use WAL`);
  db.pragma("synchronous = FULL");
  if (db.pragma("synchronous", { simple: true }) !== 2) die(`${file}: synchronous is not FULL`);
  db.pragma("wal_autocheckpoint = 8000");
  db.pragma("cache_size = -65536");
  db.exec(`
    CREATE TABLE instances (
      dossier INTEGER PRIMARY KEY,
      version INTEGER NOT NULL,
      state TEXT NOT NULL            -- engine.getState(), the definition's source left out
    );
    CREATE TABLE comments (
      seq INTEGER PRIMARY KEY,
      dossier INTEGER NOT NULL REFERENCES instances (dossier),
      comment_id INTEGER NOT NULL,
      author INTEGER NOT NULL,
      unit INTEGER NOT NULL,
      reply_to INTEGER NOT NULL,
      text TEXT NOT NULL,
      at INTEGER NOT NULL,
      request_id TEXT,
      UNIQUE (dossier, comment_id)
    );`);
  return db;
}

// What a saved state keeps: getState() less each definition's source (the
// serialised plan.bpmn, 28 KB and the same for every instance), which
// Engine.recover() takes from the engine's own sourceContext instead.
function savedState(instance) {
  const state = instance.engine.execution.getState();
  for (const definition of state.definitions) delete definition.source;
  return JSON.stringify(state);
}

const quiet = () => {};
const QuietLogger = () => ({ debug: quiet, warn: quiet, error: quiet });

// The load dossiers, each a bpmn-engine instance waiting at its
// consultation user task, made through the engine as engine_bpmn.mjs drives it.
async function prepareDossiers(list, sourceContext, services) {
  const driver = new Driver(sourceContext, services, false);
  const dossiers = new Map();
  for (const d of list) {
    const bindings = [
      { role: "drafter", ...d.drafter },
      { role: "chair", ...d.drafter },
      ...d.delegates.map((m) => ({ role: "delegate", ...m })),
    ];
    // Driver moves its clock a minute per command; these start three
    // minutes ago so the comments' times follow them.
    driver.now = Math.floor(Date.now() / 1000) - 180;
    const instance = await driver.create({
      creator: d.drafter.user,
      title: `Kế hoạch cải cách hành chính ${d.id}`,
      documentType: "KH",
      issuer: { id: 1, code: "UBND" },
      draftingUnit: { id: d.drafter.unit, code: "SNV" },
      bindings,
    });
    driver.run(instance, [
      { type: "submit_version", actor: d.drafter.user, at: 0, blocks: plan.blocksFromText("Dự thảo"), summary: "" },
      { type: "open_consultation", actor: d.drafter.user, at: 0, action: true, inputs: {} },
    ]);
    if (instance.waiting?.id !== "consultation") die(`dossier ${d.id} does not wait at the consultation`);
    dossiers.set(d.id, { id: d.id, instance, version: 3, comments: 0 });
  }
  return dossiers;
}

// Commands whose changes are made in memory and wait for one transaction:
// every command that arrives in one turn of the event loop, among them
// those that arrived while the last COMMIT waited for its fdatasync (the
// loop reads them as soon as it returns). better-sqlite3 is synchronous, so
// the COMMIT holds the loop; with one CPU for the server there is no other
// work that a writer thread would let it overlap but the parsing of the
// next frames.
class GroupCommit {
  constructor(db) {
    this.pending = [];
    this.scheduled = false;
    this.committed = 0;
    this.batches = 0;
    const insertComment = db.prepare(
      "INSERT INTO comments (seq, dossier, comment_id, author, unit, reply_to, text, at, request_id) " +
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    const saveState = db.prepare("UPDATE instances SET version = ?, state = ? WHERE dossier = ?");
    this.write = db.transaction((batch) => {
      const touched = new Set();
      for (const p of batch) {
        const r = p.row;
        insertComment.run(r.seq, r.dossier.id, r.commentId, r.author, r.unit, r.replyTo, r.text, r.at, r.requestId);
        touched.add(r.dossier);
      }
      // Once per dossier and transaction: its state after all the batch's commands.
      for (const d of touched) saveState.run(d.version, savedState(d.instance), d.id);
    });
  }

  add(command) {
    this.pending.push(command);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  flush() {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    try {
      this.write.immediate(batch);
    } catch (e) {
      die(`a commit failed, so none of its ${batch.length} commands is acknowledged: ${e.message}`);
    }
    this.committed += batch.length;
    this.batches += 1;
    for (const p of batch) p.acknowledge();
  }
}

const sourceContext = await planSource("plan.bpmn");
const services = planServices(new plan.MemoryRegister());
const started = performance.now();
const dossiers = await prepareDossiers(JSON.parse(readFileSync(args.dossiers, "utf8")), sourceContext, services);
const prepared = performance.now();
const db = openDatabase(args.db);
{
  const insert = db.prepare("INSERT INTO instances (dossier, version, state) VALUES (?, ?, ?)");
  db.transaction(() => {
    for (const d of dossiers.values()) insert.run(d.id, d.version, savedState(d.instance));
  }).immediate();
}
const followers = new Followers();
const commits = new GroupCommit(db);
let lastSeq = 0;

function onCommand(ws, request) {
  const { user, unit } = ws.session;
  const body = request.command ?? {};
  const dossier = dossiers.get(request.dossier);
  if (!dossier) return fail(ws, request.id, "not_found", `there is no dossier ${request.dossier}`);
  if (body.type !== "add_comment") return fail(ws, request.id, "bad_request", "this peer takes add_comment commands only");
  const { instance } = dossier;
  const step = instance.waiting?.id;
  const at = Math.floor(Date.now() / 1000);
  const command = { type: "comment", actor: user, at, text: body.text, replyTo: body.reply_to ?? 0 };
  const why = step ? operationProblem(step, instance.variables.dossier, command) : "the dossier's process has ended";
  if (why) return fail(ws, request.id, "refused", why);
  OPERATIONS.comment.apply(instance.variables.dossier, command);
  dossier.version += 1;
  dossier.comments += 1;
  const seq = ++lastSeq;
  const row = {
    seq, dossier, commentId: instance.variables.dossier.comments.length, author: user, unit,
    replyTo: command.replyTo, text: command.text, at, requestId: request.request_id ?? null,
  };
  const version = dossier.version;
  commits.add({
    row,
    acknowledge() {
      reply(ws, request.id, { dossier: dossier.id, first_seq: seq, last_seq: seq, replayed: false, version });
      followers.push(dossier.id, () =>
        eventFrame({
          dossier: dossier.id, dossierSeq: version, seq, actor: user, at, type: "comment_added",
          data: { comment_id: row.commentId, reply_to: row.replyTo, text: row.text, unit },
        }),
      );
    },
  });
}

function onHttp(req, res) {
  if (req.method !== "GET" || req.url !== "/metrics") return false;
  res.writeHead(200, { "content-type": "text/plain; version=0.0.4" }).end(
    "# commands per transaction, as planflow's planflow_commit_batch_size\n" +
      `bpmn_peer_commit_batch_size_sum ${commits.committed}\n` +
      `bpmn_peer_commit_batch_size_count ${commits.batches}\n`,
  );
  return true;
}

// The instance with the most comments, recovered from its stored state into
// a fresh engine: it must wait at the consultation with as many comments as
// the database has rows for it.
async function checkRecovery() {
  let most = null;
  for (const d of dossiers.values()) if (!most || d.comments > most.comments) most = d;
  if (!most) return "no dossiers";
  const { state } = db.prepare("SELECT state FROM instances WHERE dossier = ?").get(most.id);
  const rows = db.prepare("SELECT count(*) AS n FROM comments WHERE dossier = ?").get(most.id).n;
  const engine = new Engine({ name: "plan", Logger: QuietLogger, sourceContext, services });
  let waiting = null;
  const listener = new EventEmitter();
  listener.on("wait", (api) => {
    waiting = api;
  });
  await engine.recover(JSON.parse(state)).resume({ listener });
  const kept = waiting?.environment.variables.dossier?.comments.length;
  if (waiting?.id !== "consultation" || kept !== rows)
    die(`dossier ${most.id} recovered from its saved state waits at "${waiting?.id}" with ${kept} comments; the database has ${rows}`);
  await engine.stop();
  return `dossier ${most.id} recovered from its ${state.length}-byte saved state: waiting at the consultation with its ${rows} comments`;
}

process.on("SIGTERM", async () => {
  commits.flush();
  process.stdout.write(`${await checkRecovery()}\n`);
  process.stdout.write(`${commits.committed} comments committed in ${commits.batches} transactions\n`);
  db.close();
  process.exit(0);
});

process.stdout.write(
  `${dossiers.size} bpmn-engine instances waiting at the consultation in ${((prepared - started) / 1000).toFixed(2)} s; ` +
    `better-sqlite3 on SQLite ${db.prepare("SELECT sqlite_version() AS v").get().v}\n`,
);
serve({
  listen: args.listen,
  sessions: loadSessions(args.tokens),
  followers,
  onCommand,
  onHttp,
  banner: "bpmn-engine peer is serving",
});
