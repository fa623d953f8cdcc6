import { beforeEach, describe, expect, it } from "vitest";
import type { PlanflowClient } from "./client";
import { fakeClient } from "./fake_socket";
import { sendCommand } from "./send_command";

let fake: ReturnType<typeof fakeClient>;
let client: PlanflowClient;
const current = () => fake.current();
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  fake = fakeClient();
  client = fake.client;
  client.connect();
  current().open();
});

const result = { dossier: 4, version: 9, first_seq: 30, last_seq: 30, replayed: false };

describe("sendCommand", () => {
  it("resends under the same request id after a dropped connection", async () => {
    const sent = sendCommand(client, { dossier: 4 }, { type: "add_comment", text: "Góp ý" }, "req-1");
    const first = current().last("command");
    current().drop();
    await flush();
    fake.timers.runAll();
    current().open();
    await flush();
    const again = current().last("command");
    expect(again.request_id).toBe("req-1");
    expect(again.command).toEqual(first.command);
    current().reply("command", { ...result, replayed: true });
    await expect(sent).resolves.toMatchObject({ version: 9, replayed: true });
  });

  it("gives up when the session ends instead of waiting for ever", async () => {
    const sent = sendCommand(client, { dossier: 4 }, { type: "add_comment", text: "x" });
    current().drop(1008, "signed out");
    await expect(sent).rejects.toMatchObject({ code: "disconnected" });
  });

  it("passes the server's refusal through untouched", async () => {
    const sent = sendCommand(client, { dossier: 4, version: 3 }, { type: "take_action", action: "approve" });
    expect(current().last("command")).toMatchObject({ dossier: 4, version: 3 });
    current().receive({
      id: current().last("command").id,
      error: { code: "conflict", message: "Hồ sơ đã thay đổi", pointer: "/version" },
    });
    await expect(sent).rejects.toMatchObject({ code: "conflict", pointer: "/version" });
  });

  it("makes a fresh request id for each command", async () => {
    void sendCommand(client, { dossier: 4 }, { type: "no_further_comments" });
    void sendCommand(client, { dossier: 4 }, { type: "no_further_comments" });
    const ids = current().sent.filter((m) => m.op === "command").map((m) => m.request_id);
    expect(ids).toHaveLength(2);
    expect(ids[0]).not.toBe(ids[1]);
  });
});
