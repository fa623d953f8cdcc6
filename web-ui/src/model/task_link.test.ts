import { describe, expect, it } from "vitest";
import { inboxHref, inboxKey, taskAnchor, taskHref, taskOfHash } from "./task_link";

describe("links to a task's card", () => {
  it("name the card's id in the address", () => {
    expect(taskAnchor(3)).toBe("task-3");
    expect(taskHref(4, 3)).toBe("/dossiers/4#task-3");
    expect(taskOfHash("#task-3")).toBe(3);
    expect(taskOfHash("#task-120")).toBe(120);
  });
  it("read no task from any other fragment", () => {
    for (const hash of ["", "#", "#task-", "#task-0", "#task-03", "#task-3x", "#comments", "#task-1234567890"])
      expect(taskOfHash(hash)).toBeNull();
  });
});

describe("inbox items", () => {
  const followUp = { dossier: 4, task: "progress_report_request", role: "implementer", subject: 3 };
  const other = { dossier: 4, task: "write_draft", role: "drafter", subject: null };
  it("lead a follow-up to its task's card, anything else to the dossier", () => {
    expect(inboxHref(followUp)).toBe("/dossiers/4#task-3");
    expect(inboxHref(other)).toBe("/dossiers/4");
  });
  it("tell apart the same follow-up open for two tasks", () => {
    expect(inboxKey(followUp)).not.toBe(inboxKey({ ...followUp, subject: 5 }));
    expect(inboxKey(other)).toBe("4/write_draft/drafter/");
  });
});
