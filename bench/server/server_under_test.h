// The server a run measures, started in its own process on a prepared
// state: accounts signed in and dossiers in consultation for planflow, the
// same sessions as tokens for the Node.js peer.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "bench/server/child_process.h"
#include "bench/server/options.h"

namespace planflow::server_bench {

struct Dossier {
  std::uint64_t id = 0;
  std::uint64_t last_seq = 0;  // what a subscriber has seen when it subscribes
};

// What is made before the server starts.
struct Cast {
  std::size_t users = 1;          // delegates; the drafter is one more user
  std::size_t load_dossiers = 0;  // dossier i has delegate i % users
  bool fan_out_dossier = false;   // one dossier with every delegate
};

struct ServerUnderTest {
  std::unique_ptr<ChildProcess> process;
  unsigned short port = 0;
  // More nodes on the same database (planflow on PostgreSQL with --nodes),
  // and every node's port, the first one's included.
  std::vector<std::unique_ptr<ChildProcess>> other_nodes;
  std::vector<unsigned short> ports;
  std::string allowed_origin;                 // when set, the origin every node allows
  std::string drafter_cookie;                 // drafts and chairs every dossier
  std::vector<std::string> delegate_cookies;  // one sign-in session per delegate
  std::vector<Dossier> load_dossiers;
  Dossier fan_out;
  std::vector<std::string> setup;  // lines the output begins with
  std::string notes;               // what BENCH_RESULT's notes say of the subject
  // The prefix of GET /metrics' commit batch counters (PREFIX_commit_batch_size_sum
  // and _count); empty: the server commits nothing.
  std::string commit_metrics;
  std::string database;  // a durable peer's SQLite file, counted after it stops
  std::string log;       // the server's output

  std::string origin() const {
    return allowed_origin.empty() ? "http://127.0.0.1:" + std::to_string(port) : allowed_origin;
  }
  // `n` cookies, the i-th signed in as delegate i % users.
  std::vector<std::string> delegate_sessions(std::size_t n) const;
};

// `planflow serve` on a database prepared here; `folder` is the run's
// temporary folder, `cpu` the one the server runs on (-1: any).
ServerUnderTest start_planflow(const Options& o, const Cast& cast, const std::string& folder,
                               int cpu);

// `node bench/peers/ws_server.mjs` with the same sessions.
ServerUnderTest start_node_peer(const Options& o, const Cast& cast, const std::string& folder,
                                int cpu);

// `node bench/peers/durable_bpmn_server.mjs`: the same sessions, a
// bpmn-engine instance per load dossier, saved to SQLite with each comment.
ServerUnderTest start_bpmn_peer(const Options& o, const Cast& cast, const std::string& folder,
                                int cpu);

// Once the bpmn-engine peer has stopped: its database must hold exactly
// `acknowledged` comments, each request id once; stops the run otherwise.
void check_stored_comments(const ServerUnderTest& s, std::uint64_t acknowledged);

// Reads the port from the line a server prints once it listens
// ("... serving http://127.0.0.1:PORT/").
unsigned short port_in(const std::string& line);

}  // namespace planflow::server_bench
