import { describe, expect, it } from "vitest";
import { formatRemaining, remaining } from "./countdown";

const H = 3600;
const D = 24 * H;

describe("countdown", () => {
  it("gives days and hours when a day or more is left", () => {
    expect(formatRemaining(remaining(2 * D + 3 * H + 59, 0), "vi")).toBe("Còn 2 ngày 3 giờ");
    expect(formatRemaining(remaining(2 * D + 3 * H, 0), "en")).toBe("2 days 3 hours left");
    expect(formatRemaining(remaining(D, 0), "en")).toBe("1 day left");
  });

  it("gives hours and minutes on the last day, and says when it is overdue", () => {
    expect(formatRemaining(remaining(5 * H + 10 * 60, 0), "vi")).toBe("Còn 5 giờ 10 phút");
    expect(formatRemaining(remaining(0, 5 * H + 600), "vi")).toBe("Quá hạn 5 giờ 10 phút");
    expect(formatRemaining(remaining(0, 90), "en")).toBe("Overdue by 1 minute");
    expect(formatRemaining(remaining(30, 0), "vi")).toBe("Còn 0 phút");
  });
});
