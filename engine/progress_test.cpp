// Percentages and statuses of implementation tasks at their boundaries, with
// the figures of the seeds: Cà Mau's 649 of 1.240 cases (52,34 %) and of
// 2.710 (24 %), a staff count that must fall, and overshooting.
#include "engine/progress.h"

#include <catch2/catch.hpp>
#include <cmath>

using namespace planflow;

namespace {

double two_places(double v) {
  return std::round(v * 100) / 100;
}

const Time kDay = 86400;
const Time kStart = from_vietnam_time({2015, 1, 1, 0, 0, 0});
const Time kDue = from_vietnam_time({2018, 12, 31, 23, 59, 59});
const TaskWindow kWindow{kStart, kDue};
const NumericTarget kCases{0, 1240, {}};

ProgressReading reading(double value, Time as_of = kStart) {
  return {as_of, value, false};
}

}  // namespace

TEST_CASE("achievement is the share of the way from baseline to goal") {
  CHECK(two_places(percent_achieved(kCases, 649)) == 52.34);
  CHECK(two_places(percent_achieved({0, 2710, {}}, 649)) == 23.95);  // "24 %" in the article
  CHECK(two_places(percent_achieved({0, 1035, {}}, 274)) == 26.47);
  CHECK(percent_achieved(kCases, 0) == 0);
  CHECK(percent_achieved(kCases, 1240) == 100);
}

TEST_CASE("a target that decreases counts the fall, and overshooting reads above 100 %") {
  const NumericTarget staff{27100, 24390, {}};  // at least 10 % fewer
  CHECK(two_places(percent_achieved(staff, 26000)) == 40.59);
  CHECK(percent_achieved(staff, 24390) == 100);
  CHECK_FALSE(std::signbit(percent_achieved(staff, 27100)));  // no change is 0 %, not -0 %
  CHECK(percent_achieved(staff, 27500) < 0);                  // more staff than at the start
  CHECK(two_places(percent_achieved(kCases, 1300)) == 104.84);
  CHECK(task_status(staff, kWindow, reading(24000), kStart + kDay) == TaskStatus::kDone);
}

TEST_CASE("a goal equal to its baseline is met only there") {
  const NumericTarget none_left{0, 0, {}};  // no substandard officials left
  CHECK(percent_achieved(none_left, 0) == 100);
  CHECK(percent_achieved(none_left, 3) == 0);
  CHECK(task_status(none_left, kWindow, reading(0), kStart) == TaskStatus::kDone);
  CHECK(task_status(none_left, kWindow, reading(3), kDue + 1) == TaskStatus::kOverdue);
}

TEST_CASE("the planned trajectory runs through each milestone") {
  const NumericTarget yearly{0,
                             1240,
                             {{from_vietnam_time({2016, 1, 1, 0, 0, 0}), 310},
                              {from_vietnam_time({2017, 1, 1, 0, 0, 0}), 620}}};
  CHECK(planned_value(yearly, kWindow, kStart - kDay) == 0);
  CHECK(planned_value(yearly, kWindow, yearly.milestones[0].due) == 310);
  CHECK(planned_value(yearly, kWindow, yearly.milestones[1].due) == 620);
  const Time mid = (yearly.milestones[0].due + yearly.milestones[1].due) / 2;
  CHECK(planned_value(yearly, kWindow, mid) == Approx(465));
  CHECK(planned_value(yearly, kWindow, kDue) == 1240);
  CHECK(planned_value(yearly, kWindow, kDue + kDay) == 1240);
  // A milestone out of the window is not on the line.
  const NumericTarget stray{0, 100, {{kDue + kDay, 5}}};
  CHECK(planned_value(stray, {0, 100}, 50) == 50);
}

TEST_CASE("the deadline itself is on time; a second later is overdue") {
  CHECK(task_status(kCases, kWindow, reading(1240, kDue), kDue) == TaskStatus::kDone);
  CHECK(task_status(kCases, kWindow, reading(1100, kDue), kDue) == TaskStatus::kAtRisk);
  CHECK(task_status(kCases, kWindow, reading(1100, kDue), kDue + 1) == TaskStatus::kOverdue);
  CHECK(task_status(kCases, kWindow, reading(1240, kDue + kDay), kDue + kDay) == TaskStatus::kDone);
}

TEST_CASE("behind the trajectory by more than the tolerance is at risk") {
  const Time half = kStart + (kDue - kStart) / 2;  // 50 % planned
  CHECK(task_status(kCases, kWindow, reading(620, half), half) == TaskStatus::kOnTrack);
  CHECK(task_status(kCases, kWindow, reading(500, half), half) == TaskStatus::kOnTrack);  // 40,3 %
  CHECK(task_status(kCases, kWindow, reading(490, half), half) == TaskStatus::kAtRisk);   // 39,5 %
}

TEST_CASE("a task with nothing reported is not started until progress is expected") {
  CHECK(task_status(kCases, kWindow, std::nullopt, kStart - kDay) == TaskStatus::kNotStarted);
  CHECK(task_status(kCases, kWindow, std::nullopt, kStart + 30 * kDay) == TaskStatus::kNotStarted);
  const Time year = kStart + 365 * kDay;  // a quarter of the way
  CHECK(task_status(kCases, kWindow, std::nullopt, year) == TaskStatus::kAtRisk);
  CHECK(task_status(kCases, kWindow, std::nullopt, kDue + 1) == TaskStatus::kOverdue);
}

TEST_CASE("a task without a target is done when declared, at risk in its last fifth") {
  const TaskWindow campaign{from_vietnam_time({2024, 1, 25, 0, 0, 0}),
                            from_vietnam_time({2024, 3, 25, 23, 59, 59})};
  const Time length = campaign.due - campaign.starts;
  CHECK(task_status(std::nullopt, campaign, std::nullopt, campaign.starts - 1) ==
        TaskStatus::kNotStarted);
  CHECK(task_status(std::nullopt, campaign, std::nullopt, campaign.starts + length / 2) ==
        TaskStatus::kNotStarted);
  CHECK(task_status(std::nullopt, campaign, reading(0, campaign.starts), campaign.starts + 1) ==
        TaskStatus::kOnTrack);
  CHECK(task_status(std::nullopt, campaign, std::nullopt, campaign.due - length / 10) ==
        TaskStatus::kAtRisk);
  ProgressReading declared{campaign.due, 0, true};
  CHECK(task_status(std::nullopt, campaign, declared, campaign.due + kDay) == TaskStatus::kDone);
  CHECK(task_status(std::nullopt, campaign, std::nullopt, campaign.due + 1) ==
        TaskStatus::kOverdue);
  CHECK(std::string(task_status_name(TaskStatus::kAtRisk)) == "at_risk");
}

TEST_CASE("roll-ups weigh tasks where weights are given and average them otherwise") {
  CHECK(roll_up({}) == 0);
  CHECK(roll_up({{50, 0}, {100, 0}}) == 75);
  CHECK(roll_up({{50, 3}, {100, 1}}) == Approx(62.5));
  // One missing weight: the plain average, not a half-weighted mix.
  CHECK(roll_up({{50, 3}, {100, 0}}) == 75);
  // An overshoot counts as done, a negative share as nothing.
  CHECK(roll_up({{150, 0}, {50, 0}}) == 75);
  CHECK(roll_up({{-20, 0}, {60, 0}}) == 30);
}
