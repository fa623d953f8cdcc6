// 3. Idle sessions: --idle-sessions authenticated WebSockets opened and
// left alone; what they cost is the server's resident memory after they
// are all open and have settled, less what it was before the first.
#include <cstdio>
#include <thread>

#include "bench/server/common.h"
#include "bench/server/scenarios.h"

namespace planflow::server_bench {

void run_idle(const Options& o, ServerUnderTest& server, Client& client) {
  const auto n = static_cast<std::size_t>(o.idle_sessions);
  // Let the server finish starting before its memory is the baseline.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const std::size_t before = server.process->rss_bytes();
  const auto open_start = Clock::now();
  const auto sessions = client.open(server.delegate_sessions(n));
  const double open_seconds = ms_between(open_start, Clock::now()) / 1000;
  const std::size_t opened = server.process->rss_bytes();
  std::this_thread::sleep_for(
      std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.settle_seconds)));
  const std::size_t after = server.process->rss_bytes();
  const double per_session =
      (static_cast<double>(after) - static_cast<double>(before)) / static_cast<double>(n);

  std::printf(
      "\n3. idle authenticated sessions: %zu WebSockets opened (in %.2f s, spread over %zu "
      "delegates), then left alone for %.1f s\n\n",
      n, open_seconds, server.delegate_cookies.size(), o.settle_seconds);
  std::printf("server RSS before the first:   %10.1f MiB\n", static_cast<double>(before) / 1048576);
  std::printf("server RSS once all were open: %10.1f MiB\n", static_cast<double>(opened) / 1048576);
  std::printf("server RSS %.1f s later:        %10.1f MiB\n", o.settle_seconds,
              static_cast<double>(after) / 1048576);
  std::printf("per session: %.0f B (%.2f KiB)\n", per_session, per_session / 1024);
  std::printf("target (DESIGN.md §4): <= 4 KiB each with 10,000 held\n");

  char notes[256];
  std::snprintf(notes, sizeof notes,
                "%zu sessions over %zu delegates, RSS (VmRSS) %.1f s after the last opened minus "
                "before the first, over the count; ",
                n, server.delegate_cookies.size(), o.settle_seconds);
  print_result("idle", subject_label(o),
               {{"bytes_per_session", rounded(per_session, 0)},
                {"sessions", static_cast<double>(sessions.size())}},
               notes + server.notes);
}

}  // namespace planflow::server_bench
