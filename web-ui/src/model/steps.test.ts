import { describe, expect, it } from "vitest";
import type { WorkflowInfo } from "../protocol";
import { stepsOf, visitedStates } from "./steps";

const t = (vi: string) => ({ vi, en: vi });
const plan: WorkflowInfo = {
  id: "plan",
  version: 1,
  title: t("Kế hoạch"),
  description: t(""),
  document_types: ["KH"],
  initial: "drafting",
  participant_managers: ["drafter"],
  roles: [],
  actions: [],
  states: [
    { id: "drafting", title: t("Dự thảo"), final: false },
    { id: "consultation", title: t("Lấy ý kiến"), final: false },
    { id: "conclusion", title: t("Kết luận"), final: false },
    { id: "revision", title: t("Tiếp thu"), final: false },
    { id: "issuance", title: t("Ban hành"), final: false },
    { id: "implementation", title: t("Triển khai"), final: false },
    { id: "closed", title: t("Đã hoàn thành"), final: true },
    { id: "withdrawn", title: t("Đã rút"), final: true },
  ],
};

describe("stepsOf", () => {
  it("marks steps before the current one done and the rest ahead", () => {
    const steps = stepsOf(plan, "conclusion", new Set());
    expect(steps.map((s) => `${s.id}:${s.status}`)).toEqual([
      "drafting:done",
      "consultation:done",
      "conclusion:current",
      "revision:ahead",
      "issuance:ahead",
      "implementation:ahead",
    ]);
  });

  it("shows an ended dossier's end as the current step, with only the steps it reached done", () => {
    const history = [{ event: { type: "action_taken", data: { to: "withdrawn" } } }];
    const steps = stepsOf(plan, "withdrawn", visitedStates("drafting", history));
    expect(steps.map((s) => `${s.id}:${s.status}`)).toEqual([
      "drafting:done",
      "consultation:ahead",
      "conclusion:ahead",
      "revision:ahead",
      "issuance:ahead",
      "implementation:ahead",
      "withdrawn:current",
    ]);
  });
});
