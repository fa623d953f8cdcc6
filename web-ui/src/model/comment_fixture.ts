// A comment as the dossier reply gives it, for tests: the plainest one,
// changed where a test says.
import type { CommentInfo } from "../protocol";

export function commentInfo(id: number, over: Partial<CommentInfo> = {}): CommentInfo {
  return {
    id,
    reply_to: 0,
    author: 2,
    recorded_by: 0,
    unit: 20,
    at: 1711360800,
    text: `Ý kiến ${id}`,
    on_version: 1,
    anchor: { kind: "document" },
    place: { outdated: false, block: null },
    edited_at: null,
    edits: [],
    withdrawn: false,
    withdrawn_at: null,
    disposition: null,
    changeable: false,
    ...over,
  };
}
