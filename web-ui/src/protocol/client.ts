import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from "./backoff";
import { ProtocolError } from "./error";
import type { ConnectionState, ErrorBody, Op, Operations, Push, SubscribeResult } from "./types";

/** What the client needs of a WebSocket; the browser's fits, and so do test fakes. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface ClientOptions {
  /** Read at every (re)connect, so it can carry the current ?lang=. */
  url: () => string;
  createSocket?: (url: string) => SocketLike;
  backoff?: BackoffOptions;
  timers?: Timers;
}

const OPEN = 1;
// The server closes with 1008 when the session ends (sign-out, expiry, a
// disabled account): reconnecting could only fail, so the client stops.
const POLICY_VIOLATION = 1008;

interface Waiter {
  resolve: (value: unknown) => void;
  reject: (error: ProtocolError) => void;
}

type Listener<T> = (value: T) => void;

export class PlanflowClient {
  private readonly options: Required<ClientOptions>;
  private socket: SocketLike | null = null;
  private state: ConnectionState = "closed";
  private stopped = true;
  private attempt = 0;
  private retryTimer: unknown = null;
  private nextId = 1;
  /** Requests sent on the current socket, awaiting their one reply. */
  private readonly inFlight = new Map<number, Waiter>();
  /** Requests made while no socket was open, sent once one is. */
  private outbox: { id: number; text: string; waiter: Waiter }[] = [];
  /** Followed dossiers and the last seq delivered for each (0: none yet). */
  private readonly followed = new Map<number, number>();
  /** subscribe() calls made while closed, answered by the resubscribe on open. */
  private readonly subscribeWaiters = new Map<number, Waiter[]>();
  private followingInbox = false;
  private readonly stateListeners = new Set<Listener<ConnectionState>>();
  private readonly pushListeners = new Set<Listener<Push>>();
  private lastClose: { code: number; reason: string } | null = null;

  constructor(options: ClientOptions) {
    this.options = {
      createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
      backoff: DEFAULT_BACKOFF,
      timers: { set: (cb, ms) => setTimeout(cb, ms), clear: (h) => clearTimeout(h as number) },
      ...options,
    };
  }

  get connectionState(): ConnectionState {
    return this.state;
  }

  /** Why the connection ended for good, when it did (state "closed"). */
  get closeInfo(): { code: number; reason: string } | null {
    return this.lastClose;
  }

  lastSeq(dossier: number): number | undefined {
    return this.followed.get(dossier);
  }

  onState(listener: Listener<ConnectionState>): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Pushes after de-duplication: each event reaches listeners once, in seq order. */
  onPush(listener: Listener<Push>): () => void {
    this.pushListeners.add(listener);
    return () => this.pushListeners.delete(listener);
  }

  connect(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.lastClose = null;
    this.attempt = 0;
    this.open("connecting");
  }

  /** Ends the connection for good (sign-out); every open request is rejected. */
  close(): void {
    this.stopped = true;
    this.options.timers.clear(this.retryTimer);
    this.retryTimer = null;
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onclose = socket.onmessage = socket.onopen = socket.onerror = null;
      socket.close(1000, "bye");
    }
    this.failAll(disconnected());
    this.followed.clear();
    this.followingInbox = false;
    this.setState("closed");
  }

  request<K extends Op>(op: K, params: Operations[K]["params"]): Promise<Operations[K]["result"]> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { resolve: resolve as (v: unknown) => void, reject };
      if (this.stopped) return reject(disconnected());
      const id = this.nextId++;
      const text = JSON.stringify({ ...params, id, op });
      if (this.isOpen()) this.transmit(id, text, waiter);
      else this.outbox.push({ id, text, waiter });
    });
  }

  /**
   * Follows a dossier: its events arrive as pushes, and keep arriving across
   * reconnects and resyncs with none lost or repeated. `after` is the last
   * seq the caller already has (from the dossier's history, say). Resolves
   * with the first subscribe reply, however many reconnects that takes;
   * rejects only on the server's refusal or close().
   */
  subscribe(dossier: number, after?: number): Promise<SubscribeResult> {
    const seen = Math.max(this.followed.get(dossier) ?? 0, after ?? 0);
    this.followed.set(dossier, seen);
    const answer = new Promise<SubscribeResult>((resolve, reject) => {
      const list = this.subscribeWaiters.get(dossier) ?? [];
      list.push({ resolve: resolve as (v: unknown) => void, reject });
      this.subscribeWaiters.set(dossier, list);
    });
    // Before connect() or while reconnecting, the resubscribe on open sends it.
    if (this.isOpen()) this.sendSubscribe(dossier);
    return answer;
  }

  unsubscribe(dossier: number): void {
    this.followed.delete(dossier);
    // The caller withdrew: a subscribe still waiting is simply never answered.
    this.subscribeWaiters.delete(dossier);
    if (this.isOpen()) this.request("unsubscribe", { dossier }).catch(() => undefined);
  }

  /** Follows the inbox: {"type": "inbox"} pushes, across reconnects too. */
  subscribeInbox(): void {
    this.followingInbox = true;
    if (this.isOpen()) this.request("subscribe_inbox", {}).catch(() => undefined);
  }

  // --- connection -----------------------------------------------------------

  private open(state: "connecting" | "reconnecting"): void {
    this.setState(state);
    const socket = this.options.createSocket(this.options.url());
    this.socket = socket;
    socket.onopen = () => this.handleOpen(socket);
    socket.onmessage = (event) => this.handleMessage(socket, event.data);
    socket.onclose = (event) => this.handleClose(socket, event);
    // An error is always followed by a close, which does the work.
    socket.onerror = null;
  }

  private handleOpen(socket: SocketLike): void {
    if (socket !== this.socket) return;
    this.attempt = 0;
    this.setState("open");
    this.resubscribeAll();
    const queued = this.outbox;
    this.outbox = [];
    for (const { id, text, waiter } of queued) this.transmit(id, text, waiter);
  }

  private handleClose(socket: SocketLike, event: { code: number; reason: string }): void {
    if (socket !== this.socket) return;
    this.socket = null;
    // Whether a request on the lost socket took effect is unknown; the caller
    // decides (commands carry a request_id, so resending one is safe).
    for (const waiter of this.inFlight.values()) waiter.reject(disconnected());
    this.inFlight.clear();
    if (event.code === POLICY_VIOLATION) {
      this.lastClose = { code: event.code, reason: event.reason };
      this.close();
      return;
    }
    if (this.stopped) return;
    this.setState("reconnecting");
    const delay = backoffDelay(this.attempt++, this.options.backoff);
    this.retryTimer = this.options.timers.set(() => {
      this.retryTimer = null;
      if (!this.stopped) this.open("reconnecting");
    }, delay);
  }

  // --- messages -------------------------------------------------------------

  private handleMessage(socket: SocketLike, data: unknown): void {
    if (socket !== this.socket || typeof data !== "string") return;
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(data) as Record<string, unknown>;
    } catch {
      return;
    }
    if ("id" in message) return this.handleReply(message);
    const push = message as unknown as Push;
    if (push.type === "event") {
      const seen = this.followed.get(push.dossier);
      // Not followed (unsubscribed meanwhile), or already delivered through
      // an overlapping catch-up: either way the listeners must not see it.
      if (seen === undefined || push.seq <= seen) return;
      this.followed.set(push.dossier, push.seq);
    } else if (push.type === "resync") {
      // The server unfollowed everything. What it queued before the resync
      // has arrived by now, so the seqs seen here, not its last_seq list,
      // are exactly where to resume; overlap is dropped above anyway.
      this.resubscribeAll();
    } else if (push.type !== "inbox") {
      return;
    }
    for (const listener of [...this.pushListeners]) listener(push);
  }

  private handleReply(message: Record<string, unknown>): void {
    const id = message.id as number;
    const waiter = this.inFlight.get(id);
    if (!waiter) return;
    this.inFlight.delete(id);
    if (message.error) waiter.reject(new ProtocolError(message.error as ErrorBody));
    else waiter.resolve(message.result);
  }

  // --- helpers --------------------------------------------------------------

  private isOpen(): boolean {
    return this.socket !== null && this.socket.readyState === OPEN && this.state === "open";
  }

  private transmit(id: number, text: string, waiter: Waiter): void {
    this.inFlight.set(id, waiter);
    this.socket!.send(text);
  }

  private sendSubscribe(dossier: number): void {
    const seen = this.followed.get(dossier) ?? 0;
    this.request("subscribe", seen > 0 ? { dossier, after: seen } : { dossier }).then(
      (result) => {
        for (const w of this.subscribeWaiters.get(dossier) ?? []) w.resolve(result);
        this.subscribeWaiters.delete(dossier);
      },
      (error: ProtocolError) => {
        // A lost socket leaves the dossier followed for the next open; a
        // refusal (say, the user was removed from it) ends the following.
        if (error.code === "disconnected") return;
        this.followed.delete(dossier);
        this.rejectSubscribeWaiters(dossier, error);
      },
    );
  }

  private resubscribeAll(): void {
    for (const dossier of this.followed.keys()) this.sendSubscribe(dossier);
    if (this.followingInbox) this.request("subscribe_inbox", {}).catch(() => undefined);
  }

  private rejectSubscribeWaiters(dossier: number, error: ProtocolError): void {
    for (const w of this.subscribeWaiters.get(dossier) ?? []) w.reject(error);
    this.subscribeWaiters.delete(dossier);
  }

  private failAll(error: ProtocolError): void {
    for (const waiter of this.inFlight.values()) waiter.reject(error);
    this.inFlight.clear();
    for (const { waiter } of this.outbox) waiter.reject(error);
    this.outbox = [];
    for (const dossier of [...this.subscribeWaiters.keys()]) this.rejectSubscribeWaiters(dossier, error);
  }

  private setState(state: ConnectionState): void {
    if (state === this.state) return;
    this.state = state;
    for (const listener of [...this.stateListeners]) listener(state);
  }
}

function disconnected(): ProtocolError {
  return new ProtocolError({ code: "disconnected", message: "connection lost before the reply" });
}
