// Full-text search: accents or none, đ as d, ranked, snippets as written,
// hostile queries harmless, only dossiers one takes part in, an index that
// equals a rebuild, and an upgrade that fills it.
#include <catch2/catch.hpp>

#include "engine/store/maintenance.h"
#include "engine/store/queries.h"
#include "engine/store/schema.h"
#include "engine/store/search_index.h"
#include "engine/store/sql.h"
#include "engine/store/store_test_support.h"
#include "engine/store/views.h"

using namespace planflow;
using namespace planflow::testing;

namespace {

constexpr Time kStart = 1376539200;

struct SearchFixture : StoreFixture {
  std::unique_ptr<Queries> queries;
  DossierId plan = 0;

  SearchFixture() {
    plan = open_plan(*store, req);
    comment(kDelegateA, "Cần làm rõ lộ trình tinh giản biên chế đến năm 2021");
    comment(kDelegateB, "Đề nghị bổ sung chỉ tiêu đào tạo cán bộ ở Đà Nẵng");
    auto q = Queries::open(db.location());
    REQUIRE(q.ok());
    queries = std::move(q).value();
  }

  void comment(UserId who, const std::string& text, DossierId dossier = 0) {
    must_commit(*store, req.make(dossier ? dossier : plan, who, AddComment{text, 0, {}}, kStart));
  }

  // Through conclusion, the answers to every comment and version 2, to the
  // official number.
  void issue(const std::string& version_2 = "Bản 2") {
    for (UserId u : {kDelegateA, kDelegateB})
      must_commit(*store, req.make(plan, u, NoFurtherComments{}, kStart));
    must_commit(*store, req.make(plan, kChair, action("close_consultation"), kStart));
    must_commit(*store,
                req.make(plan, kChair, action("revise", {text_input("conclusion", "Sửa mục tiêu")}),
                         kStart));
    const auto comments = store->state_of(plan).value().comments;
    for (std::size_t i = 0; i < comments.size(); ++i)
      if (comments[i].reply_to == 0)
        must_commit(*store, req.make(plan, kDrafter,
                                     DisposeComment{static_cast<std::uint32_t>(i + 1),
                                                    Disposition::kAccepted, ""},
                                     kStart));
    must_commit(*store,
                req.make(plan, kDrafter, SubmitVersion{blocks_from_text(version_2), "v2"}, kStart));
    must_commit(*store, req.make(plan, kDrafter, action("submit_revision"), kStart));
    must_commit(*store, req.make(plan, kChair, action("approve"), kStart));
    must_commit(*store, req.make(plan, kClerk, action("issue"), kStart));
  }

  std::vector<SearchHit> search(const std::string& text, UserId user = kDelegateA,
                                std::size_t limit = 20) {
    auto hits = queries->search(user, text, limit);
    if (!hits.ok()) FAIL(hits.error().message);
    return std::move(hits).value();
  }
};

// "comment 1", "title 0": what each hit is the text of.
std::vector<std::string> sources(const std::vector<SearchHit>& hits) {
  std::vector<std::string> out;
  for (const SearchHit& h : hits)
    out.push_back(h.source + " " + std::to_string(h.number));
  return out;
}

std::vector<std::string> marked_words(const SearchHit& hit) {
  std::vector<std::string> out;
  for (const SnippetMark& m : hit.snippet.marks)
    out.push_back(hit.snippet.text.substr(m.begin, m.end - m.begin));
  return out;
}

}  // namespace

TEST_CASE_METHOD(SearchFixture, "words without accents find the text with them",
                 "[store][search][backends]") {
  const auto bare = search("tinh gian bien che");
  CHECK(sources(bare) == std::vector<std::string>{"comment 1"});
  CHECK(sources(search("tinh giản biên chế")) == sources(bare));
  CHECK(sources(search("TINH GIẢN Biên Chế")) == sources(bare));
  // Decomposed diacritics, as some keyboards send them.
  CHECK(sources(search("tinh gia\xCC\x89n bie\xCC\x82n che\xCC\x82\xCC\x81")) == sources(bare));
  REQUIRE(bare.size() == 1);
  CHECK(bare[0].dossier == plan);
  CHECK(bare[0].dossier_title == plan_dossier().title);
}

TEST_CASE_METHOD(SearchFixture, "đ is found by d and d by đ", "[store][search][backends]") {
  CHECK(sources(search("da nang")) == std::vector<std::string>{"comment 2"});
  CHECK(sources(search("Đà Nẵng")) == std::vector<std::string>{"comment 2"});
  CHECK(sources(search("dao tao")) == std::vector<std::string>{"comment 2"});
  CHECK(sources(search("đe nghi")) == std::vector<std::string>{"comment 2"});
  CHECK(sources(search("day manh cai cach")) == std::vector<std::string>{"title 0"});
}

TEST_CASE_METHOD(SearchFixture, "the last word matches as a prefix while it is typed",
                 "[store][search][backends]") {
  CHECK(sources(search("tinh gian bien c")) == std::vector<std::string>{"comment 1"});
  CHECK(search("tinh gian bien c ").empty());
}

TEST_CASE_METHOD(SearchFixture, "hits are ranked, the closest first (bm25 or ts_rank)",
                 "[store][search][backends]") {
  comment(kDelegateC, "Biên chế, biên chế và biên chế: đây là việc chính");
  const auto hits = search("bien che");
  CHECK(sources(hits) == std::vector<std::string>{"comment 3", "comment 1"});
  REQUIRE(hits.size() == 2);
  CHECK(hits[0].rank < hits[1].rank);
}

TEST_CASE_METHOD(SearchFixture, "snippets keep the diacritics and mark the words found",
                 "[store][search][backends]") {
  const auto hits = search("tinh gian bien che");
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].snippet.text == "Cần làm rõ lộ trình tinh giản biên chế đến năm 2021");
  CHECK(marked_words(hits[0]) == std::vector<std::string>{"tinh", "giản", "biên", "chế"});
  const auto d = search("da nang");
  REQUIRE(d.size() == 1);
  CHECK(marked_words(d[0]) == std::vector<std::string>{"Đà", "Nẵng"});
}

TEST_CASE_METHOD(SearchFixture, "versions and issued symbols are found too",
                 "[store][search][backends]") {
  issue("I. MỤC ĐÍCH\nTinh giản biên chế gắn với vị trí việc làm");
  CHECK(sources(search("vi tri viec lam")) == std::vector<std::string>{"version 2"});
  CHECK(sources(search("du thao ke hoach")) == std::vector<std::string>{"version 1"});
  const auto hits = search("01/KH-UBND", kChair);
  REQUIRE(sources(hits) == std::vector<std::string>{"symbol 0"});
  CHECK(hits[0].snippet.text == "01/KH-UBND");
  CHECK(marked_words(hits[0]) == std::vector<std::string>{"01", "KH", "UBND"});
}

TEST_CASE_METHOD(SearchFixture, "queries are words, never FTS5 syntax",
                 "[store][search][backends]") {
  comment(kDelegateC, "Ý kiến \"NEAR(\" OR * AND: NOT - ^ {x}");
  for (const std::string hostile : {"\"",
                                    "NEAR(",
                                    "*",
                                    "\"\"",
                                    "'",
                                    "a\"b",
                                    "(",
                                    ")",
                                    "-",
                                    "^",
                                    ":",
                                    "{",
                                    "}",
                                    "AND",
                                    "OR",
                                    "NOT",
                                    "NEAR(a b, 3)",
                                    "keys:tinh",
                                    "* OR *",
                                    "\\",
                                    "%",
                                    "_",
                                    "\x01",
                                    "tinh\"*"}) {
    INFO(hostile);
    auto r = queries->search(kDelegateA, hostile, 20);
    REQUIRE(r.ok());
  }
  CHECK(sources(search("near or and not")) == std::vector<std::string>{"comment 3"});
  CHECK(search("*").empty());
  CHECK(search("").empty());
  CHECK(search("   ").empty());
}

TEST_CASE_METHOD(SearchFixture, "only dossiers one takes part in are searched, up to the limit",
                 "[store][search][backends]") {
  CreateDossier other = plan_dossier();
  other.title = "Đề án tinh giản biên chế khối xã";
  std::erase_if(other.bindings, [](const auto& b) { return b.participant.user == kDelegateC; });
  const DossierId second = must_commit(*store, req.make(0, kDrafter, other, kStart)).dossier;
  CHECK(sources(search("tinh gian", kDrafter)) == std::vector<std::string>{"title 0", "comment 1"});
  CHECK(search("tinh gian", kDrafter)[0].dossier == second);
  CHECK(sources(search("tinh gian", kDelegateC)) == std::vector<std::string>{"comment 1"});
  CHECK(search("tinh gian", kOutsider).empty());
  CHECK(search("tinh gian", kDrafter, 1).size() == 1);
  CHECK(search("tinh gian", kDrafter, 0).empty());
  CHECK(search("tinh gian", kDrafter, 1000).size() == 2);
}

TEST_CASE_METHOD(SearchFixture, "the index kept live equals a rebuild", "[store][search]") {
  must_commit(*store, req.make(plan, kDelegateB, AddComment{"Trả lời: đồng ý", 2, {}}, kStart));
  issue();
  const std::string path = db.location();
  store->close();
  std::string live;
  {
    auto conn = raw(path);
    live = dump_views(conn);
    CHECK(dump_search_terms(conn).size() > 30);
  }
  REQUIRE(rebuild_views(path, defs).ok());
  auto conn = raw(path);
  CHECK(dump_views(conn) == live);
  const VerifyReport report = verify_database(path, defs).value();
  INFO(report.problem);
  CHECK(report.ok);
}

TEST_CASE_METHOD(SearchFixture, "verify finds an index that differs from its rows",
                 "[store][search]") {
  const std::string path = db.location();
  store->close();
  {
    // Rows that read the same over an index that holds other words: what a
    // damaged index looks like from outside.
    auto conn = raw(path);
    REQUIRE(conn.exec("CREATE TEMP TABLE saved AS SELECT rowid AS r, keys AS k FROM search_index "
                      "WHERE source = 'comment' AND number = 1; "
                      "UPDATE search_index SET keys = 'khac' WHERE rowid = (SELECT r FROM saved); "
                      "UPDATE search_index_content SET c0 = (SELECT k FROM saved) "
                      "WHERE id = (SELECT r FROM saved);")
                .ok());
    CHECK(queries->search(kDelegateA, "khac", 20).value().size() == 1);
  }
  const VerifyReport report = verify_database(path, defs).value();
  CHECK_FALSE(report.ok);
  CHECK(report.problem == "the search index differs from its rows; run planflow rebuild");
}

TEST_CASE("an upgrade from schema version 4 fills the search index", "[store][search][schema]") {
  TempDir dir;
  const std::string path = dir.file("v4.db");
  const DefinitionSet defs = shipped_definitions();
  Requests req;
  DossierId id;
  std::string live;
  {
    auto store = open_store(path, defs);
    id = open_plan(*store, req);
    must_commit(*store, req.make(id, kDelegateA, AddComment{"Tinh giản biên chế", 0, {}}, kStart));
    for (UserId u : {kDelegateA, kDelegateB})
      must_commit(*store, req.make(id, u, NoFurtherComments{}, kStart));
    must_commit(*store, req.make(id, kChair, action("close_consultation"), kStart));
    must_commit(*store,
                req.make(id, kChair, action("revise", {text_input("conclusion", "Sửa")}), kStart));
    must_commit(*store,
                req.make(id, kDrafter, DisposeComment{1, Disposition::kAccepted, ""}, kStart));
    must_commit(*store,
                req.make(id, kDrafter, SubmitVersion{blocks_from_text("Bản 2"), "v2"}, kStart));
    must_commit(*store, req.make(id, kDrafter, action("submit_revision"), kStart));
    must_commit(*store, req.make(id, kChair, action("approve"), kStart));
    must_commit(*store, req.make(id, kClerk, action("issue"), kStart));
  }
  {
    auto conn = raw(path);
    live = dump_views(conn);
    REQUIRE(conn.exec("DROP TABLE signing_keys; DROP TABLE search_index; " + kNoCommentAnchors +
                      kNoCorrectionLinks + kNoFollowUpSubjects + kNoRegisterOpenings +
                      "PRAGMA user_version = 4;")
                .ok());
    REQUIRE(schema_version(conn) == 4);
  }
  auto store = open_store(path, defs);
  store->close();
  {
    auto conn = raw(path);
    CHECK(schema_version(conn) == kSchemaVersion);
    CHECK(dump_views(conn) == live);
  }
  auto queries = Queries::open(path);
  REQUIRE(queries.ok());
  auto hits = queries.value()->search(kDelegateB, "tinh gian bien che", 20);
  REQUIRE(hits.ok());
  CHECK(sources(hits.value()) == std::vector<std::string>{"comment 1"});
  CHECK(verify_database(path, defs).value().ok);
}

TEST_CASE_METHOD(SearchFixture, "search follows a comment's edits and forgets it once withdrawn",
                 "[store][search][backends][comments]") {
  must_commit(*store,
              req.make(plan, kDelegateA,
                       EditComment{1, "Cần làm rõ lộ trình sắp xếp tổ chức bộ máy"}, kStart));
  CHECK(search("tinh gian bien che").empty());
  CHECK(sources(search("sap xep to chuc")) == std::vector<std::string>{"comment 1"});
  must_commit(*store, req.make(plan, kDelegateB, WithdrawComment{2}, kStart));
  CHECK(search("da nang").empty());
  store->close();
  CHECK(verify_database(db.location(), shipped_definitions()).value().ok);
}
