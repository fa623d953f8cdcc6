#include "engine/working_calendar.h"

#include <charconv>
#include <string>

namespace planflow {
namespace {

constexpr Time kDaySeconds = 86400;

// 1970-01-01 was a Thursday; 0 is Sunday, 6 Saturday.
int weekday(CivilDay day) {
  return static_cast<int>(((day % 7) + 11) % 7);
}
bool weekend(CivilDay day) {
  const int w = weekday(day);
  return w == 0 || w == 6;
}

Error config_error(const std::string& field, const std::string& message,
                   const std::string& message_vi) {
  return Error{ErrorCode::kInvalidArgument, field + ": " + message, field, message_vi};
}

}  // namespace

CivilDay civil_day(Time t) {
  const Time local = t + kVietnamUtcOffsetSeconds;
  return local >= 0 ? local / kDaySeconds : (local - kDaySeconds + 1) / kDaySeconds;
}

bool is_working_day(const WorkingCalendar& calendar, CivilDay day) {
  if (calendar.working_days.contains(day)) return true;
  return !weekend(day) && !calendar.holidays.contains(day);
}

WorkingCalendar fixed_holidays(int first_year, int last_year) {
  WorkingCalendar c;
  for (int y = first_year; y <= last_year; ++y)
    for (auto [month, day] : {std::pair{1, 1}, {4, 30}, {5, 1}, {9, 2}}) {
      const CivilDay d = days_from_civil(y, month, day);
      // A holiday on a weekend is made up on a weekday by yearly announcement,
      // not by rule; only a weekday off is a change to the working week.
      if (!weekend(d)) c.holidays.insert(d);
    }
  return c;
}

Result<WorkingCalendar> with_configuration(WorkingCalendar base, const nlohmann::json& config) {
  if (!config.is_object())
    return config_error("calendar", "must be an object of years",
                        "Lịch làm việc phải là một đối tượng JSON theo từng năm");
  for (const auto& [year_text, year] : config.items()) {
    int y = 0;
    const char* end = year_text.data() + year_text.size();
    if (auto [p, ec] = std::from_chars(year_text.data(), end, y);
        ec != std::errc() || p != end || y < 1900 || y > 9999)
      return config_error(year_text, "is not a year", "“" + year_text + "” không phải là một năm");
    if (!year.is_object())
      return config_error(year_text, "must be an object with holidays and working_days",
                          "Năm " + year_text + " phải có danh sách holidays và working_days");
    for (const auto& [key, list] : year.items()) {
      const bool off = key == "holidays";
      if (!off && key != "working_days")
        return config_error(year_text + "/" + key, "unknown field",
                            "Trường “" + key + "” không có trong lịch làm việc");
      if (!list.is_array())
        return config_error(year_text + "/" + key, "must be a list of dates",
                            "Trường “" + key + "” phải là danh sách ngày");
      for (size_t i = 0; i < list.size(); ++i) {
        const std::string field = year_text + "/" + key + "/" + std::to_string(i);
        const auto text = list[i].is_string() ? list[i].get<std::string>() : std::string();
        const auto t = text.size() == 10 ? parse_time(text) : std::nullopt;
        if (!t)
          return config_error(field, "must be a date such as \"2024-02-08\"",
                              "Ngày phải viết dạng “2024-02-08”");
        const CivilDay d = civil_day(*t);
        if (to_vietnam_time(*t).year != y)
          return config_error(field, text + " is not in " + year_text,
                              "Ngày " + text + " không thuộc năm " + year_text);
        if (off && weekend(d))
          return config_error(field, text + " is a weekend day, off already",
                              "Ngày " + text + " là ngày cuối tuần, vốn đã được nghỉ");
        if (!off && !weekend(d))
          return config_error(field, text + " is a weekday, worked already",
                              "Ngày " + text + " là ngày thường, vốn đã là ngày làm việc");
        (off ? base.holidays : base.working_days).insert(d);
      }
    }
  }
  return base;
}

Time add_working_days(const WorkingCalendar& calendar, Time from, int n) {
  CivilDay day = civil_day(from);
  for (int counted = 0; counted < n;)
    if (is_working_day(calendar, ++day)) ++counted;
  const CivilDateTime c = civil_from_days(day);
  return from_vietnam_time({c.year, c.month, c.day, 23, 59, 59});
}

}  // namespace planflow
