// The log follower: when several nodes share one PostgreSQL log, it
// publishes every commit (this node's and the others') to this node's
// sessions, in the log's order. It reads the log after the last event it
// published whenever a notification says the log grew (log_notifications.h)
// and, so that a lost notification or a broken connection costs only a
// delay, at least once a second. Events are never pushed from the
// notification itself: the log says what to send.
#pragma once

#include <atomic>
#include <memory>
#include <thread>

#include "api/server/hub.h"
#include "engine/store/log_notifications.h"

namespace planflow {

class LogFollower {
 public:
  // Publishes what commits after `from` (the log's end when the server starts).
  LogFollower(std::shared_ptr<Hub> hub, std::unique_ptr<LogNotifications> notifications,
              Sequence from);
  ~LogFollower() { stop(); }
  LogFollower(const LogFollower&) = delete;
  LogFollower& operator=(const LogFollower&) = delete;

  void start();
  // Waits for the thread, then publishes what committed until now: after
  // the store has closed, every command it answered.
  void stop();

  Sequence published() const { return published_.load(); }

 private:
  void run();
  // Publishes everything after published_; false when the log cannot be read.
  bool catch_up();

  std::shared_ptr<Hub> hub_;
  std::unique_ptr<LogNotifications> notifications_;
  std::atomic<Sequence> published_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace planflow
