// What the browser app reads to draw its screens, over a real WebSocket:
// the workflows to choose from, the directory of units and people, and a
// dossier's full picture (participants, consultation, number, what the user
// may do) as it moves from creation to issue.
#include <algorithm>

#include "engine/store/sql.h"
#include "tests/server_test_support.h"

using namespace planflow;
using namespace planflow::testing;

namespace {

std::vector<std::string> ids_of(const json& list) {
  std::vector<std::string> out;
  for (const json& item : list)
    out.push_back(item["id"]);
  return out;
}

// Whether `key` appears as a key anywhere in `j`, however deep.
bool has_key(const json& j, const std::string& key) {
  if (j.is_object()) {
    for (const auto& [k, v] : j.items())
      if (k == key || has_key(v, key)) return true;
  } else if (j.is_array()) {
    for (const json& v : j)
      if (has_key(v, key)) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("workflows lists each workflow's latest version with its roles and steps in order",
          "[server][catalog]") {
  Running s;
  Client outsider(s.port(), sign_in(s.port(), "outsider"), s.origin);  // in no dossier at all
  const json workflows = result_of(outsider.call({{"op", "workflows"}}))["workflows"];
  REQUIRE(ids_of(workflows) == std::vector<std::string>{"official-letter", "plan"});

  const json& letter = workflows[0];
  CHECK(letter["title"]["vi"] == "Công văn chỉ đạo");
  CHECK(letter["document_types"] == json::array({"CV"}));

  const json& plan = workflows[1];
  CHECK(plan["version"] == 1);
  CHECK(plan["title"]["vi"] == "Xây dựng, ban hành và triển khai kế hoạch");
  CHECK(plan["title"]["en"] == "Drafting, issuing and carrying out a plan");
  CHECK(std::string(plan["description"]["vi"]).starts_with("Cơ quan chủ trì soạn thảo"));
  CHECK_FALSE(std::string(plan["description"]["en"]).empty());
  CHECK(plan["document_types"] == json::array({"KH", "QĐ", "CTr", "ĐA"}));
  CHECK(plan["initial"] == "drafting");
  CHECK(plan["participant_managers"] == json::array({"drafter", "chair"}));
  CHECK(ids_of(plan["roles"]) == std::vector<std::string>{"drafter", "delegate", "chair", "clerk",
                                                          "implementer", "monitor", "secretary"});
  CHECK(plan["roles"][1]["title"]["vi"] == "Đại biểu góp ý");
  CHECK(ids_of(plan["states"]) == std::vector<std::string>{"drafting", "consultation", "conclusion",
                                                           "revision", "issuance", "implementation",
                                                           "closed", "withdrawn", "rejected"});
  CHECK(plan["states"][1]["title"]["vi"] == "Lấy ý kiến góp ý");
  CHECK(plan["states"][0]["final"] == false);
  CHECK(plan["states"][6]["final"] == true);
  // Each action once, by its title, for reading the history.
  const json& actions = plan["actions"];
  CHECK(ids_of(actions).front() == "open_consultation");
  CHECK(std::count_if(actions.begin(), actions.end(),
                      [](const json& a) { return a["id"] == "withdraw"; }) == 1);
  const auto issue = std::find_if(actions.begin(), actions.end(),
                                  [](const json& a) { return a["id"] == "issue"; });
  REQUIRE(issue != actions.end());
  CHECK((*issue)["title"] == json{{"vi", "Ban hành"}, {"en", "Issue"}});
}

TEST_CASE("directory lists units and users by id, without logins or admin flags",
          "[server][catalog]") {
  Running s;
  s.stop();
  {
    auto accounts = open_accounts(s.dir.file("planflow.db"));
    REQUIRE(accounts.ok());
    REQUIRE(
        accounts.value()->add_user("nguyen.van.a", "Nguyễn Văn A", "UBND", kPassword, true).ok());
    REQUIRE(accounts.value()->disable("outsider").ok());
  }
  s.start();
  Client delegate(s.port(), sign_in(s.port(), "delegate"), s.origin);
  const json directory = result_of(delegate.call({{"op", "directory"}}));
  INFO(directory.dump());
  CHECK(directory["units"] ==
        json::array({{{"id", 1}, {"code", "SNV"}, {"name", "Sở Nội vụ"}},
                     {{"id", 2}, {"code", "UBND"}, {"name", "Ủy ban nhân dân tỉnh"}}}));
  CHECK(directory["users"] ==
        json::array({{{"id", 1}, {"name", "drafter"}, {"unit", 1}, {"disabled", false}},
                     {{"id", 2}, {"name", "delegate"}, {"unit", 1}, {"disabled", false}},
                     {{"id", 3}, {"name", "outsider"}, {"unit", 1}, {"disabled", true}},
                     {{"id", 4}, {"name", "Nguyễn Văn A"}, {"unit", 2}, {"disabled", false}}}));
  for (const char* secret : {"login", "password", "password_hash", "admin"})
    CHECK_FALSE(has_key(directory, secret));
}

TEST_CASE("directory answers internal, in the user's language, when the accounts fail",
          "[server][catalog]") {
  Running s;
  Client vi(s.port(), sign_in(s.port(), "drafter"), s.origin);
  Client en(s.port(), sign_in(s.port(), "drafter"), s.origin, "/ws?lang=en");
  {
    sql::SqlError error;
    auto db = sql::Connection::open_sqlite(s.dir.file("planflow.db"),
                                           sql::Connection::Mode::kReadWrite, &error);
    REQUIRE(db);
    REQUIRE(db->exec("ALTER TABLE units RENAME TO units_gone").ok());
  }
  json r = vi.call({{"op", "directory"}});
  INFO(r.dump());
  CHECK(r["error"]["code"] == "internal");
  CHECK(r["error"]["message"] == "Không đọc được danh sách cơ quan, đơn vị và người dùng");
  r = en.call({{"op", "directory"}});
  CHECK(r["error"]["message"] == "the directory of units and users cannot be read");
  // The rest of the protocol does not depend on the directory.
  CHECK(vi.call({{"op", "workflows"}}).contains("result"));
}

TEST_CASE("workflows and directory ignore extra fields, and an unknown operation is still refused",
          "[server][catalog]") {
  Running s;
  Client drafter(s.port(), sign_in(s.port(), "drafter"), s.origin);
  const json junk = {{"dossier", "x"}, {"filter", {{"deep", json::array({1, 2})}}}, {"lang", 5}};
  json request = junk;
  request["op"] = "workflows";
  CHECK(result_of(drafter.call(request))["workflows"].size() == 2);
  request["op"] = "directory";
  CHECK(result_of(drafter.call(request))["users"].size() == 3);
  const json r = drafter.call({{"op", "workflow"}});
  CHECK(r["error"]["code"] == "bad_request");
  CHECK(r["error"]["pointer"] == "/op");
  CHECK(r["error"]["message"] == "Không có thao tác \"workflow\"");
}

TEST_CASE("a dossier's picture follows it from creation through consultation to issue",
          "[server][catalog]") {
  Running s;
  Client drafter(s.port(), sign_in(s.port(), "drafter"), s.origin);  // drafter and chair
  Client delegate(s.port(), sign_in(s.port(), "delegate"), s.origin);
  Client outsider(s.port(), sign_in(s.port(), "outsider"), s.origin);

  const DossierId id = create_plan(drafter);

  {
    const json d = dossier_of(drafter, id);
    INFO(d.dump());
    // What the reply held before is all still there.
    for (const char* key : {"dossier", "state_title", "history", "actions"})
      CHECK(d.contains(key));
    CHECK(d["dossier"]["state"] == "drafting");
    CHECK(d["definition"]["id"] == "plan");
    CHECK(d["definition"]["version"] == 1);
    CHECK(ids_of(d["definition"]["states"]).front() == "drafting");
    CHECK(d["drafting_unit"] == json{{"id", 1}, {"code", "SNV"}});
    CHECK(d["issuer"] == json{{"id", 2}, {"code", "UBND"}});
    CHECK(d["participants"] == json::array({{{"role", "drafter"}, {"user", 1}, {"unit", 1}},
                                            {{"role", "chair"}, {"user", 1}, {"unit", 1}},
                                            {{"role", "delegate"}, {"user", 2}, {"unit", 1}}}));
    CHECK(d["consultation"].is_null());
    CHECK(d["issued"].is_null());
    CHECK(d["frozen"] == false);
    CHECK(d["allowed"] == json::array({"submit_version"}));
    CHECK(dossier_of(delegate, id)["allowed"] == json::array());
    // The drafter may withdraw; the form names the reason as the workflow does.
    const json& actions = d["actions"];
    const auto withdraw = std::find_if(actions.begin(), actions.end(),
                                       [](const json& a) { return a["action"] == "withdraw"; });
    REQUIRE(withdraw != actions.end());
    CHECK((*withdraw)["inputs"] == json::array({{{"name", "reason"},
                                                 {"type", "text"},
                                                 {"required", true},
                                                 {"title", {{"vi", "Lý do"}, {"en", "Reason"}}}}}));
  }

  // The outsider, invited by the drafter, becomes a delegate.
  ok(drafter, command(id, "v1", {{"type", "submit_version"}, {"text", "Dự thảo"}}));
  // A draft sent as blocks; the history shows each version's blocks with
  // the ids planflow gave them, the unchanged paragraph keeping its own.
  ok(drafter,
     command(
         id, "v2",
         {{"type", "submit_version"},
          {"blocks",
           json::array({{{"kind", "heading"}, {"level", 1}, {"marker", "I."}, {"text", "MỤC ĐÍCH"}},
                        {{"kind", "paragraph"}, {"text", "Dự thảo"}}})}}));
  {
    const json d = dossier_of(drafter, id);
    std::vector<json> versions;
    for (const json& h : d["history"])
      if (h["event"]["type"] == "version_submitted") versions.push_back(h["event"]["data"]);
    REQUIRE(versions.size() == 2);
    CHECK(versions[0]["blocks"] ==
          json::parse(R"([{"id":1,"kind":"paragraph","level":0,"marker":"","text":"Dự thảo"}])"));
    CHECK(versions[1]["blocks"] ==
          json::parse(R"([{"id":2,"kind":"heading","level":1,"marker":"I.","text":"MỤC ĐÍCH"},
                          {"id":1,"kind":"paragraph","level":0,"marker":"","text":"Dự thảo"}])"));
  }
  const Time deadline = wall_clock_now() + 10 * 86400;
  ok(drafter,
     command(id, "open",
             {{"type", "take_action"},
              {"action", "open_consultation"},
              {"inputs",
               {{"invitees", json::array({{{"user", 2}, {"unit", 1}}, {{"user", 3}, {"unit", 1}}})},
                {"deadline", deadline}}}}));
  {
    const json d = dossier_of(delegate, id);
    INFO(d.dump());
    CHECK(d["dossier"]["state"] == "consultation");
    CHECK(d["participants"].back() == json{{"role", "delegate"}, {"user", 3}, {"unit", 1}});
    CHECK(d["consultation"] ==
          json{{"invitees", json::array({{{"user", 2}, {"unit", 1}, {"responded", false}},
                                         {{"user", 3}, {"unit", 1}, {"responded", false}}})},
               {"responded", 0},
               {"needed", 2},  // two thirds of two, rounded up
               {"deadline_at", deadline},
               {"round", 1}});
    CHECK(d["allowed"] == json::array({"comment", "no_further_comments"}));
    CHECK(dossier_of(drafter, id)["allowed"] == json::array({"comment", "dispose_comment"}));
  }

  ok(delegate, command(id, "done-2", {{"type", "no_further_comments"}}));
  {
    const json d = dossier_of(delegate, id);
    INFO(d.dump());
    CHECK(d["allowed"] == json::array({"comment"}));
    CHECK(d["consultation"]["invitees"][0]["responded"] == true);
    CHECK(d["consultation"]["invitees"][1]["responded"] == false);
    CHECK(d["consultation"]["responded"] == 1);
    CHECK(d["consultation"]["needed"] == 2);
    CHECK(dossier_of(outsider, id)["allowed"] == json::array({"comment", "no_further_comments"}));
  }

  ok(outsider, command(id, "done-3", {{"type", "no_further_comments"}}));
  ok(drafter, command(id, "close", {{"type", "take_action"}, {"action", "close_consultation"}}));
  {
    const json d = dossier_of(drafter, id);
    INFO(d.dump());
    CHECK(d["dossier"]["state"] == "conclusion");
    CHECK(d["consultation"].is_null());
    CHECK(d["allowed"] == json::array());
  }

  ok(drafter, command(id, "approve", {{"type", "take_action"}, {"action", "approve"}}));
  ok(drafter,
     command(id, "clerk", {{"type", "bind_role"}, {"role", "clerk"}, {"user", 1}, {"unit", 1}}));
  const Time before_issue = wall_clock_now();
  ok(drafter, command(id, "issue", {{"type", "take_action"}, {"action", "issue"}}));
  const json d = dossier_of(drafter, id);
  INFO(d.dump());
  CHECK(d["dossier"]["state"] == "implementation");
  CHECK(d["frozen"] == true);
  REQUIRE(d["issued"].is_object());
  // Numbers below 10 take a leading zero (Nghị định 30/2020/NĐ-CP).
  CHECK(d["issued"]["symbol"] == "01/KH-UBND");
  CHECK(d["issued"]["number"] == 1);
  CHECK(d["issued"]["series"] == "KH");
  CHECK(d["issued"]["year"].is_number_integer());
  REQUIRE(d["issued"]["at"].is_number_integer());
  CHECK(d["issued"]["at"] >= before_issue);
  // The issuing event's time (a signature may follow it by now).
  const auto issuing = std::find_if(d["history"].begin(), d["history"].end(), [](const json& h) {
    return h["event"]["type"] == "action_taken" && h["event"]["data"].contains("issued");
  });
  REQUIRE(issuing != d["history"].end());
  CHECK(d["issued"]["at"] == (*issuing)["event"]["at"]);
  CHECK(d["dossier"]["symbol"] == "01/KH-UBND");
  // The drafting unit gives the plan its implementation tasks.
  CHECK(d["allowed"] == json::array({"comment", "manage_tasks"}));
  CHECK(d["participants"].back() == json{{"role", "clerk"}, {"user", 1}, {"unit", 1}});
}
