// The timer service's two reads of the `timers` view: what is due now, and
// when the next timer falls due.
#include <catch2/catch.hpp>

#include "engine/store/queries.h"
#include "engine/store/store_test_support.h"

using namespace planflow;
using namespace planflow::testing;

namespace {

// A plan dossier in consultation whose deadline is `deadline`.
DossierId open_with_deadline(Store& store, Requests& req, Time deadline) {
  const DossierId id =
      must_commit(store, req.make(0, kDrafter, plan_dossier(), kMeetingDay)).dossier;
  must_commit(store,
              req.make(id, kDrafter, SubmitVersion{blocks_from_text("Dự thảo kế hoạch"), "v1"},
                       kMeetingDay));
  must_commit(
      store, req.make(id, kDrafter, action("open_consultation", {InputValue{"deadline", deadline}}),
                      kMeetingDay));
  return id;
}

std::vector<std::tuple<DossierId, std::uint32_t, Time>> rows(const std::vector<DueTimer>& timers) {
  std::vector<std::tuple<DossierId, std::uint32_t, Time>> out;
  for (const DueTimer& t : timers)
    out.emplace_back(t.dossier, t.timer_id, t.at);
  return out;
}

std::unique_ptr<Queries> open_queries(const std::string& path) {
  auto q = Queries::open(path);
  if (!q.ok()) FAIL(q.error().message);
  return std::move(q).value();
}

}  // namespace

TEST_CASE_METHOD(StoreFixture, "due timers come earliest first and only once due",
                 "[store][timers][backends]") {
  auto queries = open_queries(db.location());
  CHECK(queries->next_timer_at().value() == std::nullopt);
  CHECK(queries->due_timers(kMeetingDay + 100 * kDay, 10).value().empty());

  // plan.json: reminders three days and one day before the deadline.
  const Time t0 = kMeetingDay;
  const DossierId late = open_with_deadline(*store, req, t0 + 15 * kDay);
  const DossierId soon = open_with_deadline(*store, req, t0 + 10 * kDay);

  CHECK(queries->next_timer_at().value() == t0 + 7 * kDay);
  CHECK(queries->due_timers(t0 + 7 * kDay - 1, 10).value().empty());
  CHECK(rows(queries->due_timers(t0 + 7 * kDay, 10).value()) ==
        std::vector<std::tuple<DossierId, std::uint32_t, Time>>{{soon, 1, t0 + 7 * kDay}});
  const auto all = rows(queries->due_timers(t0 + 15 * kDay, 10).value());
  CHECK(all == std::vector<std::tuple<DossierId, std::uint32_t, Time>>{
                   {soon, 1, t0 + 7 * kDay},
                   {soon, 2, t0 + 9 * kDay},
                   {soon, 3, t0 + 10 * kDay},
                   {late, 1, t0 + 12 * kDay},
                   {late, 2, t0 + 14 * kDay},
                   {late, 3, t0 + 15 * kDay},
               });
  CHECK(rows(queries->due_timers(t0 + 15 * kDay, 2).value()) ==
        std::vector<std::tuple<DossierId, std::uint32_t, Time>>(all.begin(), all.begin() + 2));

  // A reminder sent leaves; a deadline that closes the consultation takes
  // the state's other timers with it.
  must_commit(*store, req.make(soon, kSystemUser, FireTimer{1}, t0 + 7 * kDay));
  CHECK(queries->next_timer_at().value() == t0 + 9 * kDay);
  must_commit(*store, req.make(soon, kSystemUser, FireTimer{3}, t0 + 10 * kDay));
  CHECK(queries->next_timer_at().value() == t0 + 12 * kDay);
  CHECK(rows(queries->due_timers(t0 + 15 * kDay, 10).value()) ==
        std::vector<std::tuple<DossierId, std::uint32_t, Time>>(all.begin() + 3, all.end()));
}

TEST_CASE_METHOD(StoreFixture, "a consultation closed by quorum leaves no timer behind",
                 "[store][timers][backends]") {
  auto queries = open_queries(db.location());
  const DossierId id = open_plan(*store, req);
  CHECK(queries->next_timer_at().value().has_value());
  approve(*store, req, id);
  CHECK(queries->next_timer_at().value() == std::nullopt);
  CHECK(queries->due_timers(kMeetingDay + 365 * kDay, 10).value().empty());
}
