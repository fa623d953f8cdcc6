import { describe, expect, it } from "vitest";
import { en } from "./en";
import { cookieLang, loadLang, saveLang, type LangEnv } from "./storage";
import { pick, translate } from "./translate";
import { vi, type Messages } from "./vi";

function memoryEnv(cookie = ""): LangEnv & { store: Map<string, string> } {
  const store = new Map<string, string>();
  return {
    store,
    storage: { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => void store.set(k, v) },
    doc: { cookie, documentElement: { lang: "vi" } },
  };
}

describe("dictionaries", () => {
  it("have the same keys in both languages", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
  });
  it("are type-checked: a missing key does not compile", () => {
    // @ts-expect-error -- every key but appName is missing
    const partial: Messages = { appName: "x" };
    expect(partial).toBeTruthy();
  });
  it("store Vietnamese in NFC, so diacritics compare and search correctly", () => {
    for (const text of Object.values(vi)) expect(text).toBe(text.normalize("NFC"));
  });
});

describe("translate", () => {
  it("fills {placeholders}", () => {
    expect(translate("vi", "inboxCount", { count: 3 })).toBe("3 việc");
    expect(translate("en", "signedInAs", { name: "Lan" })).toBe("Signed in as Lan");
  });
  it("picks a server text in the current language, Vietnamese when English is empty", () => {
    expect(pick({ vi: "Góp ý", en: "Comment" }, "en")).toBe("Comment");
    expect(pick({ vi: "Góp ý", en: "" }, "en")).toBe("Góp ý");
    expect(pick(null, "vi")).toBe("");
  });
});

describe("language memory", () => {
  it("defaults to Vietnamese", () => {
    expect(loadLang(memoryEnv())).toBe("vi");
  });
  it("saves to localStorage, the planflow_lang cookie and <html lang>", () => {
    const env = memoryEnv();
    saveLang("en", env);
    expect(env.store.get("planflow_lang")).toBe("en");
    expect(env.doc?.cookie).toMatch(/^planflow_lang=en; Path=\/; Max-Age=\d+; SameSite=Strict$/);
    expect(env.doc?.documentElement.lang).toBe("en");
    expect(loadLang(env)).toBe("en");
  });
  it("falls back to the cookie when localStorage has nothing", () => {
    expect(loadLang(memoryEnv("a=1; planflow_lang=en"))).toBe("en");
    expect(cookieLang("planflow_lang=fr")).toBeNull();
  });
});
