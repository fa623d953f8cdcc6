// @vitest-environment jsdom
// The whole import path on a real .docx: mammoth's HTML, then blocks.
import mammoth from "mammoth";
import { describe, expect, it } from "vitest";
import { planDocx } from "../../test-support/docx_fixture.mjs";
import { blocksFromHtml } from "./docx_html";

describe("importing a Word file", () => {
  it("keeps the heading, paragraph, numbered items, bullet and table", async () => {
    const bytes = planDocx({
      heading: "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH",
      paragraph: "Căn cứ Nghị quyết số 39-NQ/TW của Bộ Chính trị;",
      items: [["Mục đích", 0], ["Nâng cao chất lượng đội ngũ", 1], ["Yêu cầu", 0]],
      bullet: "Công khai, minh bạch",
      rows: [["Chỉ tiêu", "Năm 2025"], ["Công chức được đào tạo", "1.240"]],
    });
    // Under Node mammoth reads a Buffer (the browser build takes an
    // ArrayBuffer); the app's own types leave Node's out.
    const { Buffer } = globalThis as unknown as { Buffer: { from(b: Uint8Array): never } };
    const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
    const blocks = blocksFromHtml(html, (h) => new DOMParser().parseFromString(h, "text/html"));
    expect(blocks).toEqual([
      { kind: "heading", level: 1, marker: "", text: "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH" },
      { kind: "paragraph", level: 0, marker: "", text: "Căn cứ Nghị quyết số 39-NQ/TW của Bộ Chính trị;" },
      { kind: "item", level: 1, marker: "1.", text: "Mục đích" },
      { kind: "item", level: 2, marker: "1.1.", text: "Nâng cao chất lượng đội ngũ" },
      { kind: "item", level: 1, marker: "2.", text: "Yêu cầu" },
      { kind: "item", level: 1, marker: "–", text: "Công khai, minh bạch" },
      { kind: "table", level: 0, marker: "", text: "", rows: [["Chỉ tiêu", "Năm 2025"], ["Công chức được đào tạo", "1.240"]] },
    ]);
  });
});
