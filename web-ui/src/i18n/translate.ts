import { en } from "./en";
import { vi, type MessageKey, type Messages } from "./vi";

export type Lang = "vi" | "en";
export const LANGS: readonly Lang[] = ["vi", "en"];

const dictionaries: Record<Lang, Messages> = { vi, en };

export function isLang(value: unknown): value is Lang {
  return value === "vi" || value === "en";
}

/** The message for key in lang, with each {name} replaced from params. */
export function translate(
  lang: Lang,
  key: MessageKey,
  params?: Record<string, string | number>,
): string {
  const text = dictionaries[lang][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Server texts come as {vi, en}; fall back to Vietnamese, the source. */
export function pick(text: { vi: string; en: string } | null | undefined, lang: Lang): string {
  if (!text) return "";
  return (lang === "en" ? text.en : text.vi) || text.vi;
}
