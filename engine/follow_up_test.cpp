// Following up an issued plan's tasks: each task's schedule of reminders,
// report requests, overdue notices and escalation, counted in working days
// around Tết; the inbox tasks they open and a report closes; only the
// latest follow-up sent after a server was down; a replay (a restart)
// rebuilding the same timers; and the loader's checks of `follow_up`.
#include "engine/follow_up.h"

#include <catch2/catch.hpp>
#include <memory>

#include "engine/definition_loader_test_support.h"
#include "engine/plan_fixture.h"
#include "engine/working_calendar.h"

using namespace planflow;
using namespace planflow::testing;

namespace {

Time at(const char* text) {
  return *parse_time(text);
}

// Tết 2024: Thursday 8 to Wednesday 14 February off.
std::shared_ptr<const WorkingCalendar> calendar_2024() {
  auto c = with_configuration(fixed_holidays(2023, 2025), nlohmann::json::parse(R"({
    "2024": {"holidays": ["2024-02-08", "2024-02-09", "2024-02-12", "2024-02-13", "2024-02-14"]}
  })"));
  REQUIRE(c.ok());
  return std::make_shared<const WorkingCalendar>(c.value());
}

Definition plan_with_calendar() {
  Definition def = load_workflow("plan.json");
  def.calendar = calendar_2024();
  return def;
}

// 100 cases from 15 January to the end of Friday 16 February 2024.
ImplementationTaskSpec cases_task() {
  ImplementationTaskSpec t;
  t.title = "Giải quyết hồ sơ tồn đọng";
  t.lead_unit = 70;  // kImplementer's
  t.starts = at("2024-01-15");
  t.due = at("2024-02-16T23:59:59");
  TaskTarget target;
  target.value = {0, 100, {}};
  target.measure = "hồ sơ";
  t.target = target;
  return t;
}

const Timer& only_timer(const DossierState& s) {
  REQUIRE(s.timers.size() == 1);
  REQUIRE(s.timers[0].kind == TimerKind::kFollowUp);
  return s.timers[0];
}

std::vector<OpenTask> follow_up_tasks(const DossierState& s) {
  std::vector<OpenTask> out;
  for (const OpenTask& t : s.tasks)
    if (t.subject) out.push_back(t);
  return out;
}

const FollowUpSent& last_follow_up(const Dossier& d) {
  const auto* f = std::get_if<FollowUpSent>(&d.history.back().body);
  REQUIRE(f);
  return *f;
}

void fire_at(Dossier& d, Time when) {
  d.now = when;
  d.ok(kSystemUser, FireTimer{only_timer(d.state).id});
  CHECK(d.history.back().actor == kSystemUser);
}

}  // namespace

TEST_CASE("a task is followed up in working days, around Tết, until it is done", "[follow_up]") {
  const Definition def = plan_with_calendar();
  Dossier d(def, at("2024-01-02T09:00"));
  to_implementation(d);
  d.now = at("2024-01-10T08:00");
  d.ok(kDrafter, AddImplementationTask{cases_task()});

  // plan.json: requests on the 20th, due within 5 working days. Saturday
  // 20 January moves to Monday 22.
  CHECK(only_timer(d.state).at == at("2024-01-22T08:00"));
  CHECK(only_timer(d.state).subject == 1);
  d.now = at("2024-01-22T07:59:59");
  d.refused(kSystemUser, FireTimer{only_timer(d.state).id}, ErrorCode::kInvalidState);
  fire_at(d, at("2024-01-22T08:00"));
  CHECK(last_follow_up(d).kind == FollowUpKind::kReportRequest);
  CHECK(last_follow_up(d).due_at == at("2024-01-29T23:59:59"));
  CHECK(last_follow_up(d).recipients == std::vector<UserId>{kImplementer});
  auto opened = follow_up_tasks(d.state);
  REQUIRE(opened.size() == 1);
  CHECK(opened[0].assignee == kImplementer);
  CHECK(opened[0].task == follow_up_task(FollowUpKind::kReportRequest));
  CHECK(opened[0].due_at == at("2024-01-29T23:59:59"));
  CHECK(task_def(d.state.current(), opened[0]).id == "progress_report_request");

  // Five working days before Friday 16 February, Tết skipped: Friday 2.
  CHECK(only_timer(d.state).at == at("2024-02-02T08:00"));
  d.now = at("2024-01-25T10:00");
  d.ok(kImplementer, sample_report(1, d.now, 30));
  CHECK(follow_up_tasks(d.state).empty());  // the report answers the request
  CHECK(only_timer(d.state).at == at("2024-02-02T08:00"));

  fire_at(d, at("2024-02-02T08:00"));
  CHECK(last_follow_up(d).kind == FollowUpKind::kReminder);
  CHECK(follow_up_tasks(d.state).size() == 1);
  // One working day before: Thursday 15.
  CHECK(only_timer(d.state).at == at("2024-02-15T08:00"));

  // The server was down from the 14th to Tuesday 20th: the reminder of the
  // 15th is stale, and the overdue notice of Monday 19th goes instead.
  const Dossier before_restart = d;
  fire_at(d, at("2024-02-20T10:00"));
  CHECK(last_follow_up(d).kind == FollowUpKind::kOverdue);
  CHECK(last_follow_up(d).scheduled_at == at("2024-02-19T08:00"));
  opened = follow_up_tasks(d.state);
  REQUIRE(opened.size() == 1);  // it replaces the reminder
  CHECK(opened[0].task == follow_up_task(FollowUpKind::kOverdue));
  CHECK(opened[0].due_at == at("2024-02-16T23:59:59"));
  // Five working days after the 16th: Friday 23rd.
  CHECK(only_timer(d.state).at == at("2024-02-23T08:00"));

  // A replay of the history (what a restart does) gives the same timers
  // and inbox, so nothing fires twice or is lost.
  auto replayed = replay(def, d.history);
  REQUIRE(replayed.ok());
  CHECK(replayed.value() == d.state);
  // Firing the same timer again is refused: it is no longer pending.
  d.refused(kSystemUser, FireTimer{before_restart.state.timers[0].id}, ErrorCode::kNotFound);

  fire_at(d, at("2024-02-23T08:00"));
  CHECK(last_follow_up(d).kind == FollowUpKind::kEscalation);
  CHECK(last_follow_up(d).recipients.empty());
  opened = follow_up_tasks(d.state);
  REQUIRE(opened.size() == 3);  // the overdue notice stays; monitor and chair get theirs
  RoleMask escalated = 0;
  for (const OpenTask& t : opened)
    if (t.task == follow_up_task(FollowUpKind::kEscalation)) {
      CHECK(t.assignee == 0);
      escalated |= 1u << t.role;
    }
  CHECK(escalated == ((1u << *def.role_index("monitor")) | (1u << *def.role_index("chair"))));
  CHECK(d.state.timers.empty());  // nothing is left on the schedule

  // Someone who no longer speaks for the lead unit takes its reminders away
  // with them; the escalations stay with the monitor and the chair.
  Dossier unbound = d;
  unbound.ok(kChair, BindRole{"implementer", {kOutsider, 90}});  // the step's own task needs one
  unbound.ok(kChair, UnbindRole{"implementer", kImplementer});
  CHECK(follow_up_tasks(unbound.state).size() == 2);

  d.now = at("2024-02-26T09:00");
  d.ok(kImplementer, sample_report(1, d.now, 100));
  CHECK(follow_up_tasks(d.state).empty());
  CHECK(d.state.timers.empty());
}

TEST_CASE("a done task has no follow-ups, and a task added late skips what has passed",
          "[follow_up]") {
  const Definition def = plan_with_calendar();
  Dossier d(def, at("2024-01-02T09:00"));
  to_implementation(d);
  d.now = at("2024-02-05T08:00");  // after the report request and the first reminder
  d.ok(kDrafter, AddImplementationTask{cases_task()});
  CHECK(only_timer(d.state).at == at("2024-02-15T08:00"));
  d.ok(kImplementer, sample_report(1, d.now, 120));  // overshot: done
  CHECK(d.state.timers.empty());

  // Leaving the step cancels every follow-up.
  d.ok(kDrafter, AddImplementationTask{cases_task()});
  CHECK(d.state.timers.size() == 1);
  d.ok(kChair, action("close", {text_input("summary", "Hoàn thành kế hoạch")}));
  CHECK(d.state.timers.empty());
  CHECK(follow_up_tasks(d.state).empty());
}

TEST_CASE("schedules in calendar days, by quarter, and with nobody to remind", "[follow_up]") {
  FollowUpDef def;
  def.remind_before = {Duration{0, 0, 0, 3}};
  def.remind_after = {Duration{0, 0, 1}};
  def.reports = ReportSchedule::kQuarterly;
  def.report_day = 25;
  def.report_within = Duration{0, 0, 0, 10};
  TrackedTask task;
  task.added_at = at("2024-01-01T00:00");
  task.window = {at("2024-01-01"), at("2024-10-15T17:00")};
  const WorkingCalendar& cal = calendar_of(Definition{});
  std::vector<FollowUpSlot> slots;
  std::optional<FollowUpSlot> after;
  while (auto next = next_follow_up(def, cal, task, after)) {
    slots.push_back(*next);
    after = next;
    REQUIRE(slots.size() < 20);
  }
  // Quarters end in March, June and September (25 March is a Monday, no
  // working days asked for anyway); the reminder is exactly three days
  // before; the overdue notice a week after.
  const std::vector<FollowUpSlot> expected = {
      {at("2024-03-25T08:00"), FollowUpKind::kReportRequest},
      {at("2024-06-25T08:00"), FollowUpKind::kReportRequest},
      {at("2024-09-25T08:00"), FollowUpKind::kReportRequest},
      {at("2024-10-12T17:00"), FollowUpKind::kReminder},
      {at("2024-10-22T17:00"), FollowUpKind::kOverdue}};
  CHECK(slots == expected);
  CHECK(report_request_due(def, cal, at("2024-03-25T08:00")) == at("2024-04-04T08:00"));

  // A task whose goal is already reached is not followed up.
  task.target = NumericTarget{0, 10, {}};
  task.latest = ProgressReading{at("2024-01-02"), 10, false};
  CHECK_FALSE(next_follow_up(def, cal, task, std::nullopt));
}

TEST_CASE("a follow-up for a unit nobody speaks for is recorded, with no inbox task",
          "[follow_up]") {
  const Definition def = plan_with_calendar();
  Dossier d(def, at("2024-01-02T09:00"));
  to_implementation(d);
  d.now = at("2024-01-10T08:00");
  ImplementationTaskSpec t = cases_task();
  t.lead_unit = 99;
  d.ok(kDrafter, AddImplementationTask{t});
  fire_at(d, at("2024-01-22T08:00"));
  CHECK(last_follow_up(d).recipients.empty());
  CHECK(follow_up_tasks(d.state).empty());
  // Only the timer service fires timers.
  d.refused(kMonitor, FireTimer{only_timer(d.state).id}, ErrorCode::kForbiddenRole);
}

TEST_CASE("follow_up in a definition", "[definition][follow_up]") {
  const std::string fu = "/states/implementation/follow_up";
  auto set = [](const char* key, J value) {
    return [key, value](J& d) { d["states"]["implementation"]["follow_up"][key] = value; };
  };
  const std::string plan = read_workflow("plan.json");
  check_cases(
      plan.c_str(),
      {
          {"hours counted in working days",
           set("remind_before", J::array({"PT4H"})),
           {{fu + "/remind_before/0",
             "counts working days, so it must be whole days or weeks (\"P5D\", \"P2W\"), not "
             "PT4H"}}},
          {"a zero reminder",
           set("remind_after", J::array({"P0D"})),
           {{fu + "/remind_after/0", "must not be zero"}}},
          {"a reminder twice",
           set("remind_before", J::array({"P2D", "P2D"})),
           {{fu + "/remind_before/1", "P2D is listed twice"}}},
          {"escalation to nobody",
           [](J& d) { d["states"]["implementation"]["follow_up"].erase("escalate_to"); },
           {{fu, "\"escalate_after\" and \"escalate_to\" go together: when, and to whom"}}},
          {"escalation to an undeclared role",
           set("escalate_to", J::array({"governor"})),
           {{fu + "/escalate_to/0", "undeclared role \"governor\"; declare it under /roles"}}},
          {"a report day some months lack",
           [](J& d) { d["states"]["implementation"]["follow_up"]["report_requests"]["day"] = 31; },
           {{fu + "/report_requests/day", "must be a day from 1 to 28, which every month has"}}},
          {"an unknown schedule",
           [](J& d) {
             d["states"]["implementation"]["follow_up"]["report_requests"]["every"] = "week";
           },
           {{fu + "/report_requests/every", "must be \"month\" or \"quarter\", found \"week\""}}},
          {"an unknown title",
           [](J& d) {
             d["states"]["implementation"]["follow_up"]["titles"]["reminders"] =
                 J{{"vi", "Nhắc"}, {"en", "Remind"}};
           },
           {{fu + "/titles/reminders",
             "unknown follow-up \"reminders\" (did you mean \"reminder\"?)"}}},
          {"nobody reports",
           [](J& d) { d["states"]["implementation"]["allow"].erase("report_progress"); },
           {{fu,
             "follow-ups go to the lead units' reporters, but no role may "
             "\"report_progress\" in this state's \"allow\""}}},
          {"an unknown key",
           set("remind", J::array()),
           {{fu + "/remind", "unknown key \"remind\" (did you mean \"remind_before\"?)"}}},
      });
}
