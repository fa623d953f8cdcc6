#include "engine/follow_up.h"

#include <algorithm>

#include "engine/refusals.h"
#include "engine/working_calendar.h"

namespace planflow {

namespace {

bool is_done(const TrackedTask& t) {
  // Done-ness does not depend on the moment asked: the goal is reached or
  // the unit declared it.
  return task_status(t.target, t.window, t.latest, t.window.starts) == TaskStatus::kDone;
}

bool before(const FollowUpSlot& a, const FollowUpSlot& b) {
  return a.at < b.at || (a.at == b.at && a.kind < b.kind);
}

int whole_days(const Duration& d) {
  return d.days + 7 * d.weeks;
}

Time opening_of(CivilDay day) {
  CivilDateTime c = civil_from_days(day);
  c.hour = kOfficeOpensHour;
  return from_vietnam_time(c);
}

// The `n`th working day before (n < 0) or after (n > 0) the day of `t`.
CivilDay working_days_from(const WorkingCalendar& cal, Time t, int n) {
  CivilDay day = civil_day(t);
  const int step = n < 0 ? -1 : 1;
  for (int left = n < 0 ? -n : n; left > 0;) {
    day += step;
    if (is_working_day(cal, day)) --left;
  }
  return day;
}

Time before_due(const FollowUpDef& def, const WorkingCalendar& cal, Time due, const Duration& d) {
  return def.working_days ? opening_of(working_days_from(cal, due, -whole_days(d)))
                          : subtract_duration(due, d);
}

Time after_due(const FollowUpDef& def, const WorkingCalendar& cal, Time due, const Duration& d) {
  return def.working_days ? opening_of(working_days_from(cal, due, whole_days(d)))
                          : add_duration(due, d);
}

// The first report request inside the task's period after `after`.
std::optional<FollowUpSlot> next_report_request(const FollowUpDef& def, const WorkingCalendar& cal,
                                                const TrackedTask& task,
                                                const FollowUpSlot& after) {
  if (def.reports == ReportSchedule::kNone) return std::nullopt;
  const Time from = std::max(task.window.starts, after.at);
  CivilDateTime month = to_vietnam_time(from);
  // A request may be moved a few days on to a working day, so the month
  // before `from` may still hold one after it.
  int year = month.year, m = month.month - 1;
  if (m == 0) m = 12, --year;
  for (;;) {
    if (def.reports == ReportSchedule::kMonthly || m % 3 == 0) {
      CivilDay day = days_from_civil(year, m, std::min(def.report_day, days_in_month(year, m)));
      if (def.working_days)
        while (!is_working_day(cal, day))
          ++day;
      const FollowUpSlot slot{opening_of(day), FollowUpKind::kReportRequest};
      if (slot.at >= task.window.due) return std::nullopt;
      if (slot.at > task.window.starts && before(after, slot)) return slot;
    }
    if (++m == 13) m = 1, ++year;
  }
}

Error out_of_step(const std::string& why) {
  return make_error(ErrorCode::kInvalidState, "follow-up timer out of step: " + why);
}

void insert_timer(DossierState& s, Timer t) {
  const auto at = std::upper_bound(
      s.timers.begin(), s.timers.end(), t,
      [](const Timer& a, const Timer& b) { return a.at < b.at || (a.at == b.at && a.id < b.id); });
  s.timers.insert(at, t);
}

bool lead_kind(FollowUpKind k) {
  return k != FollowUpKind::kEscalation;
}

bool is_follow_up_of(const OpenTask& t, std::uint32_t task) {
  return t.task >= kFirstFollowUpTask && t.task < kFirstFollowUpTask + kFollowUpKinds &&
         t.subject == task;
}

}  // namespace

std::optional<FollowUpSlot> next_follow_up(const FollowUpDef& def, const WorkingCalendar& cal,
                                           const TrackedTask& task,
                                           const std::optional<FollowUpSlot>& after) {
  if (is_done(task)) return std::nullopt;
  // Nothing at or before the task was added: its slot passed before anyone
  // could be reminded.
  const FollowUpSlot floor = after && after->at >= task.added_at
                                 ? *after
                                 : FollowUpSlot{task.added_at, FollowUpKind::kReportRequest};
  std::optional<FollowUpSlot> best;
  auto consider = [&](FollowUpSlot slot) {
    if (before(floor, slot) && (!best || before(slot, *best))) best = slot;
  };
  const Time due = task.window.due;
  for (const Duration& d : def.remind_before)
    consider({before_due(def, cal, due, d), FollowUpKind::kReminder});
  for (const Duration& d : def.remind_after)
    consider({after_due(def, cal, due, d), FollowUpKind::kOverdue});
  if (def.escalate_after)
    consider({after_due(def, cal, due, *def.escalate_after), FollowUpKind::kEscalation});
  if (auto r = next_report_request(def, cal, task, floor)) consider(*r);
  return best;
}

Time report_request_due(const FollowUpDef& def, const WorkingCalendar& cal, Time requested_at) {
  return def.working_days ? add_working_days(cal, requested_at, whole_days(def.report_within))
                          : add_duration(requested_at, def.report_within);
}

const WorkingCalendar& calendar_of(const Definition& def) {
  // Wide enough for any plan's dates; built once.
  static const WorkingCalendar fixed = fixed_holidays(1990, 2100);
  return def.calendar ? *def.calendar : fixed;
}

void schedule_follow_up(DossierState& s, std::uint32_t id) {
  std::erase_if(s.timers,
                [id](const Timer& t) { return t.kind == TimerKind::kFollowUp && t.subject == id; });
  const auto& def = s.current().follow_up;
  if (!def || id == 0 || id > s.implementation_tasks.size()) return;
  const TrackedTask& task = s.implementation_tasks[id - 1];
  if (auto slot = next_follow_up(*def, calendar_of(s.definition()), task, task.followed_up))
    insert_timer(s, {.id = s.next_timer_id++,
                     .kind = TimerKind::kFollowUp,
                     .subject = static_cast<std::uint16_t>(id),
                     .at = slot->at});
}

void schedule_follow_ups(DossierState& s) {
  for (std::uint32_t id = 1; id <= s.implementation_tasks.size(); ++id)
    schedule_follow_up(s, id);
}

std::vector<UserId> lead_unit_reporters(const DossierState& s, const TrackedTask& task) {
  const RoleMask reporters = s.current().allow[static_cast<size_t>(Operation::kReportProgress)];
  std::vector<UserId> out;
  for (const Binding& b : s.bindings)
    if ((reporters & (1u << b.role)) && b.participant.unit == task.lead_unit &&
        std::find(out.begin(), out.end(), b.participant.user) == out.end())
      out.push_back(b.participant.user);
  return out;
}

Status decide_follow_up(const DossierState& s, const Timer& timer, Time now,
                        std::vector<Event>* out) {
  const auto& def = s.current().follow_up;
  if (!def || timer.subject == 0 || timer.subject > s.implementation_tasks.size())
    return out_of_step("no such task");
  const TrackedTask& task = s.implementation_tasks[timer.subject - 1];
  const WorkingCalendar& cal = calendar_of(s.definition());
  auto slot = next_follow_up(*def, cal, task, task.followed_up);
  if (!slot || slot->at != timer.at) return out_of_step("the schedule moved");
  // A server that was down sends only the latest follow-up due, not every
  // one it missed.
  while (auto later = next_follow_up(*def, cal, task, slot)) {
    if (later->at > now) break;
    slot = later;
  }
  FollowUpSent sent{timer.id, timer.subject, slot->kind, slot->at, 0, {}};
  if (slot->kind == FollowUpKind::kReportRequest)
    sent.due_at = report_request_due(*def, cal, slot->at);
  if (lead_kind(slot->kind)) sent.recipients = lead_unit_reporters(s, task);
  out->push_back(Event{now, kSystemUser, std::move(sent)});
  return {};
}

Status apply_follow_up_sent(DossierState& s, const FollowUpSent& e, Time at) {
  const Timer* timer = s.find_timer(e.timer_id);
  const auto& def = s.current().follow_up;
  if (!timer || timer->kind != TimerKind::kFollowUp || timer->subject != e.task || !def ||
      e.task == 0 || e.task > s.implementation_tasks.size())
    return history_corrupt("follow-up sent for a timer that is not pending");
  if (e.scheduled_at < timer->at) return history_corrupt("follow-up sent before its slot");
  TrackedTask& task = s.implementation_tasks[e.task - 1];
  const RoleMask reporters = s.current().allow[static_cast<size_t>(Operation::kReportProgress)];
  std::vector<OpenTask> opened;
  const Time due = e.kind == FollowUpKind::kReportRequest ? e.due_at : task.window.due;
  if (lead_kind(e.kind)) {
    for (UserId user : e.recipients) {
      const auto b = std::find_if(s.bindings.begin(), s.bindings.end(), [&](const Binding& b) {
        return b.participant.user == user && b.participant.unit == task.lead_unit &&
               (reporters & (1u << b.role));
      });
      if (b == s.bindings.end())
        return history_corrupt("follow-up sent to someone who does not speak for the lead unit");
      opened.push_back({.task = follow_up_task(e.kind),
                        .role = b->role,
                        .assignee = user,
                        .subject = static_cast<std::uint16_t>(e.task),
                        .opened_at = at,
                        .due_at = due});
    }
  } else {
    for (RoleId r = 0; r < s.definition().roles.size(); ++r)
      if (def->escalate_to & (1u << r))
        opened.push_back({.task = follow_up_task(e.kind),
                          .role = r,
                          .subject = static_cast<std::uint16_t>(e.task),
                          .opened_at = at,
                          .due_at = due});
  }
  task.followed_up = FollowUpSlot{e.scheduled_at, e.kind};
  // The newest follow-up says all the older ones said, and more.
  std::erase_if(s.tasks, [&](const OpenTask& t) {
    return is_follow_up_of(t, e.task) &&
           lead_kind(static_cast<FollowUpKind>(t.task - kFirstFollowUpTask)) == lead_kind(e.kind);
  });
  for (OpenTask& t : opened) {
    t.id = s.next_task_id++;
    s.tasks.push_back(t);
  }
  schedule_follow_up(s, e.task);
  return {};
}

void follow_up_reported(DossierState& s, std::uint32_t id) {
  std::erase_if(s.tasks, [id](const OpenTask& t) { return is_follow_up_of(t, id); });
  if (is_done(s.implementation_tasks[id - 1])) schedule_follow_up(s, id);
}

}  // namespace planflow
