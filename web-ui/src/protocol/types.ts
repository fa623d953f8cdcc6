// The wire format of docs/protocol.md, as TypeScript sees it.
import type { ImplementationInfo, ImplementationOverview } from "./implementation_types";

export type * from "./implementation_types";

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
  // The database is out of reach for now; the same request may be sent again.
  | "unavailable"
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
  /** The implementation task a follow-up (đôn đốc) is about; null for other tasks. */
  subject: number | null;
  /** That implementation task's title; null for other tasks. */
  detail: string | null;
}

export interface SubscribeResult {
  dossier: number;
  missed: number;
  last_seq: number;
}

/** A workflow definition as the catalog and the dossier page need it. */
export interface WorkflowInfo {
  id: string;
  version: number;
  title: LocalizedText;
  description: LocalizedText;
  document_types: string[];
  initial: string;
  participant_managers: string[];
  roles: { id: string; title: LocalizedText }[];
  states: { id: string; title: LocalizedText; final: boolean }[];
  /** Every action of the definition once, with its title (for the history). */
  actions: { id: string; title: LocalizedText }[];
}

export interface DirectoryUnit {
  id: number;
  code: string;
  name: string;
}

export interface DirectoryUser {
  id: number;
  name: string;
  unit: number;
  disabled: boolean;
}

export interface Directory {
  units: DirectoryUnit[];
  users: DirectoryUser[];
}

export interface DossierSummary {
  id: number;
  workflow: string;
  workflow_version: number;
  title: string;
  document_type: string;
  state: string;
  version: number;
  created_at: number;
  updated_at: number;
  my_roles: string[];
  symbol: string | null;
  deadline_at: number | null;
}

export interface HistoryEntry {
  seq: number;
  dossier_seq: number;
  event: StoredEvent;
}

export type InputType = "text" | "time" | "participants" | "directives";

export interface ActionInfo {
  action: string;
  title: LocalizedText;
  to: string;
  confirm: boolean;
  inputs: { name: string; type: InputType | string; required: boolean; title: LocalizedText | null }[];
}

export interface ParticipantRef {
  user: number;
  unit: number;
}

export interface ConsultationInfo {
  invitees: (ParticipantRef & { responded: boolean })[];
  responded: number;
  needed: number;
  deadline_at: number | null;
  round: number;
}

export interface IssuedInfo {
  number: number;
  year: number;
  series: string;
  symbol: string;
  at: number;
}

/**
 * The issued document's Ed25519 signature, checked by the server as it
 * built the reply: "awaiting" until the server has signed it.
 */
export type SignatureInfo =
  | { status: "awaiting"; valid: false }
  | {
      status: "valid" | "invalid";
      valid: boolean;
      problem: string | null;
      signer: number;
      algorithm: string;
      digest: string;
      public_key: string;
      fingerprint: string | null;
      signed_at: number;
    };

/** In-state operations, beside the transitions of `actions`. */
export type Operation =
  | "submit_version"
  | "comment"
  | "dispose_comment"
  | "no_further_comments"
  | "manage_tasks"
  | "report_progress";

export interface DossierDetail {
  dossier: DossierSummary;
  state_title: LocalizedText;
  history: HistoryEntry[];
  actions: ActionInfo[];
  definition: WorkflowInfo;
  drafting_unit: { id: number; code: string };
  issuer: { id: number; code: string };
  participants: (ParticipantRef & { role: string })[];
  consultation: ConsultationInfo | null;
  issued: IssuedInfo | null;
  /** null until issued. */
  signature: SignatureInfo | null;
  allowed: Operation[];
  frozen: boolean;
  corrections: Corrections;
  /** Every comment, replies too, in id order (docs/protocol.md). */
  comments: CommentInfo[];
  /** Comments (not replies, not withdrawn) still without a disposition. */
  undisposed_comments: number;
  /** The comments this user may still edit or withdraw. */
  changeable_comments: number[];
  /** The consultation's meetings, oldest first (absent from older servers). */
  meetings?: MeetingInfo[];
  meeting_rights?: MeetingRights;
  /** The chair's conclusions, oldest first (absent from older servers). */
  conclusions?: ConclusionInfo[];
  directive_rights?: DirectiveRights;
  /** Directives of the conclusion in force not yet marked done. */
  open_directives?: number;
  /** The issued plan's tasks and progress; null where the step has none (absent from older servers). */
  implementation?: ImplementationInfo | null;
}

/** How the drafting unit says a directive was carried out; marking again replaces it. */
export interface DirectiveDoneInfo {
  at: number;
  by: number;
  /** Blocks of the version current when marked that carry the change. */
  blocks: number[];
  note: string;
  /** The version current when it was marked. */
  version: number;
}

export interface DirectiveInfo {
  /** 1, 2, ... as the conclusion numbers them. */
  number: number;
  text: string;
  /** Blocks of the version concluded on. */
  blocks: number[];
  comments: number[];
  done: DirectiveDoneInfo | null;
}

/** The conclusion issued as a Thông báo kết luận, under a number of series TB. */
export interface ConclusionNoticeInfo {
  number: number;
  year: number;
  series: string;
  symbol: string;
  at: number;
  by: number;
  place: string;
  authority: string;
  signer: string;
  recipients: string;
}

export interface ConclusionInfo {
  seq: number;
  at: number;
  by: number;
  action: string;
  /** The step the conclusion was made in. */
  step: string;
  text: string;
  /** The draft version concluded on. */
  version: number;
  revision_deadline: number | null;
  directives: DirectiveInfo[];
  notices: ConclusionNoticeInfo[];
}

export interface DirectiveRights {
  mark_done: boolean;
  issue_notice: boolean;
}

/** A document linked to another by a correction (đính chính). */
export interface LinkedDocument {
  id: number;
  title: string;
  symbol: string | null;
  issued_at: number | null;
}

export interface Corrections {
  /** The issued document this one corrects. */
  corrects: LinkedDocument | null;
  /** Issued corrections of this document, oldest first. */
  corrected_by: LinkedDocument[];
}

/** Where a comment was made: code points of the block's NFC text, end exclusive. */
export type CommentAnchor =
  | { kind: "document" }
  | { kind: "block"; block: number }
  | { kind: "passage"; block: number; start: number; end: number; quote: string };

/** Where the anchor stands in the latest version, or what it was about when gone. */
export interface CommentPlace {
  outdated: boolean;
  /** null for the document as a whole. */
  block: number | null;
  start?: number;
  end?: number;
  /** When outdated: the passage quoted and the block it was made on. */
  quote?: string;
  block_marker?: string | null;
  block_text?: string | null;
}

/** A block that took a comment in, as it reads in the latest version (or read when gone). */
export interface AbsorbingBlock {
  block: number;
  /** Still in the latest version. */
  current: boolean;
  kind: string | null;
  marker: string | null;
  excerpt: string | null;
}

export interface CommentDispositionInfo {
  disposition: "accepted" | "partly_accepted" | "not_accepted" | "noted";
  explanation: string;
  at: number;
  by: number;
  absorbed_in: AbsorbingBlock[];
}

export interface CommentInfo {
  id: number;
  reply_to: number;
  author: number;
  /** The unit the author speaks for. */
  unit: number;
  at: number;
  text: string;
  /** The version current when it was made (0: none). */
  on_version: number;
  anchor: CommentAnchor;
  place: CommentPlace;
  /** When the text was last changed; null if never. */
  edited_at: number | null;
  /** The earlier texts, oldest first, each with when it was written. */
  edits: { text: string; at: number }[];
  withdrawn: boolean;
  withdrawn_at: number | null;
  disposition: CommentDispositionInfo | null;
  changeable: boolean;
  /** The secretary who recorded it on the author's behalf; 0 for none. */
  recorded_by: number;
}

export type MeetingStatus = "scheduled" | "open" | "closed";

export interface MeetingAttendance {
  user: number;
  unit: number;
  present: boolean;
  recorded_by: number;
  at: number;
}

/** A comment made while the meeting was open: a remark of its minutes. */
export interface MeetingRemark {
  comment_id: number;
  reply_to: number;
  author: number;
  unit: number;
  text: string;
  /** The block it was on: its anchor's, or the one presented when it was made. */
  block: number;
  /** The secretary who recorded it on the author's behalf, or null. */
  recorded_by: number | null;
  at: number;
  edited: boolean;
  withdrawn: boolean;
}

export interface MeetingInfo {
  number: number;
  round: number;
  status: MeetingStatus;
  /** Scheduled in the consultation the dossier is in now, not yet closed. */
  current: boolean;
  starts_at: number;
  place: string;
  chair: number;
  scheduled_by: number;
  scheduled_at: number;
  opened_at: number | null;
  closed_at: number | null;
  conclusion: string;
  presented_block: number;
  /** The draft version presented. */
  version: number;
  secretaries: number[];
  attendance: MeetingAttendance[];
  remarks: MeetingRemark[];
}

export interface MeetingRights {
  schedule: boolean;
  open: boolean;
  present: boolean;
  attendance: boolean;
  record_remarks: boolean;
  close: boolean;
}

export interface CommandResult {
  dossier: number;
  version: number;
  first_seq: number;
  last_seq: number;
  replayed: boolean;
}

export type CommandBody = { type: string } & Record<string, unknown>;

/** One text that matched a search; marks are [begin, end) in code points of the snippet. */
export interface SearchHit {
  dossier: number;
  dossier_title: string;
  source: "title" | "symbol" | "version" | "comment";
  number: number;
  snippet: string;
  marks: [number, number][];
  rank: number;
}

/** Each operation's parameters and result, so request() is typed by op. */
export interface Operations {
  inbox: { params: Record<string, never>; result: { tasks: InboxTask[] } };
  dossiers: { params: Record<string, never>; result: { dossiers: DossierSummary[] } };
  dossier: { params: { dossier: number }; result: DossierDetail };
  workflows: { params: Record<string, never>; result: { workflows: WorkflowInfo[] } };
  directory: { params: Record<string, never>; result: Directory };
  subscribe: { params: { dossier: number; after?: number }; result: SubscribeResult };
  unsubscribe: { params: { dossier: number }; result: unknown };
  subscribe_inbox: { params: Record<string, never>; result: unknown };
  language: { params: { lang: "vi" | "en" }; result: { lang: "vi" | "en" } };
  search: { params: { text: string; limit?: number }; result: { hits: SearchHit[] } };
  implementation_overview: { params: Record<string, never>; result: ImplementationOverview };
  command: {
    params: {
      dossier: number;
      workflow?: string;
      version?: number;
      request_id: string;
      command: CommandBody;
    };
    result: CommandResult;
  };
}

export type Op = keyof Operations;

export type ConnectionState = "connecting" | "open" | "reconnecting" | "closed";
