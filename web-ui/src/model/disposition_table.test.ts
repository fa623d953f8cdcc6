// @vitest-environment jsdom
import mammoth from "mammoth";
import { Packer } from "docx";
import { describe, expect, it } from "vitest";
import type { CommentInfo } from "../protocol";
import { commentInfo } from "./comment_fixture";
import { dispositionDocx } from "./disposition_docx";
import { dispositionCells, dispositionHeadings, dispositionRows } from "./disposition_table";
import type { DraftVersion } from "./history";

const versions: DraftVersion[] = [
  {
    number: 1,
    summary: "",
    at: 0,
    author: 1,
    blocks: [
      { id: 1, kind: "heading", level: 2, marker: "II.", text: "NHIỆM VỤ" },
      { id: 2, kind: "paragraph", level: 0, marker: "", text: "Đẩy mạnh tinh giản biên chế năm 2014" },
    ],
  },
];

const comments: CommentInfo[] = [
  commentInfo(1, {
    text: "Đề nghị bổ sung chỉ tiêu",
    disposition: {
      disposition: "accepted",
      explanation: "Đã bổ sung tại mục II",
      at: 0,
      by: 1,
      absorbed_in: [{ block: 4, current: true, kind: "item", marker: "2.3.", excerpt: "Giảm 1.240 biên chế" }],
    },
  }),
  commentInfo(2, {
    text: "Thời hạn quá gấp",
    author: 3,
    unit: 30,
    anchor: { kind: "passage", block: 2, start: 9, end: 27, quote: "tinh giản biên chế" },
    place: { outdated: true, block: 2, quote: "tinh giản biên chế" },
  }),
  commentInfo(3, { reply_to: 1, text: "Nhất trí" }),
  commentInfo(4, { text: "Rút lại", withdrawn: true }),
  commentInfo(5, { text: "Về nhiệm vụ", anchor: { kind: "block", block: 1 }, place: { outdated: false, block: 1 } }),
];
const names = {
  user: (id: number) => ({ 2: "Vũ Thị Lan", 3: "Lý Quốc Nam" })[id] ?? "?",
  unit: (id: number) => ({ 20: "Sở Tài chính", 30: "Sở Kế hoạch và Đầu tư" })[id] ?? "?",
};

describe("the disposition table", () => {
  const rows = dispositionRows(comments, versions, names, "vi");

  it("has one row per comment, replies and withdrawn comments left out, numbered in order", () => {
    expect(rows.map((r) => [r.no, r.commentId])).toEqual([[1, 1], [2, 2], [3, 5]]);
    expect(dispositionCells(rows[0]!, "vi")).toEqual([
      "1",
      "Toàn văn dự thảo",
      "Đề nghị bổ sung chỉ tiêu",
      "Sở Tài chính (Vũ Thị Lan)",
      "Tiếp thu: Đã bổ sung tại mục II\nĐã tiếp thu tại: mục 2.3",
    ]);
    expect(dispositionCells(rows[1]!, "vi")[4]).toBe("Chưa tiếp thu, giải trình");
  });

  it("names the part of the draft a comment was about, from the version it was made on", () => {
    expect(rows[1]!.content).toBe("“Đẩy mạnh tinh giản biên chế năm 2014”: “tinh giản biên chế”");
    expect(rows[2]!.content).toBe("mục II");
    expect(dispositionRows(comments, versions, names, "en")[2]!.content).toBe("item II");
    expect(dispositionHeadings("vi")).toEqual(["TT", "Nội dung dự thảo", "Nội dung góp ý", "Đơn vị góp ý", "Ý kiến giải trình, tiếp thu"]);
  });

  it("says in the reader's language when a comment is not yet answered", () => {
    expect(dispositionRows(comments, versions, names, "en")[1]!.disposition).toBe("Not yet answered");
  });

  it("exports as a Word document with every cell", async () => {
    const doc = await dispositionDocx(
      "Bảng tổng hợp, tiếp thu, giải trình ý kiến góp ý",
      "đối với dự thảo Kế hoạch cải cách",
      dispositionHeadings("vi"),
      rows.map((r) => dispositionCells(r, "vi")),
    );
    const buffer = await Packer.toBuffer(doc);
    const { value } = await mammoth.extractRawText({ buffer });
    for (const expected of [
      "BẢNG TỔNG HỢP, TIẾP THU, GIẢI TRÌNH Ý KIẾN GÓP Ý",
      "Đơn vị góp ý",
      "Sở Kế hoạch và Đầu tư (Lý Quốc Nam)",
      "Tiếp thu: Đã bổ sung tại mục II",
      "Đã tiếp thu tại: mục 2.3",
      "Chưa tiếp thu, giải trình",
    ])
      expect(value).toContain(expected);
  });
});
