import { beforeEach, describe, expect, it } from "vitest";
import { backoffDelay } from "./backoff";
import { PlanflowClient } from "./client";
import { ProtocolError } from "./error";
import { fakeClient, type FakeSocket, type ManualTimers } from "./fake_socket";
import type { ConnectionState, EventPush, Push } from "./types";

let sockets: FakeSocket[];
let timers: ManualTimers;
let client: PlanflowClient;
let pushes: Push[];
let states: ConnectionState[];

const current = () => sockets[sockets.length - 1]!;
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const event = (dossier: number, seq: number): EventPush => ({
  type: "event",
  dossier,
  seq,
  dossier_seq: seq,
  event: { type: "comment_added", at: 1711360800, actor: 2, data: { text: `c${seq}` } },
});
const seqs = () => pushes.filter((p): p is EventPush => p.type === "event").map((p) => p.seq);

beforeEach(() => {
  ({ sockets, timers, client } = fakeClient());
  pushes = [];
  states = [];
  client.onPush((p) => pushes.push(p));
  client.onState((s) => states.push(s));
});

describe("requests", () => {
  it("matches each reply to its request by id, whatever the order", async () => {
    client.connect();
    current().open();
    const inbox = client.request("inbox", {});
    const lang = client.request("language", { lang: "en" });
    const [first, second] = current().sent;
    expect(first).toMatchObject({ op: "inbox" });
    expect(second).toMatchObject({ op: "language", lang: "en" });
    expect(first!.id).not.toEqual(second!.id);
    current().receive({ id: second!.id, result: { lang: "en" } });
    current().receive({ id: first!.id, result: { tasks: [] } });
    await expect(lang).resolves.toEqual({ lang: "en" });
    await expect(inbox).resolves.toEqual({ tasks: [] });
  });

  it("rejects with the server's code, message and pointer", async () => {
    client.connect();
    current().open();
    const answer = client.request("dossier", { dossier: 4 });
    current().receive({
      id: current().last("dossier").id,
      error: { code: "bad_request", message: 'Không có thao tác "launch"', pointer: "/op" },
    });
    const error = await answer.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ code: "bad_request", message: 'Không có thao tác "launch"', pointer: "/op" });
  });

  it("holds requests made while connecting and sends them once open", async () => {
    client.connect();
    const inbox = client.request("inbox", {});
    expect(current().sent).toEqual([]);
    current().open();
    current().reply("inbox", { tasks: [] });
    await expect(inbox).resolves.toEqual({ tasks: [] });
  });

  it("rejects a request whose socket dropped before the reply", async () => {
    client.connect();
    current().open();
    const inbox = client.request("inbox", {});
    current().drop();
    await expect(inbox).rejects.toMatchObject({ code: "disconnected" });
  });
});

describe("connection state and reconnect", () => {
  it("goes connecting → open → reconnecting → open, backing off between tries", () => {
    client.connect();
    current().open();
    current().drop();
    expect(timers.pending).toEqual([backoffDelay(0, { initialMs: 500, maxMs: 30_000, random: () => 1 })]);
    timers.runAll();
    current().drop();
    expect(timers.pending).toEqual([1000]);
    timers.runAll();
    current().open();
    expect(states).toEqual(["connecting", "open", "reconnecting", "open"]);
    expect(sockets).toHaveLength(3);
  });

  it("caps the backoff and resets it after a successful open", () => {
    const opts = { initialMs: 500, maxMs: 30_000, random: () => 1 };
    expect(backoffDelay(10, opts)).toBe(30_000);
    expect(backoffDelay(0, { ...opts, random: () => 0 })).toBe(250);
    client.connect();
    current().drop();
    timers.runAll();
    current().drop();
    timers.runAll();
    current().open();
    current().drop();
    expect(timers.pending).toEqual([500]);
  });

  it("stops for good when the server ends the session (1008)", () => {
    client.connect();
    current().open();
    current().drop(1008, "signed out");
    expect(client.connectionState).toBe("closed");
    expect(client.closeInfo).toEqual({ code: 1008, reason: "signed out" });
    expect(timers.pending).toEqual([]);
  });
});

describe("subscriptions", () => {
  it("delivers events in order and drops those already seen", async () => {
    client.connect();
    current().open();
    const sub = client.subscribe(4, 118);
    expect(current().last("subscribe")).toMatchObject({ dossier: 4, after: 118 });
    current().reply("subscribe", { dossier: 4, missed: 2, last_seq: 120 });
    await sub;
    for (const seq of [117, 119, 120, 120, 119, 121]) current().receive(event(4, seq));
    expect(seqs()).toEqual([119, 120, 121]);
    expect(client.lastSeq(4)).toBe(121);
  });

  it("after a reconnect, resubscribes from the last seq seen: nothing lost, nothing twice", async () => {
    client.connect();
    current().open();
    const sub = client.subscribe(4);
    client.subscribe(9, 50);
    client.subscribeInbox();
    expect(current().last("subscribe")).toEqual({ id: expect.any(Number), op: "subscribe", dossier: 9, after: 50 });
    current().receive(event(4, 100));
    current().receive(event(9, 101));
    current().drop();
    timers.runAll();
    current().open();
    const resubs = current().sent.filter((m) => m.op === "subscribe");
    current().receive({ id: resubs[0]!.id, result: { dossier: 4, missed: 0, last_seq: 100 } });
    // The subscribe in flight when the socket dropped is answered by the resubscribe.
    await expect(sub).resolves.toMatchObject({ dossier: 4 });
    expect(resubs.map(({ dossier, after }) => ({ dossier, after }))).toEqual([
      { dossier: 4, after: 100 },
      { dossier: 9, after: 101 },
    ]);
    expect(current().sent.some((m) => m.op === "subscribe_inbox")).toBe(true);
    // The catch-up overlaps what was seen (a server may resend): only new ones pass.
    for (const seq of [100, 102, 103]) current().receive(event(4, seq));
    current().receive(event(9, 101));
    current().receive(event(9, 104));
    expect(seqs()).toEqual([100, 101, 102, 103, 104]);
  });

  it("answers a subscribe made while disconnected once the connection is back", async () => {
    client.connect();
    current().open();
    current().drop();
    const sub = client.subscribe(7, 10);
    expect(current().sent.filter((m) => m.op === "subscribe")).toHaveLength(0);
    timers.runAll();
    current().open();
    expect(current().sent.filter((m) => m.op === "subscribe")).toHaveLength(1);
    current().reply("subscribe", { dossier: 7, missed: 0, last_seq: 10 });
    await expect(sub).resolves.toEqual({ dossier: 7, missed: 0, last_seq: 10 });
  });

  it("sends subscriptions made before connect() once the socket opens", async () => {
    const sub = client.subscribe(3);
    client.subscribeInbox();
    client.connect();
    current().open();
    expect(current().sent.map((m) => m.op)).toEqual(["subscribe", "subscribe_inbox"]);
    current().reply("subscribe", { dossier: 3, missed: 0, last_seq: 0 });
    await expect(sub).resolves.toMatchObject({ dossier: 3 });
  });

  it("rejects waiting subscriptions on close()", async () => {
    const sub = client.subscribe(3);
    client.close();
    await expect(sub).rejects.toMatchObject({ code: "disconnected" });
  });

  it("on a resync push, resubscribes every followed dossier from its last seen seq", async () => {
    client.connect();
    current().open();
    client.subscribe(4, 10);
    client.subscribe(5, 20);
    current().receive(event(4, 11));
    current().receive(event(5, 21));
    const before = current().sent.length;
    current().receive({
      type: "resync",
      following: [
        { dossier: 4, last_seq: 11 },
        { dossier: 5, last_seq: 21 },
      ],
    });
    const after = current().sent.slice(before);
    expect(after.map(({ op, dossier, after: a }) => ({ op, dossier, after: a }))).toEqual([
      { op: "subscribe", dossier: 4, after: 11 },
      { op: "subscribe", dossier: 5, after: 21 },
    ]);
    expect(pushes.some((p) => p.type === "resync")).toBe(true);
    current().receive(event(4, 11));
    current().receive(event(4, 12));
    expect(seqs()).toEqual([11, 21, 12]);
  });

  it("stops following a dossier the server no longer lets the user see", async () => {
    client.connect();
    current().open();
    const sub = client.subscribe(4, 10);
    current().drop();
    timers.runAll();
    current().open();
    current().receive({ id: current().last("subscribe").id, error: { code: "forbidden", message: "Không có quyền" } });
    await expect(sub).rejects.toMatchObject({ code: "forbidden", message: "Không có quyền" });
    await flush();
    expect(client.lastSeq(4)).toBeUndefined();
    current().receive(event(4, 11));
    expect(seqs()).toEqual([]);
  });

  it("ignores events of a dossier after unsubscribe", () => {
    client.connect();
    current().open();
    client.subscribe(4, 10);
    client.unsubscribe(4);
    current().receive(event(4, 11));
    expect(seqs()).toEqual([]);
  });
});
