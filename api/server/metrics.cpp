#include "api/server/metrics.h"

#include <cstring>
#include <sstream>

namespace planflow {

namespace {

void header(std::ostringstream& out, const char* name, const char* type, const char* help) {
  out << "# HELP " << name << ' ' << help << "\n# TYPE " << name << ' ' << type << '\n';
}

}  // namespace

void Metrics::command_answered(std::size_t type, const char* outcome,
                               std::chrono::steady_clock::duration latency) {
  std::size_t o = kOutcomes.size() - 1;  // internal
  for (std::size_t i = 0; i < kOutcomes.size(); ++i)
    if (std::strcmp(kOutcomes[i], outcome) == 0) o = i;
  commands_[type][o].fetch_add(1, std::memory_order_relaxed);

  const double seconds = std::chrono::duration<double>(latency).count();
  std::size_t bucket = 0;
  while (bucket < kLatencyBounds.size() && seconds > kLatencyBounds[bucket])
    ++bucket;
  latency_buckets_[bucket].fetch_add(1, std::memory_order_relaxed);
  latency_count_.fetch_add(1, std::memory_order_relaxed);
  latency_sum_us_.fetch_add(
      static_cast<std::uint64_t>(
          std::chrono::duration_cast<std::chrono::microseconds>(latency).count()),
      std::memory_order_relaxed);
}

void Metrics::resync_sent(std::size_t dropped) {
  resyncs_.fetch_add(1, std::memory_order_relaxed);
  dropped_pushes_.fetch_add(dropped, std::memory_order_relaxed);
}

void Metrics::session_closed_for_backlog() {
  backlog_closes_.fetch_add(1, std::memory_order_relaxed);
}

std::string Metrics::render(const StoreStats& store, std::size_t websocket_sessions) const {
  std::ostringstream out;
  header(out, "planflow_websocket_sessions", "gauge", "Open WebSocket sessions.");
  out << "planflow_websocket_sessions " << websocket_sessions << '\n';
  header(out, "planflow_http_connections_total", "counter", "HTTP connections accepted.");
  out << "planflow_http_connections_total " << http_connections_ << '\n';

  header(out, "planflow_commands_total", "counter",
         "Commands from clients answered, by command type and outcome.");
  const auto types = command_type_names();
  for (std::size_t t = 0; t < kTypes; ++t)
    for (std::size_t o = 0; o < kOutcomes.size(); ++o)
      if (const std::uint64_t n = commands_[t][o].load(std::memory_order_relaxed))
        out << "planflow_commands_total{type=\"" << types[t] << "\",outcome=\"" << kOutcomes[o]
            << "\"} " << n << '\n';

  header(out, "planflow_command_latency_seconds", "histogram",
         "From a command's arrival to its answer, after the commit is durable.");
  std::uint64_t cumulative = 0;
  for (std::size_t b = 0; b < kLatencyBounds.size(); ++b) {
    cumulative += latency_buckets_[b].load(std::memory_order_relaxed);
    out << "planflow_command_latency_seconds_bucket{le=\"" << kLatencyBounds[b] << "\"} "
        << cumulative << '\n';
  }
  cumulative += latency_buckets_.back().load(std::memory_order_relaxed);
  out << "planflow_command_latency_seconds_bucket{le=\"+Inf\"} " << cumulative << '\n'
      << "planflow_command_latency_seconds_sum " << latency_sum_us_.load() / 1e6 << '\n'
      << "planflow_command_latency_seconds_count " << latency_count_.load() << '\n';

  header(out, "planflow_store_commands_total", "counter",
         "Commands the store answered, from clients and the timer service.");
  out << "planflow_store_commands_total " << store.commands << '\n';
  header(out, "planflow_store_committed_total", "counter", "Commands whose events committed.");
  out << "planflow_store_committed_total " << store.committed << '\n';
  header(out, "planflow_commit_batch_size", "histogram",
         "Commands per committed transaction (group commit).");
  cumulative = 0;
  std::uint64_t bound = 1;
  for (std::size_t b = 0; b + 1 < store.batch_sizes.size(); ++b, bound *= 2) {
    cumulative += store.batch_sizes[b];
    out << "planflow_commit_batch_size_bucket{le=\"" << bound << "\"} " << cumulative << '\n';
  }
  cumulative += store.batch_sizes.back();
  out << "planflow_commit_batch_size_bucket{le=\"+Inf\"} " << cumulative << '\n'
      << "planflow_commit_batch_size_sum " << store.batched_commands << '\n'
      << "planflow_commit_batch_size_count " << store.batches << '\n';

  header(out, "planflow_push_resyncs_total", "counter",
         "Sessions too far behind that were told to resync.");
  out << "planflow_push_resyncs_total " << resyncs_ << '\n';
  header(out, "planflow_push_dropped_total", "counter",
         "Pushed events not sent because their session was told to resync.");
  out << "planflow_push_dropped_total " << dropped_pushes_ << '\n';
  header(out, "planflow_sessions_closed_backlog_total", "counter",
         "Sessions closed because they read none of their replies.");
  out << "planflow_sessions_closed_backlog_total " << backlog_closes_ << '\n';
  header(out, "planflow_log_lag_events", "gauge",
         "Events of the shared log this node had yet to push when it last looked (0 with SQLite).");
  out << "planflow_log_lag_events " << log_lag_ << '\n';
  return out.str();
}

}  // namespace planflow
