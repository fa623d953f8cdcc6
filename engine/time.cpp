#include "engine/time.h"

#include <cstdio>

namespace planflow {

// Howard Hinnant's algorithms for the proleptic Gregorian calendar.
std::int64_t days_from_civil(int year, int month, int day) {
  const std::int64_t y = static_cast<std::int64_t>(year) - (month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = (month + 9) % 12;
  const std::int64_t doy = (153 * mp + 2) / 5 + day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDateTime civil_from_days(std::int64_t days) {
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  CivilDateTime c;
  c.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  c.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  c.year = static_cast<int>(yoe + era * 400 + (c.month <= 2 ? 1 : 0));
  return c;
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

static std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

CivilDateTime to_vietnam_time(Time t) {
  const Time local = t + kVietnamUtcOffsetSeconds;
  const std::int64_t days = floor_div(local, 86400);
  const std::int64_t secs = local - days * 86400;
  CivilDateTime c = civil_from_days(days);
  c.hour = static_cast<int>(secs / 3600);
  c.minute = static_cast<int>(secs / 60 % 60);
  c.second = static_cast<int>(secs % 60);
  return c;
}

Time from_vietnam_time(const CivilDateTime& c) {
  return days_from_civil(c.year, c.month, c.day) * 86400 + c.hour * 3600 + c.minute * 60 +
         c.second - kVietnamUtcOffsetSeconds;
}

std::string format_time(Time t) {
  const CivilDateTime c = to_vietnam_time(t);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d+07:00", c.year, c.month, c.day,
                c.hour, c.minute, c.second);
  return buf;
}

std::string format_time_vi(Time t) {
  const CivilDateTime c = to_vietnam_time(t);
  char buf[80];
  if (c.second != 0)
    std::snprintf(buf, sizeof buf, "%02d:%02d:%02d %d/%d/%d", c.hour, c.minute, c.second, c.day,
                  c.month, c.year);
  else
    std::snprintf(buf, sizeof buf, "%02d:%02d %d/%d/%d", c.hour, c.minute, c.day, c.month, c.year);
  return buf;
}

namespace {

bool read_digits(std::string_view s, size_t pos, size_t count, int* out) {
  if (pos + count > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

}  // namespace

std::optional<Time> parse_time(std::string_view s) {
  CivilDateTime c;
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (!read_digits(s, 0, 4, &c.year) || !read_digits(s, 5, 2, &c.month) ||
      !read_digits(s, 8, 2, &c.day))
    return std::nullopt;
  if (c.month < 1 || c.month > 12 || c.day < 1 || c.day > days_in_month(c.year, c.month))
    return std::nullopt;
  size_t pos = 10;
  if (pos < s.size()) {
    if (s[pos] != 'T' || !read_digits(s, pos + 1, 2, &c.hour) || pos + 3 >= s.size() ||
        s[pos + 3] != ':' || !read_digits(s, pos + 4, 2, &c.minute))
      return std::nullopt;
    pos += 6;
    if (pos < s.size() && s[pos] == ':') {
      if (!read_digits(s, pos + 1, 2, &c.second)) return std::nullopt;
      pos += 3;
    }
    if (c.hour > 23 || c.minute > 59 || c.second > 59) return std::nullopt;
  }
  Time offset = kVietnamUtcOffsetSeconds;
  if (pos < s.size()) {
    if (s[pos] == 'Z' && pos + 1 == s.size()) {
      offset = 0;
    } else if ((s[pos] == '+' || s[pos] == '-') && pos + 6 == s.size() && s[pos + 3] == ':') {
      int oh = 0, om = 0;
      if (!read_digits(s, pos + 1, 2, &oh) || !read_digits(s, pos + 4, 2, &om) || oh > 14 ||
          om > 59)
        return std::nullopt;
      offset = (oh * 3600 + om * 60) * (s[pos] == '-' ? -1 : 1);
    } else {
      return std::nullopt;
    }
  }
  return from_vietnam_time(c) + kVietnamUtcOffsetSeconds - offset;
}

}  // namespace planflow
