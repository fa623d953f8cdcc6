// @vitest-environment jsdom
import mammoth from "mammoth";
import { Packer } from "docx";
import { describe, expect, it } from "vitest";
import type { CommentEntry, CommentThread } from "./history";
import { dispositionDocx } from "./disposition_docx";
import { dispositionCells, dispositionHeadings, dispositionRows } from "./disposition_table";

function comment(id: number, over: Partial<CommentEntry>): CommentEntry {
  return {
    id, replyTo: 0, text: "", author: 2, unit: 20, at: 0, onVersion: 1,
    disposition: null, explanation: "", disposedAt: null, recordedBy: 0, ...over,
  };
}

const threads: CommentThread[] = [
  {
    comment: comment(1, { text: "Đề nghị bổ sung chỉ tiêu", disposition: "accepted", explanation: "Đã bổ sung tại mục II" }),
    replies: [comment(3, { replyTo: 1, text: "Nhất trí" })],
  },
  { comment: comment(2, { text: "Thời hạn quá gấp", author: 3, unit: 30 }), replies: [] },
];
const names = {
  user: (id: number) => ({ 2: "Vũ Thị Lan", 3: "Lý Quốc Nam" })[id] ?? "?",
  unit: (id: number) => ({ 20: "Sở Tài chính", 30: "Sở Kế hoạch và Đầu tư" })[id] ?? "?",
};

describe("the disposition table", () => {
  const rows = dispositionRows(threads, names, "vi");

  it("has one row per comment, replies left out, numbered in order", () => {
    expect(rows.map((r) => [r.no, r.commentId])).toEqual([[1, 1], [2, 2]]);
    expect(dispositionCells(rows[0]!, "vi")).toEqual([
      "1",
      "Toàn văn dự thảo",
      "Đề nghị bổ sung chỉ tiêu",
      "Sở Tài chính (Vũ Thị Lan)",
      "Tiếp thu: Đã bổ sung tại mục II",
    ]);
    expect(dispositionCells(rows[1]!, "vi")[4]).toBe("Chưa tiếp thu, giải trình");
    expect(dispositionHeadings("vi")).toEqual(["TT", "Nội dung dự thảo", "Nội dung góp ý", "Đơn vị góp ý", "Ý kiến giải trình, tiếp thu"]);
  });

  it("says in the reader's language when a comment is not yet answered", () => {
    expect(dispositionRows(threads, names, "en")[1]!.disposition).toBe("Not yet answered");
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
      "Chưa tiếp thu, giải trình",
    ])
      expect(value).toContain(expected);
  });
});
