// The durable bpmn-engine peer's side: the same sessions as the other Node.js
// peer, the load dossiers given as a file the peer makes bpmn-engine
// instances of, and, once it has stopped, the count of the comments in its
// SQLite file against the ones the client had acknowledged.
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "bench/server/common.h"
#include "bench/server/machine.h"
#include "bench/server/node_peers.h"
#include "bench/server/server_under_test.h"
#include "engine/store/sql.h"

namespace planflow::server_bench {

ServerUnderTest start_bpmn_peer(const Options& o, const Cast& cast, const std::string& folder,
                                int cpu) {
  if (cast.fan_out_dossier) die("the bpmn-engine peer serves the durable scenario only");
  ServerUnderTest s;
  const std::string engine_version = installed_peer_version("bpmn-engine");
  const std::string sqlite_version = installed_peer_version("better-sqlite3");
  const std::string ws_version = installed_peer_version("ws");
  const std::string tokens_path = write_peer_sessions(s, cast, folder);

  // As planflow's dossiers are made: the drafter drafts and chairs, dossier
  // d has delegate d % users, whom session d signs in as.
  nlohmann::json dossiers = nlohmann::json::array();
  const nlohmann::json drafter = {{"user", 1}, {"unit", 1}};
  for (std::size_t d = 0; d < cast.load_dossiers; ++d) {
    const nlohmann::json delegate = {{"user", d % cast.users + 2}, {"unit", 1}};
    dossiers.push_back({{"id", d + 1}, {"drafter", drafter}, {"delegates", {delegate}}});
    s.load_dossiers.push_back({d + 1, 0});
  }
  const std::string dossiers_path = folder + "/dossiers.json";
  std::ofstream(dossiers_path) << dossiers.dump();

  s.database = folder + "/bpmn-engine.db";
  s.log = folder + "/server.log";
  s.commit_metrics = "bpmn_peer";
  const std::string script = std::string(kPeers) + "/durable_bpmn_server.mjs";
  // Started on every CPU and pinned once it serves: its instances are
  // prepared in it, through the engine, as planflow's dossiers are prepared
  // before planflow serve starts, on every CPU (about 15 ms of bpmn-engine
  // per instance, a third of it garbage collection, which V8 does partly
  // on threads of its own).
  s.process = std::make_unique<ChildProcess>(
      std::vector<std::string>{o.node, script, "--tokens", tokens_path, "--dossiers", dossiers_path,
                               "--db", s.database, "--listen", "127.0.0.1:0"},
      s.log, -1);
  const std::string prepared =
      s.process->wait_for_output("instances waiting at the consultation", std::chrono::seconds(60));
  s.port =
      port_in(s.process->wait_for_output("bpmn-engine peer is serving", std::chrono::seconds(30)));
  if (cpu >= 0) s.process->pin_to(cpu);
  s.setup.push_back("node " + script + " (bpmn-engine " + engine_version + ", better-sqlite3 " +
                    sqlite_version + ", ws " + ws_version + ", one process)");
  s.setup.push_back("peer: " + prepared + " (on every CPU; then pinned)");
  char line[512];
  std::snprintf(line, sizeof line,
                "database: %s on %s, WAL, synchronous=FULL; a comment's row and its instance's "
                "getState() in one transaction per event-loop turn, replies after COMMIT",
                s.database.c_str(), filesystem_of(folder).c_str());
  s.setup.push_back(line);
  s.notes = "bpmn-engine " + engine_version +
            " peer, one Node.js process: plan.bpmn instance per " +
            "dossier, comment checked and applied to its variables, comment row + getState() " +
            "JSON written per event-loop turn (group commit) with better-sqlite3 " +
            sqlite_version + ", WAL, synchronous=FULL on " + filesystem_of(folder) +
            ", reply after COMMIT; no event log, hash chain or search index";
  return s;
}

void check_stored_comments(const ServerUnderTest& s, std::uint64_t acknowledged) {
  // What the peer said as it stopped: its own check that a saved state
  // recovers, and its commit count.
  std::ifstream log(s.log);
  for (std::string line; std::getline(log, line);)
    if (line.find("recovered from its") != std::string::npos ||
        line.find("comments committed in") != std::string::npos)
      std::printf("peer: %s\n", line.c_str());

  sql::SqlError e;
  auto db = sql::Connection::open_sqlite(s.database, sql::Connection::Mode::kReadWrite, &e);
  if (!db) die("cannot open the peer's database " + s.database + ": " + e.message);
  auto count = db->prepare("SELECT count(*), count(DISTINCT request_id) FROM comments", &e);
  if (!count || count->step() != SQLITE_ROW)
    die("cannot count the comments in " + s.database + ": " +
        (count ? count->error("counting").message : e.message));
  const auto rows = static_cast<std::uint64_t>(count->int64(0));
  const auto distinct = static_cast<std::uint64_t>(count->int64(1));
  std::printf(
      "stored: %llu comment rows (%llu distinct request ids) in %s after the peer "
      "stopped, for %llu acknowledged comments\n",
      static_cast<unsigned long long>(rows), static_cast<unsigned long long>(distinct),
      std::filesystem::path(s.database).filename().c_str(),
      static_cast<unsigned long long>(acknowledged));
  if (rows != acknowledged || distinct != acknowledged)
    die("the peer's database does not hold exactly the comments it acknowledged: " +
        std::to_string(rows) + " rows, " + std::to_string(distinct) + " request ids, " +
        std::to_string(acknowledged) + " acknowledged");
}

}  // namespace planflow::server_bench
