// An implementation task of an issued plan (nhiệm vụ): what one agency leads,
// with whom, by when, and, where the plan sets one, the numeric target it
// answers for ("reduce staff by at least 10 % of 2015 = 2.710 people by 2021,
// 687 a year"). Plain values: decide() checks them, events carry them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/ids.h"
#include "engine/progress.h"

namespace planflow {

struct TaskTarget {
  NumericTarget value;    // baseline, goal and the milestones on the way
  std::string measure;    // the unit of measure: "người", "hồ sơ", "%"
  int baseline_year = 0;  // 0: not given
  friend bool operator==(const TaskTarget&, const TaskTarget&) = default;
};

struct ImplementationTaskSpec {
  std::string title;
  UnitId lead_unit = 0;                  // chủ trì
  std::vector<UnitId> supporting_units;  // phối hợp
  // The period; in a campaign both are the campaign's. A task given only a
  // deadline starts when it is added.
  Time starts = 0;
  Time due = 0;
  double weight = 0;  // 0: the plan's roll-up averages instead of weighing
  std::optional<TaskTarget> target;
  friend bool operator==(const ImplementationTaskSpec&, const ImplementationTaskSpec&) = default;
};

// What a lead unit reports (báo cáo tiến độ): the value reached as of a
// date, in words, the difficulties met and what it proposes.
struct ProgressReport {
  std::uint32_t task = 0;
  Time as_of = 0;
  std::optional<double> value;  // required for a task with a target, refused without one
  bool completed = false;       // only for a task without a target: its goal says when it is done
  std::string narrative;
  std::string difficulties;  // khó khăn, vướng mắc
  std::string proposals;     // đề xuất, kiến nghị
  friend bool operator==(const ProgressReport&, const ProgressReport&) = default;
};

// A plan's tasks are its own table, not a second register: limits that keep
// hostile input from bloating a dossier.
inline constexpr std::size_t kMaxImplementationTasks = 500;
// Open tasks and timers name a plan's task in 16 bits.
static_assert(kMaxImplementationTasks <= 0xFFFF);
inline constexpr std::size_t kMaxSupportingUnits = 50;
inline constexpr std::size_t kMaxMilestones = 100;
inline constexpr std::size_t kMaxMeasureBytes = 64;
inline constexpr std::size_t kMaxReportTextBytes = 20000;
// Targets count people, cases, money in đồng: far below this, and a value
// beyond it is a typing slip, not a figure.
inline constexpr double kMaxTargetMagnitude = 1e15;
inline constexpr double kMaxTaskWeight = 1e6;

}  // namespace planflow
