import { isLang, type Lang } from "./translate";

export const LANG_KEY = "planflow_lang";
const ONE_YEAR_SECONDS = 365 * 24 * 3600;

/** The parts of the browser this module touches, so tests can stand in. */
export interface LangEnv {
  storage: Pick<Storage, "getItem" | "setItem"> | null;
  doc: { cookie: string; documentElement: { lang: string } } | null;
}

function browserEnv(): LangEnv {
  let storage: LangEnv["storage"] = null;
  try {
    storage = typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    // Some privacy modes throw on touching localStorage; the cookie remains.
  }
  return { storage, doc: typeof document === "undefined" ? null : document };
}

export function cookieLang(cookie: string): Lang | null {
  for (const part of cookie.split(";")) {
    const [name, value] = part.trim().split("=");
    if (name === LANG_KEY && isLang(value)) return value;
  }
  return null;
}

/** The remembered language; Vietnamese when nothing was chosen yet. */
export function loadLang(env: LangEnv = browserEnv()): Lang {
  let stored: string | null = null;
  try {
    stored = env.storage?.getItem(LANG_KEY) ?? null;
  } catch {
    stored = null;
  }
  if (isLang(stored)) return stored;
  return (env.doc && cookieLang(env.doc.cookie)) ?? "vi";
}

/**
 * Remembers the choice in localStorage for the app and in a cookie for the
 * server, which reads planflow_lang to pick the language of its errors.
 */
export function saveLang(lang: Lang, env: LangEnv = browserEnv()): void {
  try {
    env.storage?.setItem(LANG_KEY, lang);
  } catch {
    // Storage full or forbidden: the cookie still carries the choice.
  }
  if (env.doc) {
    env.doc.cookie = `${LANG_KEY}=${lang}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Strict`;
    env.doc.documentElement.lang = lang;
  }
}
