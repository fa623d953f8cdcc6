// An issued plan's implementation over the WebSocket: the reply's board of
// tasks with what is derived at the server's clock, the lead unit's reports
// as each task's timeline, the roll-ups per plan and per unit, the monitor's
// overview across plans, the inbox push that keeps it live, every refusal
// leaving the history as it was, and all of it surviving a restart.
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "engine/time.h"
#include "tests/server_test_support.h"

using namespace planflow;
using namespace planflow::testing;

namespace {

Time at(const char* text) {
  return *parse_time(text);
}

// A clock the test moves: commands are decided at whatever it says.
struct SetClock {
  std::atomic<Time> now{at("2024-01-10T08:00")};
  std::function<void(ServerConfig&)> tune() {
    return [this](ServerConfig& c) { c.clock = [this] { return now.load(); }; };
  }
};

// A server on the test's clock, and the three people the cases need.
struct Cast {
  SetClock clock;
  Running server{clock.tune()};
  Client drafter{server.port(), sign_in(server.port(), "drafter"), server.origin};
  Client delegate{server.port(), sign_in(server.port(), "delegate"), server.origin};
  Client implementer{server.port(), sign_in(server.port(), "outsider"), server.origin};
};

json error_of(const json& reply) {
  INFO(reply.dump());
  REQUIRE(reply.contains("error"));
  return reply["error"];
}

// An issued plan: user 1 drafts, chairs and registers; user 2 is the
// delegate; user 3 implements for unit 2 (the People's Committee office).
DossierId issued_plan(Client& drafter, Client& delegate) {
  const DossierId id = to_issuance(drafter, delegate);
  ok(drafter, command(id, "issue", {{"type", "take_action"}, {"action", "issue"}}));
  // The server signs the issued document on its own: wait for that, so
  // the history the tests compare holds still.
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (dossier_of(drafter, id)["signature"]["status"] == "awaiting") {
    REQUIRE(std::chrono::steady_clock::now() < until);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ok(drafter, command(id, "implementer",
                      {{"type", "bind_role"}, {"role", "implementer"}, {"user", 3}, {"unit", 2}}));
  return id;
}

json staff_task() {
  return {{"title", "Tinh giản biên chế"},
          {"lead_unit", 2},
          {"supporting_units", {1}},
          {"starts", "2024-01-25"},
          {"due", "2024-03-25"},
          {"target",
           {{"baseline", 27100},
            {"goal", 24390},
            {"measure", "người"},
            {"baseline_year", 2015},
            {"milestones", json::array({{{"due", "2024-02-25"}, {"value", 25745}}})}}}};
}

json review_task() {
  return {{"title", "Rà soát vị trí việc làm"}, {"lead_unit", 1}, {"due", "2024-02-20"}};
}

}  // namespace

TEST_CASE("the board shows each task with its derived standing and its reports") {
  Cast cast;
  SetClock& clock = cast.clock;
  Running& server = cast.server;
  Client& drafter = cast.drafter;
  Client& delegate = cast.delegate;
  Client& implementer = cast.implementer;

  const DossierId draft = create_plan(drafter, "d-");
  CHECK(dossier_of(drafter, draft)["implementation"].is_null());

  const DossierId id = issued_plan(drafter, delegate);
  json board = dossier_of(drafter, id)["implementation"];
  CHECK(board["tasks"].empty());
  CHECK(board["may_manage"] == true);
  CHECK(board["progress"] == 0);
  CHECK(dossier_of(delegate, id)["implementation"]["may_manage"] == false);

  ok(drafter, command(id, "t1", {{"type", "add_implementation_task"}, {"task", staff_task()}}));
  ok(drafter, command(id, "t2", {{"type", "add_implementation_task"}, {"task", review_task()}}));

  clock.now = at("2024-02-25T10:00");
  ok(implementer, command(id, "r1",
                          {{"type", "report_progress"},
                           {"task", 1},
                           {"as_of", "2024-02-25"},
                           {"value", 26100},
                           {"narrative", "Đã tinh giản 1.000 người"},
                           {"difficulties", "Vướng chính sách nghỉ hưu trước tuổi"},
                           {"proposals", "Đề nghị hướng dẫn"}}));

  board = dossier_of(implementer, id)["implementation"];
  INFO(board.dump());
  CHECK(board["as_of"] == at("2024-02-25T10:00"));
  REQUIRE(board["tasks"].size() == 2);
  const json& staff = board["tasks"][0];
  CHECK(staff["id"] == 1);
  CHECK(staff["title"] == "Tinh giản biên chế");
  CHECK(staff["lead_unit"] == 2);
  CHECK(staff["supporting_units"] == json::array({1}));
  CHECK(staff["starts"] == at("2024-01-25"));
  CHECK(staff["due"] == at("2024-03-25"));
  CHECK(staff["target"]["measure"] == "người");
  CHECK(staff["target"]["baseline_year"] == 2015);
  CHECK(staff["target"]["milestones"][0]["value"] == 25745);
  // 1.000 of the 2.710 to go is 36,9 %, against the milestone's 50 % (and a
  // little more, ten hours past it): more than ten points behind.
  CHECK(staff["percent"].get<double>() == Approx(100.0 * 1000 / 2710));
  CHECK(staff["planned_percent"].get<double>() > 50.0);
  CHECK(staff["planned_percent"].get<double>() < 51.0);
  CHECK(staff["planned"].get<double>() < 25745);
  CHECK(staff["status"] == "at_risk");
  CHECK(staff["may_report"] == true);
  CHECK(staff["latest"] ==
        json{{"as_of", at("2024-02-25")}, {"value", 26100.0}, {"completed", false}});
  REQUIRE(staff["reports"].size() == 1);
  const json& report = staff["reports"][0];
  CHECK(report["by"] == 3);
  CHECK(report["at"] == at("2024-02-25T10:00"));
  CHECK(report["difficulties"] == "Vướng chính sách nghỉ hưu trước tuổi");
  CHECK(report["percent"].get<double>() == Approx(100.0 * 1000 / 2710));
  CHECK(staff["added"]["by"] == 1);

  const json& review = board["tasks"][1];
  CHECK(review["target"].is_null());
  CHECK(review["status"] == "overdue");
  CHECK(review["percent"].is_null());
  CHECK(review["may_report"] == false);  // unit 1 leads it, and user 3 speaks for unit 2

  CHECK(board["counts"] ==
        json{{"not_started", 0}, {"on_track", 0}, {"at_risk", 1}, {"overdue", 1}, {"done", 0}});
  // No weights: the plain average of 36,9 % and 0 %.
  CHECK(board["progress"].get<double>() == Approx(50.0 * 1000 / 2710));
  REQUIRE(board["units"].size() == 2);
  CHECK(board["units"][0]["unit"] == 1);
  CHECK(board["units"][0]["progress"] == 0);
  CHECK(board["units"][0]["counts"]["overdue"] == 1);
  CHECK(board["units"][1]["unit"] == 2);
  CHECK(board["units"][1]["tasks"] == 1);
  CHECK(board["units"][1]["progress"].get<double>() == Approx(100.0 * 1000 / 2710));

  // The goal reached: done, and the plan's own figure follows.
  clock.now = at("2024-03-20T10:00");
  ok(implementer, command(id, "r2", {{"type", "report_progress"}, {"task", 1}, {"value", 24300}}));
  board = dossier_of(drafter, id)["implementation"];
  CHECK(board["tasks"][0]["status"] == "done");
  CHECK(board["tasks"][0]["reports"].size() == 2);
  CHECK(board["tasks"][0]["may_report"] == false);  // the drafter speaks for no lead unit

  // A restart rebuilds all of it from the stored history. The follow-ups
  // are left out: the timer service may send those that fell due as the
  // clock jumped, before or after the restart (the last case follows them).
  const auto without_follow_ups = [](json board) {
    for (json& t : board["tasks"])
      t.erase("follow_ups");
    return board;
  };
  const json before = without_follow_ups(dossier_of(drafter, id)["implementation"]);
  server.stop();
  server.start(clock.tune());
  Client again(server.port(), sign_in(server.port(), "drafter"), server.origin);
  CHECK(without_follow_ups(dossier_of(again, id)["implementation"]) == before);
}

TEST_CASE("refused reports and tasks leave the board and the history as they were") {
  Cast cast;
  SetClock& clock = cast.clock;
  Client& drafter = cast.drafter;
  Client& delegate = cast.delegate;
  Client& implementer = cast.implementer;
  const DossierId id = issued_plan(drafter, delegate);
  ok(drafter, command(id, "t1", {{"type", "add_implementation_task"}, {"task", staff_task()}}));
  clock.now = at("2024-02-01T08:00");
  const json history = dossier_of(drafter, id)["history"];

  CHECK(error_of(delegate.call(
            command(id, "x1", {{"type", "report_progress"}, {"task", 1}, {"value", 1}})))["code"] ==
        "forbidden");
  const json unknown = error_of(implementer.call(
      command(id, "x2", {{"type", "report_progress"}, {"task", 9}, {"value", 1}})));
  CHECK(unknown["code"] == "not_found");
  CHECK(unknown["message"].get<std::string>().find("nhiệm vụ số 9") != std::string::npos);
  const json missing =
      error_of(implementer.call(command(id, "x3", {{"type", "report_progress"}, {"task", 1}})));
  CHECK(missing["code"] == "bad_request");
  CHECK(missing["pointer"] == "/command/value");
  const json future = error_of(implementer.call(
      command(id, "x4",
              {{"type", "report_progress"}, {"task", 1}, {"as_of", "2024-03-01"}, {"value", 1}})));
  CHECK(future["pointer"] == "/command/as_of");
  const json typed = error_of(implementer.call(
      command(id, "x5", {{"type", "report_progress"}, {"task", 1}, {"value", "nhiều"}})));
  CHECK(typed["code"] == "bad_request");
  CHECK(typed["pointer"] == "/command/value");
  const json huge = error_of(implementer.call(
      command(id, "x6", {{"type", "report_progress"}, {"task", 1}, {"value", 1e300}})));
  CHECK(huge["pointer"] == "/command/value");
  const json not_manager = error_of(delegate.call(
      command(id, "x7", {{"type", "add_implementation_task"}, {"task", review_task()}})));
  CHECK(not_manager["code"] == "forbidden");
  json backwards = staff_task();
  backwards["starts"] = "2024-04-01";
  const json bad_window = error_of(
      drafter.call(command(id, "x8", {{"type", "add_implementation_task"}, {"task", backwards}})));
  CHECK(bad_window["pointer"] == "/command/task/starts");
  const json late_campaign = error_of(drafter.call(command(
      id, "x9", {{"type", "set_campaign"}, {"starts", "2024-01-25"}, {"ends", "2024-03-25"}})));
  CHECK(late_campaign["code"] == "invalid_state");

  const json after = dossier_of(drafter, id);
  CHECK(after["history"] == history);
  CHECK(after["implementation"]["tasks"].size() == 1);
  CHECK(after["implementation"]["tasks"][0]["reports"].empty());
}

TEST_CASE("the overview lists every plan's tasks, most urgent first, and the inbox says when") {
  Cast cast;
  SetClock& clock = cast.clock;
  Client& drafter = cast.drafter;
  Client& delegate = cast.delegate;
  Client& implementer = cast.implementer;
  const DossierId id = issued_plan(drafter, delegate);
  ok(drafter, command(id, "t1", {{"type", "add_implementation_task"}, {"task", staff_task()}}));
  ok(drafter, command(id, "t2", {{"type", "add_implementation_task"}, {"task", review_task()}}));
  create_plan(drafter, "other-");  // no tasks: not in the overview

  clock.now = at("2024-02-01T08:00");
  json overview = result_of(drafter.call({{"op", "implementation_overview"}}));
  INFO(overview.dump());
  CHECK(overview["as_of"] == at("2024-02-01T08:00"));
  REQUIRE(overview["plans"].size() == 1);
  CHECK(overview["plans"][0]["dossier"] == id);
  CHECK(overview["plans"][0]["symbol"] == "01/KH-UBND");
  CHECK(overview["plans"][0]["state"] == "implementation");
  REQUIRE(overview["tasks"].size() == 2);
  // A week in and nothing reported, the staff target is already behind its
  // trajectory; the review has not yet needed to start.
  CHECK(overview["tasks"][0]["id"] == 1);
  CHECK(overview["tasks"][0]["status"] == "at_risk");
  CHECK(overview["tasks"][0]["measure"] == "người");
  CHECK(overview["tasks"][1]["status"] == "not_started");
  CHECK(overview["tasks"][1]["measure"].is_null());
  CHECK(overview["tasks"][1]["dossier_title"] == "Kế hoạch cải cách chế độ công vụ, công chức");

  ok(implementer, {{"op", "subscribe_inbox"}});
  clock.now = at("2024-02-25T08:00");
  ok(implementer, command(id, "r1", {{"type", "report_progress"}, {"task", 1}, {"value", 24390}}));
  bool pushed = false;
  for (const json& m : implementer.pushed)
    pushed = pushed || (m.value("type", "") == "inbox" && m["dossier"] == id);
  for (int i = 0; i < 5 && !pushed; ++i)
    if (auto m = implementer.next_within(std::chrono::milliseconds(2000)))
      pushed = m->value("type", "") == "inbox" && (*m)["dossier"] == id;
  CHECK(pushed);

  overview = result_of(implementer.call({{"op", "implementation_overview"}}));
  // The review is past its deadline and comes first; the staff target is met.
  CHECK(overview["tasks"][0]["id"] == 2);
  CHECK(overview["tasks"][0]["status"] == "overdue");
  CHECK(overview["tasks"][1]["status"] == "done");
  CHECK(overview["tasks"][1]["latest"]["value"] == 24390.0);
  CHECK(overview["plans"][0]["counts"]["done"] == 1);

  Running other;
  Client stranger(other.port(), sign_in(other.port(), "outsider"), other.origin);
  const json empty = result_of(stranger.call({{"op", "implementation_overview"}}));
  CHECK(empty["plans"].empty());
  CHECK(empty["tasks"].empty());
}

TEST_CASE(
    "follow-ups fire from the timer service once, across a restart, into the lead unit's inbox") {
  SetClock clock;
  const auto tune = [&clock](ServerConfig& c) {
    clock.tune()(c);
    c.timer_recheck = std::chrono::milliseconds(50);
  };
  Running server{tune};
  Client drafter{server.port(), sign_in(server.port(), "drafter"), server.origin};
  Client delegate{server.port(), sign_in(server.port(), "delegate"), server.origin};
  const DossierId id = issued_plan(drafter, delegate);
  ok(drafter, command(id, "t1", {{"type", "add_implementation_task"}, {"task", staff_task()}}));

  json board = dossier_of(drafter, id)["implementation"];
  INFO(board.dump());
  CHECK(board["escalate_to"] == json::array({"chair", "monitor"}));  // in the definition's order
  const json first = board["tasks"][0]["follow_ups"];
  CHECK(first["sent"].empty());
  // The first the task owes is February's report, asked for on the 20th
  // (a Tuesday) when offices open, Vietnam time.
  REQUIRE(first["next"].is_object());
  CHECK(first["next"]["kind"] == "report_request");
  CHECK(first["next"]["at"] == at("2024-02-20T08:00"));

  // It falls due while the server is down; the next start sends it.
  server.stop();
  clock.now = at("2024-02-20T09:00");
  server.start(tune);
  Client implementer{server.port(), sign_in(server.port(), "outsider"), server.origin};
  json item = nullptr;
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (item.is_null()) {
    REQUIRE(std::chrono::steady_clock::now() < until);
    const json inbox = result_of(implementer.call({{"op", "inbox"}}));
    for (const json& t : inbox["tasks"])
      if (t["dossier"] == id && t["subject"] == 1) item = t;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  INFO(item.dump());
  CHECK(item["detail"] == "Tinh giản biên chế");
  CHECK(item["personal"] == true);
  // Due five working days later: by the end of Tuesday the 27th.
  CHECK(item["due_at"] == at("2024-02-27T23:59:59"));

  // Another restart, and time to look again: it is not sent twice.
  server.stop();
  server.start(tune);
  Client again{server.port(), sign_in(server.port(), "drafter"), server.origin};
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  board = dossier_of(again, id)["implementation"];
  const json follow_ups = board["tasks"][0]["follow_ups"];
  REQUIRE(follow_ups["sent"].size() == 1);
  CHECK(follow_ups["sent"][0]["kind"] == "report_request");
  CHECK(follow_ups["sent"][0]["scheduled_at"] == at("2024-02-20T08:00"));
  CHECK(follow_ups["sent"][0]["due_at"] == at("2024-02-27T23:59:59"));
  CHECK(follow_ups["sent"][0]["recipients"] == json::array({3}));
  // Next, the reminder five working days before the deadline of 25 March.
  CHECK(follow_ups["next"]["kind"] == "reminder");
  CHECK(follow_ups["next"]["at"] == at("2024-03-18T08:00"));

  // The lead unit's report closes what the follow-up opened.
  Client reporter{server.port(), sign_in(server.port(), "outsider"), server.origin};
  ok(reporter, command(id, "r1", {{"type", "report_progress"}, {"task", 1}, {"value", 26000}}));
  const json inbox = result_of(reporter.call({{"op", "inbox"}}));
  for (const json& t : inbox["tasks"])
    CHECK(t["subject"] != 1);
}
