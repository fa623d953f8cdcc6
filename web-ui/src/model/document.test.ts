import { describe, expect, it } from "vitest";
import { blocksToText, parseDraft, type Block } from "./document";

const p = (text: string): Block => ({ kind: "paragraph", level: 0, marker: "", text });

describe("parseDraft", () => {
  it("reads the parts of a Vietnamese plan", () => {
    const text = [
      "KẾ HOẠCH",
      "Đẩy mạnh cải cách chế độ công vụ, công chức",
      "",
      "I. MỤC ĐÍCH, YÊU CẦU",
      "1. Mục đích",
      "1.1. Nâng cao chất lượng đội ngũ",
      "a) Tuyển dụng đúng người",
      "- Thi tuyển công khai",
      "## Phụ lục",
    ].join("\n");
    expect(parseDraft(text)).toEqual([
      { kind: "heading", level: 1, marker: "", text: "KẾ HOẠCH" },
      p("Đẩy mạnh cải cách chế độ công vụ, công chức"),
      { kind: "heading", level: 2, marker: "I.", text: "MỤC ĐÍCH, YÊU CẦU" },
      { kind: "item", level: 1, marker: "1.", text: "Mục đích" },
      { kind: "item", level: 2, marker: "1.1.", text: "Nâng cao chất lượng đội ngũ" },
      { kind: "item", level: 2, marker: "a)", text: "Tuyển dụng đúng người" },
      { kind: "item", level: 3, marker: "–", text: "Thi tuyển công khai" },
      { kind: "heading", level: 2, marker: "", text: "Phụ lục" },
    ]);
  });

  it("reads tab-separated lines as one table, ended by a blank line", () => {
    const text = "Chỉ tiêu\tNăm 2024\tNăm 2025\nCông chức được đào tạo\t1.240\t1.500\n\nGhi chú\tx";
    expect(parseDraft(text)).toEqual([
      {
        kind: "table", level: 0, marker: "", text: "",
        rows: [["Chỉ tiêu", "Năm 2024", "Năm 2025"], ["Công chức được đào tạo", "1.240", "1.500"]],
      },
      { kind: "table", level: 0, marker: "", text: "", rows: [["Ghi chú", "x"]] },
    ]);
  });

  it("keeps markup as text and joins nothing", () => {
    expect(parseDraft("<b>đậm</b>\r\n<script>x</script>")).toEqual([p("<b>đậm</b>"), p("<script>x</script>")]);
  });

  it("normalizes to NFC and treats short capitals as text", () => {
    expect(parseDraft("Ke\u0302\u0301 hoa\u0323ch")).toEqual([p("Kế hoạch")]);
    expect(parseDraft("UB")).toEqual([p("UB")]);
    expect(parseDraft("2024")).toEqual([p("2024")]);
  });
});

describe("blocksToText", () => {
  it("writes blocks so that parseDraft reads them back the same", () => {
    const blocks: Block[] = [
      { kind: "heading", level: 1, marker: "", text: "KẾ HOẠCH" },
      { kind: "heading", level: 1, marker: "", text: "Phụ lục" },
      { kind: "heading", level: 2, marker: "II.", text: "NHIỆM VỤ" },
      { kind: "item", level: 1, marker: "2.", text: "Đào tạo" },
      { kind: "item", level: 3, marker: "–", text: "Bồi dưỡng" },
      { kind: "table", level: 0, marker: "", text: "", rows: [["A", "B"], ["1", "2"]] },
      p("Nơi nhận"),
    ];
    expect(parseDraft(blocksToText(blocks))).toEqual(blocks);
  });

  it("keeps tabs and line breaks inside cells from breaking the table", () => {
    const table: Block = { kind: "table", level: 0, marker: "", text: "", rows: [["a\tb", "c\nd"]] };
    expect(parseDraft(blocksToText([table]))).toEqual([{ ...table, rows: [["a b", "c d"]] }]);
  });
});
