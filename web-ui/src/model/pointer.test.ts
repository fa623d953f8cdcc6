import { describe, expect, it } from "vitest";
import { fieldOfPointer } from "./pointer";

describe("fieldOfPointer", () => {
  it("names the field a server error is about", () => {
    expect(fieldOfPointer("/command/inputs/deadline")).toBe("deadline");
    expect(fieldOfPointer("/command/text")).toBe("text");
    expect(fieldOfPointer("/command/bindings/2/role")).toBe("bindings");
    expect(fieldOfPointer("/command/inputs")).toBe("inputs");
  });

  it("leaves errors about the request as a whole to the form", () => {
    expect(fieldOfPointer(undefined)).toBe("");
    expect(fieldOfPointer("/version")).toBe("");
    expect(fieldOfPointer("/command")).toBe("");
  });
});
