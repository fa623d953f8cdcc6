// An issued plan carried out: tasks given to lead units with targets and
// milestones, the campaign window they may share, progress reported by the
// lead unit alone, and what is derived from the reports at a moment.
#include "engine/implementation.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "engine/command_json.h"
#include "engine/event_json.h"
#include "engine/plan_fixture.h"

using namespace planflow;
using namespace planflow::testing;
using nlohmann::json;

namespace {

constexpr UnitId kImplementerUnit = 70;  // kImplementer speaks for it (plan_fixture.h)
constexpr UnitId kOtherAgency = 80;
constexpr UserId kOtherImplementer = 12;

// "Giảm ít nhất 10 % biên chế so với năm 2015 = 2.710 người đến năm 2021,
// 687 người mỗi năm": from 27.100 down to 24.390.
ImplementationTaskSpec staff_reduction(Time starts) {
  ImplementationTaskSpec t;
  t.title = "Tinh giản biên chế giai đoạn 2015–2021";
  t.lead_unit = kImplementerUnit;
  t.supporting_units = {10, 30};
  t.starts = starts;
  t.due = starts + 4 * 365 * kDay;
  t.weight = 3;
  TaskTarget target;
  target.value = {27100, 24390, {{starts + 365 * kDay, 26413}, {starts + 2 * 365 * kDay, 25726}}};
  target.measure = "người";
  target.baseline_year = 2015;
  t.target = target;
  return t;
}

ImplementationTaskSpec plain_task(UnitId lead, Time due) {
  ImplementationTaskSpec t;
  t.title = "Rà soát, sắp xếp tổ chức bộ máy";
  t.lead_unit = lead;
  t.due = due;
  return t;
}

ReportProgress report(std::uint32_t task, Time as_of, std::optional<double> value,
                      std::string narrative = "") {
  ProgressReport r;
  r.task = task;
  r.as_of = as_of;
  r.value = value;
  r.narrative = std::move(narrative);
  return ReportProgress{r};
}

}  // namespace

TEST_CASE("the plan's tasks are given to lead units and each reports its own progress",
          "[implementation]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  to_implementation(d);
  const Time start = d.now;
  d.ok(kDrafter, AddImplementationTask{staff_reduction(start)});
  d.ok(kMonitor, AddImplementationTask{plain_task(kImplementerUnit, start + 30 * kDay)});
  REQUIRE(d.state.implementation_tasks.size() == 2);
  // A task given only its deadline starts when it is given.
  CHECK(d.state.implementation_tasks[1].window == TaskWindow{start, start + 30 * kDay});
  CHECK(may_report_progress(d.state, kImplementer, 1));
  CHECK_FALSE(may_report_progress(d.state, kMonitor, 1));
  CHECK(may_manage_tasks(d.state, kMonitor));
  CHECK_FALSE(may_manage_tasks(d.state, kImplementer));

  CHECK(task_standing(d.state.implementation_tasks[0], d.now).status == TaskStatus::kNotStarted);
  d.now += 365 * kDay;
  d.ok(kImplementer, report(1, d.now, 26413, "Đã giảm 687 người"));
  const TaskStanding year_one = task_standing(d.state.implementation_tasks[0], d.now);
  CHECK(year_one.status == TaskStatus::kOnTrack);
  CHECK(*year_one.percent == Approx(687.0 / 2710 * 100));
  CHECK(*year_one.planned == Approx(26413));

  // A second report the same day corrects the first; the later one counts.
  d.ok(kImplementer, report(1, d.now, 26500, "Số liệu rà soát lại"));
  CHECK(d.state.implementation_tasks[0].latest->value == 26500);

  // The task without a target is done when its unit says so.
  ProgressReport done{2, 0, std::nullopt, true, "", "", ""};
  d.ok(kImplementer, ReportProgress{done});
  CHECK(d.state.implementation_tasks[1].latest->as_of == d.now);
  CHECK(task_standing(d.state.implementation_tasks[1], d.now).status == TaskStatus::kDone);
  CHECK(*task_standing(d.state.implementation_tasks[1], d.now).percent == 100);

  // Weighted 3 to 0 (unweighted): every task needs a weight for weights to
  // count, so this is the plain average of 100 and 3,2 %.
  CHECK(plan_progress(d.state, d.now) == Approx((100 + (27100 - 26500) / 2710.0 * 100) / 2));
  CHECK(plan_progress(d.state, d.now, kOtherAgency) == 0);

  auto replayed = replay(def, d.history);
  REQUIRE(replayed.ok());
  CHECK(replayed.value() == d.state);
  for (const Event& e : d.history) {
    const json j = event_to_json(def, e);
    INFO(j.dump());
    auto back = event_from_json(def, json::parse(j.dump()));
    REQUIRE(back.ok());
    CHECK(back.value() == e);
  }
}

TEST_CASE("a staff reduction behind its trajectory is at risk, and late is overdue",
          "[implementation][status]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  to_implementation(d);
  const Time start = d.now;
  d.ok(kDrafter, AddImplementationTask{staff_reduction(start)});
  const TrackedTask& t = d.state.implementation_tasks[0];
  d.now += 2 * 365 * kDay;
  // Two years in, 1.374 fewer are planned; 300 fewer is far behind.
  d.ok(kImplementer, report(1, d.now, 26800));
  CHECK(task_standing(t, d.now).status == TaskStatus::kAtRisk);
  // Exactly at the deadline, short of the goal: not yet overdue.
  d.now = t.window.due;
  d.ok(kImplementer, report(1, d.now, 25000));
  CHECK(task_standing(t, d.now).status == TaskStatus::kAtRisk);
  CHECK(task_standing(t, d.now + 1).status == TaskStatus::kOverdue);
  // Overshooting a decreasing target reads as more than 100 %.
  d.ok(kImplementer, report(1, d.now, 24000));
  CHECK(task_standing(t, d.now + 1).status == TaskStatus::kDone);
  CHECK(*task_standing(t, d.now).percent == Approx((27100 - 24000) / 2710.0 * 100));
  // ...but counts as 100 in the plan's roll-up.
  CHECK(plan_progress(d.state, d.now) == Approx(100));
}

TEST_CASE("a campaign's tasks all share its window", "[implementation][campaign]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  to_implementation(d);
  // "từ ngày 25/01/2024 đến ngày 25/3/2024"
  const Time starts = *parse_time("2024-01-25"), ends = *parse_time("2024-03-25T17:00");
  Error e = d.refused(kDrafter, SetCampaign{ends, starts}, ErrorCode::kInvalidArgument);
  CHECK(e.detail == "ends");
  d.ok(kDrafter, SetCampaign{starts, ends});
  ImplementationTaskSpec t = plain_task(kImplementerUnit, 0);
  d.ok(kDrafter, AddImplementationTask{t});
  CHECK(d.state.implementation_tasks[0].window == TaskWindow{starts, ends});
  t.due = ends + kDay;
  e = d.refused(kDrafter, AddImplementationTask{t}, ErrorCode::kInvalidArgument);
  CHECK(e.detail == "task/due");
  CHECK(e.message_vi ==
        "Kế hoạch triển khai theo đợt từ 00:00 25/1/2024 đến 17:00 25/3/2024: mọi nhiệm vụ dùng "
        "chung thời gian này");
  d.refused(kDrafter, SetCampaign{starts, ends + kDay}, ErrorCode::kInvalidState);
}

TEST_CASE("tasks that name no one, no date or impossible figures are refused",
          "[implementation][errors]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  open_consultation(d);
  Error e = d.refused(kDrafter, AddImplementationTask{plain_task(70, d.now + kDay)},
                      ErrorCode::kNotAllowedInState);
  CHECK(e.message_vi == "Không thể giao, điều chỉnh nhiệm vụ triển khai ở bước “Lấy ý kiến góp ý”");
  close_consultation(d);
  d.ok(kChair, action("approve"));
  d.ok(kClerk, action("issue"));
  const Time now = d.now;
  e = d.refused(kImplementer, AddImplementationTask{plain_task(70, now + kDay)},
                ErrorCode::kForbiddenRole);
  CHECK(e.message_vi.starts_with("Chỉ Cơ quan chủ trì soạn thảo hoặc Cơ quan theo dõi, đôn đốc"));

  const auto refused_at = [&](ImplementationTaskSpec t, const std::string& field) {
    const Error err = d.refused(kDrafter, AddImplementationTask{t}, ErrorCode::kInvalidArgument);
    CHECK(err.detail == field);
    CHECK_FALSE(err.message_vi.empty());
  };
  ImplementationTaskSpec t = plain_task(70, now + kDay);
  t.title = "  ";
  refused_at(t, "task/title");
  t = plain_task(0, now + kDay);
  refused_at(t, "task/lead_unit");
  t = plain_task(70, now + kDay);
  t.supporting_units = {30, 70};
  refused_at(t, "task/supporting_units/1");
  t.supporting_units = {30, 30};
  refused_at(t, "task/supporting_units/1");
  refused_at(plain_task(70, 0), "task/due");
  t = plain_task(70, now + kDay);
  t.starts = now + 2 * kDay;
  refused_at(t, "task/starts");
  t = plain_task(70, now + kDay);
  t.weight = -1;
  refused_at(t, "task/weight");
  t = staff_reduction(now);
  t.target->value.milestones[0].due = t.due + kDay;
  refused_at(t, "task/target/milestones/0/due");
  t = staff_reduction(now);
  std::swap(t.target->value.milestones[0], t.target->value.milestones[1]);
  refused_at(t, "task/target/milestones/1/due");
  t = staff_reduction(now);
  t.target->value.goal = std::nan("");
  refused_at(t, "task/target/goal");
  t = staff_reduction(now);
  t.target->baseline_year = 15;
  refused_at(t, "task/target/baseline_year");
  CHECK(d.state.implementation_tasks.empty());
}

TEST_CASE("only the lead unit reports, with figures that fit the task",
          "[implementation][errors]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  to_implementation(d);
  d.ok(kChair, BindRole{"implementer", {kOtherImplementer, kOtherAgency}});
  d.ok(kDrafter, AddImplementationTask{staff_reduction(d.now)});
  d.ok(kDrafter, AddImplementationTask{plain_task(kOtherAgency, d.now + 10 * kDay)});
  d.now += kDay;

  Error e = d.refused(kImplementer, report(3, d.now, 1), ErrorCode::kNotFound);
  CHECK(e.message_vi == "Kế hoạch không có nhiệm vụ số 3 (từ 1 đến 2)");
  e = d.refused(kOtherImplementer, report(1, d.now, 27000), ErrorCode::kForbiddenRole);
  CHECK(e.message_vi == "Chỉ đơn vị chủ trì được báo cáo tiến độ nhiệm vụ số 1");
  d.refused(kMonitor, report(1, d.now, 27000), ErrorCode::kForbiddenRole);
  e = d.refused(kImplementer, report(1, d.now + kDay, 27000), ErrorCode::kInvalidArgument);
  CHECK(e.detail == "as_of");
  e = d.refused(kImplementer, report(1, d.now, std::nullopt, "Đang triển khai"),
                ErrorCode::kInvalidArgument);
  CHECK(e.detail == "value");
  CHECK(e.message_vi == "Nhiệm vụ có chỉ tiêu định lượng: vui lòng nhập giá trị đạt được");
  ReportProgress flagged = report(1, d.now, 27000);
  flagged.report.completed = true;
  CHECK(d.refused(kImplementer, flagged, ErrorCode::kInvalidArgument).detail == "completed");
  d.refused(kImplementer, report(1, d.now, INFINITY), ErrorCode::kInvalidArgument);
  e = d.refused(kOtherImplementer, report(2, d.now, 5), ErrorCode::kInvalidArgument);
  CHECK(e.detail == "value");
  e = d.refused(kOtherImplementer, report(2, d.now, std::nullopt, " "),
                ErrorCode::kInvalidArgument);
  CHECK(e.detail == "narrative");
  ReportProgress wordy = report(2, d.now, std::nullopt, "Đã rà soát");
  wordy.report.difficulties = std::string(kMaxReportTextBytes + 1, 'a');
  CHECK(d.refused(kOtherImplementer, wordy, ErrorCode::kInvalidArgument).detail == "difficulties");

  d.ok(kImplementer, report(1, d.now, 27000));
  e = d.refused(kImplementer, report(1, d.now - kDay, 26900), ErrorCode::kInvalidArgument);
  CHECK(e.detail == "as_of");
  CHECK(d.state.implementation_tasks[0].latest->value == 27000);

  // Once the plan is closed nothing more is reported.
  d.ok(kMonitor, action("close", {text_input("summary", "Hoàn thành kế hoạch")}));
  d.refused(kImplementer, report(1, d.now, 26000), ErrorCode::kNotAllowedInState);
}

TEST_CASE("evolve refuses implementation events decide() could not have made",
          "[implementation][evolve]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  to_implementation(d);
  DossierState s = d.state;
  CHECK_FALSE(
      evolve(s, Event{d.now, kDrafter, ImplementationTaskAdded{2, plain_task(70, d.now)}}).ok());
  CHECK_FALSE(
      evolve(s, Event{d.now, kImplementer, ProgressReported{{1, d.now, 5.0, false, "", "", ""}}})
          .ok());
  d.ok(kDrafter, AddImplementationTask{plain_task(70, d.now + kDay)});
  s = d.state;
  CHECK_FALSE(evolve(s, Event{d.now, kDrafter, CampaignSet{d.now, d.now + kDay}}).ok());
  CHECK(s == d.state);
}

TEST_CASE("implementation commands read from clients' JSON", "[implementation][command_json]") {
  const Definition def = load_workflow("plan.json");
  const json add = json::parse(R"({"type": "add_implementation_task", "task": {
      "title": "Tinh giản biên chế", "lead_unit": 70, "supporting_units": [10, 30],
      "starts": "2015-01-01", "due": "2021-12-31T17:00", "weight": 2.5,
      "target": {"baseline": 27100, "goal": 24390, "measure": "người", "baseline_year": 2015,
                 "milestones": [{"due": "2016-12-31", "value": 26413}]}}})");
  auto c = command_from_json(add, &def);
  REQUIRE(c.ok());
  const auto& t = std::get<AddImplementationTask>(c.value()).task;
  CHECK(t.supporting_units == std::vector<UnitId>{10, 30});
  CHECK(t.due == *parse_time("2021-12-31T17:00"));
  CHECK(t.weight == 2.5);
  REQUIRE(t.target);
  CHECK(t.target->measure == "người");
  CHECK(t.target->value.milestones.size() == 1);
  CHECK(command_from_json(command_to_json(c.value()), &def).value() == c.value());

  const json rep = json::parse(R"({"type": "report_progress", "task": 1, "as_of": "2024-03-25",
      "value": 649, "narrative": "Đã giải quyết 649 hồ sơ", "difficulties": "Thiếu nhân lực",
      "proposals": "Bổ sung biên chế"})");
  c = command_from_json(rep, &def);
  REQUIRE(c.ok());
  CHECK(std::get<ReportProgress>(c.value()).report.value == 649);
  CHECK(command_from_json(command_to_json(c.value()), &def).value() == c.value());

  const std::vector<std::pair<json, std::string>> bad = {
      {{{"type", "add_implementation_task"}}, "/task"},
      {{{"type", "add_implementation_task"},
        {"task", {{"title", "x"}, {"lead_unit", 1}, {"owner", 2}}}},
       "/task/owner"},
      {{{"type", "add_implementation_task"},
        {"task", {{"title", "x"}, {"lead_unit", 1}, {"target", {{"goal", "nhiều"}}}}}},
       "/task/target/goal"},
      {{{"type", "add_implementation_task"},
        {"task", {{"title", "x"}, {"lead_unit", 1}, {"due", "31/12/2021"}}}},
       "/task/due"},
      {{{"type", "report_progress"}, {"task", 1}, {"value", "649"}}, "/value"},
      {{{"type", "report_progress"}, {"task", 1}, {"completed", 1}}, "/completed"},
      {{{"type", "report_progress"}, {"task", 0}}, "/task"},
      {{{"type", "set_campaign"}, {"starts", "2024-01-25"}}, "/ends"},
  };
  for (const auto& [j, pointer] : bad) {
    INFO(j.dump());
    auto r = command_from_json(j, &def);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().detail == pointer);
    CHECK_FALSE(r.error().message_vi.empty());
  }
}
