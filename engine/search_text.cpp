#include "engine/search_text.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <set>

namespace planflow {

namespace {

// FTS5's unicode61 counts letters, numbers and private-use characters as
// parts of words; combining marks join the word they follow, so text typed
// with decomposed diacritics splits where composed text does.
bool is_word_char(UChar32 c) {
  switch (u_charType(c)) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
    case U_DECIMAL_DIGIT_NUMBER:
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
    case U_PRIVATE_USE_CHAR:
    case U_NON_SPACING_MARK:
      return true;
    default:
      return false;
  }
}

void append_utf8(std::string& out, UChar32 c) {
  char buf[U8_MAX_LENGTH];
  std::int32_t n = 0;
  U8_APPEND_UNSAFE(buf, n, c);
  out.append(buf, static_cast<std::size_t>(n));
}

void append_key(std::string& key, UChar32 c, const icu::Normalizer2* nfd) {
  if (c < 0x80) {
    key += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return;
  }
  icu::UnicodeString parts;
  if (!nfd || !nfd->getDecomposition(c, parts)) parts = icu::UnicodeString(c);
  for (std::int32_t i = 0; i < parts.length(); i = parts.moveIndex32(i, 1)) {
    UChar32 d = parts.char32At(i);
    if (u_charType(d) == U_NON_SPACING_MARK) continue;
    d = u_foldCase(d, U_FOLD_CASE_DEFAULT);
    if (d == 0x0111) d = 'd';  // đ, and Đ folded to it
    append_utf8(key, d);
  }
}

const icu::Normalizer2* nfd_instance() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  // Without ICU's data diacritics stay in the keys: search gets stricter,
  // never wrong about what it marks.
  return U_SUCCESS(status) ? nfd : nullptr;
}

}  // namespace

std::vector<SearchWord> search_words(std::string_view text) {
  static const icu::Normalizer2* const nfd = nfd_instance();
  std::vector<SearchWord> words;
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<std::int32_t>(text.size());
  std::int32_t i = 0;
  SearchWord word;
  bool in_word = false;
  while (i < length) {
    const std::int32_t at = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c >= 0 && is_word_char(c)) {
      if (!in_word) {
        word = {static_cast<std::size_t>(at), 0, {}};
        in_word = true;
      }
      append_key(word.key, c, nfd);
      word.end = static_cast<std::size_t>(i);
      continue;
    }
    if (in_word && !word.key.empty()) words.push_back(std::move(word));
    in_word = false;
  }
  if (in_word && !word.key.empty()) words.push_back(std::move(word));
  return words;
}

std::string search_keys(std::string_view text) {
  std::string out;
  for (const SearchWord& w : search_words(text)) {
    if (!out.empty()) out += ' ';
    out += w.key;
  }
  return out;
}

SearchQuery parse_search_query(std::string_view text) {
  SearchQuery q;
  const std::vector<SearchWord> words = search_words(text);
  for (const SearchWord& w : words)
    if (std::find(q.keys.begin(), q.keys.end(), w.key) == q.keys.end()) q.keys.push_back(w.key);
  q.last_is_prefix = !words.empty() && words.back().end == text.size();
  // The word typed last may repeat an earlier one; it is the prefix all the same.
  if (q.last_is_prefix) {
    const auto last = std::find(q.keys.begin(), q.keys.end(), words.back().key);
    std::rotate(last, last + 1, q.keys.end());
  }
  return q;
}

std::string SearchQuery::fts5() const {
  std::string out;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (i) out += ' ';
    out += '"';
    // Keys hold letters and digits only, but a quote doubled is what FTS5
    // reads as a quote inside a string, should that ever change.
    for (char c : keys[i]) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
    if (last_is_prefix && i + 1 == keys.size()) out += '*';
  }
  return out;
}

std::string SearchQuery::tsquery() const {
  std::string out;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (i) out += " & ";
    out += '\'';
    // Within quotes, to_tsquery reads a doubled quote as a quote and a
    // doubled backslash as a backslash. Keys hold letters and digits only,
    // should that ever change.
    for (char c : keys[i]) {
      if (c == '\'' || c == '\\') out += c;
      out += c;
    }
    out += '\'';
    if (last_is_prefix && i + 1 == keys.size()) out += ":*";
  }
  return out;
}

bool SearchQuery::matches(const std::string& key, std::size_t term) const {
  const std::string& k = keys[term];
  if (last_is_prefix && term + 1 == keys.size()) return key.starts_with(k);
  return key == k;
}

Snippet make_snippet(std::string_view original, const SearchQuery& query, std::size_t words_max) {
  const std::vector<SearchWord> words = search_words(original);
  const std::size_t n = words.size();
  std::vector<std::vector<std::size_t>> terms_of(n);
  std::vector<std::size_t> matched;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t t = 0; t < query.keys.size(); ++t)
      if (query.matches(words[i].key, t)) terms_of[i].push_back(t);
    if (!terms_of[i].empty()) matched.push_back(i);
  }

  // A window opens a few words before a match, for context; the one with
  // the most distinct query words wins, the earliest among equals. Only
  // the first matches are tried: a long draft may match thousands of times.
  constexpr std::size_t kLeadWords = 3, kMaxStarts = 512;
  std::size_t start = 0, best = 0;
  for (std::size_t k = 0; k < matched.size() && k < kMaxStarts; ++k) {
    const std::size_t s = matched[k] > kLeadWords ? matched[k] - kLeadWords : 0;
    std::set<std::size_t> seen;
    for (std::size_t i = s; i < n && i < s + words_max; ++i)
      seen.insert(terms_of[i].begin(), terms_of[i].end());
    if (seen.size() > best) {
      best = seen.size();
      start = s;
    }
  }
  // Near the end, the window starts earlier so that it is full: a short
  // text shows whole.
  start = std::min(start, n > words_max ? n - words_max : 0);
  const std::size_t stop = std::min(n, start + words_max);

  Snippet out;
  if (n == 0) return out;
  // A little punctuation before the first word or after the last (a
  // number's "/", a closing period) stays; more is cut like words are.
  constexpr std::size_t kEdgeBytes = 8;
  std::size_t from = words[start].begin;
  std::size_t to = words[stop - 1].end;
  if (start == 0 && from <= kEdgeBytes) from = 0;
  if (stop == n && original.size() - to <= kEdgeBytes) to = original.size();
  auto blank = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
  while (from < to && blank(original[from]))
    ++from;
  while (to > from && blank(original[to - 1]))
    --to;
  constexpr std::string_view kBlanks = " \n\r\t";
  const bool cut_before =
      original.substr(0, from).find_first_not_of(kBlanks) != std::string_view::npos;
  const bool cut_after = original.substr(to).find_first_not_of(kBlanks) != std::string_view::npos;

  const std::string ellipsis = "…";
  if (cut_before) out.text = ellipsis;
  const std::size_t shift = out.text.size();
  for (std::size_t i = from; i < to; ++i)
    out.text += blank(original[i]) ? ' ' : original[i];
  if (cut_after) out.text += ellipsis;
  for (std::size_t i = start; i < stop; ++i)
    if (!terms_of[i].empty())
      out.marks.push_back({words[i].begin - from + shift, words[i].end - from + shift});
  return out;
}

}  // namespace planflow
