import { describe, expect, it } from "vitest";
import { urgency } from "./urgency";

const now = 1_711_360_800;
const hour = 3600;

describe("urgency", () => {
  it("is overdue once the deadline has passed", () => {
    expect(urgency(now - 1, now)).toBe("overdue");
  });
  it("is soon within two days, the deadline itself included", () => {
    expect(urgency(now, now)).toBe("soon");
    expect(urgency(now + 48 * hour, now)).toBe("soon");
  });
  it("is normal further out, and none without a deadline", () => {
    expect(urgency(now + 48 * hour + 1, now)).toBe("normal");
    expect(urgency(null, now)).toBe("none");
  });
});
