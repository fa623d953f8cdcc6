import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatNumber, formatPercent } from "./format";

const utc = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h, min) / 1000;

describe("formatNumber", () => {
  it("groups thousands with a dot in Vietnamese", () => {
    expect(formatNumber(1240, "vi")).toBe("1.240");
    expect(formatNumber(1234567, "vi")).toBe("1.234.567");
    expect(formatNumber(999, "vi")).toBe("999");
    expect(formatNumber(0, "vi")).toBe("0");
  });
  it("uses a comma for decimals in Vietnamese and drops trailing zeros", () => {
    expect(formatNumber(1240.5, "vi")).toBe("1.240,5");
    expect(formatNumber(3.14159, "vi")).toBe("3,14");
    expect(formatNumber(2.0, "vi")).toBe("2");
  });
  it("uses English separators in English", () => {
    expect(formatNumber(1240, "en")).toBe("1,240");
    expect(formatNumber(1240.5, "en")).toBe("1,240.5");
  });
  it("keeps the sign, but not on a value that rounds to zero", () => {
    expect(formatNumber(-1240, "vi")).toBe("-1.240");
    expect(formatNumber(-0.001, "vi")).toBe("0");
  });
});

describe("formatPercent", () => {
  it("puts a space before % in Vietnamese", () => {
    expect(formatPercent(52.34, "vi")).toBe("52,34 %");
    expect(formatPercent(100, "vi")).toBe("100 %");
  });
  it("writes 52.34% in English", () => {
    expect(formatPercent(52.34, "en")).toBe("52.34%");
  });
});

describe("formatDate", () => {
  it("writes day/month/year without leading zeros", () => {
    expect(formatDate(utc(2024, 3, 25, 3), "vi")).toBe("25/3/2024");
    expect(formatDate(utc(2024, 12, 5, 3), "vi")).toBe("5/12/2024");
  });
  it("reads the day on Vietnam's clock (UTC+7), whatever the machine's zone", () => {
    // 17:30 UTC on 24 March is already 00:30 on 25 March in Hà Nội.
    expect(formatDate(utc(2024, 3, 24, 17, 30), "vi")).toBe("25/3/2024");
    expect(formatDate(utc(2024, 3, 24, 16, 59), "vi")).toBe("24/3/2024");
  });
  it("writes 25 Mar 2024 in English", () => {
    expect(formatDate(utc(2024, 3, 25, 3), "en")).toBe("25 Mar 2024");
  });
});

describe("formatDateTime", () => {
  it("writes 17:00 25/3/2024 in Vietnamese, on Vietnam's clock", () => {
    expect(formatDateTime(utc(2024, 3, 25, 10), "vi")).toBe("17:00 25/3/2024");
    expect(formatDateTime(utc(2024, 3, 24, 17, 5), "vi")).toBe("00:05 25/3/2024");
  });
  it("writes 17:00, 25 Mar 2024 in English", () => {
    expect(formatDateTime(utc(2024, 3, 25, 10), "en")).toBe("17:00, 25 Mar 2024");
  });
});
