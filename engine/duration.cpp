#include "engine/duration.h"

#include <algorithm>

namespace planflow {

namespace {

// Keeps every component far from int overflow when added to a Time; no plan
// deadline is a century away.
constexpr long kMaxComponent = 100000;

}  // namespace

Result<Duration, std::string> parse_duration(std::string_view s) {
  if (s.empty()) return std::string("empty duration; write e.g. \"P15D\"");
  if (s[0] == '-') return std::string("negative durations are not allowed");
  if (s[0] != 'P')
    return "\"" + std::string(s) +
           "\" is not an ISO 8601 duration: it must start with 'P' (e.g. \"P15D\")";
  Duration d;
  bool in_time = false, any = false, time_part_has_value = false;
  // Designators must appear in this order, each at most once.
  const std::string_view date_order = "YMWD", time_order = "HMS";
  size_t next_date = 0, next_time = 0;
  size_t i = 1;
  while (i < s.size()) {
    if (s[i] == 'T') {
      if (in_time) return std::string("'T' appears twice");
      in_time = true;
      ++i;
      continue;
    }
    if (s[i] == '-') return std::string("negative durations are not allowed");
    if (s[i] < '0' || s[i] > '9')
      return "unexpected '" + std::string(1, s[i]) + "' in \"" + std::string(s) + "\"";
    long value = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      value = value * 10 + (s[i] - '0');
      if (value > kMaxComponent) return std::string("duration component is too large");
      ++i;
    }
    if (i < s.size() && (s[i] == '.' || s[i] == ','))
      return std::string("fractional durations are not supported");
    if (i == s.size()) return "number without a unit at the end of \"" + std::string(s) + "\"";
    const char unit = s[i++];
    const std::string_view order = in_time ? time_order : date_order;
    size_t& next = in_time ? next_time : next_date;
    const size_t pos = order.find(unit);
    if (pos == std::string_view::npos)
      return "unknown unit '" + std::string(1, unit) + "' in \"" + std::string(s) + "\"" +
             (in_time ? " (after 'T' use H, M or S)" : " (before 'T' use Y, M, W or D)");
    if (pos < next) return "units out of order or repeated in \"" + std::string(s) + "\"";
    next = pos + 1;
    const int v = static_cast<int>(value);
    if (in_time) {
      time_part_has_value = true;
      if (unit == 'H') d.hours = v;
      if (unit == 'M') d.minutes = v;
      if (unit == 'S') d.seconds = v;
    } else {
      if (unit == 'Y') d.years = v;
      if (unit == 'M') d.months = v;
      if (unit == 'W') d.weeks = v;
      if (unit == 'D') d.days = v;
    }
    any = true;
  }
  if (in_time && !time_part_has_value)
    return std::string("'T' must be followed by hours, minutes or seconds");
  if (!any) return "\"" + std::string(s) + "\" has no components (e.g. \"P15D\")";
  return d;
}

std::string format_duration(const Duration& d) {
  std::string out = "P";
  auto part = [&out](int v, char unit) {
    if (v != 0) out += std::to_string(v) + unit;
  };
  part(d.years, 'Y');
  part(d.months, 'M');
  part(d.weeks, 'W');
  part(d.days, 'D');
  if (d.hours != 0 || d.minutes != 0 || d.seconds != 0) {
    out += 'T';
    part(d.hours, 'H');
    part(d.minutes, 'M');
    part(d.seconds, 'S');
  }
  if (out == "P") out += "0D";
  return out;
}

static Time shift(Time t, const Duration& d, int sign) {
  if (d.years != 0 || d.months != 0) {
    CivilDateTime c = to_vietnam_time(t);
    const long total = static_cast<long>(c.year) * 12 + (c.month - 1) +
                       sign * (static_cast<long>(d.years) * 12 + d.months);
    c.year = static_cast<int>(total / 12);
    c.month = static_cast<int>(total % 12) + 1;
    // The 31st plus one month is the last day of a shorter month, as on paper.
    c.day = std::min(c.day, days_in_month(c.year, c.month));
    t = from_vietnam_time(c);
  }
  const std::int64_t secs = (static_cast<std::int64_t>(d.weeks) * 7 + d.days) * 86400 +
                            static_cast<std::int64_t>(d.hours) * 3600 +
                            static_cast<std::int64_t>(d.minutes) * 60 + d.seconds;
  return t + sign * secs;
}

Time add_duration(Time t, const Duration& d) {
  return shift(t, d, 1);
}
Time subtract_duration(Time t, const Duration& d) {
  return shift(t, d, -1);
}

static std::int64_t seconds_with(const Duration& d, std::int64_t month_days,
                                 std::int64_t year_days) {
  return (d.years * year_days + d.months * month_days + d.weeks * 7LL + d.days) * 86400 +
         d.hours * 3600LL + d.minutes * 60LL + d.seconds;
}

std::int64_t max_seconds(const Duration& d) {
  return seconds_with(d, 31, 366);
}
std::int64_t min_seconds(const Duration& d) {
  return seconds_with(d, 28, 365);
}

}  // namespace planflow
