// Search words: keys without diacritics (đ included), queries that are
// words and never FTS5 syntax, snippets of the original text.
#include "engine/search_text.h"

#include <catch2/catch.hpp>

using namespace planflow;

namespace {

std::string marked(const Snippet& s) {
  std::string out;
  std::size_t at = 0;
  for (const SnippetMark& m : s.marks) {
    out += s.text.substr(at, m.begin - at) + "[" + s.text.substr(m.begin, m.end - m.begin) + "]";
    at = m.end;
  }
  return out + s.text.substr(at);
}

}  // namespace

TEST_CASE("keys drop diacritics and case, and read đ as d", "[search]") {
  CHECK(search_keys("Tinh giản biên chế") == "tinh gian bien che");
  CHECK(search_keys("ĐÀ NẴNG, đường Đống Đa") == "da nang duong dong da");
  CHECK(search_keys("Số 2301/QĐ-UBND") == "so 2301 qd ubnd");
  // Decomposed diacritics ("e" + U+0323 + U+0302) key like composed ones.
  CHECK(search_keys("vi\xC3\xAA\xCC\xA3t") == search_keys("việt"));
  CHECK(search_keys("vie\xCC\xA3\xCC\x82t") == "viet");
  CHECK(search_keys("  —…  \"*\" ") == "");
}

TEST_CASE("word offsets are bytes of the original text", "[search]") {
  const std::string text = "Đà Nẵng: tinh giản";
  const auto words = search_words(text);
  REQUIRE(words.size() == 4);
  CHECK(text.substr(words[1].begin, words[1].end - words[1].begin) == "Nẵng");
  CHECK(words[1].key == "nang");
}

TEST_CASE("a query is words, each quoted, the last a prefix while typed", "[search]") {
  CHECK(parse_search_query("Tinh giản biên ch").fts5() == R"("tinh" "gian" "bien" "ch"*)");
  CHECK(parse_search_query("tinh giản ").fts5() == R"("tinh" "gian")");
  CHECK(parse_search_query("NEAR( \"a\" OR b*").fts5() == R"("near" "a" "or" "b")");
  CHECK(parse_search_query("\"").empty());
  CHECK(parse_search_query("* ( ) : ^ -").empty());
  // A repeated word counts once; typed last, it is the prefix.
  CHECK(parse_search_query("ke hoach ke").fts5() == R"("hoach" "ke"*)");
}

TEST_CASE("a snippet keeps the original text and marks whole words", "[search]") {
  const Snippet s =
      make_snippet("Đẩy mạnh tinh giản biên chế ở Đà Nẵng.", parse_search_query("tinh gian da "));
  CHECK(marked(s) == "Đẩy mạnh [tinh] [giản] biên chế ở [Đà] Nẵng.");
  CHECK(s.marks.front() == SnippetMark{14, 18});
  // Typed last, "da" is also the start of "Đẩy".
  CHECK(marked(make_snippet("Đẩy mạnh ở Đà Nẵng.", parse_search_query("da"))) ==
        "[Đẩy] mạnh ở [Đà] Nẵng.");
}

TEST_CASE("a short text shows whole, a window near the end is full", "[search]") {
  CHECK(marked(make_snippet("một hai ba bốn năm sáu bảy", parse_search_query("bay "), 4)) ==
        "…bốn năm sáu [bảy]");
  CHECK(marked(make_snippet("một hai ba bốn năm sáu bảy", parse_search_query("bay "))) ==
        "một hai ba bốn năm sáu [bảy]");
}

TEST_CASE("a long text is cut around its best stretch, with ellipses", "[search]") {
  std::string text;
  for (int i = 0; i < 40; ++i)
    text += "một ";
  text += "đẩy mạnh tinh giản biên chế\nnăm 2015";
  for (int i = 0; i < 40; ++i)
    text += " hai";
  const Snippet s = make_snippet(text, parse_search_query("tinh gian bien che "), 10);
  CHECK(marked(s) == "…một đẩy mạnh [tinh] [giản] [biên] [chế] năm 2015 hai…");
}

TEST_CASE("an exact word is not a prefix unless typed last", "[search]") {
  CHECK(marked(make_snippet("chế chính chế", parse_search_query("che "))) == "[chế] chính [chế]");
  CHECK(marked(make_snippet("chế chính", parse_search_query("ch"))) == "[chế] [chính]");
}
