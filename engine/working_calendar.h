// Working days as Vietnamese offices count them: Monday to Friday, less the
// public holidays, plus the weekend days the government makes working days
// to bridge a holiday (làm bù). The fixed solar holidays of the Labour Code
// (Art. 112: 1/1, 30/4, 1/5, 2/9) are known; the lunar ones (Tết, Giỗ Tổ
// Hùng Vương), the day added to Quốc khánh and the bridges are announced
// each year, so they come from configuration, one year at a time.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "engine/result.h"
#include "engine/time.h"

namespace planflow {

// A civil day in Vietnam: days since 1970-01-01 (days_from_civil).
using CivilDay = std::int64_t;

struct WorkingCalendar {
  std::set<CivilDay> holidays;      // days off that would otherwise be worked
  std::set<CivilDay> working_days;  // weekend days worked instead
  friend bool operator==(const WorkingCalendar&, const WorkingCalendar&) = default;
};

// The fixed solar public holidays of `first_year` to `last_year`.
WorkingCalendar fixed_holidays(int first_year, int last_year);

// Adds a configuration on top of `base`:
//   {"2024": {"holidays": ["2024-02-08", ...], "working_days": ["2024-02-17"]}, ...}
// Each date must fall in the year it is listed under; a holiday on a
// weekend and a working day on a weekday are refused as mistakes.
Result<WorkingCalendar> with_configuration(WorkingCalendar base, const nlohmann::json& config);

CivilDay civil_day(Time t);  // the Vietnam-time day `t` falls in
bool is_working_day(const WorkingCalendar& calendar, CivilDay day);

// The end (23:59:59 Vietnam time) of the `n`th working day after the day of
// `from`: "within 5 working days" of a Friday afternoon is the next Friday
// evening, holidays skipped. n = 0: the end of `from`'s own day.
Time add_working_days(const WorkingCalendar& calendar, Time from, int n);

}  // namespace planflow
