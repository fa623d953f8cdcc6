// The timer service in a running server: reminders and deadlines fire as the
// clock passes them and reach followers live, each once, also when they fell
// due while the server was down, and never early. The server's clock is the
// wall clock plus an offset the test turns forward, so nothing waits for days.
#include <atomic>
#include <catch2/catch.hpp>
#include <map>

#include "engine/time.h"
#include "server_test_support.h"

using namespace planflow;
using namespace planflow::testing;
using namespace std::chrono_literals;

namespace {

// Generous, for a loaded machine: a working service needs a fraction of it.
constexpr auto kPatience = 20s;

// The wall clock plus an offset the test sets. The timer service reads it
// once per look, so counting reads tells when it has looked again.
class TestClock {
 public:
  Time now() const { return wall_clock_now() + offset_.load(); }
  void advance(Time seconds) { offset_ += seconds; }

  void tune(ServerConfig& config) {
    config.clock = [this] {
      ++reads_;
      return now();
    };
    config.timer_recheck = 50ms;
  }

  // Waits until the clock has been read `looks` more times: while the test
  // sends no command, only the timer service reads it.
  void wait_for_looks(int looks) {
    const int target = reads_.load() + looks;
    const auto until = std::chrono::steady_clock::now() + kPatience;
    while (reads_.load() < target) {
      REQUIRE(std::chrono::steady_clock::now() < until);
      std::this_thread::sleep_for(5ms);
    }
  }

 private:
  std::atomic<Time> offset_{0};
  std::atomic<int> reads_{0};
};

// Polls until the dossier is in `state`; false after kPatience.
bool reaches(Client& client, DossierId id, const std::string& state) {
  const auto until = std::chrono::steady_clock::now() + kPatience;
  while (std::chrono::steady_clock::now() < until) {
    if (dossier_of(client, id)["dossier"]["state"] == state) return true;
    std::this_thread::sleep_for(20ms);
  }
  return false;
}

// Follows a dossier from now on: the history it already has is read and dropped.
void follow(Client& client, DossierId id) {
  const json subscribed = client.call({{"op", "subscribe"}, {"dossier", id}, {"after", 0}});
  INFO(subscribed.dump());
  REQUIRE(subscribed.contains("result"));
  const std::size_t missed = subscribed["result"]["missed"];
  for (std::size_t i = 0; i < missed; ++i)
    REQUIRE(client.next_event_within(kPatience));
}

json next_event(Client& client) {
  std::optional<json> e = client.next_event_within(kPatience);
  REQUIRE(e);
  return std::move(*e);
}

// What the timers did to a dossier: reminders sent per timer id, and
// transitions a deadline took per timer id.
struct Fired {
  std::map<std::uint32_t, int> reminders;
  std::map<std::uint32_t, int> expiries;
};

Fired fired_in(const json& history) {
  Fired f;
  for (const json& h : history) {
    const json& e = h["event"];
    if (e["type"] == "reminder_sent") ++f.reminders[e["data"]["timer_id"].get<std::uint32_t>()];
    if (e["type"] == "action_taken" && e["data"].contains("timer_id")) {
      CHECK(e["data"]["action"] == "close_at_deadline");
      ++f.expiries[e["data"]["timer_id"].get<std::uint32_t>()];
    }
  }
  return f;
}

}  // namespace

TEST_CASE("a deadline that passes closes the consultation, live for its followers",
          "[server][timers]") {
  TestClock clock;
  Running s([&](ServerConfig& c) { clock.tune(c); });
  Client drafter(s.port(), sign_in(s.port(), "drafter"), s.origin);
  Client delegate(s.port(), sign_in(s.port(), "delegate"), s.origin);
  // plan.json reminds three days and one day before the deadline.
  const Time deadline = clock.now() + 4 * kDay;
  const DossierId id = open_plan(drafter, {{"deadline", format_time(deadline)}});
  follow(delegate, id);

  clock.advance(2 * kDay);
  const json first = next_event(delegate);
  CHECK(first["dossier"] == id);
  CHECK(first["event"]["type"] == "reminder_sent");
  CHECK(first["event"]["actor"] == kSystemUser);
  CHECK(dossier_of(drafter, id)["dossier"]["state"] == "consultation");

  clock.advance(3 * kDay);
  const json second = next_event(delegate);
  CHECK(second["event"]["type"] == "reminder_sent");
  CHECK(second["event"]["data"]["timer_id"] != first["event"]["data"]["timer_id"]);
  const json closed = next_event(delegate);
  INFO(closed.dump());
  CHECK(closed["event"]["type"] == "action_taken");
  CHECK(closed["event"]["actor"] == kSystemUser);
  CHECK(closed["event"]["data"]["action"] == "close_at_deadline");
  CHECK(closed["event"]["data"]["to"] == "conclusion");
  CHECK(closed["event"]["data"].contains("timer_id"));
  CHECK(closed["event"]["at"].get<Time>() >= deadline);
  CHECK(dossier_of(drafter, id)["dossier"]["state"] == "conclusion");
}

TEST_CASE("a deadline that passes while the server is down fires once after the restart",
          "[server][timers]") {
  TestClock clock;
  const auto tune = [&](ServerConfig& c) { clock.tune(c); };
  Running s(tune);
  const Time deadline = clock.now() + 4 * kDay;
  DossierId id = 0;
  {
    Client drafter(s.port(), sign_in(s.port(), "drafter"), s.origin);
    id = open_plan(drafter, {{"deadline", format_time(deadline)}});
  }
  s.stop();
  clock.advance(5 * kDay);  // both reminders and the deadline pass unseen
  s.start(tune);

  Client drafter(s.port(), sign_in(s.port(), "drafter"), s.origin);
  REQUIRE(reaches(drafter, id, "conclusion"));
  const json history = dossier_of(drafter, id)["history"];
  const Fired fired = fired_in(history);
  CHECK(fired.reminders.size() == 2);
  for (const auto& [timer, times] : fired.reminders)
    CHECK(times == 1);
  REQUIRE(fired.expiries.size() == 1);
  CHECK(fired.expiries.begin()->second == 1);

  // Nothing is left to fire: more looks add nothing.
  clock.wait_for_looks(3);
  CHECK(dossier_of(drafter, id)["history"].size() == history.size());
}

TEST_CASE("timers never fire early, nor after their dossier left the state", "[server][timers]") {
  TestClock clock;
  Running s([&](ServerConfig& c) { clock.tune(c); });
  Client drafter(s.port(), sign_in(s.port(), "drafter"), s.origin);
  Client delegate(s.port(), sign_in(s.port(), "delegate"), s.origin);
  const Time deadline = clock.now() + 4 * kDay;
  const DossierId waiting = open_plan(drafter, {{"deadline", format_time(deadline)}}, "w-");
  const DossierId closed = open_plan(drafter, {{"deadline", format_time(deadline)}}, "c-");
  // The quorum is met before the deadline; closing takes the timers away.
  REQUIRE(
      delegate.call(command(closed, "done", {{"type", "no_further_comments"}})).contains("result"));
  REQUIRE(drafter
              .call(command(closed, "close",
                            {{"type", "take_action"}, {"action", "close_consultation"}}))
              .contains("result"));
  const std::size_t closed_history = dossier_of(drafter, closed)["history"].size();
  follow(delegate, waiting);
  follow(delegate, closed);

  // A minute before the first reminder: looks find nothing due.
  const Time first_reminder = deadline - 3 * kDay;
  clock.advance(first_reminder - 60 - clock.now());
  clock.wait_for_looks(3);
  const json before = dossier_of(drafter, waiting);
  CHECK(fired_in(before["history"]).reminders.empty());
  CHECK(before["dossier"]["state"] == "consultation");

  clock.advance(60);
  const json reminder = next_event(delegate);
  CHECK(reminder["dossier"] == waiting);
  CHECK(reminder["event"]["type"] == "reminder_sent");
  CHECK(reminder["event"]["at"].get<Time>() >= first_reminder);

  clock.advance(deadline - clock.now());
  CHECK(next_event(delegate)["event"]["type"] == "reminder_sent");
  const json expiry = next_event(delegate);
  CHECK(expiry["dossier"] == waiting);
  CHECK(expiry["event"]["data"]["action"] == "close_at_deadline");
  clock.wait_for_looks(3);

  const json after = dossier_of(drafter, closed);
  CHECK(after["history"].size() == closed_history);
  const Fired fired = fired_in(after["history"]);
  CHECK(fired.reminders.empty());
  CHECK(fired.expiries.empty());
}
