// The timer service: fires the reminders and deadlines pending in the
// dossiers' states (the store's `timers` view) as FireTimer commands of the
// system user once the server's clock says they are due, and publishes what
// they commit like any other command. Nothing of it is kept in memory that a
// restart would lose: on start it reads the view, so whatever fell due while
// the server was down fires then. Each timer is fired under a request id of
// its own (timer_request_id), so the store applies it at most once however
// often, or by however many servers, it is submitted.
#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "api/server/hub.h"

namespace planflow {

class TimerService : public std::enable_shared_from_this<TimerService> {
 public:
  TimerService(boost::asio::io_context& ioc, std::shared_ptr<Hub> hub);

  // Takes its first look at the stored timers once the io_context runs, and
  // asks the hub to wake it after commits that may have created timers.
  void start();
  // Thread-safe. Once it returns nothing new is submitted; answers to what
  // was submitted before still arrive and are published.
  void stop();
  // Thread-safe and quick (the store's writer calls it): look again soon. A
  // burst of wakes makes one look.
  void wake();

 private:
  using Clock = std::chrono::steady_clock;
  using Key = std::pair<DossierId, std::uint32_t>;

  void look();
  bool submit(const DueTimer& timer, Time now);
  void on_answer(const DueTimer& timer, Result<CommitResult, StoreError> answer);
  void sleep(std::optional<Time> next, Time now);
  void arm(Clock::time_point when);
  // The database failed: said once, then tried again after a growing pause.
  void back_off(const std::string& message);
  void recovered();

  boost::asio::strand<boost::asio::io_context::executor_type> strand_;
  boost::asio::steady_timer timer_;
  std::shared_ptr<Hub> hub_;
  std::atomic<bool> wake_pending_{false};
  std::mutex submit_mu_;  // makes "stopped" and a submit one step, so stop() is final
  std::atomic<bool> stopped_{false};

  // On the strand only.
  std::set<Key> in_flight_;                // submitted, not yet answered
  std::map<Key, Clock::time_point> held_;  // answered: not submitted again before this
  Clock::time_point backoff_until_{};
  std::chrono::milliseconds backoff_{0};
};

// "timer/<dossier>/<timer id>": timer ids are never reused within a dossier.
std::string timer_request_id(DossierId dossier, std::uint32_t timer_id);

}  // namespace planflow
