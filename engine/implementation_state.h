// What decisions about an issued plan's implementation need: each task's
// lead unit, period, weight and target, the latest reading of its progress,
// and how far its follow-ups have gone. The title is kept for the inbox;
// supporting units and the reports' words stay in the events, from which
// the dossier reply builds the board.
#pragma once

#include <optional>

#include <string>

#include "engine/definition.h"
#include "engine/ids.h"
#include "engine/progress.h"

namespace planflow {

// One follow-up of a task: when it falls and what it is.
struct FollowUpSlot {
  Time at = 0;
  FollowUpKind kind = FollowUpKind::kReminder;
  friend bool operator==(const FollowUpSlot&, const FollowUpSlot&) = default;
};

struct TrackedTask {
  std::string title;
  Time added_at = 0;
  UnitId lead_unit = 0;
  TaskWindow window;
  double weight = 0;
  std::optional<NumericTarget> target;
  std::optional<ProgressReading> latest;    // the report with the latest `as_of`
  std::optional<FollowUpSlot> followed_up;  // the latest follow-up given
  friend bool operator==(const TrackedTask&, const TrackedTask&) = default;
};

}  // namespace planflow
