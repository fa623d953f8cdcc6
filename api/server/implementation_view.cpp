#include "api/server/implementation_view.h"

#include <algorithm>
#include <array>
#include <map>

#include "engine/follow_up.h"
#include "engine/implementation.h"

namespace planflow {

using nlohmann::json;

namespace {

constexpr std::array<TaskStatus, 5> kStatuses{TaskStatus::kNotStarted, TaskStatus::kOnTrack,
                                              TaskStatus::kAtRisk, TaskStatus::kOverdue,
                                              TaskStatus::kDone};

json optional_number(const std::optional<double>& v) {
  return v ? json(*v) : json(nullptr);
}

json counts_json(const std::array<std::size_t, kStatuses.size()>& counts) {
  json out = json::object();
  for (std::size_t i = 0; i < kStatuses.size(); ++i)
    out[task_status_name(kStatuses[i])] = counts[i];
  return out;
}

std::size_t status_index(TaskStatus s) {
  return static_cast<std::size_t>(std::find(kStatuses.begin(), kStatuses.end(), s) -
                                  kStatuses.begin());
}

json target_json(const TaskTarget& t) {
  json milestones = json::array();
  for (const Milestone& m : t.value.milestones)
    milestones.push_back({{"due", m.due}, {"value", m.value}});
  return {{"baseline", t.value.baseline},
          {"goal", t.value.goal},
          {"measure", t.measure},
          {"baseline_year", t.baseline_year ? json(t.baseline_year) : json(nullptr)},
          {"milestones", std::move(milestones)}};
}

// What the state does not keep: each task's words, and its reports in the
// order they were made.
struct TaskRecord {
  const StoredEvent* added = nullptr;
  const ImplementationTaskAdded* spec = nullptr;
  std::vector<std::pair<const StoredEvent*, const ProgressReport*>> reports;
  std::vector<std::pair<const StoredEvent*, const FollowUpSent*>> follow_ups;
};

std::vector<TaskRecord> task_records(std::size_t tasks, const std::vector<StoredEvent>& events) {
  std::vector<TaskRecord> out(tasks);
  for (const StoredEvent& e : events) {
    if (const auto* a = std::get_if<ImplementationTaskAdded>(&e.event.body)) {
      if (a->task_id >= 1 && a->task_id <= tasks) out[a->task_id - 1] = {&e, a, {}, {}};
    } else if (const auto* p = std::get_if<ProgressReported>(&e.event.body)) {
      if (p->report.task >= 1 && p->report.task <= tasks)
        out[p->report.task - 1].reports.emplace_back(&e, &p->report);
    } else if (const auto* f = std::get_if<FollowUpSent>(&e.event.body)) {
      if (f->task >= 1 && f->task <= tasks) out[f->task - 1].follow_ups.emplace_back(&e, f);
    }
  }
  return out;
}

json report_json(const StoredEvent& e, const ProgressReport& r, const TrackedTask& task) {
  std::optional<double> percent;
  if (task.target && r.value) percent = percent_achieved(*task.target, *r.value);
  return {{"seq", e.dossier_seq},
          {"at", e.event.at},
          {"by", e.event.actor},
          {"as_of", r.as_of},
          {"value", optional_number(r.value)},
          {"completed", r.completed},
          {"narrative", r.narrative},
          {"difficulties", r.difficulties},
          {"proposals", r.proposals},
          {"percent", optional_number(percent)}};
}

// The follow-ups given, oldest first, and the one the pending timer will
// give: what the lead unit was and will be urged about.
json follow_ups_json(const DossierState& state, std::uint32_t id, const TaskRecord& record) {
  json sent = json::array();
  for (const auto& [e, f] : record.follow_ups)
    sent.push_back({{"seq", e->dossier_seq},
                    {"at", e->event.at},
                    {"kind", follow_up_kind_name(f->kind)},
                    {"scheduled_at", f->scheduled_at},
                    {"due_at", f->due_at ? json(f->due_at) : json(nullptr)},
                    {"recipients", f->recipients}});
  json next = nullptr;
  const StateDef& st = state.current();
  for (const Timer& t : state.timers) {
    if (t.kind != TimerKind::kFollowUp || t.subject != id || !st.follow_up) continue;
    const std::optional<FollowUpSlot> slot = next_follow_up(
        *st.follow_up, calendar_of(state.definition()), state.implementation_tasks[id - 1],
        state.implementation_tasks[id - 1].followed_up);
    next = {{"at", t.at}, {"kind", slot ? json(follow_up_kind_name(slot->kind)) : json(nullptr)}};
  }
  return {{"next", std::move(next)}, {"sent", std::move(sent)}};
}

json task_json(const DossierState& state, std::uint32_t id, const TaskRecord& record,
               const TaskStanding& standing, UserId user) {
  const TrackedTask& task = state.implementation_tasks[id - 1];
  std::optional<double> planned_percent;
  if (task.target && standing.planned)
    planned_percent = percent_achieved(*task.target, *standing.planned);
  json reports = json::array();
  for (const auto& [e, r] : record.reports)
    reports.push_back(report_json(*e, *r, task));
  const ImplementationTaskSpec* spec = record.spec ? &record.spec->task : nullptr;
  json latest = nullptr;
  if (task.latest)
    latest = {{"as_of", task.latest->as_of},
              {"value", task.target ? json(task.latest->value) : json(nullptr)},
              {"completed", task.latest->completed}};
  return {{"id", id},
          {"title", spec ? spec->title : std::string()},
          {"lead_unit", task.lead_unit},
          {"supporting_units", spec ? json(spec->supporting_units) : json::array()},
          {"starts", task.window.starts},
          {"due", task.window.due},
          {"weight", task.weight},
          {"target", spec && spec->target ? target_json(*spec->target) : json(nullptr)},
          {"status", task_status_name(standing.status)},
          {"percent", optional_number(standing.percent)},
          {"planned", optional_number(standing.planned)},
          {"planned_percent", optional_number(planned_percent)},
          {"latest", std::move(latest)},
          {"may_report", may_report_progress(state, user, id)},
          {"added", record.added ? json{{"seq", record.added->dossier_seq},
                                        {"at", record.added->event.at},
                                        {"by", record.added->event.actor}}
                                 : json(nullptr)},
          {"reports", std::move(reports)},
          {"follow_ups", follow_ups_json(state, id, record)}};
}

bool step_implements(const StateDef& st) {
  return st.allow[static_cast<std::size_t>(Operation::kManageTasks)] != 0 ||
         st.allow[static_cast<std::size_t>(Operation::kReportProgress)] != 0;
}

int urgency(const std::string& status) {
  static constexpr std::array<const char*, 5> kOrder{"overdue", "at_risk", "not_started",
                                                     "on_track", "done"};
  for (std::size_t i = 0; i < kOrder.size(); ++i)
    if (status == kOrder[i]) return static_cast<int>(i);
  return static_cast<int>(kOrder.size());
}

}  // namespace

bool has_implementation_tasks(const DossierState& state) {
  return state.created && !state.implementation_tasks.empty();
}

json implementation_json(const DossierState& state, const std::vector<StoredEvent>& events,
                         UserId user, Time now) {
  if (!state.created || (!step_implements(state.current()) && !has_implementation_tasks(state)))
    return nullptr;
  const auto records = task_records(state.implementation_tasks.size(), events);
  json tasks = json::array();
  std::array<std::size_t, kStatuses.size()> counts{};
  std::map<UnitId, std::array<std::size_t, kStatuses.size()>> by_unit;
  for (std::uint32_t id = 1; id <= state.implementation_tasks.size(); ++id) {
    const TaskStanding standing = task_standing(state.implementation_tasks[id - 1], now);
    json t = task_json(state, id, records[id - 1], standing, user);
    const std::size_t s = status_index(standing.status);
    ++counts[s];
    ++by_unit[state.implementation_tasks[id - 1].lead_unit][s];
    tasks.push_back(std::move(t));
  }
  json units = json::array();
  for (const auto& [unit, unit_counts] : by_unit) {
    std::size_t n = 0;
    for (std::size_t c : unit_counts)
      n += c;
    units.push_back({{"unit", unit},
                     {"progress", plan_progress(state, now, unit)},
                     {"tasks", n},
                     {"counts", counts_json(unit_counts)}});
  }
  json escalate_to = json::array();
  if (const auto& follow_up = state.current().follow_up)
    for (RoleId r = 0; r < state.definition().roles.size(); ++r)
      if (follow_up->escalate_to & (1u << r)) escalate_to.push_back(state.definition().roles[r].id);
  json campaign = nullptr;
  if (state.campaign)
    campaign = {{"starts", state.campaign->starts}, {"ends", state.campaign->due}};
  return {{"as_of", now},
          {"campaign", std::move(campaign)},
          {"progress", plan_progress(state, now)},
          {"counts", counts_json(counts)},
          {"units", std::move(units)},
          {"may_manage", may_manage_tasks(state, user)},
          {"escalate_to", std::move(escalate_to)},
          {"tasks", std::move(tasks)}};
}

json overview_plan_json(const DossierSummary& summary, const json& implementation, json* tasks) {
  const json symbol = summary.symbol ? json(*summary.symbol) : json(nullptr);
  for (const json& t : implementation["tasks"]) {
    const json& target = t["target"];
    tasks->push_back({{"dossier", summary.id},
                      {"dossier_title", summary.title},
                      {"symbol", symbol},
                      {"id", t["id"]},
                      {"title", t["title"]},
                      {"lead_unit", t["lead_unit"]},
                      {"due", t["due"]},
                      {"status", t["status"]},
                      {"percent", t["percent"]},
                      {"latest", t["latest"]},
                      {"measure", target.is_null() ? json(nullptr) : target["measure"]}});
  }
  return {{"dossier", summary.id},
          {"title", summary.title},
          {"symbol", symbol},
          {"state", summary.state},
          {"progress", implementation["progress"]},
          {"counts", implementation["counts"]}};
}

void sort_overview_tasks(json* tasks) {
  std::stable_sort(tasks->begin(), tasks->end(), [](const json& a, const json& b) {
    const int ua = urgency(a["status"].get<std::string>());
    const int ub = urgency(b["status"].get<std::string>());
    if (ua != ub) return ua < ub;
    return a["due"].get<Time>() < b["due"].get<Time>();
  });
}

}  // namespace planflow
