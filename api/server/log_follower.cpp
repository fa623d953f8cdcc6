#include "api/server/log_follower.h"

#include <chrono>
#include <iostream>

namespace planflow {

namespace {

constexpr std::size_t kEventsPerRead = 512;
// Also how long stop() may wait for the thread.
constexpr std::chrono::milliseconds kLongestWait{1000};

}  // namespace

LogFollower::LogFollower(std::shared_ptr<Hub> hub, std::unique_ptr<LogNotifications> notifications,
                         Sequence from)
    : hub_(std::move(hub)), notifications_(std::move(notifications)), published_(from) {}

void LogFollower::start() {
  thread_ = std::thread([this] { run(); });
}

void LogFollower::stop() {
  if (stopping_.exchange(true)) return;
  if (thread_.joinable()) thread_.join();
  (void)catch_up();
}

void LogFollower::run() {
  bool listening = true;
  bool readable = true;
  while (!stopping_) {
    auto woken = notifications_->wait(kLongestWait);
    if (woken.ok() != listening) {
      listening = woken.ok();
      // Said once per change, not once a second while it lasts.
      if (listening)
        std::cerr << "planflow: listening for other nodes' commits again\n";
      else
        std::cerr << "planflow: " << woken.error().message
                  << "; reading the log once a second until it is back\n";
    }
    // Without notifications, wait() fails at once; read no more often than
    // it would wake.
    if (!woken.ok()) std::this_thread::sleep_for(kLongestWait);
    if (catch_up() != readable) {
      readable = !readable;
      if (readable) std::cerr << "planflow: the log is readable again; sessions caught up\n";
    }
  }
}

bool LogFollower::catch_up() {
  if (auto head = hub_->store().last_sequence(); head.ok())
    hub_->metrics().log_lag(head.value() > published_ ? head.value() - published_ : 0);
  for (;;) {
    auto events = hub_->store().events_after(published_.load(), kEventsPerRead);
    if (!events.ok()) {
      std::cerr << "planflow: reading the log to push it: " << events.error().message << "\n";
      return false;
    }
    if (events.value().empty()) return true;
    // A command's events are consecutive and of one dossier: each run of
    // one dossier's events is published as one commit.
    auto& all = events.value();
    for (std::size_t begin = 0; begin < all.size();) {
      std::size_t end = begin + 1;
      while (end < all.size() && all[end].dossier == all[begin].dossier)
        ++end;
      CommitResult commit;
      commit.dossier = all[begin].dossier;
      commit.version = all[end - 1].dossier_seq;
      commit.events.assign(std::make_move_iterator(all.begin() + begin),
                           std::make_move_iterator(all.begin() + end));
      if (auto users = hub_->queries().participants_of(commit.dossier); users.ok())
        commit.participants = std::move(users).value();
      hub_->publish(commit);
      published_ = commit.events.back().seq;
      begin = end;
    }
  }
}

}  // namespace planflow
