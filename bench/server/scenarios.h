// The three scenarios. Each prints its table and ends with one BENCH_RESULT
// line; all use the same client, whatever the subject.
#pragma once

#include <cstdint>

#include "bench/server/client.h"
#include "bench/server/options.h"
#include "bench/server/server_under_test.h"

namespace planflow::server_bench {

// What the server must hold before a scenario starts.
Cast cast_for(const Options& o);

// Server CPU time and client CPU time over one measured stretch.
struct CpuUse {
  double server = 0, client = 0;
};

class CpuMeter {
 public:
  CpuMeter(const ServerUnderTest& server, const Client& client)
      : server_(server), client_(client) {}
  void start() { begin_ = sample(); }
  CpuUse stop() const {
    const CpuUse end = sample();
    return {end.server - begin_.server, end.client - begin_.client};
  }

 private:
  // Every node's, not PostgreSQL's.
  CpuUse sample() const {
    double server = server_.process->cpu_seconds();
    for (const auto& node : server_.other_nodes)
      server += node->cpu_seconds();
    return {server, client_.cpu_seconds()};
  }
  const ServerUnderTest& server_;
  const Client& client_;
  CpuUse begin_;
};

// 1. durable add_comment commands, closed loop, for each session count;
// returns how many were acknowledged.
std::uint64_t run_durable(const Options& o, ServerUnderTest& server, Client& client);
// 2. one comment pushed to every subscribed session, round after round.
void run_fan_out(const Options& o, ServerUnderTest& server, Client& client);
// 3. resident memory per idle authenticated session.
void run_idle(const Options& o, ServerUnderTest& server, Client& client);

}  // namespace planflow::server_bench
