// The wire format of docs/protocol.md, as TypeScript sees it.

export type ErrorCode =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "invalid_state"
  | "guard_failed"
  | "rate_limited"
  | "too_large"
  | "internal"
  // Made by the client, never sent by the server: the socket closed before
  // the reply came, so whether the request took effect is unknown.
  | "disconnected";

export interface ErrorBody {
  code: ErrorCode | string;
  message: string;
  pointer?: string;
}

export interface LocalizedText {
  vi: string;
  en: string;
}

export interface StoredEvent {
  type: string;
  at: number;
  actor: number;
  data: Record<string, unknown>;
}

export interface EventPush {
  type: "event";
  dossier: number;
  seq: number;
  dossier_seq: number;
  event: StoredEvent;
}

export interface InboxPush {
  type: "inbox";
  dossier: number;
}

export interface ResyncPush {
  type: "resync";
  following: { dossier: number; last_seq: number }[];
}

export type Push = EventPush | InboxPush | ResyncPush;

export interface InboxTask {
  dossier: number;
  dossier_title: string;
  workflow: string;
  state: string;
  task: string;
  title: LocalizedText | null;
  role: string;
  role_title: LocalizedText | null;
  personal: boolean;
  opened_at: number;
  due_at: number | null;
}

export interface SubscribeResult {
  dossier: number;
  missed: number;
  last_seq: number;
}

/** Each operation's parameters and result, so request() is typed by op. */
export interface Operations {
  inbox: { params: Record<string, never>; result: { tasks: InboxTask[] } };
  dossiers: { params: Record<string, never>; result: { dossiers: unknown[] } };
  dossier: { params: { dossier: number }; result: unknown };
  subscribe: { params: { dossier: number; after?: number }; result: SubscribeResult };
  unsubscribe: { params: { dossier: number }; result: unknown };
  subscribe_inbox: { params: Record<string, never>; result: unknown };
  language: { params: { lang: "vi" | "en" }; result: { lang: "vi" | "en" } };
  command: {
    params: {
      dossier: number;
      workflow?: string;
      version?: number;
      request_id: string;
      command: { type: string } & Record<string, unknown>;
    };
    result: { dossier: number; version: number; first_seq: number; last_seq: number; replayed: boolean };
  };
}

export type Op = keyof Operations;

export type ConnectionState = "connecting" | "open" | "reconnecting" | "closed";
