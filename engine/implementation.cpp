#include "engine/implementation.h"

#include <algorithm>
#include <cmath>

#include "engine/follow_up.h"
#include "engine/refusals.h"
#include "engine/text.h"

namespace planflow {

namespace {

std::string n(std::uint64_t v) {
  return std::to_string(v);
}

bool plausible(double v) {
  return std::isfinite(v) && std::fabs(v) <= kMaxTargetMagnitude;
}

std::optional<Error> check_figure(double v, const std::string& field, std::string_view label_vi) {
  if (plausible(v)) return std::nullopt;
  return invalid(field, "must be a number of magnitude at most 1e15",
                 "Trường " + quoted(label_vi) + " phải là một số có độ lớn không quá 10^15");
}

std::optional<Error> check_units(const ImplementationTaskSpec& t) {
  if (t.lead_unit == 0)
    return invalid("task/lead_unit", "needs a unit id",
                   "Trường “Đơn vị chủ trì” thiếu mã cơ quan, đơn vị");
  if (t.supporting_units.size() > kMaxSupportingUnits)
    return invalid("task/supporting_units",
                   "names " + n(t.supporting_units.size()) + " units, more than the " +
                       n(kMaxSupportingUnits) + " allowed",
                   "Chỉ được chọn tối đa " + n(kMaxSupportingUnits) + " đơn vị phối hợp; đã chọn " +
                       n(t.supporting_units.size()));
  for (std::size_t i = 0; i < t.supporting_units.size(); ++i) {
    const UnitId u = t.supporting_units[i];
    const std::string at = "task/supporting_units/" + n(i);
    if (u == 0)
      return invalid(at, "needs a unit id", "Đơn vị phối hợp thứ " + n(i + 1) + " thiếu mã đơn vị");
    if (u == t.lead_unit)
      return invalid(at, "unit " + n(u) + " already leads the task",
                     "Đơn vị chủ trì không đồng thời là đơn vị phối hợp");
    if (std::find(t.supporting_units.begin(), t.supporting_units.begin() + i, u) !=
        t.supporting_units.begin() + i)
      return invalid(at, "unit " + n(u) + " is listed twice",
                     "Đơn vị phối hợp số " + n(u) + " được chọn hai lần");
  }
  return std::nullopt;
}

// The period, filled in: a campaign's own, or from `now` when only the
// deadline is given.
Result<TaskWindow> resolve_window(const DossierState& s, const ImplementationTaskSpec& t,
                                  Time now) {
  if (s.campaign) {
    const TaskWindow& c = *s.campaign;
    if ((t.starts && t.starts != c.starts) || (t.due && t.due != c.due))
      return invalid(
          t.due && t.due != c.due ? "task/due" : "task/starts",
          "a campaign's tasks all run from " + format_time(c.starts) + " to " + format_time(c.due),
          "Kế hoạch triển khai theo đợt từ " + format_time_vi(c.starts) + " đến " +
              format_time_vi(c.due) + ": mọi nhiệm vụ dùng chung thời gian này");
    return c;
  }
  if (t.due == 0)
    return invalid("task/due", "is required (a time)", "Trường “Thời hạn hoàn thành” là bắt buộc");
  const TaskWindow w{t.starts ? t.starts : std::min(now, t.due), t.due};
  if (w.starts > w.due)
    return invalid("task/starts", "is after the due time " + format_time(w.due),
                   "Ngày bắt đầu phải trước thời hạn hoàn thành (" + format_time_vi(w.due) + ")");
  return w;
}

std::optional<Error> check_target(const TaskTarget& t, const TaskWindow& w) {
  if (auto e = check_figure(t.value.baseline, "task/target/baseline", "Giá trị gốc")) return e;
  if (auto e = check_figure(t.value.goal, "task/target/goal", "Chỉ tiêu")) return e;
  if (auto e = check_text_field(t.measure, "task/target/measure", "Đơn vị tính", kMaxMeasureBytes,
                                false))
    return e;
  if (t.baseline_year != 0 && (t.baseline_year < 1900 || t.baseline_year > 2200))
    return invalid("task/target/baseline_year", "must be a year from 1900 to 2200",
                   "Năm gốc phải từ 1900 đến 2200");
  const auto& ms = t.value.milestones;
  if (ms.size() > kMaxMilestones)
    return invalid(
        "task/target/milestones",
        "has " + n(ms.size()) + " milestones, more than the " + n(kMaxMilestones) + " allowed",
        "Chỉ được đặt tối đa " + n(kMaxMilestones) + " mốc; đã đặt " + n(ms.size()));
  for (std::size_t i = 0; i < ms.size(); ++i) {
    const std::string at = "task/target/milestones/" + n(i);
    if (auto e = check_figure(ms[i].value, at + "/value", "Giá trị của mốc")) return e;
    if (ms[i].due < w.starts || ms[i].due > w.due)
      return invalid(at + "/due", "falls outside the task's period",
                     "Mốc thứ " + n(i + 1) + " (" + format_time_vi(ms[i].due) +
                         ") nằm ngoài thời gian thực hiện nhiệm vụ (" + format_time_vi(w.starts) +
                         " – " + format_time_vi(w.due) + ")");
    if (i > 0 && ms[i].due <= ms[i - 1].due)
      return invalid(
          at + "/due", "is not after the milestone before it",
          "Các mốc phải theo thứ tự thời gian: mốc thứ " + n(i + 1) + " không sau mốc thứ " + n(i));
  }
  return std::nullopt;
}

const TrackedTask* find_task(const DossierState& s, std::uint32_t id) {
  return id >= 1 && id <= s.implementation_tasks.size() ? &s.implementation_tasks[id - 1] : nullptr;
}

// The reporter speaks for the task's lead unit in this dossier, in a role
// that may report.
bool speaks_for_lead(const DossierState& s, UserId user, const TrackedTask& t) {
  const RoleMask reporters = s.current().allow[static_cast<size_t>(Operation::kReportProgress)];
  return std::any_of(s.bindings.begin(), s.bindings.end(), [&](const Binding& b) {
    return b.participant.user == user && (reporters & (1u << b.role)) &&
           b.participant.unit == t.lead_unit;
  });
}

Error task_not_found(const DossierState& s, std::uint32_t id) {
  const auto count = s.implementation_tasks.size();
  return user_error(ErrorCode::kNotFound, "task: there is no implementation task " + n(id),
                    count
                        ? "Kế hoạch không có nhiệm vụ số " + n(id) + " (từ 1 đến " + n(count) + ")"
                        : "Kế hoạch chưa có nhiệm vụ triển khai nào",
                    "task");
}

std::optional<Error> check_report(const ProgressReport& r, const TrackedTask& t, Time now) {
  if (r.as_of > now)
    return invalid("as_of", "is in the future (now " + format_time(now) + ")",
                   "Ngày số liệu không được sau thời điểm hiện tại (" + format_time_vi(now) + ")");
  if (t.latest && r.as_of < t.latest->as_of)
    return invalid("as_of", "is before the latest report, as of " + format_time(t.latest->as_of),
                   "Đã có báo cáo có số liệu tính đến " + format_time_vi(t.latest->as_of) +
                       "; báo cáo mới phải tính đến thời điểm đó hoặc sau");
  if (t.target) {
    if (!r.value)
      return invalid("value", "is required for a task with a numeric target",
                     "Nhiệm vụ có chỉ tiêu định lượng: vui lòng nhập giá trị đạt được");
    if (auto e = check_figure(*r.value, "value", "Giá trị đạt được")) return e;
    if (r.completed)
      return invalid("completed", "a task with a target is done when its goal is reached",
                     "Nhiệm vụ có chỉ tiêu định lượng hoàn thành khi đạt chỉ tiêu; không đánh "
                     "dấu hoàn thành bằng tay");
  } else {
    if (r.value)
      return invalid("value", "task " + n(r.task) + " has no numeric target",
                     "Nhiệm vụ số " + n(r.task) + " không có chỉ tiêu định lượng để nhập giá trị");
    if (!r.completed && is_blank(r.narrative))
      return invalid("narrative", "must say what was done, or mark the task completed",
                     "Vui lòng nêu kết quả thực hiện hoặc đánh dấu nhiệm vụ đã hoàn thành");
  }
  if (auto e = check_text_field(r.narrative, "narrative", "Kết quả thực hiện", kMaxReportTextBytes,
                                false))
    return e;
  if (auto e = check_text_field(r.difficulties, "difficulties", "Khó khăn, vướng mắc",
                                kMaxReportTextBytes, false))
    return e;
  return check_text_field(r.proposals, "proposals", "Đề xuất, kiến nghị", kMaxReportTextBytes,
                          false);
}

}  // namespace

Status decide_add_task(const DossierState& s, const AddImplementationTask& c, const Actor& actor,
                       Time now, std::vector<Event>* out) {
  if (auto e = require_operation(s, Operation::kManageTasks, actor.user)) return *e;
  if (s.implementation_tasks.size() >= kMaxImplementationTasks)
    return user_error(ErrorCode::kInvalidState,
                      "a plan holds at most " + n(kMaxImplementationTasks) + " tasks",
                      "Một kế hoạch có tối đa " + n(kMaxImplementationTasks) + " nhiệm vụ");
  ImplementationTaskSpec t = c.task;
  if (auto e = check_text_field(t.title, "task/title", "Tên nhiệm vụ", kMaxTitleBytes, true))
    return *e;
  if (auto e = check_units(t)) return *e;
  auto window = resolve_window(s, t, now);
  if (!window.ok()) return window.error();
  t.starts = window.value().starts;
  t.due = window.value().due;
  if (!std::isfinite(t.weight) || t.weight < 0 || t.weight > kMaxTaskWeight)
    return invalid("task/weight", "must be a number from 0 to 1e6",
                   "Trọng số phải là một số từ 0 đến 1.000.000");
  if (t.target)
    if (auto e = check_target(*t.target, window.value())) return *e;
  out->push_back(Event{
      now, actor.user,
      ImplementationTaskAdded{static_cast<std::uint32_t>(s.implementation_tasks.size() + 1), t}});
  return {};
}

Status decide_report_progress(const DossierState& s, const ReportProgress& c, const Actor& actor,
                              Time now, std::vector<Event>* out) {
  if (auto e = require_operation(s, Operation::kReportProgress, actor.user)) return *e;
  ProgressReport r = c.report;
  const TrackedTask* t = find_task(s, r.task);
  if (!t) return task_not_found(s, r.task);
  if (!speaks_for_lead(s, actor.user, *t))
    return user_error(ErrorCode::kForbiddenRole,
                      "only the lead unit (" + n(t->lead_unit) + ") reports on task " + n(r.task),
                      "Chỉ đơn vị chủ trì được báo cáo tiến độ nhiệm vụ số " + n(r.task));
  if (r.as_of == 0) r.as_of = now;
  if (auto e = check_report(r, *t, now)) return *e;
  out->push_back(Event{now, actor.user, ProgressReported{std::move(r)}});
  return {};
}

Status decide_set_campaign(const DossierState& s, const SetCampaign& c, const Actor& actor,
                           Time now, std::vector<Event>* out) {
  if (auto e = require_operation(s, Operation::kManageTasks, actor.user)) return *e;
  if (!s.implementation_tasks.empty())
    return user_error(ErrorCode::kInvalidState,
                      "tasks have been given already: set the campaign before the first task",
                      "Đã giao nhiệm vụ: thời gian của đợt phải được đặt trước khi giao nhiệm "
                      "vụ đầu tiên");
  if (c.starts == 0) return invalid("starts", "is required (a time)", "Ngày bắt đầu là bắt buộc");
  if (c.ends <= c.starts)
    return invalid("ends", "must be after the start " + format_time(c.starts),
                   "Ngày kết thúc phải sau ngày bắt đầu (" + format_time_vi(c.starts) + ")");
  out->push_back(Event{now, actor.user, CampaignSet{c.starts, c.ends}});
  return {};
}

Status apply_task_added(DossierState& s, const ImplementationTaskAdded& e, Time at) {
  if (e.task_id != s.implementation_tasks.size() + 1)
    return history_corrupt("task " + n(e.task_id) + " added out of order");
  if (e.task.starts > e.task.due) return history_corrupt("task starts after it is due");
  TrackedTask t;
  t.title = e.task.title;
  t.added_at = at;
  t.lead_unit = e.task.lead_unit;
  t.window = {e.task.starts, e.task.due};
  t.weight = e.task.weight;
  if (e.task.target) t.target = e.task.target->value;
  s.implementation_tasks.push_back(std::move(t));
  schedule_follow_up(s, e.task_id);
  return {};
}

Status apply_progress_reported(DossierState& s, const ProgressReported& e) {
  const ProgressReport& r = e.report;
  if (r.task == 0 || r.task > s.implementation_tasks.size())
    return history_corrupt("progress reported on task " + n(r.task) + ", which was not added");
  TrackedTask& t = s.implementation_tasks[r.task - 1];
  if (t.latest && r.as_of < t.latest->as_of)
    return history_corrupt("progress reported as of a time before the latest report");
  t.latest = ProgressReading{r.as_of, r.value.value_or(0), r.completed};
  follow_up_reported(s, r.task);
  return {};
}

Status apply_campaign_set(DossierState& s, const CampaignSet& e) {
  if (!s.implementation_tasks.empty()) return history_corrupt("campaign set after tasks");
  if (e.ends <= e.starts) return history_corrupt("campaign ends before it starts");
  s.campaign = TaskWindow{e.starts, e.ends};
  return {};
}

TaskStanding task_standing(const TrackedTask& t, Time now) {
  TaskStanding out;
  out.status = task_status(t.target, t.window, t.latest, now);
  if (t.target) {
    out.planned = planned_value(*t.target, t.window, now);
    if (t.latest) out.percent = percent_achieved(*t.target, t.latest->value);
  } else if (t.latest && t.latest->completed) {
    out.percent = 100;
  }
  return out;
}

double plan_progress(const DossierState& s, Time now, UnitId lead_unit) {
  std::vector<WeightedPercent> parts;
  for (const TrackedTask& t : s.implementation_tasks) {
    if (lead_unit && t.lead_unit != lead_unit) continue;
    parts.push_back({task_standing(t, now).percent.value_or(0), t.weight});
  }
  return roll_up(parts);
}

bool may_manage_tasks(const DossierState& s, UserId user) {
  return s.created && !require_operation(s, Operation::kManageTasks, user);
}

bool may_report_progress(const DossierState& s, UserId user, std::uint32_t task) {
  const TrackedTask* t = find_task(s, task);
  return s.created && t && !require_operation(s, Operation::kReportProgress, user) &&
         speaks_for_lead(s, user, *t);
}

}  // namespace planflow
