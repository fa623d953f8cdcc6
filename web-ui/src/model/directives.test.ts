import { describe, expect, it } from "vitest";
import type { ConclusionInfo, DirectiveInfo } from "../protocol";
import {
  blankDirectiveRows,
  conclusionInForce,
  directiveRowOf,
  directivesWire,
  emptyDirective,
  markDoneCommand,
  markDoneProblem,
  mayMarkYet,
  moveRow,
  openDirectives,
  removeRow,
  toggleId,
} from "./directives";

const directive = (number: number, done: boolean): DirectiveInfo => ({
  number,
  text: `Chỉ đạo ${number}`,
  blocks: [],
  comments: [],
  done: done ? { at: 1, by: 2, blocks: [3], note: "", version: 2 } : null,
});

const conclusion = (directives: DirectiveInfo[], version = 1): ConclusionInfo => ({
  seq: 9,
  at: 100,
  by: 4,
  action: "revise",
  step: "conclusion",
  text: "Giao cơ quan soạn thảo hoàn thiện dự thảo.",
  version,
  revision_deadline: null,
  directives,
  notices: [],
});

describe("the directives editor", () => {
  it("sends each row's text in NFC, trimmed, leaving out empty lists", () => {
    const rows = [
      { text: "  Bổ sung chỉ tiêu ".normalize("NFD"), blocks: [4, 2], comments: [] },
      { text: "Làm rõ kinh phí", blocks: [], comments: [7] },
    ];
    expect(directivesWire(rows)).toEqual([
      { text: "Bổ sung chỉ tiêu", blocks: [4, 2] },
      { text: "Làm rõ kinh phí", comments: [7] },
    ]);
  });

  it("finds the rows left blank, white space counting as blank", () => {
    expect(blankDirectiveRows([{ ...emptyDirective(), text: "Có nội dung" }, emptyDirective(), { ...emptyDirective(), text: " \n\t" }])).toEqual([1, 2]);
    expect(blankDirectiveRows([])).toEqual([]);
  });

  it("moves, removes and toggles", () => {
    expect(moveRow(["a", "b", "c"], 2, 0)).toEqual(["c", "a", "b"]);
    expect(moveRow(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(moveRow(["a", "b"], 0, -1)).toEqual(["a", "b"]);
    expect(moveRow(["a", "b"], 1, 2)).toEqual(["a", "b"]);
    expect(removeRow(["a", "b", "c"], 1)).toEqual(["a", "c"]);
    expect(toggleId([5, 1], 3, true)).toEqual([1, 3, 5]);
    expect(toggleId([1, 3, 5], 3, false)).toEqual([1, 5]);
    expect(toggleId([1], 1, true)).toEqual([1]);
  });

  it("puts a server error by the row and the part its pointer names", () => {
    expect(directiveRowOf("/command/inputs/directives/1/text", "directives")).toEqual({ row: 1, part: "text" });
    expect(directiveRowOf("/command/inputs/directives/0/blocks/2", "directives")).toEqual({ row: 0, part: "blocks" });
    expect(directiveRowOf("/command/inputs/directives/3/comments", "directives")).toEqual({ row: 3, part: "comments" });
    expect(directiveRowOf("/command/inputs/directives/2/color", "directives")).toEqual({ row: 2, part: "" });
    expect(directiveRowOf("/command/inputs/directives", "directives")).toBeNull();
    expect(directiveRowOf("/command/inputs/directives/x/text", "directives")).toBeNull();
    expect(directiveRowOf("/command/inputs/conclusion", "directives")).toBeNull();
    expect(directiveRowOf(undefined, "directives")).toBeNull();
  });
});

describe("the conclusion in force", () => {
  it("is the latest one, and counts what is still open", () => {
    const earlier = conclusion([directive(1, false)]);
    const latest = conclusion([directive(1, true), directive(2, false), directive(3, false)]);
    expect(conclusionInForce([earlier, latest])).toBe(latest);
    expect(conclusionInForce([])).toBeNull();
    expect(conclusionInForce(undefined)).toBeNull();
    expect(openDirectives(latest).map((d) => d.number)).toEqual([2, 3]);
    expect(openDirectives(null)).toEqual([]);
  });

  it("may be marked against only once a version newer than the one concluded on is in", () => {
    expect(mayMarkYet(conclusion([], 1), 1)).toBe(false);
    expect(mayMarkYet(conclusion([], 1), 2)).toBe(true);
  });
});

describe("marking a directive done", () => {
  it("needs changed blocks or a note", () => {
    expect(markDoneProblem([], "")).toBe("needsBlockOrNote");
    expect(markDoneProblem([], "   ")).toBe("needsBlockOrNote");
    expect(markDoneProblem([4], "")).toBeNull();
    expect(markDoneProblem([], "Đã trao đổi với Sở Tài chính")).toBeNull();
  });

  it("sends the engine's command with the note in NFC", () => {
    expect(markDoneCommand(2, [7], " Đã bổ sung ".normalize("NFD"))).toEqual({
      type: "mark_directive_done",
      directive: 2,
      blocks: [7],
      note: "Đã bổ sung",
    });
  });
});
