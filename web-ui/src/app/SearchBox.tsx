// The search box of the top bar. Enter opens the search page; on that page
// the results follow the words as they are typed.
import { useLocation } from "preact-iso";
import { useEffect, useRef, useState } from "preact/hooks";
import { searchHref } from "../model/search";
import { useLang } from "./lang_context";

const TYPING_PAUSE_MS = 250;

export function SearchBox() {
  const { t } = useLang();
  const { path, query, route } = useLocation();
  const onSearchPage = path === "/search";
  const [text, setText] = useState(onSearchPage ? (query.q ?? "") : "");
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // Back and forward between searches bring their words back into the box.
  useEffect(() => {
    if (onSearchPage) setText(query.q ?? "");
  }, [onSearchPage, query.q]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const onInput = (e: Event) => {
    const value = (e.currentTarget as HTMLInputElement).value;
    setText(value);
    if (!onSearchPage) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => route(searchHref(value), true), TYPING_PAUSE_MS);
  };
  const onSubmit = (e: Event) => {
    e.preventDefault();
    clearTimeout(timer.current);
    route(searchHref(text), onSearchPage);
  };

  return (
    <form class="search-box" role="search" onSubmit={onSubmit}>
      <label for="search-text" class="visually-hidden">
        {t("searchLabel")}
      </label>
      <input
        id="search-text"
        type="search"
        value={text}
        maxLength={200}
        placeholder={t("searchPlaceholder")}
        autocomplete="off"
        onInput={onInput}
      />
      <button type="submit" class="secondary">
        {t("searchButton")}
      </button>
    </form>
  );
}
