// Tells a node that the shared log has grown (PostgreSQL LISTEN/NOTIFY):
// every writer's transaction notifies channel planflow_log, delivered when
// it commits. A notification only says "read the log"; what to read comes
// from the log itself, so one lost, or a connection down for a while,
// costs a delay, never an event: the caller reads the log on every wait's
// timeout too.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "engine/store/store.h"

namespace planflow {

class LogNotifications {
 public:
  virtual ~LogNotifications() = default;
  // Waits up to `timeout` for a notification; true when one came. A lost
  // connection is an error, and the next wait connects again.
  virtual Result<bool, StoreError> wait(std::chrono::milliseconds timeout) = 0;
};

inline constexpr const char* kLogChannel = "planflow_log";

// Listens on the database at `url` (postgresql://...).
Result<std::unique_ptr<LogNotifications>, StoreError> listen_to_log(const std::string& url);

}  // namespace planflow
