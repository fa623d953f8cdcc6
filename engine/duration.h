// ISO 8601 durations as workflow definitions write them: "P15D", "PT4H",
// "P1M", "P2W", "P1Y2M3DT4H5M6S". Month and year parts are calendar
// arithmetic in Vietnam's civil time ("P1M" from 31 January is 28 or 29
// February), so a definition's "P1M" means what a clerk means by it.
#pragma once

#include <string>
#include <string_view>

#include "engine/result.h"
#include "engine/time.h"

namespace planflow {

struct Duration {
  int years = 0;
  int months = 0;
  int weeks = 0;
  int days = 0;
  int hours = 0;
  int minutes = 0;
  int seconds = 0;

  bool is_zero() const {
    return years == 0 && months == 0 && weeks == 0 && days == 0 && hours == 0 && minutes == 0 &&
           seconds == 0;
  }
  friend bool operator==(const Duration&, const Duration&) = default;
};

// Parses a non-negative duration. The error is a plain sentence naming what
// is wrong ("negative durations are not allowed", "missing 'P'", ...).
Result<Duration, std::string> parse_duration(std::string_view text);

std::string format_duration(const Duration& d);

Time add_duration(Time t, const Duration& d);
Time subtract_duration(Time t, const Duration& d);

// An upper bound in seconds (months as 31 days, years as 366), to compare
// durations of mixed units conservatively.
std::int64_t max_seconds(const Duration& d);
// A lower bound in seconds (months as 28 days, years as 365).
std::int64_t min_seconds(const Duration& d);

}  // namespace planflow
