// What the server counts for its operators, rendered in the Prometheus text
// format at GET /metrics. Counters are atomics: every session thread and the
// store's writer add to them without a lock.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

#include "engine/command.h"
#include "engine/store/store.h"

namespace planflow {

class Metrics {
 public:
  // The outcomes a command can have: "committed", "replayed", or a protocol
  // error code.
  static constexpr std::array<const char*, 13> kOutcomes = {
      "committed", "replayed",    "bad_request",   "unauthorized", "forbidden",
      "not_found", "conflict",    "invalid_state", "guard_failed", "rate_limited",
      "too_large", "unavailable", "internal"};
  // Upper bounds of the latency buckets, in seconds (Prometheus `le`).
  static constexpr std::array<double, 12> kLatencyBounds = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};

  // A command of type `type` (its index in the Command variant) answered
  // after `latency`, from its arrival to its answer. `outcome` is one of
  // kOutcomes; anything else counts as "internal".
  void command_answered(std::size_t type, const char* outcome,
                        std::chrono::steady_clock::duration latency);
  // A session too far behind had `dropped` pushes replaced by one resync.
  void resync_sent(std::size_t dropped);
  // A session that read no replies was closed.
  void session_closed_for_backlog();
  void http_connection_opened() { ++http_connections_; }
  // With nodes sharing a log: how many events this node had yet to push
  // when its log follower last looked (log_follower.h).
  void log_lag(std::uint64_t events) { log_lag_ = events; }

  // The exposition, with the store's and the hub's current figures.
  std::string render(const StoreStats& store, std::size_t websocket_sessions) const;

 private:
  static constexpr std::size_t kTypes = std::variant_size_v<Command>;
  std::array<std::array<std::atomic<std::uint64_t>, kOutcomes.size()>, kTypes> commands_{};
  std::array<std::atomic<std::uint64_t>, kLatencyBounds.size() + 1> latency_buckets_{};
  std::atomic<std::uint64_t> latency_count_{0};
  std::atomic<std::uint64_t> latency_sum_us_{0};
  std::atomic<std::uint64_t> resyncs_{0};
  std::atomic<std::uint64_t> dropped_pushes_{0};
  std::atomic<std::uint64_t> backlog_closes_{0};
  std::atomic<std::uint64_t> http_connections_{0};
  std::atomic<std::uint64_t> log_lag_{0};
};

}  // namespace planflow
