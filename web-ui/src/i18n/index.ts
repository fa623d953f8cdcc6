export { translate, pick, isLang, LANGS, type Lang } from "./translate";
export type { MessageKey, Messages } from "./vi";
export { loadLang, saveLang, cookieLang, LANG_KEY } from "./storage";
export { formatNumber, formatPercent, formatDate, formatDateTime } from "./format";
