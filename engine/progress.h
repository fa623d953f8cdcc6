// How far an implementation task has come: percentages and status derived
// from a numeric target and the lead unit's progress reports, never typed by
// hand. Pure: `now` comes in as an argument.
//
// A target runs from a baseline to a goal ("649 of 1.240 cases": from 0 to
// 1.240; "staff from 27.100 down to 24.390": a goal below the baseline), with
// milestones on the way. Achievement is the share of that distance covered,
// so a decreasing target needs no special case, and it is not capped: an
// overshoot reads as more than 100 %.
#pragma once

#include <optional>
#include <vector>

#include "engine/time.h"

namespace planflow {

// A value expected by a date: "687 a year" is one milestone per year.
struct Milestone {
  Time due = 0;
  double value = 0;
  friend bool operator==(const Milestone&, const Milestone&) = default;
};

struct NumericTarget {
  double baseline = 0;
  double goal = 0;
  std::vector<Milestone> milestones;  // in the order of their dates, before `due`
  friend bool operator==(const NumericTarget&, const NumericTarget&) = default;
};

// A task's dates: it is expected to start by `starts` and be done by `due`,
// both inclusive to the second (a report at the deadline is on time).
struct TaskWindow {
  Time starts = 0;
  Time due = 0;
  friend bool operator==(const TaskWindow&, const TaskWindow&) = default;
};

// The lead unit's latest word on the task.
struct ProgressReading {
  Time as_of = 0;
  double value = 0;        // for a numeric target; ignored otherwise
  bool completed = false;  // the unit declares a task without a target done
  friend bool operator==(const ProgressReading&, const ProgressReading&) = default;
};

enum class TaskStatus { kNotStarted, kOnTrack, kAtRisk, kOverdue, kDone };
const char* task_status_name(TaskStatus s);  // "not_started", "on_track", ...

// Percent of the way from baseline to goal that `value` stands at. A goal
// equal to its baseline is met (100) once the value is there, else 0.
double percent_achieved(const NumericTarget& target, double value);

// The value the plan expects by `at`: a straight line from the baseline at
// `window.starts` through each milestone to the goal at `window.due`; the
// baseline before the start and the goal after the deadline.
double planned_value(const NumericTarget& target, const TaskWindow& window, Time at);

// How many percentage points behind the planned trajectory a task may be
// before it is at risk.
inline constexpr double kAtRiskShortfallPoints = 10.0;

// The status at `now`:
//   done         the goal is reached (numeric) or the unit declared it done;
//   overdue      past `due` and not done (at `due` itself it is not yet);
//   not_started  no reading yet, and the plan expects no more than
//                kAtRiskShortfallPoints of progress by now;
//   at_risk      with a target: the latest value is more than
//                kAtRiskShortfallPoints behind the planned trajectory at `now`
//                (which passes through every milestone); without one: less
//                than a fifth of the window is left;
//   on_track     otherwise.
TaskStatus task_status(const std::optional<NumericTarget>& target, const TaskWindow& window,
                       const std::optional<ProgressReading>& latest, Time now);

// A roll-up of several tasks' percentages: weighted where every task has a
// positive weight, the plain average otherwise. Percentages above 100 count
// as 100, so one overshoot cannot hide another task's shortfall. Empty: 0.
struct WeightedPercent {
  double percent = 0;
  double weight = 0;  // 0: no weight given
};
double roll_up(const std::vector<WeightedPercent>& tasks);

}  // namespace planflow
