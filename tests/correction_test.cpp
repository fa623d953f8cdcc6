// Corrections in a running server: an issued document is put right by a new
// dossier that cites it; each dossier's reply links the other once the
// correction is issued; a dossier not yet issued, or unknown, cannot be
// corrected, and the refusal leaves nothing behind.
#include <catch2/catch.hpp>

#include "server_test_support.h"

using namespace planflow;
using namespace planflow::testing;

namespace {

void issue(Client& clerk, DossierId id, const std::string& tag) {
  (void)result_of(
      clerk.call(command(id, tag + "issue", {{"type", "take_action"}, {"action", "issue"}})));
}

}  // namespace

TEST_CASE("a correction cites the issued document, and each reply links the other",
          "[server][correction]") {
  Running s;
  Client drafter(s.port(), sign_in(s.port(), "drafter"), s.origin);
  Client delegate(s.port(), sign_in(s.port(), "delegate"), s.origin);
  const DossierId original = to_issuance(drafter, delegate, "a-");
  issue(drafter, original, "a-");
  const std::string symbol = dossier_of(drafter, original)["dossier"]["symbol"];

  const DossierId fix = to_issuance(drafter, delegate, "b-", {{"corrects", original}});
  json d = dossier_of(drafter, fix);
  INFO(d.dump());
  const json cited = d["corrections"]["corrects"];
  CHECK(cited["id"] == original);
  CHECK(cited["symbol"] == symbol);
  CHECK(cited["issued_at"].is_number());
  CHECK(d["corrections"]["corrected_by"].empty());
  const json& created = d["history"].front()["event"];
  CHECK(created["data"]["corrects"]["symbol"] == symbol);

  // A correction still in draft is not shown on the document it corrects.
  CHECK(dossier_of(drafter, original)["corrections"]["corrected_by"].empty());
  issue(drafter, fix, "b-");
  const json o = dossier_of(drafter, original);
  INFO(o.dump());
  REQUIRE(o["corrections"]["corrected_by"].size() == 1);
  CHECK(o["corrections"]["corrected_by"][0]["id"] == fix);
  CHECK(o["corrections"]["corrected_by"][0]["symbol"] ==
        dossier_of(drafter, fix)["dossier"]["symbol"]);
  CHECK(o["corrections"]["corrects"].is_null());
}

TEST_CASE("only an issued document can be corrected", "[server][correction]") {
  Running s;
  Client drafter(s.port(), sign_in(s.port(), "drafter"), s.origin);
  const DossierId draft = create_plan(drafter, "d-");
  const json before = result_of(drafter.call({{"op", "dossiers"}}));

  auto correction = [](const std::string& request_id, const json& corrects) {
    return command(0, request_id,
                   {{"type", "create_dossier"},
                    {"title", "Quyết định đính chính"},
                    {"issuer", {{"id", 2}, {"code", "UBND"}}},
                    {"drafting_unit", {{"id", 1}, {"code", "SNV"}}},
                    {"bindings", json::array({{{"role", "drafter"}, {"user", 1}, {"unit", 1}}})},
                    {"corrects", corrects}});
  };
  for (const DossierId target : {draft, DossierId{999}}) {
    const json reply = drafter.call(correction("fix-" + std::to_string(target), target));
    INFO(reply.dump());
    REQUIRE(reply.contains("error"));
    CHECK(reply["error"]["code"] == "bad_request");
    CHECK(reply["error"]["pointer"] == "/command/corrects");
    CHECK(reply["error"]["message"].get<std::string>().find("chưa được ban hành") !=
          std::string::npos);
  }
  const json refused = drafter.call(correction("fix-bad", "7"));
  INFO(refused.dump());
  CHECK(refused["error"]["code"] == "bad_request");
  CHECK(refused["error"]["pointer"] == "/command/corrects");
  CHECK(result_of(drafter.call({{"op", "dossiers"}})) == before);
}
