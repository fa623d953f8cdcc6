// Words as search sees them: what a text is indexed under, how a person's
// query becomes FTS5 syntax, and the snippet that shows why a text matched.
// One tokenizer serves all three, so what is found is what gets marked.
//
// A word's key is its letters without diacritics, case-folded, with "đ" as
// "d": "Đà Nẵng" and "da nang" have the same keys. FTS5's unicode61
// tokenizer would leave "đ" alone (U+0111 has no decomposition), and
// people type "d" for it as often as not.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace planflow {

struct SearchWord {
  std::size_t begin = 0, end = 0;  // bytes of the word in the text
  std::string key;
};

// The words of UTF-8 `text`: runs of letters, digits and combining marks.
std::vector<SearchWord> search_words(std::string_view text);

// What the index holds for `text`: its words' keys, one space apart.
std::string search_keys(std::string_view text);

// A query read as words, never as FTS5 syntax.
struct SearchQuery {
  std::vector<std::string> keys;
  // The last word is still being typed (the text does not end in a
  // separator), so it matches as a prefix.
  bool last_is_prefix = false;
  bool empty() const { return keys.empty(); }
  // Every word must occur; each is a quoted FTS5 string, the last one
  // with "*" when it is a prefix.
  std::string fts5() const;
  // The same for PostgreSQL's to_tsquery: quoted lexemes joined by &, the
  // last one with :* when it is a prefix.
  std::string tsquery() const;
  bool matches(const std::string& key, std::size_t term) const;
};

SearchQuery parse_search_query(std::string_view text);

struct SnippetMark {
  std::size_t begin = 0, end = 0;  // bytes of `text`
  friend bool operator==(const SnippetMark&, const SnippetMark&) = default;
};

struct Snippet {
  std::string text;  // a stretch of the original text, "…" where cut
  std::vector<SnippetMark> marks;
};

inline constexpr std::size_t kSnippetWords = 24;

// The stretch of at most `words` words of `original` that holds the most
// distinct words of `query`, with every matching word marked. Line breaks
// and tabs become spaces: a snippet reads as one line.
Snippet make_snippet(std::string_view original, const SearchQuery& query,
                     std::size_t words = kSnippetWords);

}  // namespace planflow
