#!/usr/bin/env node
// The plan process of workflows/plan.json as BPMN 2.0 (plan.bpmn here), run
// by bpmn-engine and timed as bench/engine_bench.cpp times planflow's engine
// core: the revise / submit a version / submit_revision loop, the 25-command
// full process, and memory per live instance in consultation. One core, no
// workers; the harness pins it (taskset -c 1). bpmn-engine is slow and large,
// so it holds fewer instances than the others (1,000; 100 with --quick). See
// bench/README.md, "Engine core beside xstate and bpmn-engine".
//
//   node --expose-gc bench/peers/engine_bpmn.mjs [--quick] [--dossiers=N] [--seconds=S]
import { readFileSync } from "node:fs";
import { EventEmitter } from "node:events";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import BpmnModdle from "bpmn-moddle";
import * as elements from "bpmn-elements";
import { Engine } from "bpmn-engine";
import Serializer, { TypeResolver } from "moddle-context-serializer";
import * as plan from "./engine_plan.mjs";

const USAGE = `node --expose-gc bench/peers/engine_bpmn.mjs [--quick] [--dossiers=N] [--seconds=S] [--operations-as-tokens]
  --quick       100 instances held and 0.5 s windows (default 1,000 and 2 s)
  --dossiers=N  instances held at once for the memory figure
  --seconds=S   length of each timed window (after 0.5 CPU seconds of warm-up, 0.3 with --quick)
  --operations-as-tokens
                run plan-operations.bpmn, where every operation inside a step is a token
                through the step's gateway and a service task, back to the step
`;

const HERE = path.dirname(fileURLToPath(import.meta.url));

// The process, parsed and serialised once and shared by every engine, as
// bpmn-engine's addSource/sourceContext is meant to be used: parsing the XML
// per instance would time bpmn-moddle, not the engine.
export async function planSource(file) {
  const moddleContext = await new BpmnModdle().fromXML(readFileSync(path.join(HERE, file), "utf8"));
  for (const w of moddleContext.warnings ?? []) plan.fail(`${file}: ${w.message}`);
  return Serializer(moddleContext, TypeResolver(elements));
}

// The operations inside a step, as plan.json's `allow` has them (roles by
// step; no_further_comments belongs to the consultation's invitees): the
// check decide() makes of what the command carries, and the change to the
// dossier. In plan.bpmn the application applies them to the waiting
// instance's variables; in plan-operations.bpmn each is a token through the
// step's gateway and a service task (--operations-as-tokens).
export const STEP_OPERATIONS = {
  drafting: { submit_version: "drafter" },
  consultation: { comment: "delegate,chair,drafter", dispose_comment: "drafter", no_further_comments: "" },
  revision: { submit_version: "drafter", dispose_comment: "drafter", comment: "drafter,chair" },
  implementation: { comment: "implementer,monitor,drafter,chair" },
};

export const OPERATIONS = {
  submit_version: {
    problem: plan.versionProblem,
    apply(d) {
      d.versions += 1;
      d.lastVersionEntry = d.stateEntries;
    },
  },
  comment: {
    problem: plan.commentProblem,
    apply(d, c) {
      d.comments.push({ author: c.actor, replyTo: c.replyTo, stateEntry: d.stateEntries, disposition: 0, withdrawn: false });
      if (c.replyTo === 0) d.undisposed += 1;
    },
  },
  dispose_comment: {
    problem: plan.disposalProblem,
    apply(d, c) {
      const comment = d.comments[c.commentId - 1];
      if (comment.disposition === 0) d.undisposed -= 1;
      comment.disposition = c.disposition;
    },
  },
  no_further_comments: {
    problem: (d, c) => plan.reviewProblem(d, c.actor),
    apply(d, c) {
      for (const i of d.invitees) if (i.user === c.actor) i.responded = true;
    },
  },
};

const masks = new Map();
const maskOf = (roles) => {
  let m = masks.get(roles);
  if (m === undefined) masks.set(roles, (m = plan.roleMask(roles)));
  return m;
};

// null if the actor may do `c` in the waiting step, else why not: the
// checks of decide()'s require_operation and the command's own.
export function operationProblem(step, d, c) {
  const roles = STEP_OPERATIONS[step]?.[c.type];
  if (roles === undefined) return `${c.type} is not possible in step "${step}"`;
  if (roles && !(plan.rolesOf(d, c.actor) & maskOf(roles))) return `only ${roles} may ${c.type} in step "${step}"`;
  return OPERATIONS[c.type].problem(d, c);
}

// The conditions and service tasks of the BPMN. A dossier is the process
// variable `dossier`, changed in place by the service tasks; the command a
// user task was completed with is the variable `command`.
export function planServices(register) {
  const guardLists = new Map();
  const guardsOf = (names) => {
    let g = guardLists.get(names);
    if (g === undefined) guardLists.set(names, (g = names.split(",").filter(Boolean).map((n) => plan.GUARDS[n])));
    return g;
  };
  const done = (callback) => callback(null);
  const enter = (d, at) => {
    d.stateEntries += 1;
    d.enteredAt = at;
    d.deadlineAt = 0;
    d.reminders = [];
    d.invitees = [];
  };
  const operation = (name) => ({ environment }, callback) => {
    const { dossier, command } = environment.variables;
    OPERATIONS[name].apply(dossier, command);
    done(callback);
  };

  return {
    // Conditions.
    mayTake(variables, action, roles, guards) {
      const c = variables.command;
      if (c.type !== action) return false;
      const d = variables.dossier;
      if (!(plan.rolesOf(d, c.actor) & maskOf(roles))) return false;
      if (plan.inputsProblem(action, c.inputs, c.at) !== null) return false;
      for (const guard of guardsOf(guards)) if (!guard(d, c.at)) return false;
      return true;
    },
    // plan-operations.bpmn only.
    mayDo(variables, name, roles) {
      const c = variables.command;
      if (c.type !== name) return false;
      const d = variables.dossier;
      return (plan.rolesOf(d, c.actor) & maskOf(roles)) !== 0 && OPERATIONS[name].problem(d, c) === null;
    },
    mayReview(variables) {
      const c = variables.command;
      return c.type === "no_further_comments" && OPERATIONS.no_further_comments.problem(variables.dossier, c) === null;
    },

    // Service tasks.
    createDossier({ environment }, callback) {
      const v = environment.variables;
      try {
        v.dossier = plan.createDossier(v.command, v.command.creator, v.at);
      } catch (e) {
        return callback(e);
      }
      done(callback);
    },
    enterState({ environment }, callback) {
      const { dossier: d, command: c } = environment.variables;
      enter(d, c.at);
      done(callback);
    },
    enterConsultation({ environment }, callback) {
      const { dossier: d, command: c } = environment.variables;
      enter(d, c.at);
      Object.assign(d, plan.consultationEntry(d, c.at));
      done(callback);
    },
    // revise's conclusion: its directives (none in the scenario) become the
    // ones to mark done in the revision.
    enterRevision({ environment }, callback) {
      const { dossier: d, command: c } = environment.variables;
      enter(d, c.at);
      d.directivesDone = (c.inputs.directives ?? []).map(() => false);
      d.directivesVersion = d.versions;
      done(callback);
    },
    enterImplementation({ environment }, callback) {
      const { dossier: d, command: c } = environment.variables;
      enter(d, c.at);
      d.issued = plan.allocateNumber(d, register, c.at);
      d.issuedAt = c.at;
      d.frozen = true;
      register.record(d.issuer.id, d.issued);
      done(callback);
    },
    refuse({ id, environment }, callback) {
      const c = environment.variables.command;
      environment.variables.refusal = `${c.type} by user ${c.actor} refused in step "${id.replace(/_refused$/, "")}"`;
      done(callback);
    },
    // plan-operations.bpmn only.
    recordVersion: operation("submit_version"),
    addComment: operation("comment"),
    disposeComment: operation("dispose_comment"),
    finishReview: operation("no_further_comments"),
  };
}

// What the BPMN says, in the terms of plan.definitionRules(): the user
// tasks are the states, the end events the final ones, and each decision
// gateway's conditions name the actions (and, in plan-operations.bpmn, the
// operations), roles and guards. The operations of plan.bpmn are
// STEP_OPERATIONS'.
function modelOf(source, operationsAsTokens) {
  const model = {};
  for (const a of source.getActivities()) {
    if (a.type === "bpmn:UserTask") model[a.id] = { final: false, allow: {}, transitions: {} };
    if (a.type === "bpmn:EndEvent") model[a.id] = { final: true, allow: {}, transitions: {} };
  }
  const args = (body, fn) => {
    const m = new RegExp(`^\\$\\{environment\\.services\\.${fn}\\(environment\\.variables((?:,"[a-z_,]*")*)\\)\\}$`).exec(body);
    return m && [...m[1].matchAll(/"([a-z_,]*)"/g)].map((x) => x[1]);
  };
  for (const f of source.getSequenceFlows()) {
    if (!f.sourceId.endsWith("_decision")) continue;
    const state = model[f.sourceId.replace(/_decision$/, "")];
    const body = f.behaviour.conditionExpression?.body;
    if (!state) plan.fail(`plan.bpmn: gateway ${f.sourceId} belongs to no user task`);
    if (!body) continue;  // the default flow: a refusal
    let a;
    if ((a = args(body, "mayTake"))) {
      const [action, roles, guards] = a;
      state.transitions[action] = {
        to: f.targetId.replace(/^enter_/, ""),
        roles: plan.roleMask(roles),
        guards: guards.split(",").filter(Boolean).sort().join(","),
      };
    } else if ((a = args(body, "mayDo"))) state.allow[a[0]] = plan.roleMask(a[1]);
    else if (args(body, "mayReview")) state.allow.no_further_comments = 0;
    else plan.fail(`plan.bpmn: flow ${f.id} has a condition the check does not know: ${body}`);
  }
  if (!operationsAsTokens)
    for (const [step, ops] of Object.entries(STEP_OPERATIONS))
      for (const [op, roles] of Object.entries(ops)) {
        if (!model[step]) plan.fail(`STEP_OPERATIONS names a step "${step}" plan.bpmn does not have`);
        model[step].allow[op] = plan.roleMask(roles);
      }
  return model;
}

// bpmn-engine logs through the `debug` package by default: with DEBUG unset
// nothing is printed, but every call still goes through it, about a third of
// a signal's CPU time. An application that does not read the engine's debug
// log gives it a Logger of its own (a documented option); this one drops
// everything.
const quiet = () => {};
const QuietLogger = () => ({ debug: quiet, warn: quiet, error: quiet });

// One process instance: its engine, the user task it waits at, and its
// process's variables (the process runs on a copy of the engine's).
class Instance {
  constructor(engine) {
    this.engine = engine;
    this.waiting = null;
    this.variables = null;
    this.ended = false;
  }
}

// Sends commands as PlanDriver runs them, a minute apart, each checked to
// have been taken: no refusal recorded, and the instance waiting again (or
// ended, after a final action).
export class Driver {
  constructor(sourceContext, services, operationsAsTokens) {
    this.sourceContext = sourceContext;
    this.services = services;
    this.operationsAsTokens = operationsAsTokens;
    this.now = plan.START_TIME;
    this.commands = 0;
    this.transitions = 0;
  }

  async create(command) {
    this.now += plan.SECONDS_PER_COMMAND;
    const engine = new Engine({
      name: "plan",
      Logger: QuietLogger,
      sourceContext: this.sourceContext,
      services: this.services,
      variables: { command, at: this.now },
    });
    const instance = new Instance(engine);
    const listener = new EventEmitter();
    listener.on("wait", (api) => {
      instance.waiting = api;
      instance.variables = api.environment.variables;
    });
    // A user task's completion carries the command into the process's
    // variables, where the gateway's conditions read it.
    listener.on("activity.end", (api) => {
      if (api.type === "bpmn:UserTask") api.environment.variables.command = api.content.output.command;
    });
    listener.on("process.end", () => {
      instance.ended = true;
    });
    await engine.execute({ listener });
    if (engine.state === "error" || !instance.waiting) plan.fail(`create_dossier refused or failed (engine ${engine.state})`);
    ++this.commands;
    return instance;
  }

  send(instance, command) {
    this.now += plan.SECONDS_PER_COMMAND;
    command.at = this.now;  // built once, as in planflow's benchmark; only its time changes
    if (!command.action && !this.operationsAsTokens) return this.operate(instance, command);
    const task = instance.waiting;
    if (!task) plan.fail(`${command.type}: the instance is not waiting for a command`);
    instance.waiting = null;
    task.signal({ command });
    const refusal = instance.variables.refusal;
    if (refusal) plan.fail(`${refusal}; the benchmark stops rather than time a refused command`);
    if (!instance.waiting && !instance.ended) plan.fail(`${command.type}: the instance neither waits again nor ended (engine ${instance.engine.state})`);
    ++this.commands;
    if (command.action) ++this.transitions;
  }

  // An operation inside the waiting step, applied to the process's
  // variables as the application would while the user task waits.
  operate(instance, command) {
    const step = instance.waiting?.id;
    if (!step) plan.fail(`${command.type}: the instance is not waiting for a command`);
    const why = operationProblem(step, instance.variables.dossier, command);
    if (why) plan.fail(`${command.type} by user ${command.actor} refused: ${why}; the benchmark stops rather than time a refused command`);
    OPERATIONS[command.type].apply(instance.variables.dossier, command);
    ++this.commands;
  }

  run(instance, commands) {
    for (const c of commands) this.send(instance, c);
  }
}

function expectStep(instance, step, what) {
  const at = instance.waiting?.id ?? (instance.ended ? "(ended)" : "(nowhere)");
  if (at !== step) plan.fail(`${what}: the instance waits at "${at}", not "${step}"`);
}

async function main() {
  const args = plan.parseArgs(process.argv.slice(2), USAGE, ["operations-as-tokens"]);
  const dossiers = args.dossiers || (args.quick ? 100 : 1000);
  const window = args.seconds || (args.quick ? 0.5 : 2);
  // CPU seconds before each window: less than the others', since a round
  // here is long, and building the held instances takes most of the run.
  const warmup = args.quick ? 0.3 : 0.5;
  const tokens = !!args["operations-as-tokens"];
  const file = tokens ? "plan-operations.bpmn" : "plan.bpmn";

  const sourceContext = await planSource(file);
  plan.checkModel(`BPMN (${file})`, modelOf(sourceContext, tokens));
  const register = new plan.MemoryRegister();
  const services = planServices(register);
  const cmd = plan.planCommands();
  const stage = plan.stages(cmd);

  // 1. The steady revision loop on one instance brought to conclusion.
  const loopDriver = new Driver(sourceContext, services, tokens);
  const looping = await loopDriver.create(cmd.create);
  loopDriver.run(looping, stage.toSteadyConclusion);
  expectStep(looping, "conclusion", "the revision loop's instance");
  // Only the two actions count as transitions, not the version between them.
  const loop = await plan.rate(
    () => {
      const before = loopDriver.transitions;
      for (let i = 0; i < 2; ++i) loopDriver.run(looping, stage.revisionCycle);
      return loopDriver.transitions - before;
    },
    warmup,
    window,
  );
  expectStep(looping, "conclusion", "after the revision loop");
  await looping.engine.stop();

  // 2. Full processes, a fresh engine each.
  const fullDriver = new Driver(sourceContext, services, tokens);
  {
    const probe = await fullDriver.create(cmd.create);
    fullDriver.run(probe, stage.fullProcess);
    const d = probe.variables.dossier;
    if (!probe.ended || !d?.issued) plan.fail("the full process did not close with an official number");
    if (fullDriver.commands !== 25 || fullDriver.transitions !== 7)
      plan.fail(`the full process took ${fullDriver.commands} commands and ${fullDriver.transitions} transitions, not 25 and 7`);
  }
  const full = await plan.rate(
    async () => {
      fullDriver.run(await fullDriver.create(cmd.create), stage.fullProcess);
      return 1;
    },
    warmup,
    window,
  );

  // 3. Live instances held in consultation: 5 invitees, 1 version, 3 comments.
  const heldDriver = new Driver(sourceContext, services, tokens);
  const memory = await plan.heldMemory(
    dossiers,
    async () => {
      const instance = await heldDriver.create(cmd.create);
      heldDriver.run(instance, stage.heldInConsultation);
      return instance;
    },
    (instance) => {
      expectStep(instance, "consultation", "the held instances");
      const d = instance.variables.dossier;
      if (d.invitees.length !== plan.DELEGATES || d.versions !== 1 || d.comments.length !== 3)
        plan.fail("the held instances are not in the intended consultation state");
    },
  );
  for (const instance of memory.held) await instance.engine.stop();

  plan.report({
    title: "bpmn-engine 25 engine peer",
    subject: "bpmn-engine",
    held: "instance",
    loop,
    full,
    memory,
    dossiers,
    notes:
    `bpmn-engine 25, ${file} checked against plan.json: a user task per step, exclusive gateways whose expression conditions call JS guards, ` +
      `${tokens ? "operations inside a step as tokens through the gateway" : "operations inside a step applied to the variables by the application"}; ` +
      `source parsed once, quiet logger; rates per CPU s over ${window} s windows after ${warmup} CPU s warm-up; ` +
      `only ${dossiers} instances held, V8 heapUsed growth after gc; no events, no texts copied or kept, blocks neither numbered nor hashed`,
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
