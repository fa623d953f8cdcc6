import { describe, expect, it } from "vitest";
import {
  formatProblems,
  issueDefaults,
  issuingBodyLines,
  officialDate,
  placeOf,
  summaryOf,
  type OfficialDocument,
} from "./official";

const at = (iso: string) => Date.parse(iso) / 1000;

describe("officialDate", () => {
  it("writes the date as Nghị định 30 asks, on Vietnam time", () => {
    expect(officialDate("Quảng Nam", at("2013-07-30T03:00:00Z"))).toBe("Quảng Nam, ngày 30 tháng 7 năm 2013");
    expect(officialDate("Quảng Nam", at("2026-02-05T03:00:00Z"))).toBe("Quảng Nam, ngày 05 tháng 02 năm 2026");
    expect(officialDate("Hà Nội", at("2024-12-09T03:00:00Z"))).toBe("Hà Nội, ngày 09 tháng 12 năm 2024");
    // 20:00 UTC on 31 December is already 1 January in Vietnam.
    expect(officialDate("Quảng Nam", at("2024-12-31T20:00:00Z"))).toBe("Quảng Nam, ngày 01 tháng 01 năm 2025");
  });
});

describe("issuingBodyLines", () => {
  it("puts a department's superior body above it, in capitals", () => {
    expect(issuingBodyLines("Ủy ban nhân dân tỉnh Quảng Nam")).toEqual(["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NAM"]);
    expect(issuingBodyLines("Sở Nội vụ tỉnh Quảng Nam")).toEqual(["UBND TỈNH QUẢNG NAM", "SỞ NỘI VỤ"]);
    expect(issuingBodyLines("Văn phòng Chính phủ")).toEqual(["VĂN PHÒNG CHÍNH PHỦ"]);
  });
});

describe("formatProblems", () => {
  const good: OfficialDocument = {
    issuingBody: "Ủy ban nhân dân tỉnh Quảng Nam",
    symbol: "05/KH-UBND",
    place: "Quảng Nam",
    issuedAt: 0,
    documentType: "KH",
    summary: "Đẩy mạnh cải cách chế độ công vụ, công chức",
    authority: "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
    signer: "Phan Thanh Hà",
    recipients: "- Bộ Nội vụ;\n- TT Tỉnh ủy;\n- Lưu: VT, NC.",
  };

  it("finds nothing wrong with a well-formed plan", () => {
    expect(formatProblems(good)).toEqual([]);
    expect(formatProblems({ ...good, symbol: "" })).toEqual([]);
    expect(formatProblems({ ...good, authority: "CHỦ TỊCH" })).toEqual([]);
  });

  it("names each missing or malformed element", () => {
    expect(formatProblems({ ...good, symbol: "5/KH-UBND" })).toEqual(["symbolForm"]);
    expect(formatProblems({ ...good, symbol: "05/QĐ-UBND" })).toEqual(["symbolType"]);
    expect(formatProblems({ ...good, authority: "ỦY BAN NHÂN DÂN\nCHỦ TỊCH" })).toEqual(["authorityPrefix"]);
    expect(formatProblems({ ...good, recipients: "- Bộ Nội vụ;" })).toEqual(["recipientsLuu"]);
    expect(
      formatProblems({ ...good, issuingBody: "", place: " ", documentType: "XX", summary: "", authority: "", signer: "", recipients: "" }),
    ).toEqual(["noIssuingBody", "symbolType", "noPlace", "unknownType", "noSummary", "noAuthority", "noSigner", "noRecipients"]);
  });
});

describe("the issue form's starting values", () => {
  it("reads the summary, the place and the usual authority from the dossier", () => {
    expect(summaryOf("Kế hoạch đẩy mạnh cải cách chế độ công vụ", "KH")).toBe("Đẩy mạnh cải cách chế độ công vụ");
    expect(summaryOf("Về việc tăng cường kỷ luật", "KH")).toBe("Về việc tăng cường kỷ luật");
    expect(placeOf("Ủy ban nhân dân tỉnh Quảng Nam")).toBe("Quảng Nam");
    expect(placeOf("Ủy ban nhân dân thành phố Đà Nẵng")).toBe("Đà Nẵng");
    expect(issueDefaults("Ủy ban nhân dân tỉnh Quảng Nam", "Phan Thanh Hà")).toEqual({
      place: "Quảng Nam",
      authority: "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
      signer: "Phan Thanh Hà",
      recipients: "- Như trên;\n- Lưu: VT.",
    });
  });
});
