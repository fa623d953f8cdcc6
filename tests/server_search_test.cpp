// The search operation over a real WebSocket: accents or none, the words
// marked in snippets by characters, nothing from dossiers one is not in,
// and a clear bad_request in either language for a request it cannot read.
#include "tests/server_test_support.h"

using namespace planflow;
using namespace planflow::testing;

namespace {

json hits_of(Client& who, const json& text) {
  return result_of(who.call({{"op", "search"}, {"text", text}}))["hits"];
}

// The marked stretches of a hit's snippet, counted in code points as the
// protocol does.
std::vector<std::string> marked(const json& hit) {
  const std::string snippet = hit["snippet"];
  std::vector<std::size_t> starts;  // byte offset of each code point
  for (std::size_t i = 0; i < snippet.size(); ++i)
    if ((static_cast<unsigned char>(snippet[i]) & 0xC0) != 0x80) starts.push_back(i);
  starts.push_back(snippet.size());
  std::vector<std::string> out;
  for (const json& m : hit["marks"]) {
    const std::size_t b = starts.at(m[0].get<std::size_t>()),
                      e = starts.at(m[1].get<std::size_t>());
    out.push_back(snippet.substr(b, e - b));
  }
  return out;
}

}  // namespace

TEST_CASE("search finds a comment typed without accents, and marks its words", "[server][search]") {
  Running s;
  Client drafter(s.port(), sign_in(s.port(), "drafter"), s.origin);
  Client delegate(s.port(), sign_in(s.port(), "delegate"), s.origin);
  Client outsider(s.port(), sign_in(s.port(), "outsider"), s.origin);
  const DossierId id = open_plan(drafter);
  result_of(
      delegate.call(command(id, "c1",
                            {{"type", "add_comment"},
                             {"text", "Đề nghị làm rõ lộ trình tinh giản biên chế ở Đà Nẵng"}})));

  const json hits = hits_of(delegate, "tinh gian bien che da nang");
  REQUIRE(hits.size() == 1);
  CHECK(hits[0]["dossier"] == id);
  CHECK(hits[0]["dossier_title"] == "Kế hoạch cải cách chế độ công vụ, công chức");
  CHECK(hits[0]["source"] == "comment");
  CHECK(hits[0]["number"] == 1);
  CHECK(hits[0]["snippet"] == "Đề nghị làm rõ lộ trình tinh giản biên chế ở Đà Nẵng");
  CHECK(marked(hits[0]) == std::vector<std::string>{"tinh", "giản", "biên", "chế", "Đà", "Nẵng"});
  CHECK(hits[0]["rank"].is_number());
  CHECK(hits_of(drafter, "tinh giản biên chế") == hits_of(delegate, "tinh gian bien che"));

  // The title, by any participant; nothing at all for someone in no dossier.
  CHECK(hits_of(drafter, "cai cach che do")[0]["source"] == "title");
  CHECK(hits_of(outsider, "tinh gian bien che").empty());
  CHECK(hits_of(outsider, "cai cach").empty());

  // No words, no hits; and the user's words are never query syntax.
  CHECK(hits_of(delegate, "").empty());
  CHECK(hits_of(delegate, "  \" * ( ").empty());
  CHECK(hits_of(delegate, "NEAR(tinh").size() == 0);
  CHECK(hits_of(delegate, "tinh\" OR \"cai").empty());

  // A limit, when asked for.
  result_of(delegate.call(command(id, "c2", {{"type", "add_comment"}, {"text", "Biên chế 2015"}})));
  CHECK(result_of(delegate.call({{"op", "search"}, {"text", "bien che"}}))["hits"].size() == 2);
  CHECK(result_of(delegate.call({{"op", "search"}, {"text", "bien che"}, {"limit", 1}}))["hits"]
            .size() == 1);
}

TEST_CASE("a search request it cannot read is bad_request, in the connection's language",
          "[server][search]") {
  Running s;
  const std::string cookie = sign_in(s.port(), "delegate");
  Client vi(s.port(), cookie, s.origin);
  Client en(s.port(), cookie, s.origin, "/ws?lang=en");
  auto error_of = [](Client& who, json request) {
    request["op"] = "search";
    const json reply = who.call(request);
    INFO(reply.dump());
    REQUIRE(reply.contains("error"));
    CHECK(reply["error"]["code"] == "bad_request");
    return reply["error"];
  };

  json e = error_of(vi, json::object());
  CHECK(e["message"] == "Tìm kiếm cần có \"text\" (một chuỗi)");
  CHECK(e["pointer"] == "/text");
  CHECK(error_of(en, json::object())["message"] == "a search needs a \"text\" (a string)");
  CHECK(error_of(en, {{"text", 5}})["pointer"] == "/text");
  CHECK(error_of(en, {{"text", nullptr}})["pointer"] == "/text");
  CHECK(error_of(en, {{"text", json::array({"tinh"})}})["pointer"] == "/text");

  const std::string long_text(201, 'a');
  CHECK(error_of(vi, {{"text", long_text}})["message"] == "Nội dung tìm kiếm dài quá 200 byte");
  e = error_of(en, {{"text", long_text}});
  CHECK(e["message"] == "the search text is longer than 200 bytes");
  CHECK(e["pointer"] == "/text");
  // 200 bytes is still a search: 100 two-byte letters.
  std::string at_limit;
  for (int i = 0; i < 100; ++i)
    at_limit += "ê";
  CHECK(result_of(vi.call({{"op", "search"}, {"text", at_limit}}))["hits"].empty());

  for (const json& limit : {json(0), json(51), json(-1), json(2.5), json("20")}) {
    INFO(limit.dump());
    e = error_of(en, {{"text", "a"}, {"limit", limit}});
    CHECK(e["message"] == "\"limit\" must be a whole number from 1 to 50");
    CHECK(e["pointer"] == "/limit");
  }
  CHECK(error_of(vi, {{"text", "a"}, {"limit", 0}})["message"] ==
        "\"limit\" phải là một số nguyên từ 1 đến 50");
}
