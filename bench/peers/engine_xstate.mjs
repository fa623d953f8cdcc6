#!/usr/bin/env node
// The plan process of workflows/plan.json as an xstate v5 statechart, timed
// as bench/engine_bench.cpp times planflow's engine core: the revise /
// submit a version / submit_revision loop, the 25-command full process, and
// memory per live actor in consultation. One core, no workers; the harness
// pins it (taskset -c 1). See bench/README.md, "Engine core beside xstate
// and bpmn-engine".
//
//   node --expose-gc bench/peers/engine_xstate.mjs [--quick] [--dossiers=N] [--seconds=S]
import { pathToFileURL } from "node:url";
import { and, assign, createActor, setup } from "xstate";
import * as plan from "./engine_plan.mjs";

const USAGE = `node --expose-gc bench/peers/engine_xstate.mjs [--quick] [--dossiers=N] [--seconds=S]
  --quick       10,000 actors held and 0.5 s windows (default 100,000 and 2 s)
  --dossiers=N  actors held at once for the memory figure
  --seconds=S   length of each timed window (after 1 CPU second of warm-up, 0.6 with --quick)
`;

// Guard params: the roles that may take a transition or do an operation.
const plays = (roles) => ({ type: "actorPlays", params: { roles: plan.roleMask(roles) } });
const inputs = (action) => ({ type: "inputsValid", params: { action } });
const EMPTY = Object.freeze([]);

// The machine. Every event is a command: { type, actor, at, ...what it carries }.
// A command no transition accepts leaves the snapshot as it was, which is how
// the driver tells a refusal.
export function planMachine(register) {
  return setup({
    guards: {
      actorPlays: ({ context, event }, { roles }) => (plan.rolesOf(context, event.actor) & roles) !== 0,
      inputsValid: ({ event }, { action }) => plan.inputsProblem(action, event.inputs, event.at) === null,
      versionValid: ({ context, event }) => plan.versionProblem(context, event) === null,
      commentValid: ({ context, event }) => plan.commentProblem(context, event) === null,
      disposalValid: ({ context, event }) => plan.disposalProblem(context, event) === null,
      invitedToReview: ({ context, event }) => plan.reviewProblem(context, event.actor) === null,
      has_draft_version: ({ context }) => plan.GUARDS.has_draft_version(context),
      new_version_in_state: ({ context }) => plan.GUARDS.new_version_in_state(context),
      all_comments_disposed: ({ context }) => plan.GUARDS.all_comments_disposed(context),
      all_directives_done: ({ context }) => plan.GUARDS.all_directives_done(context),
      quorum_met: ({ context }) => plan.GUARDS.quorum_met(context),
      deadline_passed: ({ context, event }) => plan.GUARDS.deadline_passed(context, event.at),
    },
    actions: {
      // What every state entered after the first resets (evolve's enter_state).
      enterState: assign(({ context, event }) => ({
        stateEntries: context.stateEntries + 1,
        enteredAt: event.at,
        deadlineAt: 0,
        reminders: EMPTY,
        invitees: EMPTY,
      })),
      inviteConsultees: assign(({ context, event }) => plan.consultationEntry(context, event.at)),
      recordVersion: assign(({ context }) => ({ versions: context.versions + 1, lastVersionEntry: context.stateEntries })),
      addComment: assign(({ context, event }) => ({
        comments: [
          ...context.comments,
          { author: event.actor, replyTo: event.replyTo, stateEntry: context.stateEntries, disposition: 0, withdrawn: false },
        ],
        undisposed: context.undisposed + (event.replyTo === 0 ? 1 : 0),
      })),
      disposeComment: assign(({ context, event }) => {
        const comments = context.comments.slice();
        const before = comments[event.commentId - 1];
        comments[event.commentId - 1] = { ...before, disposition: event.disposition };
        return { comments, undisposed: context.undisposed - (before.disposition === 0 ? 1 : 0) };
      }),
      finishReview: assign(({ context, event }) => ({
        invitees: context.invitees.map((i) => (i.user === event.actor ? { ...i, responded: true } : i)),
      })),
      // The conclusion's directives (none in the scenario) become the ones
      // to mark done in the revision.
      recordConclusion: assign(({ context, event }) => ({
        directivesDone: (event.inputs.directives ?? EMPTY).map(() => false),
        directivesVersion: context.versions,
      })),
      allocateNumber: assign(({ context, event }) => ({
        issued: plan.allocateNumber(context, register, event.at),
        issuedAt: event.at,
        frozen: true,
      })),
      recordNumber: ({ context }) => register.record(context.issuer.id, context.issued),
    },
  }).createMachine({
    id: "plan",
    initial: "drafting",
    context: ({ input }) => plan.createDossier(input.command, input.command.creator, input.at),
    states: {
      drafting: {
        on: {
          submit_version: { guard: and([plays("drafter"), "versionValid"]), actions: "recordVersion" },
          open_consultation: { target: "consultation", guard: and([plays("drafter"), inputs("open_consultation"), "has_draft_version"]) },
          withdraw: { target: "withdrawn", guard: and([plays("drafter,chair"), inputs("withdraw")]) },
        },
      },
      consultation: {
        entry: ["enterState", "inviteConsultees"],
        on: {
          comment: { guard: and([plays("delegate,chair,drafter"), "commentValid"]), actions: "addComment" },
          dispose_comment: { guard: and([plays("drafter"), "disposalValid"]), actions: "disposeComment" },
          no_further_comments: { guard: "invitedToReview", actions: "finishReview" },
          close_consultation: { target: "conclusion", guard: and([plays("drafter,chair"), inputs("close_consultation"), "quorum_met"]) },
          close_at_deadline: { target: "conclusion", guard: and([plays("chair"), inputs("close_at_deadline"), "deadline_passed"]) },
          withdraw: { target: "withdrawn", guard: and([plays("drafter,chair"), inputs("withdraw")]) },
        },
      },
      conclusion: {
        entry: "enterState",
        on: {
          revise: { target: "revision", guard: and([plays("chair"), inputs("revise")]), actions: "recordConclusion" },
          approve: {
            target: "issuance",
            guard: and([plays("chair"), inputs("approve"), "all_comments_disposed", "all_directives_done"]),
          },
          reject: { target: "rejected", guard: and([plays("chair"), inputs("reject")]) },
        },
      },
      revision: {
        entry: "enterState",
        on: {
          submit_version: { guard: and([plays("drafter"), "versionValid"]), actions: "recordVersion" },
          dispose_comment: { guard: and([plays("drafter"), "disposalValid"]), actions: "disposeComment" },
          comment: { guard: and([plays("drafter,chair"), "commentValid"]), actions: "addComment" },
          submit_revision: {
            target: "conclusion",
            guard: and([plays("drafter"), inputs("submit_revision"), "new_version_in_state", "all_comments_disposed", "all_directives_done"]),
          },
          consult_again: {
            target: "consultation",
            guard: and([plays("drafter"), inputs("consult_again"), "new_version_in_state", "all_comments_disposed", "all_directives_done"]),
          },
          withdraw: { target: "withdrawn", guard: and([plays("drafter,chair"), inputs("withdraw")]) },
        },
      },
      issuance: {
        entry: "enterState",
        on: {
          issue: { target: "implementation", guard: and([plays("clerk"), inputs("issue")]) },
        },
      },
      implementation: {
        entry: ["enterState", "allocateNumber", "recordNumber"],
        on: {
          comment: { guard: and([plays("implementer,monitor,drafter,chair"), "commentValid"]), actions: "addComment" },
          close: { target: "closed", guard: and([plays("monitor,chair"), inputs("close")]) },
        },
      },
      closed: { type: "final" },
      withdrawn: { type: "final" },
      rejected: { type: "final" },
    },
  });
}

// The machine's states, transitions, roles and guards, read back from the
// machine itself, in the terms of plan.definitionRules().
function modelOf(machine) {
  const model = {};
  for (const [name, node] of Object.entries(machine.states)) {
    const st = { final: node.type === "final", allow: {}, transitions: {} };
    for (const [event, [t]] of node.transitions) {
      const parts = t.guard?.guards ?? [t.guard];
      let roles = 0;
      const guards = [];
      for (const g of parts) {
        const type = typeof g === "string" ? g : g.type;
        if (type === "actorPlays") roles = g.params.roles;
        else if (type in plan.GUARDS) guards.push(type);
      }
      if (t.target) st.transitions[event] = { to: t.target[0].key, roles, guards: guards.sort().join(",") };
      else st.allow[event] = roles;
    }
    model[name] = st;
  }
  return model;
}

// Sends commands to actors as PlanDriver runs them: a minute apart, each
// checked to have been taken.
export class Driver {
  constructor(machine) {
    this.machine = machine;
    this.now = plan.START_TIME;
    this.commands = 0;
    this.transitions = 0;
  }

  create(command) {
    this.now += plan.SECONDS_PER_COMMAND;
    const actor = createActor(this.machine, { input: { command, at: this.now } });
    actor.start();
    const s = actor.getSnapshot();
    if (s.status !== "active") plan.fail(`create_dossier refused: ${s.error?.message ?? s.status}`);
    ++this.commands;
    return actor;
  }

  send(actor, command) {
    this.now += plan.SECONDS_PER_COMMAND;
    // The command is built once, as in planflow's benchmark; only its time
    // changes. xstate keeps no reference to an event once it is processed.
    command.at = this.now;
    const before = actor.getSnapshot();
    actor.send(command);
    if (actor.getSnapshot() === before) refused(before, command);
    ++this.commands;
    if (command.action) ++this.transitions;
  }

  run(actor, commands) {
    for (const c of commands) this.send(actor, c);
  }
}

function refused(snapshot, command) {
  const d = snapshot.context;
  plan.fail(
    `${command.type} by user ${command.actor} refused in state "${snapshot.value}" (roles mask ${plan.rolesOf(d, command.actor)}, ` +
      `versions ${d.versions}, undisposed comments ${d.undisposed}); the benchmark stops rather than time a refused command`,
  );
}

function expectState(actor, value, what) {
  const s = actor.getSnapshot();
  if (s.value !== value) plan.fail(`${what}: the actor is in "${s.value}", not "${value}"`);
}

async function main() {
  const args = plan.parseArgs(process.argv.slice(2), USAGE);
  const dossiers = args.dossiers || (args.quick ? 10_000 : 100_000);
  const window = args.seconds || (args.quick ? 0.5 : 2);
  const warmup = args.quick ? 0.6 : 1;  // CPU seconds before each window

  const register = new plan.MemoryRegister();
  const machine = planMachine(register);
  plan.checkModel("xstate", modelOf(machine));
  const cmd = plan.planCommands();
  const stage = plan.stages(cmd);

  // 1. The steady revision loop on one actor brought to conclusion.
  const loopDriver = new Driver(machine);
  const looping = loopDriver.create(cmd.create);
  loopDriver.run(looping, stage.toSteadyConclusion);
  expectState(looping, "conclusion", "the revision loop's actor");
  // Only the two actions count as transitions, not the version between them.
  const loop = await plan.rate(
    () => {
      const before = loopDriver.transitions;
      for (let i = 0; i < 64; ++i) loopDriver.run(looping, stage.revisionCycle);
      return loopDriver.transitions - before;
    },
    warmup,
    window,
  );
  expectState(looping, "conclusion", "after the revision loop");
  looping.stop();

  // 2. Full processes, a fresh actor each.
  const fullDriver = new Driver(machine);
  {
    const probe = fullDriver.create(cmd.create);
    fullDriver.run(probe, stage.fullProcess);
    const s = probe.getSnapshot();
    if (s.status !== "done" || s.value !== "closed" || !s.context.issued) plan.fail("the full process did not close with an official number");
    if (fullDriver.commands !== 25 || fullDriver.transitions !== 7)
      plan.fail(`the full process took ${fullDriver.commands} commands and ${fullDriver.transitions} transitions, not 25 and 7`);
  }
  const full = await plan.rate(
    () => {
      for (let i = 0; i < 16; ++i) fullDriver.run(fullDriver.create(cmd.create), stage.fullProcess);
      return 16;
    },
    warmup,
    window,
  );

  // 3. Live actors held in consultation: 5 invitees, 1 version, 3 comments.
  const heldDriver = new Driver(machine);
  const memory = await plan.heldMemory(
    dossiers,
    () => {
      const a = heldDriver.create(cmd.create);
      heldDriver.run(a, stage.heldInConsultation);
      return a;
    },
    (a) => {
      const s = a.getSnapshot();
      const d = s.context;
      if (s.value !== "consultation" || d.invitees.length !== plan.DELEGATES || d.versions !== 1 || d.comments.length !== 3)
        plan.fail("the held actors are not in the intended consultation state");
    },
  );
  for (const a of memory.held) a.stop();

  plan.report({
    title: "xstate 5 engine peer",
    subject: "xstate",
    held: "actor",
    loop,
    full,
    memory,
    dossiers,
    notes:
    `xstate 5 statechart checked against plan.json, guards per transition (roles, inputs, plan.json's guards), immutable assign; ` +
      `rates per CPU s over ${window} s windows after ${warmup} CPU s warm-up; ${dossiers} actors held, V8 heapUsed growth after gc; ` +
      `no events, no texts copied or kept, blocks neither numbered nor hashed, no task list`,
  });
}

// Importable (for a look at the machine) without running the benchmark.
if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
