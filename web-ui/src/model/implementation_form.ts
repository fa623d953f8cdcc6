// The forms of the implementation step as commands: a task to add (with
// its optional numeric target and milestones), the campaign window, and a
// progress report. What people type is read here: numbers the way they
// write them ("24.390", "52,5" in Vietnamese), dates from date fields.
// A problem found before sending carries the pointer the server would
// have used, so it shows by the same field.
import type { Lang, MessageKey } from "../i18n";
import type { CommandBody } from "../protocol";

export interface MilestoneDraft {
  key: number;
  due: string;
  value: string;
}

export interface TaskDraft {
  title: string;
  leadUnit: number;
  supporting: number[];
  /** "2024-03-25" from a date field, "" for none. */
  starts: string;
  due: string;
  weight: string;
  hasTarget: boolean;
  baseline: string;
  baselineYear: string;
  goal: string;
  measure: string;
  milestones: MilestoneDraft[];
}

export const emptyTaskDraft = (): TaskDraft => ({
  title: "",
  leadUnit: 0,
  supporting: [],
  starts: "",
  due: "",
  weight: "",
  hasTarget: false,
  baseline: "",
  baselineYear: "",
  goal: "",
  measure: "",
  milestones: [],
});

export interface ReportDraft {
  asOf: string;
  value: string;
  completed: boolean;
  narrative: string;
  difficulties: string;
  proposals: string;
}

export interface FormProblem {
  key: MessageKey;
  /** Message keys to translate and put in the message, as {label}. */
  label?: MessageKey;
  pointer: string;
}

export type Built = { command: CommandBody } | { problem: FormProblem };

const GROUPED: Record<Lang, RegExp> = {
  vi: /^-?\d{1,3}(\.\d{3})+(,\d+)?$/,
  en: /^-?\d{1,3}(,\d{3})+(\.\d+)?$/,
};

/**
 * "24.390" → 24390 and "52,5" → 52.5 in Vietnamese, "24,390" and "52.5"
 * in English; a point or comma that cannot be a thousands separator is
 * read as the decimal mark. null for an empty field, NaN for what is not
 * a number.
 */
export function parseNumber(text: string, lang: Lang): number | null {
  const s = text.replace(/[\s\u00a0\u202f]/g, "");
  if (s === "") return null;
  const group = lang === "vi" ? "." : ",";
  let plain: string;
  if (GROUPED[lang].test(s)) plain = s.split(group).join("").replace(",", ".");
  else if (/^-?\d+([.,]\d+)?$/.test(s)) plain = s.replace(",", ".");
  else return NaN;
  return Number(plain);
}

// A deadline on a date means by the end of that day, Vietnam time.
const endOfDay = (date: string) => `${date}T23:59`;

type Read = { value: number | null } | { problem: FormProblem };

function readNumber(text: string, lang: Lang, label: MessageKey, pointer: string, required: boolean): Read {
  const n = parseNumber(text, lang);
  if (n === null) return required ? { problem: { key: "fNumberRequired", label, pointer } } : { value: null };
  if (!Number.isFinite(n)) return { problem: { key: "fNumberBad", label, pointer } };
  return { value: n };
}

/** The add_implementation_task command, or the first problem with the form. */
export function taskCommand(draft: TaskDraft, lang: Lang, inCampaign: boolean): Built {
  const at = (field: string) => `/command/task/${field}`;
  if (!draft.title.trim()) return { problem: { key: "fTitleRequired", pointer: at("title") } };
  if (!draft.leadUnit) return { problem: { key: "fLeadRequired", pointer: at("lead_unit") } };
  if (!inCampaign && !draft.due) return { problem: { key: "fDueRequired", pointer: at("due") } };
  const weight = readNumber(draft.weight, lang, "fWeight", at("weight"), false);
  if ("problem" in weight) return weight;
  const task: Record<string, unknown> = {
    title: draft.title.trim(),
    lead_unit: draft.leadUnit,
    supporting_units: draft.supporting.filter((u) => u !== draft.leadUnit),
  };
  if (!inCampaign) {
    if (draft.starts) task.starts = draft.starts;
    task.due = endOfDay(draft.due);
  }
  if (weight.value) task.weight = weight.value;
  if (draft.hasTarget) {
    const baseline = readNumber(draft.baseline, lang, "fBaseline", at("target/baseline"), true);
    if ("problem" in baseline) return baseline;
    const goal = readNumber(draft.goal, lang, "fGoal", at("target/goal"), true);
    if ("problem" in goal) return goal;
    const target: Record<string, unknown> = { baseline: baseline.value, goal: goal.value, measure: draft.measure.trim() };
    const year = draft.baselineYear.trim();
    if (year) {
      if (!/^\d{4}$/.test(year)) return { problem: { key: "fYearBad", pointer: at("target/baseline_year") } };
      target.baseline_year = Number(year);
    }
    const milestones: { due: string; value: number }[] = [];
    for (const [i, m] of draft.milestones.entries()) {
      const base = `target/milestones/${i}`;
      if (!m.due) return { problem: { key: "fDateRequired", label: "fMilestoneDue", pointer: at(`${base}/due`) } };
      const value = readNumber(m.value, lang, "fGoal", at(`${base}/value`), true);
      if ("problem" in value) return value;
      milestones.push({ due: endOfDay(m.due), value: value.value! });
    }
    if (milestones.length) target.milestones = milestones;
    task.target = target;
  }
  return { command: { type: "add_implementation_task", task } };
}

export function campaignCommand(starts: string, ends: string): Built {
  if (!starts) return { problem: { key: "fDateRequired", label: "campaignStarts", pointer: "/command/starts" } };
  if (!ends) return { problem: { key: "fDateRequired", label: "campaignEnds", pointer: "/command/ends" } };
  return { command: { type: "set_campaign", starts, ends: endOfDay(ends) } };
}

export function reportCommand(task: number, draft: ReportDraft, lang: Lang, hasTarget: boolean): Built {
  if (!draft.asOf) return { problem: { key: "fDateRequired", label: "reportAsOf", pointer: "/command/as_of" } };
  const command: CommandBody = { type: "report_progress", task, as_of: draft.asOf };
  if (hasTarget) {
    const value = readNumber(draft.value, lang, "chartReported", "/command/value", true);
    if ("problem" in value) return value;
    command.value = value.value;
  } else if (draft.completed) command.completed = true;
  for (const [field, text] of [["narrative", draft.narrative], ["difficulties", draft.difficulties], ["proposals", draft.proposals]] as const)
    if (text.trim()) command[field] = text.trim();
  return { command };
}

/**
 * The field of the task form a pointer is about: "/command/task/target/goal"
 * → "target/goal", "/command/task/supporting_units/2" → "supporting_units",
 * a milestone's part kept whole ("target/milestones/0/due"); "" for the
 * form as a whole.
 */
export function taskFieldOf(pointer: string): string {
  const prefix = "/command/task/";
  if (!pointer.startsWith(prefix)) return "";
  const rest = pointer.slice(prefix.length);
  if (rest.startsWith("supporting_units")) return "supporting_units";
  if (rest === "target/milestones" || /^target\/milestones\/\d+\/(due|value)$/.test(rest)) return rest;
  if (rest.startsWith("target/milestones/")) return rest.split("/").slice(0, 3).join("/") + "/due";
  return rest;
}

/** Today on Vietnam's clock, as a date field holds it: "2024-03-25". */
export function vietnamToday(nowMs: number = Date.now()): string {
  return new Date(nowMs + 7 * 3600 * 1000).toISOString().slice(0, 10);
}

/** A date field's value for a server time, on Vietnam's clock. */
export function dateFieldOf(unixSeconds: number): string {
  return vietnamToday(unixSeconds * 1000);
}
