// The plan process as the engine peers (engine_xstate.mjs, engine_bpmn.mjs)
// run it: the same cast, texts and commands as bench/plan_scenario.cpp, the
// checks planflow's decide() makes before a command is accepted, written
// once over a plain dossier record so both peers check alike, and the
// measuring and reporting both share. Each peer keeps the states and
// transitions in its own model (a statechart, a BPMN process) and checks
// that model against workflows/plan.json before it measures anything.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

// ---------------------------------------------------------------------------
// Texts and cast: the same as bench/plan_scenario.cpp.

export const DRAFT =
  "I. MỤC ĐÍCH, YÊU CẦU\n" +
  "1. Mục đích: Đẩy mạnh cải cách chế độ công vụ, công chức; xây dựng đội ngũ cán bộ, công chức " +
  "chuyên nghiệp, trách nhiệm, năng động, minh bạch, hiệu quả.\n" +
  "2. Yêu cầu: Các sở, ban, ngành và Ủy ban nhân dân các huyện, thị xã, thành phố triển khai " +
  "đồng bộ, đúng tiến độ; gắn trách nhiệm của người đứng đầu với kết quả thực hiện.\n" +
  "II. NHIỆM VỤ VÀ GIẢI PHÁP\n" +
  "1. Hoàn thiện vị trí việc làm và cơ cấu ngạch công chức trong các cơ quan hành chính.\n" +
  "2. Đổi mới công tác tuyển dụng, đánh giá, nâng ngạch công chức theo hướng cạnh tranh.\n" +
  "3. Tăng cường kỷ luật, kỷ cương hành chính; thanh tra, kiểm tra công vụ thường xuyên.\n" +
  "III. TỔ CHỨC THỰC HIỆN\n" +
  "Sở Nội vụ chủ trì, phối hợp với các cơ quan, đơn vị liên quan theo dõi, đôn đốc, tổng hợp " +
  "kết quả, báo cáo Ủy ban nhân dân tỉnh trước ngày 15 tháng 12 hằng năm.";

export const COMMENT =
  "Đề nghị bổ sung chỉ tiêu cụ thể về tỷ lệ công chức được đánh giá theo vị trí việc làm và " +
  "làm rõ trách nhiệm phối hợp của Sở Tài chính trong việc bảo đảm kinh phí thực hiện.";

export const CONCLUSION =
  "Giao Sở Nội vụ tiếp thu đầy đủ ý kiến các đại biểu, hoàn thiện dự thảo, trình Chủ tịch " +
  "Ủy ban nhân dân tỉnh xem xét, ban hành.";

export const DELEGATES = 5;

export const CAST = {
  drafter: { user: 101, unit: 11 },
  delegates: [
    { user: 201, unit: 21 },
    { user: 202, unit: 22 },
    { user: 203, unit: 23 },
    { user: 204, unit: 24 },
    { user: 205, unit: 25 },
  ],
  chair: { user: 301, unit: 1 },
  clerk: { user: 302, unit: 1 },
  implementer: { user: 401, unit: 41 },
  monitor: { user: 501, unit: 51 },
};

// 2024-03-04 08:00 in Hà Nội, and a minute per command, as PlanDriver keeps it.
export const START_TIME = 1709514000;
export const SECONDS_PER_COMMAND = 60;

// One paragraph per non-blank line, trimmed: what blocks_from_text() makes
// of the draft (9 blocks).
export function blocksFromText(text) {
  const blocks = [];
  for (const line of text.split("\n")) {
    const t = line.trim();
    if (t) blocks.push({ kind: "paragraph", level: 0, marker: "", text: t });
  }
  return blocks;
}

// ---------------------------------------------------------------------------
// The definition: roles, and the inputs each action takes, read from
// workflows/plan.json as planflow reads them; the peers' models name states,
// transitions, roles and guards themselves and are checked against it.

export function loadDefinition(file = path.join(REPO, "workflows", "plan.json")) {
  return JSON.parse(readFileSync(file, "utf8"));
}

const definition = loadDefinition();
export const ROLES = Object.keys(definition.roles);
const ROLE_BIT = new Map(ROLES.map((r, i) => [r, 1 << i]));

// "drafter,chair" (or an array of names) -> a bit mask over ROLES.
export function roleMask(names) {
  const list = typeof names === "string" ? names.split(",").filter(Boolean) : names;
  let mask = 0;
  for (const n of list) {
    const bit = ROLE_BIT.get(n);
    if (bit === undefined) fail(`role "${n}" is not declared in workflows/plan.json`);
    mask |= bit;
  }
  return mask;
}

// action -> { input name -> { type, required } }, from every state (an
// action has one set of inputs throughout a definition).
export const ACTION_INPUTS = {};
for (const st of Object.values(definition.states))
  for (const t of st.transitions ?? []) {
    const spec = {};
    for (const [name, d] of Object.entries(t.inputs ?? {})) spec[name] = { type: d.type, required: !!d.required };
    ACTION_INPUTS[t.action] = spec;
  }

const CONSULTATION = definition.states.consultation.consultation;
const [QUORUM_NUM, QUORUM_DEN] = CONSULTATION.quorum.fraction;
const CONSULTEE_ROLE = ROLES.indexOf(CONSULTATION.consultees);
const DAY = 86400;
// P15D, reminders P3D and P1D before it (plan.json states.consultation.deadline).
const parseDays = (d) => {
  const m = /^P(\d+)D$/.exec(d);
  if (!m) fail(`duration ${d} is not of the form PnD`);
  return Number(m[1]) * DAY;
};
const DEADLINE = parseDays(definition.states.consultation.deadline.due);
const REMINDERS = definition.states.consultation.deadline.reminders.map(parseDays);

// What plan.json says, as { state: { allow: {op: mask}, transitions: {action: {to, roles, guards}} } },
// for the peers' consistency checks.
export function definitionRules(def = definition) {
  const rules = {};
  for (const [name, st] of Object.entries(def.states)) {
    const allow = {};
    for (const [op, roles] of Object.entries(st.allow ?? {})) allow[op] = roleMask(roles);
    if (st.consultation) allow.no_further_comments = 0;  // the invitees' own, not a role's
    const transitions = {};
    for (const t of st.transitions ?? [])
      transitions[t.action] = { to: t.to, roles: roleMask(t.roles), guards: [...(t.guards ?? [])].sort().join(",") };
    rules[name] = { final: !!st.final, allow, transitions };
  }
  return rules;
}

// Compares what a peer's model says with plan.json, and stops the run on
// the first difference: the figures would be of another process.
export function checkModel(peer, model) {
  const want = definitionRules();
  // Operations the peers do not model (plan.json allows them in
  // implementation; the scenario never uses them).
  for (const st of Object.values(want)) for (const op of UNMODELLED_OPERATIONS) delete st.allow[op];
  const problems = [];
  const states = new Set([...Object.keys(want), ...Object.keys(model)]);
  for (const s of states) {
    const w = want[s], m = model[s];
    if (!w || !m) {
      problems.push(`state "${s}" is ${w ? "missing from the model" : "not in plan.json"}`);
      continue;
    }
    if (w.final !== m.final) problems.push(`state "${s}": final is ${m.final}, plan.json says ${w.final}`);
    for (const op of new Set([...Object.keys(w.allow), ...Object.keys(m.allow)]))
      if (w.allow[op] !== m.allow[op])
        problems.push(`state "${s}", operation "${op}": roles ${m.allow[op]}, plan.json ${w.allow[op]} (masks over ${ROLES})`);
    for (const a of new Set([...Object.keys(w.transitions), ...Object.keys(m.transitions)])) {
      const wt = w.transitions[a], mt = m.transitions[a];
      if (!wt || !mt) {
        problems.push(`state "${s}", action "${a}" is ${wt ? "missing from the model" : "not in plan.json"}`);
        continue;
      }
      for (const k of ["to", "roles", "guards"])
        if (wt[k] !== mt[k]) problems.push(`state "${s}", action "${a}": ${k} ${JSON.stringify(mt[k])}, plan.json ${JSON.stringify(wt[k])}`);
    }
  }
  if (problems.length) fail(`the ${peer} model differs from workflows/plan.json:\n  ${problems.join("\n  ")}`);
}

export const UNMODELLED_OPERATIONS = new Set(["manage_tasks", "report_progress"]);

// ---------------------------------------------------------------------------
// A dossier as the peers hold it: what the guards and checks need, no texts
// (planflow's state keeps none either; its texts live in the events). Tasks
// and reminders are not stored: they follow from the state, enteredAt,
// deadlineAt and the invitees.

const LIMITS = { title: 1000, comment: 20000, draft: 2000000, blocks: 10000, input: 50000, participants: 500 };
export const DISPOSITIONS = { none: 0, accepted: 1, partly_accepted: 2, not_accepted: 3, noted: 4 };
const isBlank = (t) => !/\S/.test(t);

// null if `text` is fine, else why not. Sizes are in UTF-16 code units
// (String length), where planflow counts UTF-8 bytes.
function textProblem(text, field, max, required) {
  if (typeof text !== "string") return `${field} must be text`;
  if (required && isBlank(text)) return `${field} must not be empty`;
  if (text.length > max) return `${field} is longer than ${max}`;
  return null;
}

function unitProblem(u, field) {
  if (!u || !u.id) return `${field} needs a unit id`;
  if (typeof u.code !== "string" || u.code.length === 0 || u.code.length > 32) return `${field} needs a unit code`;
  if (/[/ {}]/.test(u.code)) return `${field} code may not contain '/', spaces or braces`;
  return null;
}

// The dossier a CreateDossier makes, or a thrown Refusal: the checks of
// decide(CreateDossier).
export function createDossier(c, creator, at) {
  const refuse = (why) => {
    throw new Refusal(`create_dossier: ${why}`);
  };
  const title = textProblem(c.title, "title", LIMITS.title, true);
  if (title) refuse(title);
  const type = c.documentType || definition.document.types[0];
  if (!definition.document.types.includes(type)) refuse(`"${type}" is not a document type of plan`);
  const unit = unitProblem(c.issuer, "issuer") ?? unitProblem(c.draftingUnit, "drafting_unit");
  if (unit) refuse(unit);
  if (c.bindings.length > LIMITS.participants) refuse("too many participants");
  const bindings = [];
  for (const b of c.bindings) {
    const role = ROLES.indexOf(b.role);
    if (role < 0) refuse(`unknown role "${b.role}"`);
    if (!b.user || !b.unit) refuse("a participant needs a user and a unit");
    if (bindings.some((x) => x.role === role && x.user === b.user)) refuse(`user ${b.user} is bound to "${b.role}" twice`);
    bindings.push({ role, user: b.user, unit: b.unit });
  }
  for (const task of definition.states[definition.initial].tasks ?? [])
    if (!bindings.some((b) => ROLES[b.role] === task.role)) refuse(`no one plays "${task.role}"`);
  const managers = roleMask(definition.participant_managers);
  if (!bindings.some((b) => b.user === creator && managers & (1 << b.role))) refuse("the creator manages no participants");
  return {
    documentType: type,
    issuer: { id: c.issuer.id, code: c.issuer.code },
    draftingUnit: { id: c.draftingUnit.id, code: c.draftingUnit.code },
    bindings,
    stateEntries: 1,
    enteredAt: at,
    deadlineAt: 0,
    invitees: [],
    consultationRounds: 0,
    versions: 0,
    lastVersionEntry: 0,
    comments: [],
    undisposed: 0,
    directivesDone: [],
    directivesVersion: 0,
    issued: null,
    issuedAt: 0,
    frozen: false,
  };
}

export class Refusal extends Error {}

export function rolesOf(d, user) {
  let mask = 0;
  for (const b of d.bindings) if (b.user === user) mask |= 1 << b.role;
  return mask;
}

// planflow's guards (engine/guards.cpp), by the names plan.json uses.
export const GUARDS = {
  has_draft_version: (d) => d.versions > 0,
  new_version_in_state: (d) => d.versions > 0 && d.lastVersionEntry === d.stateEntries,
  all_comments_disposed: (d) => d.undisposed === 0,
  quorum_met: (d) => {
    let responded = 0;
    for (const i of d.invitees) if (i.responded) ++responded;
    return responded * QUORUM_DEN >= d.invitees.length * QUORUM_NUM;
  },
  deadline_passed: (d, at) => d.deadlineAt !== 0 && at >= d.deadlineAt,
  all_directives_done: (d) => d.directivesDone.every(Boolean),
};

// The checks of decide(TakeAction)'s check_inputs: every input declared,
// of its type and size, the required ones given.
export function inputsProblem(action, inputs, at) {
  const spec = ACTION_INPUTS[action];
  for (const name in inputs) {
    const s = spec[name];
    if (!s) return `action "${action}" takes no input "${name}"`;
    const v = inputs[name];
    switch (s.type) {
      case "text": {
        const p = textProblem(v, `inputs/${name}`, LIMITS.input, s.required);
        if (p) return p;
        break;
      }
      case "time":
        if (typeof v !== "number") return `inputs/${name} must be a time`;
        if ((name === "deadline" || name === "revision_deadline") && v <= at) return `inputs/${name} must be in the future`;
        break;
      case "participants":
        if (!Array.isArray(v) || v.length > LIMITS.participants) return `inputs/${name} must be a list of participants`;
        break;
      case "directives":
        if (!Array.isArray(v)) return `inputs/${name} must be a list of directives`;
        break;
    }
  }
  for (const name in spec) if (spec[name].required && !(name in inputs)) return `inputs/${name} is required`;
  return null;
}

// decide(SubmitVersion): not frozen, the blocks' count, kinds and size, not
// blank, the summary's size. (Blocks are neither numbered nor hashed.)
export function versionProblem(d, v) {
  if (d.frozen) return "the document has been issued and can no longer change";
  const blocks = v.blocks;
  if (!Array.isArray(blocks) || blocks.length > LIMITS.blocks) return "blocks: too many";
  let bytes = 0;
  let blank = true;
  for (const b of blocks) {
    if (b.kind !== "paragraph" && b.kind !== "heading" && b.kind !== "item" && b.kind !== "table") return "blocks: unknown kind";
    if (typeof b.text !== "string") return "blocks: text must be text";
    bytes += b.text.length;
    if (blank && !isBlank(b.text)) blank = false;
  }
  if (blank) return "blocks must not be empty";
  if (bytes > LIMITS.draft) return "blocks: too long";
  return textProblem(v.summary, "summary", LIMITS.title, false);
}

// decide(AddComment) beyond the role check: the text, the comment replied to.
export function commentProblem(d, c) {
  const p = textProblem(c.text, "text", LIMITS.comment, true);
  if (p) return p;
  if (c.replyTo > d.comments.length) return `there is no comment ${c.replyTo} to reply to`;
  if (c.replyTo && d.comments[c.replyTo - 1].withdrawn) return `comment ${c.replyTo} was withdrawn`;
  return null;
}

// decide(DisposeComment) beyond the role check.
export function disposalProblem(d, c) {
  if (!c.commentId || c.commentId > d.comments.length) return `there is no comment ${c.commentId}`;
  const comment = d.comments[c.commentId - 1];
  if (comment.withdrawn) return `comment ${c.commentId} was withdrawn`;
  if (comment.replyTo !== 0) return `comment ${c.commentId} is a reply`;
  if (!c.disposition) return "choose a disposition";
  const mustExplain = c.disposition === DISPOSITIONS.partly_accepted || c.disposition === DISPOSITIONS.not_accepted;
  return textProblem(c.explanation, "explanation", LIMITS.comment, mustExplain);
}

// decide(NoFurtherComments): invited, and not yet said so.
export function reviewProblem(d, user) {
  for (const i of d.invitees) if (i.user === user) return i.responded ? "already said no further comments" : null;
  return "not invited to this consultation";
}

// What entering the consultation sets: the bound consultees invited (no
// `invitees` input is given in the scenario), the deadline, the reminders.
export function consultationEntry(d, at) {
  const invitees = [];
  for (const b of d.bindings)
    if (b.role === CONSULTEE_ROLE && !invitees.some((i) => i.user === b.user)) invitees.push({ user: b.user, unit: b.unit, responded: false });
  const deadlineAt = at + DEADLINE;
  const reminders = [];
  for (const before of REMINDERS) if (deadlineAt - before > at) reminders.push(deadlineAt - before);
  return { invitees, deadlineAt, reminders, consultationRounds: d.consultationRounds + 1 };
}

// The next official number of the issuer's series for the year in Vietnam
// time, and its symbol "{number}/{type}-{issuer}", as allocate_number does.
export class MemoryRegister {
  constructor() {
    this.last = new Map();
  }
  next(issuer, series, year) {
    return (this.last.get(`${issuer}/${series}/${year}`) ?? 0) + 1;
  }
  record(issuer, n) {
    this.last.set(`${issuer}/${n.series}/${n.year}`, n.number);
  }
}

export function allocateNumber(d, register, at) {
  const year = new Date((at + 7 * 3600) * 1000).getUTCFullYear();
  const series = d.documentType;
  const number = register.next(d.issuer.id, series, year);
  const symbol = `${number < 10 ? "0" : ""}${number}/${d.documentType}-${d.issuer.code}`;
  return { number, year, series, symbol };
}

// ---------------------------------------------------------------------------
// The commands, built once (PlanCommands), as plain objects a peer turns
// into its own events or signals. `at` is set as each is sent.

export function planCommands() {
  const c = (type, actor, body = {}) => ({ type, actor: actor.user, at: 0, ...body });
  const action = (type, actor, inputs = {}) => ({ ...c(type, actor), action: true, inputs });
  const bindings = [
    { role: "drafter", ...CAST.drafter },
    ...CAST.delegates.map((d) => ({ role: "delegate", ...d })),
    { role: "chair", ...CAST.chair },
    { role: "clerk", ...CAST.clerk },
    { role: "implementer", ...CAST.implementer },
    { role: "monitor", ...CAST.monitor },
  ];
  return {
    create: {
      creator: CAST.drafter.user,
      title: "Kế hoạch đẩy mạnh cải cách chế độ công vụ, công chức giai đoạn 2024-2025",
      documentType: "KH",
      issuer: { id: 1, code: "UBND" },
      draftingUnit: { id: 11, code: "SNV" },
      bindings,
    },
    submitDraft: c("submit_version", CAST.drafter, { blocks: blocksFromText(DRAFT), summary: "Dự thảo lần 1" }),
    submitRevised: c("submit_version", CAST.drafter, { blocks: blocksFromText(DRAFT), summary: "Dự thảo đã tiếp thu, giải trình" }),
    openConsultation: action("open_consultation", CAST.drafter, { meeting: "Họp lấy ý kiến, phòng họp số 2, UBND tỉnh" }),
    comment: CAST.delegates.map((d) => c("comment", d, { text: COMMENT, replyTo: 0 })),
    noFurtherComments: CAST.delegates.map((d) => c("no_further_comments", d)),
    closeConsultation: action("close_consultation", CAST.chair),
    revise: action("revise", CAST.chair, { conclusion: CONCLUSION }),
    dispose: CAST.delegates.map((_, i) =>
      c("dispose_comment", CAST.drafter, { commentId: i + 1, disposition: DISPOSITIONS.accepted, explanation: "Tiếp thu, đã bổ sung vào mục II." }),
    ),
    submitRevision: action("submit_revision", CAST.drafter),
    approve: action("approve", CAST.chair, { conclusion: "Thông qua dự thảo." }),
    issue: action("issue", CAST.clerk),
    close: action("close", CAST.monitor, { summary: "Đã hoàn thành các nhiệm vụ của kế hoạch." }),
  };
}

// The stages of PlanDriver, as lists of commands. `send` is the peer's.
export function stages(cmd) {
  const interleaved = [];
  for (let i = 0; i < DELEGATES; ++i) interleaved.push(cmd.comment[i], cmd.noFurtherComments[i]);
  return {
    // After create: v1, then consultation with every delegate commenting
    // and finishing, close, revise, dispose of all, v2, submit_revision.
    toSteadyConclusion: [
      cmd.submitDraft, cmd.openConsultation, ...cmd.comment, ...cmd.noFurtherComments,
      cmd.closeConsultation, cmd.revise, ...cmd.dispose, cmd.submitRevised, cmd.submitRevision,
    ],
    revisionCycle: [cmd.revise, cmd.submitRevised, cmd.submitRevision],
    // After create: the other 24 commands of the full process.
    fullProcess: [
      cmd.submitDraft, cmd.openConsultation, ...interleaved, cmd.closeConsultation, cmd.revise,
      ...cmd.dispose, cmd.submitRevised, cmd.submitRevision, cmd.approve, cmd.issue, cmd.close,
    ],
    // After create: the memory case's consultation with 3 comments.
    heldInConsultation: [cmd.submitDraft, cmd.openConsultation, cmd.comment[0], cmd.comment[1], cmd.comment[2]],
  };
}

// ---------------------------------------------------------------------------
// Measuring and reporting.

export function fail(message) {
  process.stderr.write(`${path.basename(process.argv[1] ?? "engine peer")}: ${message}\n`);
  process.exit(1);
}

// --quick, --dossiers=N, --seconds=S, and the peer's own `switches`
// (--name, read as args[name]).
export function parseArgs(argv, usage, switches = []) {
  const args = { quick: false, dossiers: 0, seconds: 0 };
  for (const a of argv) {
    if (a === "--quick") args.quick = true;
    else if (a.startsWith("--") && switches.includes(a.slice(2))) args[a.slice(2)] = true;
    else if (a.startsWith("--dossiers=")) args.dossiers = Number(a.slice(11));
    else if (a.startsWith("--seconds=")) args.seconds = Number(a.slice(10));
    else if (a === "--help" || a === "-h") {
      process.stdout.write(usage);
      process.exit(0);
    } else fail(`unknown argument ${a}\n${usage}`);
  }
  if (!Number.isInteger(args.dossiers) || args.dossiers < 0) fail("--dossiers needs a positive whole number");
  if (!(args.seconds >= 0)) fail("--seconds needs a positive number");
  return args;
}

const now = () => performance.now() / 1000;
const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

// Runs `round` (which returns how many units it did, and may be async) for
// `warmup` CPU seconds (V8 takes about half a CPU second to compile the hot
// paths of these loops; until then the rate is a tenth of the steady one),
// then for a `window` of wall time, and returns units per
// CPU second of the process, as planflow's figures are per CPU second
// (Google Benchmark's kIsRate): time spent descheduled on a shared machine
// does not count. Pinned to one core, the process's CPU time includes V8's
// GC and compiler threads, as it should.
export async function rate(round, warmup, window) {
  for (const until = cpuSeconds() + warmup; cpuSeconds() < until; ) await round();
  let units = 0;
  const start = now();
  const cpu0 = cpuSeconds();
  let elapsed = 0;
  do {
    units += await round();
    elapsed = now() - start;
  } while (elapsed < window);
  const cpu = cpuSeconds() - cpu0;
  return { perSecond: units / cpu, perWallSecond: units / elapsed, units, seconds: elapsed, cpu };
}

function collect() {
  if (typeof globalThis.gc !== "function") fail("run node with --expose-gc: the memory figure needs a full GC before and after");
  globalThis.gc();
  globalThis.gc();
}

// Heap and RSS growth per item while `count` items made by `build` (async
// or not) are held at once.
export async function heldMemory(count, build, check) {
  const held = new Array(count);
  collect();
  const heap0 = process.memoryUsage().heapUsed;
  const rss0 = process.memoryUsage.rss();
  for (let i = 0; i < count; ++i) held[i] = await build(i);
  collect();
  const heap1 = process.memoryUsage().heapUsed;
  const rss1 = process.memoryUsage.rss();
  check(held[count - 1]);
  return { heapPerItem: (heap1 - heap0) / count, rssPerItem: (rss1 - rss0) / count, held };
}

export function printResult(subject, figures, notes) {
  const rounded = {};
  for (const [k, v] of Object.entries(figures)) rounded[k] = Number.isInteger(v) ? v : Math.round(v * 10) / 10;
  process.stdout.write(`BENCH_RESULT ${JSON.stringify({ scenario: "engine", subject, figures: rounded, notes })}\n`);
}

export const grouped = (v) => Math.round(v).toLocaleString("en-US");

// What both peers print at the end: their three figures, then the line for
// bench/run. `held` names what one live dossier is ("actor", "instance").
export function report({ title, subject, held, loop, full, memory, dossiers, notes }) {
  console.log(`== ${title}: the plan process of workflows/plan.json ==`);
  console.log(`rates per CPU second of the process (per wall second in brackets)`);
  console.log(
    `1. revision loop: ${grouped(loop.perSecond)} transitions/s (${grouped(loop.perWallSecond)}; ` +
      `${grouped(loop.units)} in ${loop.seconds.toFixed(2)} s, ${loop.cpu.toFixed(2)} s CPU)`,
  );
  console.log(
    `2. full plan processes: ${grouped(full.perSecond)} processes/s (${grouped(full.perWallSecond)}) = ` +
      `${grouped(full.perSecond * 7)} transitions/s`,
  );
  console.log(
    `3. memory per live ${held} (${grouped(dossiers)} held, in consultation): ${grouped(memory.heapPerItem)} B heap, ` +
      `${grouped(memory.rssPerItem)} B RSS`,
  );
  printResult(
    subject,
    {
      transitions_per_s: loop.perSecond,
      full_processes_per_s: full.perSecond,
      bytes_per_dossier: memory.heapPerItem,
      rss_bytes_per_dossier: memory.rssPerItem,
      dossiers_held: dossiers,
    },
    notes,
  );
}
