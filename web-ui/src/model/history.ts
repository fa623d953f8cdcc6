// What a dossier's history says, folded for reading: the draft versions, the
// comments as threads with their dispositions, and the chair's conclusions.
// The server's dossier state decides what may happen next; this only reads
// the texts, which the state deliberately does not keep.
import type { HistoryEntry } from "../protocol";
import { parseDraft, type Block } from "./document";

export interface DraftVersion {
  number: number;
  summary: string;
  blocks: Block[];
  at: number;
  author: number;
}

export type DispositionName = "accepted" | "partly_accepted" | "not_accepted" | "noted";

export interface CommentEntry {
  id: number;
  replyTo: number;
  text: string;
  author: number;
  unit: number;
  at: number;
  /** The draft version that was current when the comment was made (0: none). */
  onVersion: number;
  disposition: DispositionName | null;
  explanation: string;
  disposedAt: number | null;
  /** The meeting secretary who recorded this remark for its author (0: the author wrote it). */
  recordedBy: number;
}

export interface CommentThread {
  comment: CommentEntry;
  replies: CommentEntry[];
}

export interface Conclusion {
  action: string;
  text: string;
  at: number;
  actor: number;
}

export interface Issue {
  at: number;
  actor: number;
  symbol: string;
  /** What the clerk gave when issuing: place, authority, signer, recipients. */
  inputs: Record<string, string>;
}

export interface FoldedHistory {
  versions: DraftVersion[];
  threads: CommentThread[];
  conclusions: Conclusion[];
  issue: Issue | null;
  lastSeq: number;
}

const num = (v: unknown): number => (typeof v === "number" ? v : 0);
const str = (v: unknown): string => (typeof v === "string" ? v : "");

/** The conclusion inputs the chair's decisions carry (plan.json: revise, approve, reject). */
const CONCLUSION_INPUT = "conclusion";

export function foldHistory(history: readonly HistoryEntry[]): FoldedHistory {
  const versions: DraftVersion[] = [];
  const byId = new Map<number, CommentEntry>();
  const order: CommentEntry[] = [];
  const conclusions: Conclusion[] = [];
  let issue: Issue | null = null;
  let lastSeq = 0;
  for (const { seq, event } of history) {
    lastSeq = Math.max(lastSeq, seq);
    const d = event.data;
    switch (event.type) {
      case "version_submitted":
        versions.push({
          number: num(d.number),
          summary: str(d.summary),
          // Versions written before drafts had blocks carry plain text.
          blocks: Array.isArray(d.blocks) ? (d.blocks as Block[]) : parseDraft(str(d.text)),
          at: event.at,
          author: event.actor,
        });
        break;
      case "comment_added": {
        const entry: CommentEntry = {
          id: num(d.comment_id),
          replyTo: num(d.reply_to),
          text: str(d.text),
          // A remark a secretary recorded is its speaker's.
          author: num(d.on_behalf_of) || event.actor,
          unit: num(d.unit),
          at: event.at,
          onVersion: versions.length ? versions[versions.length - 1]!.number : 0,
          disposition: null,
          explanation: "",
          disposedAt: null,
          recordedBy: num(d.on_behalf_of) ? event.actor : 0,
        };
        byId.set(entry.id, entry);
        order.push(entry);
        break;
      }
      case "comment_disposed": {
        const entry = byId.get(num(d.comment_id));
        if (!entry) break;
        entry.disposition = str(d.disposition) as DispositionName;
        entry.explanation = str(d.explanation);
        entry.disposedAt = event.at;
        break;
      }
      case "action_taken": {
        const inputs = (d.inputs ?? {}) as Record<string, unknown>;
        const text = str(inputs[CONCLUSION_INPUT]);
        if (text || d.from === "conclusion")
          conclusions.push({ action: str(d.action), text, at: event.at, actor: event.actor });
        const issued = d.issued as { symbol?: unknown } | undefined;
        if (issued) {
          const given: Record<string, string> = {};
          for (const [k, v] of Object.entries(inputs)) if (typeof v === "string") given[k] = v;
          issue = { at: event.at, actor: event.actor, symbol: str(issued.symbol), inputs: given };
        }
        break;
      }
    }
  }
  return { versions, threads: threadsOf(order), conclusions, issue, lastSeq };
}

/** Top-level comments in order, each with every reply beneath it, however deep. */
function threadsOf(comments: CommentEntry[]): CommentThread[] {
  const byId = new Map(comments.map((c) => [c.id, c]));
  const rootOf = (c: CommentEntry): number => {
    let at = c;
    // Bounded: a reply always answers an earlier comment, but a corrupt
    // history must not hang the page.
    for (let hops = 0; at.replyTo && hops < comments.length; hops++) {
      const parent = byId.get(at.replyTo);
      if (!parent) break;
      at = parent;
    }
    return at.id;
  };
  const threads = new Map<number, CommentThread>();
  for (const c of comments) {
    const root = rootOf(c);
    if (root === c.id) threads.set(c.id, { comment: c, replies: [] });
    else threads.get(root)?.replies.push(c);
  }
  return [...threads.values()];
}

/**
 * The history after merging a fresh dossier read with events pushed since:
 * the read is authoritative up to its last seq, later pushes follow it.
 */
export function mergeHistory(read: readonly HistoryEntry[], pushed: readonly HistoryEntry[]): HistoryEntry[] {
  const last = read.reduce((m, e) => Math.max(m, e.seq), 0);
  return [...read, ...pushed.filter((e) => e.seq > last)].sort((a, b) => a.seq - b.seq);
}

/** Appends one pushed event unless it is already there. */
export function appendEvent(history: readonly HistoryEntry[], entry: HistoryEntry): HistoryEntry[] {
  if (history.some((e) => e.seq === entry.seq)) return history as HistoryEntry[];
  return mergeHistory(history, [entry]);
}
