import { describe, expect, it } from "vitest";
import {
  absorbedText,
  blockLabel,
  codePointLength,
  commentThreads,
  layOutComments,
  markPassages,
  passageAnchor,
  passagesOf,
} from "./comments";
import { commentInfo } from "./comment_fixture";

describe("passage anchors", () => {
  const text = "Đẩy mạnh tinh giản biên chế năm 2014";

  it("count code points, as the engine does, not UTF-16 units or bytes", () => {
    expect(codePointLength("tinh giản biên chế")).toBe(18);
    expect(codePointLength("𠀀 chữ Nôm")).toBe(9); // an astral character is two UTF-16 units
    // The server test's passage: code points 9 to 27.
    expect(passageAnchor(2, text, 9, 27)).toEqual({ kind: "passage", block: 2, start: 9, end: 27, quote: "tinh giản biên chế" });
  });

  it("take a selection made backwards, and leave out the white space at its edges", () => {
    expect(passageAnchor(2, text, 28, 8)).toEqual({ kind: "passage", block: 2, start: 9, end: 27, quote: "tinh giản biên chế" });
    expect(passageAnchor(2, text, 8, 9)).toBeNull();
  });

  it("measure offsets after astral characters in code points", () => {
    const nom = "Chữ 𠀀 và 𠀀 nữa";
    // "và" starts at UTF-16 index 7 but code point 6.
    expect(passageAnchor(5, nom, 7, 9)).toEqual({ kind: "passage", block: 5, start: 6, end: 8, quote: "và" });
    // A selection edge inside a surrogate pair takes the whole character.
    expect(passageAnchor(5, nom, 5, 6)?.quote).toBe("𠀀");
  });

  it("compose decomposed text first, so offsets match the engine's NFC text", () => {
    const decomposed = "Tie\u0302\u0301p thu";
    expect(passageAnchor(1, decomposed, 0, 4)).toEqual({ kind: "passage", block: 1, start: 0, end: 4, quote: "Tiếp" });
  });
});

describe("marking passages in a block", () => {
  it("cuts the text where passages begin and end, overlaps included", () => {
    expect(markPassages("Chữ 𠀀 và tiếp", [{ start: 4, end: 8, comment: 1 }, { start: 6, end: 13, comment: 2 }])).toEqual([
      { text: "Chữ ", comments: [] },
      { text: "𠀀 ", comments: [1] },
      { text: "và", comments: [1, 2] },
      { text: " tiếp", comments: [2] },
    ]);
  });
  it("leaves text without passages whole, and cuts ranges past the end", () => {
    expect(markPassages("Một đoạn", [])).toEqual([{ text: "Một đoạn", comments: [] }]);
    expect(markPassages("Một", [{ start: 1, end: 99, comment: 4 }])).toEqual([
      { text: "M", comments: [] },
      { text: "ột", comments: [4] },
    ]);
  });
});

describe("threads and their places", () => {
  const comments = [
    commentInfo(1, { anchor: { kind: "block", block: 3 }, place: { outdated: false, block: 3 } }),
    commentInfo(2),
    commentInfo(3, { reply_to: 1 }),
    commentInfo(4, { reply_to: 3 }),
    commentInfo(5, {
      anchor: { kind: "passage", block: 2, start: 9, end: 27, quote: "tinh giản biên chế" },
      place: { outdated: true, block: 2, quote: "tinh giản biên chế", block_text: "Đẩy mạnh tinh giản biên chế năm 2014" },
    }),
    commentInfo(6, {
      anchor: { kind: "passage", block: 3, start: 0, end: 7, quote: "Rà soát" },
      place: { outdated: false, block: 7, start: 11, end: 18 },
    }),
    commentInfo(7, { anchor: { kind: "passage", block: 7, start: 0, end: 2, quote: "Rà" }, place: { outdated: false, block: 7, start: 0, end: 2 }, withdrawn: true }),
  ];

  it("thread each reply under the comment it answers, however deep", () => {
    const threads = commentThreads(comments);
    expect(threads.map((t) => t.comment.id)).toEqual([1, 2, 5, 6, 7]);
    expect(threads[0]!.replies.map((t) => t.comment.id)).toEqual([3]);
    expect(threads[0]!.replies[0]!.replies.map((t) => t.comment.id)).toEqual([4]);
  });

  it("put threads under the block they stand in now, the whole draft's and the outdated apart", () => {
    const layout = layOutComments(comments);
    expect([...layout.byBlock.keys()]).toEqual([3, 7]);
    expect(layout.byBlock.get(3)!.map((t) => t.comment.id)).toEqual([1]);
    // Comment 6 was made on block 3 and found again in block 7.
    expect(layout.byBlock.get(7)!.map((t) => t.comment.id)).toEqual([6, 7]);
    expect(layout.document.map((t) => t.comment.id)).toEqual([2]);
    expect(layout.outdated.map((t) => t.comment.id)).toEqual([5]);
    expect(passagesOf(layout.byBlock.get(7)!)).toEqual([{ start: 11, end: 18, comment: 6 }]);
  });
});

describe("naming blocks", () => {
  it("by number, heading, or first words", () => {
    expect(blockLabel({ kind: "item", marker: "2.3.", text: "Giảm 1.240 biên chế" }, "vi")).toBe("mục 2.3");
    expect(blockLabel({ kind: "heading", marker: "II.", text: "NHIỆM VỤ" }, "en")).toBe("item II");
    expect(blockLabel({ kind: "heading", marker: "", text: "Yêu cầu" }, "vi")).toBe("Yêu cầu");
    expect(blockLabel({ kind: "item", marker: "–", text: "Rà soát vị trí" }, "vi")).toBe("“Rà soát vị trí”");
    expect(blockLabel({ kind: "paragraph", marker: "", text: "Một hai ba bốn năm sáu bảy tám chín mười" }, "vi")).toBe(
      "“Một hai ba bốn năm sáu bảy tám…”",
    );
    expect(blockLabel({ kind: "table", marker: "", text: "Chỉ tiêu | Năm 2015" }, "vi")).toBe("bảng");
    expect(blockLabel({ kind: null, marker: null, text: null }, "vi")).toBe("khối không có nội dung");
  });

  it("say where a comment was taken in", () => {
    expect(
      absorbedText(
        [
          { block: 4, current: true, kind: "item", marker: "2.3.", excerpt: "Giảm 1.240 biên chế" },
          { block: 7, current: true, kind: "paragraph", marker: "", excerpt: "Rà soát vị trí việc làm" },
        ],
        "vi",
      ),
    ).toBe("Đã tiếp thu tại: mục 2.3; “Rà soát vị trí việc làm”");
    expect(absorbedText([], "vi")).toBe("");
    expect(absorbedText([{ block: 4, current: true, kind: "item", marker: "2.3.", excerpt: "" }], "en")).toBe("Taken in at: item 2.3");
  });
});
