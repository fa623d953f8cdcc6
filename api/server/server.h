// `planflow serve`: a listener accepting connections, one HTTP session per
// connection (upgraded to a WebSocket session for the app), the hub they
// share, the store and the accounts, run on a pool of threads. Stopping is
// graceful: no new connections, queued commands committed and answered,
// every WebSocket sent a close frame.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "api/server/server_config.h"
#include "engine/result.h"

namespace planflow {

class Server {
 public:
  // Opens the database, loads the definitions and binds the address (port 0:
  // any free port). The error is a sentence for the operator.
  static Result<std::unique_ptr<Server>, std::string> start(ServerConfig config);
  ~Server();

  unsigned short port() const;
  std::string url() const;
  // Runs until stop(); returns when every thread has finished.
  void run();
  // Thread-safe, also from a signal handler's completion.
  void stop();

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  static void wait_for_connections(Impl* impl, std::chrono::steady_clock::time_point deadline);
  std::unique_ptr<Impl> impl_;
};

}  // namespace planflow
