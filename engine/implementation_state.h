// What decisions about an issued plan's implementation need: each task's
// lead unit, period, weight and target, and the latest reading of its
// progress. Titles, supporting units and the reports' words stay in the
// events, from which the dossier reply builds the board.
#pragma once

#include <optional>

#include "engine/ids.h"
#include "engine/progress.h"

namespace planflow {

struct TrackedTask {
  UnitId lead_unit = 0;
  TaskWindow window;
  double weight = 0;
  std::optional<NumericTarget> target;
  std::optional<ProgressReading> latest;  // the report with the latest `as_of`
  friend bool operator==(const TrackedTask&, const TrackedTask&) = default;
};

}  // namespace planflow
