import { PlanflowClient, type SocketLike, type Timers } from "./client";

/** A WebSocket stand-in the test drives by hand: open, answer, drop. */
export class FakeSocket implements SocketLike {
  readyState = 0;
  readonly sent: Record<string, unknown>[] = [];
  onopen: SocketLike["onopen"] = null;
  onmessage: SocketLike["onmessage"] = null;
  onclose: SocketLike["onclose"] = null;
  onerror: SocketLike["onerror"] = null;

  constructor(readonly url: string) {}

  send(data: string): void {
    if (this.readyState !== 1) throw new Error("send on a socket that is not open");
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close(): void {
    this.readyState = 3;
  }

  // --- driven by the test ---
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(message: unknown): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  drop(code = 1006, reason = ""): void {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }
  /** The last request with this op, for replying to it. */
  last(op: string): Record<string, unknown> {
    const found = [...this.sent].reverse().find((m) => m.op === op);
    if (!found) throw new Error(`no ${op} sent; sent: ${JSON.stringify(this.sent)}`);
    return found;
  }
  reply(op: string, result: unknown): void {
    this.receive({ id: this.last(op).id, result });
  }
}

/** Timers run only when the test says so. */
export class ManualTimers implements Timers {
  private readonly due: { callback: () => void; ms: number; handle: number }[] = [];
  private nextHandle = 1;

  set(callback: () => void, ms: number): unknown {
    const handle = this.nextHandle++;
    this.due.push({ callback, ms, handle });
    return handle;
  }
  clear(handle: unknown): void {
    const i = this.due.findIndex((t) => t.handle === handle);
    if (i >= 0) this.due.splice(i, 1);
  }
  get pending(): number[] {
    return this.due.map((t) => t.ms);
  }
  runAll(): void {
    const now = this.due.splice(0);
    for (const t of now) t.callback();
  }
}

/** A client on fake sockets and manual timers, with a fixed backoff (500 ms, no jitter). */
export function fakeClient() {
  const sockets: FakeSocket[] = [];
  const timers = new ManualTimers();
  const client = new PlanflowClient({
    url: () => "ws://planflow.test/ws?lang=vi",
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    timers,
    backoff: { initialMs: 500, maxMs: 30_000, random: () => 1 },
  });
  return { client, sockets, timers, current: () => sockets[sockets.length - 1]! };
}
