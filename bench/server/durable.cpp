// 1. Durable commands, closed loop: each of N sessions sends an add_comment
// and waits for its reply — which planflow and the bpmn-engine peer send
// only after the commit is durable — then sends the next, for --seconds per N.
#include <algorithm>
#include <boost/beast/http.hpp>
#include <cstdio>
#include <optional>

#include "bench/server/common.h"
#include "bench/server/protocol.h"
#include "bench/server/scenarios.h"

namespace planflow::server_bench {

namespace beast = boost::beast;
namespace http = beast::http;

namespace {

struct Commits {
  double committed = 0, batches = 0;  // both 0: the server does not say
};

// The group-commit counters, from GET /metrics: commands committed and the
// transactions they took (planflow_commit_batch_size_sum and _count for
// planflow, the same counters under the peer's `prefix` for a durable peer).
Commits read_node_commits(unsigned short port, const std::string& prefix) {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  beast::error_code ec;
  stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port), ec);
  if (ec) die("cannot reach /metrics: " + ec.message());
  http::request<http::empty_body> req{http::verb::get, "/metrics", 11};
  req.set(http::field::host, "127.0.0.1");
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::write(stream, req, ec);
  if (!ec) http::read(stream, buffer, res, ec);
  if (ec) die("cannot read /metrics: " + ec.message());
  const std::string& body = res.body();
  auto value = [&](const std::string& name) -> std::optional<double> {
    const auto at = body.find("\n" + name + " ");
    if (at == std::string::npos) return std::nullopt;
    return std::strtod(body.c_str() + at + name.size() + 2, nullptr);
  };
  const auto committed = value(prefix + "_commit_batch_size_sum");
  const auto batches = value(prefix + "_commit_batch_size_count");
  if (!committed || !batches) return {};
  return {*committed, *batches};
}

struct LoadRun {
  std::vector<double> latencies_ms;  // sorted
  double seconds = 0;
  CpuUse cpu;
  double per_batch = 0;  // 0: unknown

  double per_second() const { return static_cast<double>(latencies_ms.size()) / seconds; }
  double server_us_per_command() const {
    return cpu.server / static_cast<double>(latencies_ms.size()) * 1e6;
  }
  double client_us_per_command() const {
    return cpu.client / static_cast<double>(latencies_ms.size()) * 1e6;
  }
};

struct LoadState {
  Clock::time_point start, end, last_reply;
  std::vector<double> latencies_ms;
  std::size_t running = 0;
  std::promise<void> finished;
};

// One session's loop: a comment, its reply, the next comment, until the end.
void send_comment(const std::shared_ptr<LoadState>& state, const ConnectionPtr& c,
                  std::uint64_t dossier, const std::string& prefix, std::uint64_t n) {
  const auto sent = Clock::now();
  c->call(comment_request(dossier, prefix + std::to_string(n)), [=](const json& reply) {
    const auto now = Clock::now();
    if (!reply.contains("result")) die("a comment was refused: " + reply.dump());
    state->latencies_ms.push_back(ms_between(sent, now));
    if (now < state->end) return send_comment(state, c, dossier, prefix, n + 1);
    state->last_reply = std::max(state->last_reply, now);
    if (--state->running == 0) state->finished.set_value();
  });
}

// Every node's.
Commits read_commits(const ServerUnderTest& server, const std::string& prefix) {
  Commits all;
  for (unsigned short port : server.ports.empty() ? std::vector{server.port} : server.ports) {
    const Commits c = read_node_commits(port, prefix);
    all.committed += c.committed;
    all.batches += c.batches;
  }
  return all;
}

LoadRun closed_loop(const ServerUnderTest& server, Client& client,
                    const std::vector<ConnectionPtr>& sessions, int n, double seconds) {
  const std::string& metrics = server.commit_metrics;
  auto state = std::make_shared<LoadState>();
  state->running = static_cast<std::size_t>(n);
  auto finished = state->finished.get_future();
  const Commits commits_before = metrics.empty() ? Commits{} : read_commits(server, metrics);
  CpuMeter cpu(server, client);
  cpu.start();
  client.run([&] {
    state->start = Clock::now();
    state->end = state->start + std::chrono::duration_cast<Clock::duration>(
                                    std::chrono::duration<double>(seconds));
    for (int s = 0; s < n; ++s)
      send_comment(state, sessions[s], server.load_dossiers[s].id,
                   "load" + std::to_string(n) + "-" + std::to_string(s) + "-", 0);
  });
  finished.get();
  LoadRun run;
  run.cpu = cpu.stop();
  const Commits commits_after = metrics.empty() ? Commits{} : read_commits(server, metrics);
  run.latencies_ms = std::move(state->latencies_ms);
  std::sort(run.latencies_ms.begin(), run.latencies_ms.end());
  run.seconds = std::chrono::duration<double>(state->last_reply - state->start).count();
  const double batches = commits_after.batches - commits_before.batches;
  if (batches > 0) run.per_batch = (commits_after.committed - commits_before.committed) / batches;
  return run;
}

void print_row(int n, const LoadRun& r) {
  char per_batch[32] = "-";
  if (r.per_batch > 0) std::snprintf(per_batch, sizeof per_batch, "%.1f", r.per_batch);
  std::printf("%8d %9zu %10.0f %8.2f %8.2f %8.2f %11s %14.1f %14.1f\n", n, r.latencies_ms.size(),
              r.per_second(), percentile(r.latencies_ms, 50), percentile(r.latencies_ms, 99),
              r.latencies_ms.back(), per_batch, r.server_us_per_command(),
              r.client_us_per_command());
}

const char* who_replies(Subject s) {
  switch (s) {
    case Subject::kPlanflow:
      return "   (planflow replies after the commit is durable)";
    case Subject::kBpmnEngine:
      return "   (the bpmn-engine peer replies after its SQLite COMMIT, synchronous=FULL)";
    case Subject::kNodeWs:
      break;
  }
  return "   (the peer replies at once: nothing is stored)";
}

}  // namespace

std::uint64_t run_durable(const Options& o, ServerUnderTest& server, Client& client) {
  const int most = *std::max_element(o.sessions.begin(), o.sessions.end());
  auto sessions = client.open(server.delegate_sessions(static_cast<std::size_t>(most)));
  std::printf(
      "\n1. durable add_comment, closed loop (send, wait for the reply, repeat), %.1f s per row,\n"
      "   one dossier in consultation per session, the sessions spread over %zu delegates\n%s\n",
      o.seconds, server.delegate_cookies.size(), who_replies(o.subject));
  // Each "µ" is two bytes, hence the wider fields.
  std::printf("%8s %9s %10s %8s %8s %8s %11s %15s %15s\n", "sessions", "commands", "cmd/s",
              "p50 ms", "p99 ms", "max ms", "cmds/commit", "server µs/cmd", "client µs/cmd");
  Figures figures;
  std::uint64_t acknowledged = 0;
  for (int n : o.sessions) {
    const LoadRun r = closed_loop(server, client, sessions, n, o.seconds);
    if (r.latencies_ms.empty())
      die("no command was answered with " + std::to_string(n) + " sessions");
    acknowledged += r.latencies_ms.size();
    print_row(n, r);
    const std::string at = "@" + std::to_string(n);
    figures.push_back({"commands_per_s" + at, rounded(r.per_second(), 0)});
    figures.push_back({"p50_ms" + at, rounded(percentile(r.latencies_ms, 50), 3)});
    figures.push_back({"p99_ms" + at, rounded(percentile(r.latencies_ms, 99), 3)});
    figures.push_back({"server_cpu_us_per_cmd" + at, rounded(r.server_us_per_command(), 1)});
  }
  std::printf(
      "target (DESIGN.md §4): >= 50,000 durable commands/s with 256 sessions "
      "(peer: Node.js ws echo, not durable)\n");
  std::string counts;
  for (int n : o.sessions)
    counts += (counts.empty() ? "" : ",") + std::to_string(n);
  char notes[256];
  std::snprintf(notes, sizeof notes,
                "add_comment closed loop, %.1f s per session count (%s), one dossier per session, "
                "%zu delegates; ",
                o.seconds, counts.c_str(), server.delegate_cookies.size());
  print_result("durable", subject_label(o), figures, notes + server.notes);
  return acknowledged;
}

}  // namespace planflow::server_bench
