#include "engine/progress.h"

#include <algorithm>
#include <cmath>

namespace planflow {
namespace {

// Values come from reports typed by people; a difference this small is the
// same number written two ways.
constexpr double kEpsilon = 1e-9;

}  // namespace

const char* task_status_name(TaskStatus s) {
  switch (s) {
    case TaskStatus::kNotStarted:
      return "not_started";
    case TaskStatus::kOnTrack:
      return "on_track";
    case TaskStatus::kAtRisk:
      return "at_risk";
    case TaskStatus::kOverdue:
      return "overdue";
    case TaskStatus::kDone:
      return "done";
  }
  return "not_started";
}

double percent_achieved(const NumericTarget& target, double value) {
  const double distance = target.goal - target.baseline;
  if (std::fabs(distance) < kEpsilon) return std::fabs(value - target.goal) < kEpsilon ? 100 : 0;
  // Adding zero turns -0 (no change yet on a falling target) into 0, which
  // readers would otherwise see as "-0 %".
  return (value - target.baseline) / distance * 100 + 0.0;
}

double planned_value(const NumericTarget& target, const TaskWindow& window, Time at) {
  if (at <= window.starts) return target.baseline;
  if (at >= window.due) return target.goal;
  Time from_t = window.starts;
  double from_v = target.baseline;
  auto between = [&](Time to_t, double to_v) {
    const double share = static_cast<double>(at - from_t) / static_cast<double>(to_t - from_t);
    return from_v + (to_v - from_v) * share;
  };
  for (const Milestone& m : target.milestones) {
    // Milestones outside the window, or out of order, are not on the line.
    if (m.due <= from_t || m.due >= window.due) continue;
    if (at <= m.due) return between(m.due, m.value);
    from_t = m.due;
    from_v = m.value;
  }
  return between(window.due, target.goal);
}

TaskStatus task_status(const std::optional<NumericTarget>& target, const TaskWindow& window,
                       const std::optional<ProgressReading>& latest, Time now) {
  if (latest && latest->completed && !target) return TaskStatus::kDone;
  const double achieved = target && latest ? percent_achieved(*target, latest->value) : 0;
  if (target && latest && achieved >= 100 - kEpsilon) return TaskStatus::kDone;
  if (now > window.due) return TaskStatus::kOverdue;
  if (!target) {
    if (!latest && now < window.starts) return TaskStatus::kNotStarted;
    const Time left = window.due - now;
    return left * 5 < window.due - window.starts ? TaskStatus::kAtRisk
           : latest                              ? TaskStatus::kOnTrack
                                                 : TaskStatus::kNotStarted;
  }
  const double planned = percent_achieved(*target, planned_value(*target, window, now));
  const bool behind = planned - achieved > kAtRiskShortfallPoints + kEpsilon;
  if (!latest) return behind ? TaskStatus::kAtRisk : TaskStatus::kNotStarted;
  return behind ? TaskStatus::kAtRisk : TaskStatus::kOnTrack;
}

double roll_up(const std::vector<WeightedPercent>& tasks) {
  if (tasks.empty()) return 0;
  const bool weighted = std::all_of(tasks.begin(), tasks.end(),
                                    [](const WeightedPercent& t) { return t.weight > 0; });
  double sum = 0, weights = 0;
  for (const WeightedPercent& t : tasks) {
    const double w = weighted ? t.weight : 1;
    sum += std::clamp(t.percent, 0.0, 100.0) * w;
    weights += w;
  }
  return sum / weights;
}

}  // namespace planflow
