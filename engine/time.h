// Time as the engine sees it: whole seconds since the Unix epoch, UTC. The
// engine never reads a clock; callers pass `now`. Calendar arithmetic (months,
// years, "the calendar year" of a number register) happens in Vietnam's civil
// time, UTC+07:00 all year round (no daylight saving), so it is exact.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace planflow {

using Time = std::int64_t;

inline constexpr Time kVietnamUtcOffsetSeconds = 7 * 3600;

struct CivilDateTime {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  int hour = 0;
  int minute = 0;
  int second = 0;
};

// Days since 1970-01-01 for a proleptic Gregorian date, and back.
std::int64_t days_from_civil(int year, int month, int day);
CivilDateTime civil_from_days(std::int64_t days);
int days_in_month(int year, int month);

// Conversions between an instant and Vietnam's civil time.
CivilDateTime to_vietnam_time(Time t);
Time from_vietnam_time(const CivilDateTime& c);

// "2024-01-25T08:00:00+07:00".
std::string format_time(Time t);

// "17:00 25/3/2024": Vietnam time the way Vietnamese readers write it, for
// messages people read. Seconds appear only when there are some ("17:00:30 ...").
std::string format_time_vi(Time t);

// Accepts "2024-03-25" (midnight, Vietnam time), "2024-03-25T17:00" and
// "2024-03-25T17:00:00" (Vietnam time), or with an explicit "Z" or "+hh:mm"
// offset. nullopt when the text is not such a time or names no real date.
std::optional<Time> parse_time(std::string_view text);

}  // namespace planflow
