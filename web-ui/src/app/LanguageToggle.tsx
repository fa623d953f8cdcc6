import { LANGS } from "../i18n";
import { useLang } from "./lang_context";

const NAMES = { vi: "Tiếng Việt", en: "English" } as const;

export function LanguageToggle() {
  const { lang, setLang, t } = useLang();
  return (
    <div class="lang-toggle" role="group" aria-label={t("languageLabel")}>
      {LANGS.map((code) => (
        <button
          type="button"
          key={code}
          lang={code}
          title={NAMES[code]}
          // The visible "EN" leads the name, so voice control ("click EN") finds it.
          aria-label={`${code.toUpperCase()}, ${NAMES[code]}`}
          aria-pressed={lang === code}
          onClick={() => setLang(code)}
        >
          {code.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
