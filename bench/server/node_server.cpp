// The Node.js echo peer's side, and what both Node.js peers share: the same
// users and sessions as planflow's, as random tokens in a file the peer
// reads at start; dossiers are mere numbers to the echo.
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "bench/server/common.h"
#include "bench/server/node_peers.h"
#include "bench/server/server_under_test.h"

namespace planflow::server_bench {

namespace {

std::string random_token(std::mt19937_64& random) {
  static const char digits[] = "0123456789abcdef";
  std::string token;
  for (int i = 0; i < 64; ++i)
    token += digits[random() % 16];
  return token;
}

}  // namespace

std::string installed_peer_version(const std::string& package) {
  const std::string file = std::string(kPeers) + "/node_modules/" + package + "/package.json";
  std::ifstream in(file);
  if (!in)
    die("the Node.js peer needs the " + package + " package: run `npm ci` in " +
        std::string(kPeers) + " (bench/run does)");
  const nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  return j.is_object() ? j.value("version", "?") : "?";
}

std::string write_peer_sessions(ServerUnderTest& s, const Cast& cast, const std::string& folder) {
  std::mt19937_64 random(std::random_device{}());
  // The drafter is user 1, the delegates 2, 3, ...: ids as planflow's
  // accounts would give them.
  nlohmann::json tokens = nlohmann::json::object();
  for (std::size_t u = 0; u <= cast.users; ++u) {
    const std::string token = random_token(random);
    const std::string login = u == 0 ? "chu.tri" : "dai.bieu." + std::to_string(u);
    tokens[token] = {{"user", u + 1}, {"unit", 1}, {"login", login}};
    const std::string cookie = "planflow_session=" + token;
    if (u == 0)
      s.drafter_cookie = cookie;
    else
      s.delegate_cookies.push_back(cookie);
  }
  const std::string path = folder + "/tokens.json";
  std::ofstream(path) << tokens.dump();
  return path;
}

ServerUnderTest start_node_peer(const Options& o, const Cast& cast, const std::string& folder,
                                int cpu) {
  ServerUnderTest s;
  const std::string ws_version = installed_peer_version("ws");
  const std::string tokens_path = write_peer_sessions(s, cast, folder);
  for (std::size_t d = 0; d < cast.load_dossiers; ++d)
    s.load_dossiers.push_back({d + 1, 0});
  if (cast.fan_out_dossier) s.fan_out = {cast.load_dossiers + 1, 0};

  s.log = folder + "/server.log";
  const std::string script = std::string(kPeers) + "/ws_server.mjs";
  s.process = std::make_unique<ChildProcess>(
      std::vector<std::string>{o.node, script, "--tokens", tokens_path, "--listen", "127.0.0.1:0"},
      s.log, cpu);
  s.port = port_in(s.process->wait_for_output("ws peer is serving", std::chrono::seconds(30)));
  s.setup.push_back("node " + script + " (ws " + ws_version + ", one process)");
  s.setup.push_back(std::to_string(cast.users + 1) +
                    " sign-in sessions as tokens given to it at start; it checks the cookie and "
                    "the Origin at the upgrade");
  s.notes = "Node.js ws " + ws_version +
            " peer: parses each frame and replies; nothing decided or stored, NOT durable";
  return s;
}

}  // namespace planflow::server_bench
