import { describe, expect, it } from "vitest";
import { citation, citationDate, correctionStart, type CitedDocument } from "./correction";

const plan: CitedDocument = {
  documentType: "KH",
  symbol: "01/KH-UBND",
  issuedAt: Date.parse("2013-07-30T03:00:00Z") / 1000,
  issuerName: "Ủy ban nhân dân tỉnh Quảng Nam",
};

describe("citations of an issued document", () => {
  it("gives the type, number and day of issue, Vietnam time", () => {
    expect(citation(plan)).toBe("Kế hoạch số 01/KH-UBND ngày 30/7/2013 của Ủy ban nhân dân tỉnh Quảng Nam");
    // 20:00 UTC on 31 December is already the new year in Vietnam.
    expect(citationDate(Date.parse("2024-12-31T20:00:00Z") / 1000)).toBe("1/1/2025");
    expect(citation({ ...plan, issuerName: " " })).toBe("Kế hoạch số 01/KH-UBND ngày 30/7/2013");
  });

  it("starts a correction as a decision when the workflow has decisions", () => {
    expect(correctionStart(plan, ["KH", "QĐ"])).toEqual({
      documentType: "QĐ",
      title: "Quyết định về việc đính chính Kế hoạch số 01/KH-UBND ngày 30/7/2013 của Ủy ban nhân dân tỉnh Quảng Nam",
    });
    expect(correctionStart(plan, ["KH"]).documentType).toBe("KH");
    expect(correctionStart(plan, ["KH"]).title.startsWith("Kế hoạch về việc đính chính")).toBe(true);
  });
});
