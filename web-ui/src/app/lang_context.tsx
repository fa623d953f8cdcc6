import { createContext, type ComponentChildren } from "preact";
import { useCallback, useContext, useMemo, useState } from "preact/hooks";
import { loadLang, saveLang, translate, type Lang, type MessageKey } from "../i18n";

interface LangValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
}

const LangContext = createContext<LangValue | null>(null);

export function LangProvider(props: { children: ComponentChildren; onChange?: (lang: Lang) => void }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const initial = loadLang();
    // Written even when unchanged: without the cookie the server falls back
    // to Accept-Language, and an English browser would get English errors in
    // a Vietnamese UI. This also sets <html lang> for screen readers.
    saveLang(initial);
    return initial;
  });
  const { onChange } = props;
  const setLang = useCallback(
    (next: Lang) => {
      saveLang(next);
      setLangState(next);
      onChange?.(next);
    },
    [onChange],
  );
  const value = useMemo<LangValue>(
    () => ({ lang, setLang, t: (key, params) => translate(lang, key, params) }),
    [lang, setLang],
  );
  return <LangContext.Provider value={value}>{props.children}</LangContext.Provider>;
}

export function useLang(): LangValue {
  const value = useContext(LangContext);
  if (!value) throw new Error("useLang outside LangProvider");
  return value;
}
