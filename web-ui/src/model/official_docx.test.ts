import mammoth from "mammoth";
import { Packer } from "docx";
import { describe, expect, it } from "vitest";
import { parseDraft } from "./document";
import { issuedLayout, symbolFileName, type IssuedFacts } from "./official";
import { issuedDocx } from "./official_docx";

const facts: IssuedFacts = {
  issuingBody: "Ủy ban nhân dân tỉnh Quảng Nam",
  symbol: "2301/QĐ-UBND",
  documentType: "QĐ",
  title: "Quyết định ban hành Kế hoạch tinh giản biên chế giai đoạn 2015 - 2021",
  place: "Quảng Nam",
  issuedAt: Date.parse("2013-07-30T03:00:00Z") / 1000,
  authority: "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
  signer: "Lê Phước Thanh",
  recipients: "- Như Điều 3;\n- Lưu: VT, NC.",
};

describe("issuedLayout", () => {
  it("lays out every element of Nghị định 30 from the issue's facts", () => {
    const l = issuedLayout(facts);
    expect(l.bodyLines).toEqual(["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NAM"]);
    expect(l.numberLine).toBe("Số: 2301/QĐ-UBND");
    expect(l.dateLine).toBe("Quảng Nam, ngày 30 tháng 7 năm 2013");
    expect(l.typeName).toBe("QUYẾT ĐỊNH");
    expect(l.summary).toBe("Ban hành Kế hoạch tinh giản biên chế giai đoạn 2015 - 2021");
    expect(l.authority).toEqual(["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]);
    expect(l.recipients).toEqual(["- Như Điều 3;", "- Lưu: VT, NC."]);
  });

  it("names files after the symbol without path characters", () => {
    expect(symbolFileName("2301/QĐ-UBND")).toBe("2301-QĐ-UBND");
    expect(symbolFileName("")).toBe("van-ban");
  });
});

describe("issuedDocx", () => {
  it("writes the whole document, head to signature, readable by Word importers", async () => {
    const blocks = parseDraft("Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.\nChỉ tiêu\tNăm 2021\nBiên chế\t2.710");
    const doc = await issuedDocx(issuedLayout(facts), blocks, "QUYẾT ĐỊNH 2301/QĐ-UBND");
    const { value } = await mammoth.extractRawText({ buffer: await Packer.toBuffer(doc) });
    const order = [
      "ỦY BAN NHÂN DÂN",
      "Số: 2301/QĐ-UBND",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "Quảng Nam, ngày 30 tháng 7 năm 2013",
      "QUYẾT ĐỊNH",
      "Ban hành Kế hoạch tinh giản biên chế",
      "Ban hành kèm theo Quyết định này Kế hoạch.",
      "2.710",
      "Nơi nhận:",
      "- Lưu: VT, NC.",
      "TM. ỦY BAN NHÂN DÂN",
      "KT. CHỦ TỊCH",
      "Lê Phước Thanh",
    ];
    let at = 0;
    for (const expected of order) {
      const found = value.indexOf(expected, at);
      expect(found, expected).toBeGreaterThanOrEqual(0);
      at = found + expected.length;
    }
  });
});
