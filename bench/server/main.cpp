// planflow's server end to end, beside a Node.js `ws` server doing the same
// work, both driven by this one load client over loopback WebSockets. The
// server runs in a process of its own pinned to one CPU, the client on the
// other; see bench/README.md (Server benchmark).
//
//   planflow_server_bench --subject planflow|node-ws|bpmn-engine --scenario durable|fanout|idle
//                         [--planflow PATH] [--quick] [options, see --help]
//
// It prints figures and asserts nothing about speed; it stops with a message
// when the server refuses something or a connection is lost, since it would
// then be timing errors.
#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "bench/server/common.h"
#include "bench/server/machine.h"
#include "bench/server/scenarios.h"

using namespace planflow::server_bench;

namespace planflow::server_bench {

Cast cast_for(const Options& o) {
  Cast cast;
  cast.users = o.users;
  if (o.scenario == Scenario::kDurable)
    cast.load_dossiers =
        static_cast<std::size_t>(*std::max_element(o.sessions.begin(), o.sessions.end()));
  cast.fan_out_dossier = o.scenario == Scenario::kFanOut;
  return cast;
}

}  // namespace planflow::server_bench

namespace {

ServerUnderTest start_server(const Options& o, const Cast& cast, const std::string& folder,
                             int cpu) {
  switch (o.subject) {
    case Subject::kPlanflow:
      return start_planflow(o, cast, folder, cpu);
    case Subject::kNodeWs:
      return start_node_peer(o, cast, folder, cpu);
    case Subject::kBpmnEngine:
      return start_bpmn_peer(o, cast, folder, cpu);
  }
  die("unknown subject");
}

std::size_t connections_needed(const Options& o) {
  switch (o.scenario) {
    case Scenario::kDurable:
      return static_cast<std::size_t>(*std::max_element(o.sessions.begin(), o.sessions.end()));
    case Scenario::kFanOut:
      return static_cast<std::size_t>(o.subscribers) + 1;
    case Scenario::kIdle:
      return static_cast<std::size_t>(o.idle_sessions);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // Line by line even into a pipe, so a run cut short still shows its rows.
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  const Options o = parse_options(argc, argv);
  // Descriptors besides the connections: the database, logs, the listener.
  const FdLimit fds = raise_fd_limit(connections_needed(o) + 64);
  std::printf("%s, %s%s\n", subject_label(o).c_str(), scenario_name(o.scenario),
              o.quick ? " (--quick)" : "");
  std::printf(
      "file descriptors: soft limit raised from %llu to the hard limit %llu, for the client and "
      "the server it starts\n",
      fds.before, fds.now);

  char folder[4096];
  std::snprintf(folder, sizeof folder, "%s/planflow-server-bench-XXXXXX", o.dir.c_str());
  if (!mkdtemp(folder)) die("cannot make a temporary folder in " + o.dir);
  remove_on_exit(folder);

  const std::vector<int> cpus = allowed_cpus();
  const bool pin = o.pin && cpus.size() >= 2;
  const int server_cpu = pin ? cpus[0] : -1;
  const Cast cast = cast_for(o);
  ServerUnderTest server = start_server(o, cast, folder, server_cpu);
  // Pinned only now: the preparation (Argon2id) may use every CPU. The
  // client's io thread, started next, inherits this.
  if (pin) pin_this_thread(cpus[1]);
  for (const std::string& line : server.setup)
    std::printf("%s\n", line.c_str());
  if (pin) {
    std::printf("pinned: the server (pid %d) on CPU %d, the client on CPU %d, of %zu allowed\n",
                server.process->pid(), cpus[0], cpus[1], cpus.size());
    server.notes += "; server pinned to CPU " + std::to_string(cpus[0]) + ", client to CPU " +
                    std::to_string(cpus[1]);
  } else {
    std::printf("not pinned (%s): server and client share %zu CPUs\n",
                o.pin ? "fewer than 2 CPUs allowed" : "--no-pin", cpus.size());
    server.notes += "; not pinned";
  }
  std::printf(
      "client: one Boost.Beast io thread for every connection, the same for both subjects\n");

  {
    std::vector<tcp::endpoint> nodes;
    for (unsigned short port : server.ports.empty() ? std::vector{server.port} : server.ports)
      nodes.emplace_back(net::ip::make_address("127.0.0.1"), port);
    Client client(nodes, server.origin());
    std::uint64_t acknowledged = 0;
    switch (o.scenario) {
      case Scenario::kDurable:
        acknowledged = run_durable(o, server, client);
        break;
      case Scenario::kFanOut:
        run_fan_out(o, server, client);
        break;
      case Scenario::kIdle:
        run_idle(o, server, client);
        break;
    }
    // The server closes the connections as it stops.
    expect_disconnects();
    for (auto& node : server.other_nodes)
      if (const std::string ended = node->stop(std::chrono::seconds(10)); ended != "status 0")
        die("a planflow node did not stop cleanly (" + ended + ")");
    const std::string ended = server.process->stop(std::chrono::seconds(10));
    std::printf("the server stopped: %s\n", ended.c_str());
    if (o.subject != Subject::kNodeWs && ended != "status 0")
      die(std::string(subject_name(o.subject)) + "'s server did not stop cleanly (" + ended +
          "); the end of its output:\n" + tail_of(server.log, 20));
    // What it acknowledged must be on disk once it has stopped.
    if (o.subject == Subject::kBpmnEngine) check_stored_comments(server, acknowledged);
  }
  clean_up();
  return 0;
}
