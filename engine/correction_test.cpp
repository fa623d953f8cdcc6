// A correction (đính chính) is a new dossier citing an issued document: the
// engine takes the citation from the register, never from the client.
#include <catch2/catch.hpp>

#include "engine/command_json.h"
#include "engine/event_json.h"
#include "engine/plan_fixture.h"

using namespace planflow;
using namespace planflow::testing;

namespace {

const DocumentReference kIssued{7, "2301/QĐ-UBND", 1375153200};

CreateDossier correction_of(std::uint64_t dossier) {
  CreateDossier c = plan_dossier("QĐ");
  c.title = "Quyết định đính chính Quyết định số 2301/QĐ-UBND";
  c.corrects = dossier;
  return c;
}

}  // namespace

TEST_CASE("a correction cites the issued document as the register has it") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  d.numbers.record_document(kIssued);
  d.ok(kDrafter, correction_of(7));
  const auto& created = std::get<DossierCreated>(d.history.front().body);
  REQUIRE(created.corrects);
  CHECK(*created.corrects == kIssued);
}

TEST_CASE("only an issued document can be corrected") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  d.numbers.record_document(kIssued);
  const Error e = d.refused(kDrafter, correction_of(8), ErrorCode::kInvalidArgument);
  CHECK(e.detail == "corrects");
  CHECK(e.message_vi.find("chưa được ban hành") != std::string::npos);
  CHECK_FALSE(d.state.created);
}

TEST_CASE("a dossier that corrects nothing cites nothing") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  d.numbers.record_document(kIssued);
  d.ok(kDrafter, plan_dossier());
  CHECK_FALSE(std::get<DossierCreated>(d.history.front().body).corrects);
}

TEST_CASE("the wire form names the corrected dossier by id") {
  const Definition def = load_workflow("plan.json");
  nlohmann::json j = command_to_json(correction_of(7));
  CHECK(j["corrects"] == 7);
  auto back = command_from_json(j, &def);
  REQUIRE(back.ok());
  CHECK(std::get<CreateDossier>(back.value()).corrects == 7);

  CHECK_FALSE(command_to_json(plan_dossier()).contains("corrects"));
  for (const nlohmann::json& bad : {nlohmann::json("7"), nlohmann::json(-1), nlohmann::json(0),
                                    nlohmann::json(1.5), nlohmann::json::object()}) {
    j["corrects"] = bad;
    auto refused = command_from_json(j, &def);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().detail == "/corrects");
  }
}

TEST_CASE("the stored event keeps the citation, and older events without one still load") {
  const Definition def = load_workflow("plan.json");
  DossierCreated c{"plan", 1, "Quyết định đính chính", "QĐ", {50, "UBND"}, {10, "SNV"}, kIssued};
  const nlohmann::json data = event_data_to_json(def, c);
  CHECK(data["corrects"] ==
        nlohmann::json({{"dossier", 7}, {"symbol", "2301/QĐ-UBND"}, {"issued_at", 1375153200}}));
  auto back = event_data_from_json(def, "dossier_created", data);
  REQUIRE(back.ok());
  CHECK(std::get<DossierCreated>(back.value()) == c);

  nlohmann::json old = data;
  old.erase("corrects");
  auto plain = event_data_from_json(def, "dossier_created", old);
  REQUIRE(plain.ok());
  CHECK_FALSE(std::get<DossierCreated>(plain.value()).corrects);

  old["corrects"] = {{"dossier", 7}};
  CHECK_FALSE(event_data_from_json(def, "dossier_created", old).ok());
}
