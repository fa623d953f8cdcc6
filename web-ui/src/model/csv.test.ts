import { describe, expect, it } from "vitest";
import { toCsv } from "./csv";

describe("toCsv", () => {
  it("quotes what needs quoting and starts with a byte order mark", () => {
    expect(toCsv([["STT", "Ý kiến"], ["1", 'Đề nghị "bổ sung", sửa\nmục 2']])).toBe(
      '\uFEFFSTT,Ý kiến\r\n1,"Đề nghị ""bổ sung"", sửa\nmục 2"\r\n',
    );
  });

  it("keeps spreadsheet formulas from running", () => {
    expect(toCsv([["=HYPERLINK(\"x\")", "-5", "+1", "@a", "a=b"]])).toBe(
      "\uFEFF\"'=HYPERLINK(\"\"x\"\")\",'-5,'+1,'@a,a=b\r\n",
    );
  });
});
