// Working days across Tết, the April–May holidays with their bridging
// Saturday, and weekends, as Vietnamese offices counted them in 2024.
#include "engine/working_calendar.h"

#include <catch2/catch.hpp>

using namespace planflow;

namespace {

Time at(int y, int m, int d, int hour = 15) {
  return from_vietnam_time({y, m, d, hour, 0, 0});
}
Time end_of(int y, int m, int d) {
  return from_vietnam_time({y, m, d, 23, 59, 59});
}

// As the government announced 2024: Tết 8–14/2, Giỗ Tổ 18/4, Monday 29/4
// off for Saturday 4/5 worked, Quốc khánh 2–3/9.
const nlohmann::json k2024 = {{"2024",
                               {{"holidays",
                                 {"2024-02-08", "2024-02-09", "2024-02-12", "2024-02-13",
                                  "2024-02-14", "2024-04-18", "2024-04-29", "2024-09-03"}},
                                {"working_days", {"2024-05-04"}}}}};

WorkingCalendar calendar_2024() {
  auto c = with_configuration(fixed_holidays(2024, 2024), k2024);
  INFO((c.ok() ? "" : c.error().message));
  REQUIRE(c.ok());
  return c.value();
}

}  // namespace

TEST_CASE("the fixed solar holidays are known without configuration") {
  const WorkingCalendar c = fixed_holidays(2024, 2025);
  CHECK_FALSE(is_working_day(c, civil_day(at(2024, 1, 1))));  // Monday
  CHECK_FALSE(is_working_day(c, civil_day(at(2024, 4, 30))));
  CHECK_FALSE(is_working_day(c, civil_day(at(2024, 5, 1))));
  CHECK_FALSE(is_working_day(c, civil_day(at(2024, 9, 2))));
  CHECK(is_working_day(c, civil_day(at(2024, 1, 2))));
  CHECK_FALSE(is_working_day(c, civil_day(at(2024, 1, 6))));  // Saturday
  // In 2022 1/1 and 30/4 fell on Saturdays and 1/5 on a Sunday: of the
  // four, only 2/9, a Friday, took a weekday off.
  CHECK(fixed_holidays(2022, 2022).holidays == std::set<CivilDay>{civil_day(at(2022, 9, 2))});
}

TEST_CASE("working days skip Tết and weekends") {
  const WorkingCalendar c = calendar_2024();
  // Wednesday before Tết, one working day: Thursday after the whole holiday.
  CHECK(add_working_days(c, at(2024, 2, 7), 1) == end_of(2024, 2, 15));
  // A Friday afternoon and five working days: the next Friday evening.
  CHECK(add_working_days(c, at(2024, 3, 1), 5) == end_of(2024, 3, 8));
  CHECK(add_working_days(c, at(2024, 3, 1), 0) == end_of(2024, 3, 1));
  // Late at night is still that day in Vietnam: 23:30 on 1 March.
  CHECK(civil_day(from_vietnam_time({2024, 3, 1, 23, 30, 0})) == civil_day(at(2024, 3, 1)));
}

TEST_CASE("a bridging Saturday counts as a working day, the Monday it replaces does not") {
  const WorkingCalendar c = calendar_2024();
  CHECK(add_working_days(c, at(2024, 4, 26), 1) == end_of(2024, 5, 2));
  CHECK(add_working_days(c, at(2024, 4, 26), 3) == end_of(2024, 5, 4));
  CHECK(is_working_day(c, civil_day(at(2024, 5, 4))));
  CHECK_FALSE(is_working_day(c, civil_day(at(2024, 5, 5))));
}

TEST_CASE("a calendar configuration with a mistake is refused, naming it") {
  struct Case {
    nlohmann::json config;
    const char* field;
    const char* vi;
  };
  const Case cases[] = {
      {nlohmann::json::array(), "calendar", "đối tượng JSON"},
      {{{"20x4", nlohmann::json::object()}}, "20x4", "không phải là một năm"},
      {{{"2024", {{"holidays", {"2024-02-10"}}}}}, "2024/holidays/0", "cuối tuần"},
      {{{"2024", {{"working_days", {"2024-02-15"}}}}}, "2024/working_days/0", "ngày thường"},
      {{{"2024", {{"holidays", {"2025-02-03"}}}}}, "2024/holidays/0", "không thuộc năm 2024"},
      {{{"2024", {{"holidays", {"8/2/2024"}}}}}, "2024/holidays/0", "2024-02-08"},
      {{{"2024", {{"holidays", {"2024-02-30"}}}}}, "2024/holidays/0", "2024-02-08"},
      {{{"2024", {{"holidays", {20240208}}}}}, "2024/holidays/0", "2024-02-08"},
      {{{"2024", {{"days_off", nlohmann::json::array()}}}}, "2024/days_off", "không có"},
      {{{"2024", {{"holidays", "2024-02-08"}}}}, "2024/holidays", "danh sách"},
  };
  for (const Case& c : cases) {
    INFO(c.config.dump());
    auto r = with_configuration({}, c.config);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().detail == c.field);
    CHECK(r.error().message_vi.find(c.vi) != std::string::npos);
  }
}
