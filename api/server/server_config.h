// What `planflow serve` is told, and the limits it enforces on every client.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace planflow {

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
};

}  // namespace planflow
