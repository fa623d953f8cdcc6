// The demo data of seeds/ loaded the way `planflow seed` loads it, then read
// through the public protocol as its users would: the real cases' symbols,
// dates and figures, the Lạng Sơn plan still in revision with its
// conclusion's directives, and every hash chain whole.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "api/seed.h"
#include "api/workflow_files.h"
#include "engine/store/maintenance.h"
#include "engine/time.h"
#include "tests/server_test_support.h"

using namespace planflow;
using namespace planflow::testing;

namespace {

constexpr const char* kDemoPassword = "planflow-demo-2026";
const std::string kSeeds = std::string(PLANFLOW_SOURCE_DIR) + "/seeds";

DefinitionSet shipped() {
  const std::string folder = std::string(PLANFLOW_SOURCE_DIR) + "/workflows";
  DefinitionSet defs;
  auto calendar = load_working_calendar(folder);
  REQUIRE(calendar.ok());
  auto files = list_definition_files(folder);
  REQUIRE(files.ok());
  for (const FileProblems& f : load_definition_files(files.value(), &defs, calendar.value()))
    REQUIRE(f.problems.empty());
  return defs;
}

json case_file(const std::string& prefix) {
  for (const auto& e : std::filesystem::directory_iterator(kSeeds + "/cases"))
    if (e.path().filename().string().rfind(prefix, 0) == 0) {
      std::ifstream in(e.path());
      return json::parse(in);
    }
  FAIL("no seed case " << prefix);
  return {};
}

// The login of the case's first user in `role`.
std::string login_of(const json& c, const std::string& role) {
  for (const json& u : c["users"])
    if (u.value("role", "") == role) return u["login"];
  FAIL("the case has no " << role);
  return {};
}

Time at(const char* text) {
  return *parse_time(text);
}

// The one dossier of the case its chairperson takes part in, by symbol or,
// with none issued, the only one.
json dossier_seen_by(Running& server, const std::string& login,
                     const std::optional<std::string>& symbol) {
  Client client(server.port(), sign_in(server.port(), login, kDemoPassword), server.origin);
  const json list = result_of(client.call({{"op", "dossiers"}}))["dossiers"];
  for (const json& d : list)
    if (!symbol || d["symbol"] == *symbol) return dossier_of(client, d["id"].get<DossierId>());
  FAIL(login << " sees no dossier " << symbol.value_or("at all"));
  return {};
}

double two_places(double v) {
  return std::round(v * 100) / 100;
}

}  // namespace

TEST_CASE("the demo of the five real cases loads through the engine and reads as they happened",
          "[seed]") {
  const DefinitionSet defs = shipped();
  SeedReport report;
  std::string database;
  Running server(
      [&](const std::string& db) {
        database = db;
        auto seeded = seed_database(db, kSeeds, defs, kDemoPassword);
        if (!seeded.ok()) FAIL(seeded.error());
        report = seeded.value();
      },
      {});
  CHECK(report.dossiers >= 5);

  // A second load into the same database is refused, and changes nothing.
  const auto again = seed_database(database, kSeeds, defs, kDemoPassword);
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().find("not empty") != std::string::npos);

  SECTION("Lạng Sơn, 15/8/2013: the plan is in revision with the conclusion's directives") {
    const json c = case_file("000");
    const json d = dossier_seen_by(server, login_of(c, "chair"), std::nullopt);
    INFO(d["dossier"].dump());
    CHECK(d["dossier"]["state"] == "revision");
    REQUIRE_FALSE(d["conclusions"].empty());
    const json& latest = d["conclusions"].back();
    CHECK(latest["directives"].size() >= 6);
    bool selection = false;
    for (const json& dir : latest["directives"])
      selection =
          selection || dir["text"].get<std::string>().find("thi tuyển") != std::string::npos;
    CHECK(selection);
    CHECK_FALSE(d["meetings"].empty());
  }
  SECTION("Quảng Nam: Decision 2301/QĐ-UBND of July 2013") {
    const json d = dossier_seen_by(server, login_of(case_file("001"), "chair"), "2301/QĐ-UBND");
    CHECK(d["issued"]["at"].get<Time>() >= at("2013-07-01"));
    CHECK(d["issued"]["at"].get<Time>() < at("2013-08-01"));
    CHECK(d["dossier"]["state"] == "implementation");
  }
  SECTION("Lạng Sơn: Plan 20/KH-UBND of 23/01/2024, a 60-day campaign") {
    const json d = dossier_seen_by(server, login_of(case_file("002"), "chair"), "20/KH-UBND");
    CHECK(d["issued"]["at"].get<Time>() >= at("2024-01-23"));
    CHECK(d["issued"]["at"].get<Time>() < at("2024-01-24"));
    const json& campaign = d["implementation"]["campaign"];
    REQUIRE(campaign.is_object());
    CHECK(campaign["starts"] == at("2024-01-25"));
    CHECK(campaign["ends"].get<Time>() >= at("2024-03-25"));
    CHECK(campaign["ends"].get<Time>() < at("2024-03-26"));
  }
  SECTION("Cà Mau: Decision 245/QĐ-UBND of 16/2/2016, 649 of 1.240 = 52,34 %") {
    const json d = dossier_seen_by(server, login_of(case_file("003"), "chair"), "245/QĐ-UBND");
    CHECK(d["issued"]["at"].get<Time>() >= at("2016-02-16"));
    CHECK(d["issued"]["at"].get<Time>() < at("2016-02-17"));
    std::vector<double> percents;
    for (const json& t : d["implementation"]["tasks"])
      if (t["percent"].is_number()) percents.push_back(two_places(t["percent"].get<double>()));
    INFO(d["implementation"].dump());
    CHECK(std::count(percents.begin(), percents.end(), 52.34) == 1);
    CHECK(std::count(percents.begin(), percents.end(), 26.47) == 1);
    CHECK(std::count(percents.begin(), percents.end(), 23.95) == 1);  // 649/2.710, "24 %"
  }
  SECTION("Quảng Ngãi: official letter 3825/UBND-NC of 11/8/2021, due 31/12/2021") {
    const json d = dossier_seen_by(server, login_of(case_file("004"), "chair"), "3825/UBND-NC");
    CHECK(d["issued"]["at"].get<Time>() >= at("2021-08-11"));
    CHECK(d["issued"]["at"].get<Time>() < at("2021-08-12"));
    bool year_end = false;
    for (const json& t : d["implementation"]["tasks"])
      year_end = year_end || t["due"].get<Time>() == at("2021-12-31T23:59:59");
    CHECK(year_end);
  }

  server.stop();
  auto verified = verify_database(database, defs);
  REQUIRE(verified.ok());
  CHECK(verified.value().ok);
  CHECK(verified.value().dossiers == report.dossiers);
}

TEST_CASE("a broken seed says which file and step, and leaves no database behind", "[seed]") {
  const DefinitionSet defs = shipped();
  TempDir dir;
  std::filesystem::create_directories(dir.file("seeds/cases"));
  const auto write = [&](const std::string& name, const json& j) {
    std::ofstream(dir.file("seeds/" + name)) << j.dump();
  };
  write("accounts.json", json::parse(R"({"units": [{"code": "UBND", "name": "Ủy ban nhân dân tỉnh"},
    {"code": "SNV", "name": "Sở Nội vụ"}],
    "users": [{"login": "snv", "unit": "SNV", "name": "Nguyễn Văn An", "role": "drafter"}]})"));
  const std::string db = dir.file("demo.db");

  write("cases/000_typed.json",
        json::parse(
            R"({"registers": [{"issuer": "UBND", "series": "QĐ", "year": "2013", "last": 1}]})"));
  auto typed = seed_database(db, dir.file("seeds"), defs, kDemoPassword);
  REQUIRE_FALSE(typed.ok());
  CHECK(typed.error().find("000_typed.json") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(db));

  write("cases/000_typed.json", json::parse(R"({"dossiers": [{"workflow": "plan", "steps": [
    {"at": "2013-07-01T08:00", "by": "snv", "command": {"type": "take_action", "action": "issue"}}]}]})"));
  auto refused = seed_database(db, dir.file("seeds"), defs, kDemoPassword);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().find("000_typed.json: dossier 1, step 1 (take_action)") !=
        std::string::npos);
  CHECK_FALSE(std::filesystem::exists(db));
}
