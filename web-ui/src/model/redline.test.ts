import { describe, expect, it } from "vitest";
import type { Block } from "./document";
import { redline, redlineCounts, wordChanges } from "./redline";

const para = (id: number | undefined, text: string): Block => ({
  ...(id ? { id } : {}),
  kind: "paragraph",
  level: 0,
  marker: "",
  text,
});
const shape = (rows: ReturnType<typeof redline>) =>
  rows.map((r) => `${r.change}:${"after" in r ? r.after.text : r.before.text}`);

describe("wordChanges", () => {
  it("compares Vietnamese by whole words, whatever the Unicode form", () => {
    const before = "Nâng cao chất lượng đội ngũ cán bộ, công chức".normalize("NFD");
    const after = "Nâng cao hơn nữa chất lượng đội ngũ cán bộ, công chức, viên chức";
    expect(wordChanges(before, after)).toEqual([
      { text: "Nâng cao ", change: "same" },
      { text: "hơn nữa ", change: "added" },
      { text: "chất lượng đội ngũ cán bộ, công chức", change: "same" },
      { text: ", viên chức", change: "added" },
    ]);
  });

  it("shows a replaced word as removed then added", () => {
    expect(wordChanges("tinh giản biên chế 10%", "tinh giản biên chế 15%")).toEqual([
      { text: "tinh giản biên chế ", change: "same" },
      { text: "10", change: "removed" },
      { text: "15", change: "added" },
      { text: "%", change: "same" },
    ]);
  });
});

describe("redline by block ids", () => {
  const v1 = [para(1, "Mục đích"), para(2, "Tuyển dụng 100 công chức"), para(3, "Tổ chức thực hiện"), para(4, "Kinh phí")];

  it("pairs edited blocks by id and places removed ones where they stood", () => {
    const v2 = [para(1, "Mục đích"), para(2, "Tuyển dụng 120 công chức"), para(5, "Đào tạo, bồi dưỡng"), para(4, "Kinh phí")];
    const rows = redline(v1, v2);
    expect(shape(rows)).toEqual([
      "same:Mục đích",
      "changed:Tuyển dụng 120 công chức",
      "added:Đào tạo, bồi dưỡng",
      "removed:Tổ chức thực hiện",
      "same:Kinh phí",
    ]);
    expect(redlineCounts(rows)).toEqual({ same: 2, changed: 1, added: 1, removed: 1 });
  });

  it("shows a block moved back where it now stands, and loses nothing", () => {
    // "Tổ chức thực hiện" stood just before "Kinh phí", now first.
    const v2 = [v1[3]!, v1[0]!, v1[1]!];
    expect(shape(redline(v1, v2))).toEqual([
      "removed:Tổ chức thực hiện",
      "same:Kinh phí",
      "same:Mục đích",
      "same:Tuyển dụng 100 công chức",
    ]);
  });

  it("compares a version with itself as all the same", () => {
    expect(redlineCounts(redline(v1, v1))).toEqual({ same: 4, changed: 0, added: 0, removed: 0 });
  });
});

describe("redline of versions without ids", () => {
  it("pairs by text, reading a removal next to an addition as an edit", () => {
    const v1 = [para(undefined, "A"), para(undefined, "B cũ"), para(undefined, "C")];
    const v2 = [para(undefined, "A"), para(undefined, "B mới"), para(undefined, "C"), para(undefined, "D")];
    expect(shape(redline(v1, v2))).toEqual(["same:A", "changed:B mới", "same:C", "added:D"]);
  });
});
