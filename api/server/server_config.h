// What `planflow serve` is told, and the limits it enforces on every client.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "engine/time.h"

namespace planflow {

// Seconds since the epoch from the system clock: the clock a server runs on.
Time wall_clock_now();

struct ServerLimits {
  std::size_t header_bytes = 8 * 1024;
  std::size_t body_bytes = 64 * 1024;           // POST /login and the like
  std::size_t message_bytes = 2 * 1024 * 1024;  // one WebSocket message (a draft fits)
  int json_depth = 32;
  std::size_t send_queue_bytes = 4 * 1024 * 1024;  // past this a client is told to resync
  std::chrono::seconds http_timeout{30};
  std::chrono::seconds idle_timeout{60};  // WebSocket: pinged, closed when silent this long
  double commands_per_second = 20;        // per connection, sustained
  double command_burst = 60;
  // How often an open WebSocket checks that its sign-in session still holds
  // (expired, or the account disabled, elsewhere); sign-out closes at once.
  std::chrono::seconds session_recheck{30};
};

struct ServerConfig {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;
  std::string database = "data/planflow.db";
  std::string workflows = "workflows";
  std::string web_root = "web-ui/dist";
  // Origins allowed to open a WebSocket ("http://127.0.0.1:8080"). Empty:
  // the server's own address only.
  std::vector<std::string> allowed_origins;
  int threads = 2;
  ServerLimits limits;
  // The shell's clock: the `now` commands are decided at, and what the timer
  // service compares deadlines with. Tests turn it forward instead of sleeping.
  std::function<Time()> clock = wall_clock_now;
  // The timer service looks at the pending timers at least this often, so a
  // clock that jumps delays a deadline by no more than this.
  std::chrono::milliseconds timer_recheck{60'000};
};

}  // namespace planflow
