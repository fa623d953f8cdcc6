// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { blocksFromHtml } from "./docx_html";

const parse = (html: string) => new DOMParser().parseFromString(html, "text/html");

describe("blocksFromHtml (mammoth's HTML of a .docx)", () => {
  it("keeps headings, paragraphs, nested numbered lists and tables", () => {
    const html = [
      "<h1>KẾ HOẠCH</h1>",
      "<h2>I. MỤC ĐÍCH, YÊU CẦU</h2>",
      "<p>Căn cứ <strong>Nghị quyết</strong> số 39-NQ/TW;</p>",
      "<ol><li>Mục đích<ol><li>Nâng cao chất lượng</li><li>Tinh giản biên chế</li></ol></li><li>Yêu cầu</li></ol>",
      "<ul><li>Công khai</li></ul>",
      "<table><tr><td><p>Chỉ tiêu</p></td><td>2025</td></tr><tr><td>Đào tạo</td><td>1.240</td></tr></table>",
      "<p>   </p>",
    ].join("");
    expect(blocksFromHtml(html, parse)).toEqual([
      { kind: "heading", level: 1, marker: "", text: "KẾ HOẠCH" },
      { kind: "heading", level: 2, marker: "I.", text: "MỤC ĐÍCH, YÊU CẦU" },
      { kind: "paragraph", level: 0, marker: "", text: "Căn cứ Nghị quyết số 39-NQ/TW;" },
      { kind: "item", level: 1, marker: "1.", text: "Mục đích" },
      { kind: "item", level: 2, marker: "1.1.", text: "Nâng cao chất lượng" },
      { kind: "item", level: 2, marker: "1.2.", text: "Tinh giản biên chế" },
      { kind: "item", level: 1, marker: "2.", text: "Yêu cầu" },
      { kind: "item", level: 1, marker: "–", text: "Công khai" },
      { kind: "table", level: 0, marker: "", text: "", rows: [["Chỉ tiêu", "2025"], ["Đào tạo", "1.240"]] },
    ]);
  });

  it("takes text only: scripts, images and links are never more than their words", () => {
    const html = '<p>Xem <a href="javascript:alert(1)">tại đây</a><img src=x onerror="alert(1)"></p><script>alert(1)</script>';
    expect(blocksFromHtml(html, parse)).toEqual([{ kind: "paragraph", level: 0, marker: "", text: "Xem tại đây" }]);
  });

  it("reads numbered paragraphs typed by hand as items, in NFC", () => {
    expect(blocksFromHtml("<p>a) Tuye\u0302̉n dụng</p>", parse)).toEqual([
      { kind: "item", level: 2, marker: "a)", text: "Tuyển dụng" },
    ]);
  });
});
