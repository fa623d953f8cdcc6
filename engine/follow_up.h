// Following up an issued plan's tasks (đôn đốc), as the step's `follow_up`
// defines it (docs/workflow-format.md §5.9). Each task's schedule follows
// from its dates and the definition, and is computed, never stored:
//
//   reminder        each `remind_before` ahead of the deadline, to the lead unit;
//   report_request  each month's (or quarter's) `report_day` inside the
//                   task's period, to the lead unit, due `report_within` later;
//   overdue         each `remind_after` past a missed deadline, to the lead unit;
//   escalation      `escalate_after` past a missed deadline, to the
//                   `escalate_to` roles (the monitoring unit, the chair).
//
// A task has one pending timer, for its next follow-up after the latest
// given, so a plan of 500 tasks has at most 500 timers; a done task has
// none. Each follow-up opens inbox tasks; a newer one for the lead unit
// replaces its older ones, and a report on the task closes them all.
#pragma once

#include <optional>
#include <vector>

#include "engine/decide.h"

namespace planflow {

// The hour (Vietnam time) at which follow-ups counted in days fall: when
// offices open.
inline constexpr int kOfficeOpensHour = 8;

// The task's first follow-up after `after` (by time, then kind) that falls
// after the task was added; nullopt when none is left or the task is done.
std::optional<FollowUpSlot> next_follow_up(const FollowUpDef& def, const WorkingCalendar& calendar,
                                           const TrackedTask& task,
                                           const std::optional<FollowUpSlot>& after);

// When a report requested at `requested_at` is due.
Time report_request_due(const FollowUpDef& def, const WorkingCalendar& calendar, Time requested_at);

// The definition's calendar, or the fixed public holidays when it has none.
const WorkingCalendar& calendar_of(const Definition& def);

// Sets, moves or clears the pending timer of task `id` (1-based) for its
// next follow-up; on entering a step, every task's.
void schedule_follow_up(DossierState& s, std::uint32_t id);
void schedule_follow_ups(DossierState& s);

// The timer service fired `timer` (a kFollowUp timer) at `now`.
Status decide_follow_up(const DossierState& s, const Timer& timer, Time now,
                        std::vector<Event>* out);
Status apply_follow_up_sent(DossierState& s, const FollowUpSent& e, Time at);

// A report on task `id` came in: the inbox tasks its follow-ups opened
// close, and a task now done has no more follow-ups.
void follow_up_reported(DossierState& s, std::uint32_t id);

// The users who speak for the task's lead unit in a role that may report.
std::vector<UserId> lead_unit_reporters(const DossierState& s, const TrackedTask& task);

}  // namespace planflow
