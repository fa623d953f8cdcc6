import type { Lang } from "./translate";

// Formats are written out by hand rather than through Intl: the exact
// Vietnamese forms (a space before %, day/month without leading zeros) are
// not what every ICU build produces, and the tests pin them to the letter.

const SEPARATORS: Record<Lang, { group: string; decimal: string }> = {
  vi: { group: ".", decimal: "," },
  en: { group: ",", decimal: "." },
};

/** 1240 → "1.240" (vi) or "1,240" (en); at most `maxFraction` decimals, trailing zeros dropped. */
export function formatNumber(value: number, lang: Lang, maxFraction = 2): string {
  if (!Number.isFinite(value)) return String(value);
  const { group, decimal } = SEPARATORS[lang];
  const fixed = Math.abs(value).toFixed(maxFraction);
  const [whole = "0", fraction = ""] = fixed.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const trimmed = fraction.replace(/0+$/, "");
  const negative = value < 0 && /[1-9]/.test(fixed);
  return (negative ? "-" : "") + grouped + (trimmed ? decimal + trimmed : "");
}

/** A percentage given in percent: 52.34 → "52,34 %" (vi) or "52.34%" (en). */
export function formatPercent(percent: number, lang: Lang, maxFraction = 2): string {
  const n = formatNumber(percent, lang, maxFraction);
  return lang === "vi" ? `${n} %` : `${n}%`;
}

// Plans run on Vietnam's clock whatever the reader's computer says: a
// deadline of 25/3 must read 25/3 on a laptop set to Paris time too.
const VIETNAM_OFFSET_SECONDS = 7 * 3600;
const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function vietnamParts(unixSeconds: number) {
  const d = new Date((unixSeconds + VIETNAM_OFFSET_SECONDS) * 1000);
  return {
    day: d.getUTCDate(),
    month: d.getUTCMonth() + 1,
    year: d.getUTCFullYear(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** Server times are Unix seconds. → "25/3/2024" (vi) or "25 Mar 2024" (en). */
export function formatDate(unixSeconds: number, lang: Lang): string {
  const p = vietnamParts(unixSeconds);
  return lang === "vi"
    ? `${p.day}/${p.month}/${p.year}`
    : `${p.day} ${MONTHS_EN[p.month - 1]} ${p.year}`;
}

/** → "17:00 25/3/2024" (vi) or "17:00, 25 Mar 2024" (en), Vietnam time. */
export function formatDateTime(unixSeconds: number, lang: Lang): string {
  const p = vietnamParts(unixSeconds);
  const time = `${pad2(p.hour)}:${pad2(p.minute)}`;
  return lang === "vi" ? `${time} ${formatDate(unixSeconds, lang)}` : `${time}, ${formatDate(unixSeconds, lang)}`;
}
