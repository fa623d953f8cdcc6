// How long until a deadline, in the largest units that matter to someone
// planning their week: days and hours, then hours and minutes.

export interface Remaining {
  overdue: boolean;
  days: number;
  hours: number;
  minutes: number;
}

export function remaining(deadline: number, now: number): Remaining {
  const overdue = now > deadline;
  let s = Math.abs(deadline - now);
  const days = Math.floor(s / 86400);
  s -= days * 86400;
  const hours = Math.floor(s / 3600);
  s -= hours * 3600;
  return { overdue, days, hours, minutes: Math.floor(s / 60) };
}

const WORDS = {
  vi: { d: "ngày", h: "giờ", m: "phút", left: "Còn", over: "Quá hạn" },
  en: { d: ["day", "days"], h: ["hour", "hours"], m: ["minute", "minutes"], left: "", over: "Overdue by" },
} as const;

/** "Còn 2 ngày 3 giờ" / "2 days 3 hours left" / "Quá hạn 5 giờ 10 phút". */
export function formatRemaining(r: Remaining, lang: "vi" | "en"): string {
  const parts: [number, "d" | "h" | "m"][] =
    r.days > 0 ? [[r.days, "d"], [r.hours, "h"]] : [[r.hours, "h"], [r.minutes, "m"]];
  const shown = parts.filter(([n], i) => n > 0 || (i === parts.length - 1 && parts.every(([k]) => k === 0)));
  if (lang === "vi") {
    const text = shown.map(([n, u]) => `${n} ${WORDS.vi[u]}`).join(" ");
    return `${r.overdue ? WORDS.vi.over : WORDS.vi.left} ${text}`;
  }
  const text = shown.map(([n, u]) => `${n} ${WORDS.en[u][n === 1 ? 0 : 1]}`).join(" ");
  return r.overdue ? `${WORDS.en.over} ${text}` : `${text} left`;
}
