import { describe, expect, it } from "vitest";
import type { DirectiveInfo } from "../protocol";
import type { Block } from "./document";
import { directiveBlockIds, directiveRedline } from "./directive_redline";
import type { DraftVersion } from "./history";
import { redline } from "./redline";

const item = (id: number, text: string): Block => ({ id, kind: "item", level: 1, marker: `${id}.`, text });
const version = (number: number, blocks: Block[]): DraftVersion => ({ number, summary: "", blocks, at: number, author: 1 });

const v1 = version(1, [item(1, "Mục đích"), item(2, "Tuyển dụng 100 công chức"), item(3, "Kinh phí")]);
const v2 = version(2, [item(1, "Mục đích"), item(2, "Tuyển dụng 120 công chức"), item(4, "Đào tạo 1.240 công chức")]);

const directive = (blocks: number[], done: number[] | null): DirectiveInfo => ({
  number: 1,
  text: "Điều chỉnh chỉ tiêu",
  blocks,
  comments: [],
  done: done ? { at: 5, by: 2, blocks: done, note: "", version: 2 } : null,
});

describe("the blocks a directive's redline shows", () => {
  it("takes the blocks marked done first, then those pointed at, each once", () => {
    expect(directiveBlockIds(directive([2], [4, 2]), v2.blocks)).toEqual([4, 2]);
  });

  it("leaves out a block pointed at that the latest version no longer has", () => {
    expect(directiveBlockIds(directive([3, 2], null), v2.blocks)).toEqual([2]);
    expect(directiveBlockIds(directive([3], null), v2.blocks)).toEqual([]);
  });
});

describe("a directive's redline", () => {
  it("compares the version concluded on with the latest, on its blocks only", () => {
    const r = directiveRedline(directive([2], [4]), [v1, v2], 1)!;
    expect(r.beforeVersion).toBe(1);
    expect(r.afterVersion).toBe(2);
    const rows = redline(r.before, r.after);
    expect(rows.map((x) => x.change)).toEqual(["changed", "added"]);
    const changed = rows[0]!;
    if (changed.change !== "changed") throw new Error("block 2 should read as changed");
    expect(changed.words.filter((w) => w.change === "added").map((w) => w.text)).toEqual(["120"]);
  });

  it("is absent without a newer version, or without a block to show", () => {
    expect(directiveRedline(directive([2], null), [v1], 1)).toBeNull();
    expect(directiveRedline(directive([], null), [v1, v2], 1)).toBeNull();
    expect(directiveRedline(directive([3], null), [v1, v2], 1)).toBeNull();
    // A version the history does not have cannot be compared.
    expect(directiveRedline(directive([2], null), [v1, v2], 7)).toBeNull();
  });

  it("shows a marked block the latest version dropped as removed", () => {
    const v3 = version(3, [item(1, "Mục đích")]);
    const r = directiveRedline(directive([], [2]), [v1, v2, v3], 1)!;
    expect(redline(r.before, r.after).map((x) => x.change)).toEqual(["removed"]);
  });
});
