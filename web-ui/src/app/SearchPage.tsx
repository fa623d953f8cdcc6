// The search page (/search?q=…): hits from the dossiers the user takes part
// in, best first, each linking to its dossier, saying what matched, and
// showing the words found in their context. Snippets are text: the marks
// are <mark> elements around text nodes, never parsed markup.
import { useLocation } from "preact-iso";
import { useEffect, useState } from "preact/hooks";
import { hitHref, hitSourceKey, snippetSegments } from "../model/search";
import type { SearchHit } from "../protocol";
import { useLang } from "./lang_context";
import { useSession } from "./session_context";

function Snippet(props: { hit: SearchHit }) {
  return (
    <p class="snippet">
      {snippetSegments(props.hit.snippet, props.hit.marks).map((s, i) =>
        s.mark ? <mark key={i}>{s.text}</mark> : s.text,
      )}
    </p>
  );
}

export function SearchPage() {
  const { t } = useLang();
  const { client } = useSession();
  const { query } = useLocation();
  // Sent as typed: a space at the end makes the last word whole.
  const text = query.q ?? "";
  const shown = text.trim();
  const [answer, setAnswer] = useState<{ text: string; hits: SearchHit[] } | null>(null);
  const [error, setError] = useState("");

  useEffect(() => {
    if (!shown) return;
    // An answer to words since changed is dropped: replies may overtake.
    let current = true;
    client.request("search", { text }).then(
      (r) => {
        if (!current) return;
        setAnswer({ text, hits: r.hits });
        setError("");
      },
      (e: Error & { code?: string }) => {
        if (current && e.code !== "disconnected") setError(e.message);
      },
    );
    return () => {
      current = false;
    };
  }, [client, text, shown]);

  const hits = answer && answer.text === text ? answer.hits : null;
  return (
    <section class="search" aria-labelledby="search-title">
      <div class="section-head">
        <h1 id="search-title">{shown ? t("searchResultsFor", { text: shown }) : t("searchTitle")}</h1>
        <span class="count" aria-live="polite">
          {shown && hits ? t("searchCount", { count: hits.length }) : ""}
        </span>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {!shown && <p class="empty">{t("searchPrompt")}</p>}
      {shown && hits === null && !error && <p aria-busy="true">{t("loading")}</p>}
      {shown && hits && hits.length === 0 && <p class="empty">{t("searchNone", { text: shown })}</p>}
      {shown && hits && hits.length > 0 && (
        <ol class="search-hits">
          {hits.map((hit) => {
            const source = hitSourceKey(hit);
            return (
              <li key={`${hit.dossier}/${hit.source}/${hit.number}`}>
                <a href={hitHref(hit)}>{hit.dossier_title}</a>
                <span class="hit-source">{t(source.key, { number: source.number })}</span>
                <Snippet hit={hit} />
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
