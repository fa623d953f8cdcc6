#include "engine/time.h"

#include <catch2/catch.hpp>

using namespace planflow;

TEST_CASE("civil dates round-trip through day numbers", "[time]") {
  CHECK(days_from_civil(1970, 1, 1) == 0);
  CHECK(days_from_civil(2000, 3, 1) == 11017);
  for (std::int64_t d = -800000; d < 800000; d += 997) {
    const CivilDateTime c = civil_from_days(d);
    CHECK(days_from_civil(c.year, c.month, c.day) == d);
  }
}

TEST_CASE("Vietnam time is UTC+7 all year", "[time]") {
  // 25/01/2024 00:00 in Hà Nội is 24/01/2024 17:00 UTC.
  const Time t = from_vietnam_time({2024, 1, 25, 0, 0, 0});
  CHECK(t == 1706115600);
  CHECK(format_time(t) == "2024-01-25T00:00:00+07:00");
  const CivilDateTime c = to_vietnam_time(t + 86399);
  CHECK((c.day == 25 && c.hour == 23 && c.minute == 59 && c.second == 59));
}

TEST_CASE("times in Vietnamese messages read as Vietnamese write them", "[time]") {
  CHECK(format_time_vi(from_vietnam_time({2024, 3, 25, 17, 0, 0})) == "17:00 25/3/2024");
  CHECK(format_time_vi(1711360800) == "17:00 25/3/2024");  // 10:00 UTC
  CHECK(format_time_vi(from_vietnam_time({2014, 1, 1, 3, 5, 0})) == "03:05 1/1/2014");
  CHECK(format_time_vi(from_vietnam_time({2024, 12, 31, 23, 59, 30})) == "23:59:30 31/12/2024");
  // 31/12/2013 20:00 UTC is already New Year's Day in Hà Nội.
  CHECK(format_time_vi(from_vietnam_time({2014, 1, 1, 3, 0, 0})) == "03:00 1/1/2014");
}

TEST_CASE("parse_time accepts dates, local times and offsets", "[time]") {
  const Time midnight = from_vietnam_time({2024, 3, 25, 0, 0, 0});
  CHECK(parse_time("2024-03-25") == midnight);
  CHECK(parse_time("2024-03-25T17:30") == midnight + 17 * 3600 + 30 * 60);
  CHECK(parse_time("2024-03-25T17:30:05") == midnight + 17 * 3600 + 30 * 60 + 5);
  CHECK(parse_time("2024-03-24T17:00:00Z") == midnight);
  CHECK(parse_time("2024-03-25T00:00:00+07:00") == midnight);
  CHECK(parse_time("2024-03-24T12:00:00-05:00") == midnight);
}

TEST_CASE("parse_time refuses what is not a real time", "[time]") {
  for (const char* bad : {"", "2024", "2024-13-01", "2023-02-29", "2024-04-31", "24-03-25",
                          "2024-03-25T24:00", "2024-03-25T12:60", "2024-03-25 12:00",
                          "2024-03-25T12:00+7", "2024-03-25Z", "2024-03-25T12:00:00Zjunk"}) {
    INFO(bad);
    CHECK_FALSE(parse_time(bad).has_value());
  }
  CHECK(parse_time("2024-02-29").has_value());
}
