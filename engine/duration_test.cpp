#include "engine/duration.h"

#include <catch2/catch.hpp>

using namespace planflow;

TEST_CASE("ISO 8601 durations parse", "[duration]") {
  CHECK(parse_duration("P15D").value() == Duration{0, 0, 0, 15});
  CHECK(parse_duration("P2W").value() == Duration{0, 0, 2});
  CHECK(parse_duration("PT4H30M").value() == Duration{0, 0, 0, 0, 4, 30});
  CHECK(parse_duration("P1Y2M3DT4H5M6S").value() == Duration{1, 2, 0, 3, 4, 5, 6});
  CHECK(parse_duration("P0D").value().is_zero());
  CHECK(format_duration(parse_duration("P1Y2M3DT4H5M6S").value()) == "P1Y2M3DT4H5M6S");
}

TEST_CASE("malformed and negative durations are refused with a reason", "[duration]") {
  struct Case {
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {"", "empty duration; write e.g. \"P15D\""},
      {"-P3D", "negative durations are not allowed"},
      {"P-3D", "negative durations are not allowed"},
      {"15D", "\"15D\" is not an ISO 8601 duration: it must start with 'P' (e.g. \"P15D\")"},
      {"P", "\"P\" has no components (e.g. \"P15D\")"},
      {"PT", "'T' must be followed by hours, minutes or seconds"},
      {"P15", "number without a unit at the end of \"P15\""},
      {"P1.5D", "fractional durations are not supported"},
      {"P3X", "unknown unit 'X' in \"P3X\" (before 'T' use Y, M, W or D)"},
      {"PT3D", "unknown unit 'D' in \"PT3D\" (after 'T' use H, M or S)"},
      {"P1D2M", "units out of order or repeated in \"P1D2M\""},
      {"P1D1D", "units out of order or repeated in \"P1D1D\""},
      {"P999999999D", "duration component is too large"},
      {"P1DT", "'T' must be followed by hours, minutes or seconds"},
      {"PTT1H", "'T' appears twice"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    auto r = parse_duration(c.text);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error() == c.message);
  }
}

TEST_CASE("durations add as a clerk counts them", "[duration]") {
  const Time jan25 = from_vietnam_time({2024, 1, 25, 0, 0, 0});
  // The Lạng Sơn campaign: 60 days from 25/01/2024 ends on 25/3/2024.
  const CivilDateTime end = to_vietnam_time(add_duration(jan25, parse_duration("P60D").value()));
  CHECK((end.year == 2024 && end.month == 3 && end.day == 25));
  // One month after 31 January 2024 is 29 February (a leap year).
  const Time jan31 = from_vietnam_time({2024, 1, 31, 9, 0, 0});
  const CivilDateTime feb = to_vietnam_time(add_duration(jan31, parse_duration("P1M").value()));
  CHECK((feb.month == 2 && feb.day == 29 && feb.hour == 9));
  const CivilDateTime back =
      to_vietnam_time(subtract_duration(jan31, parse_duration("P2M").value()));
  CHECK((back.year == 2023 && back.month == 11 && back.day == 30));
  CHECK(subtract_duration(add_duration(jan25, parse_duration("PT36H").value()),
                          parse_duration("P1DT12H").value()) == jan25);
  CHECK(max_seconds(parse_duration("P1M").value()) == 31 * 86400);
  CHECK(min_seconds(parse_duration("P1M").value()) == 28 * 86400);
}
