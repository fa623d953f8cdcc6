import { describe, expect, it } from "vitest";
import { hitSourceKey, searchHref, snippetSegments } from "./search";

describe("snippetSegments", () => {
  it("cuts the snippet at its marks, keeping every character", () => {
    const snippet = "Cần làm rõ lộ trình tinh giản biên chế đến năm 2021";
    const segments = snippetSegments(snippet, [
      [20, 24],
      [25, 29],
    ]);
    expect(segments).toEqual([
      { text: "Cần làm rõ lộ trình ", mark: false },
      { text: "tinh", mark: true },
      { text: " ", mark: false },
      { text: "giản", mark: true },
      { text: " biên chế đến năm 2021", mark: false },
    ]);
    expect(segments.map((s) => s.text).join("")).toBe(snippet);
  });

  it("counts code points, not UTF-16 units", () => {
    // "𝔸" is two UTF-16 units and one code point.
    expect(snippetSegments("𝔸 Đà Nẵng", [[2, 4]])).toEqual([
      { text: "𝔸 ", mark: false },
      { text: "Đà", mark: true },
      { text: " Nẵng", mark: false },
    ]);
  });

  it("keeps markup as text", () => {
    const segments = snippetSegments("<img src=x onerror=alert(1)>", [[1, 4]]);
    expect(segments).toEqual([
      { text: "<", mark: false },
      { text: "img", mark: true },
      { text: " src=x onerror=alert(1)>", mark: false },
    ]);
  });

  it("clamps, merges and orders bad marks without losing text", () => {
    const snippet = "một hai ba";
    const segments = snippetSegments(snippet, [
      [8, 99],
      [-5, 3],
      [2, 6],
      [5, 5],
      [NaN, 2],
    ]);
    expect(segments).toEqual([
      { text: "một ha", mark: true },
      { text: "i ", mark: false },
      { text: "ba", mark: true },
    ]);
    expect(segments.map((s) => s.text).join("")).toBe(snippet);
  });

  it("gives the whole snippet unmarked when there are no marks, and nothing for nothing", () => {
    expect(snippetSegments("Dự thảo", [])).toEqual([{ text: "Dự thảo", mark: false }]);
    expect(snippetSegments("", [[0, 3]])).toEqual([]);
  });
});

describe("hitSourceKey and searchHref", () => {
  it("names what matched", () => {
    expect(hitSourceKey({ source: "comment", number: 3 })).toEqual({ key: "searchInComment", number: 3 });
    expect(hitSourceKey({ source: "version", number: 2 })).toEqual({ key: "searchInVersion", number: 2 });
    expect(hitSourceKey({ source: "symbol", number: 0 }).key).toBe("searchInSymbol");
    expect(hitSourceKey({ source: "title", number: 0 }).key).toBe("searchInTitle");
  });

  it("puts the query in the address, encoded", () => {
    expect(searchHref("  tinh giản & biên chế")).toBe("/search?q=tinh%20gi%E1%BA%A3n%20%26%20bi%C3%AAn%20ch%E1%BA%BF");
    expect(searchHref("bien che ")).toBe("/search?q=bien%20che%20");
    expect(searchHref("   ")).toBe("/search");
  });
});
