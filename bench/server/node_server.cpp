// The Node.js peer's side: the same users and sessions as planflow's, as
// random tokens in a file ws_server.mjs reads at start; dossiers are mere
// numbers to it.
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "bench/server/common.h"
#include "bench/server/server_under_test.h"

namespace planflow::server_bench {

namespace {

constexpr const char* kPeers = PLANFLOW_SOURCE_DIR "/bench/peers";

std::string random_token(std::mt19937_64& random) {
  static const char digits[] = "0123456789abcdef";
  std::string token;
  for (int i = 0; i < 64; ++i)
    token += digits[random() % 16];
  return token;
}

// The version of ws that `npm ci` installed, or a message on how to install it.
std::string installed_ws_version() {
  const std::string package = std::string(kPeers) + "/node_modules/ws/package.json";
  std::ifstream in(package);
  if (!in)
    die("the Node.js peer needs the ws package: run `npm ci` in " + std::string(kPeers) +
        " (bench/run does)");
  const nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  return j.is_object() ? j.value("version", "?") : "?";
}

}  // namespace

ServerUnderTest start_node_peer(const Options& o, const Cast& cast, const std::string& folder,
                                int cpu) {
  ServerUnderTest s;
  const std::string ws_version = installed_ws_version();
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
  const std::string tokens_path = folder + "/tokens.json";
  std::ofstream(tokens_path) << tokens.dump();
  for (std::size_t d = 0; d < cast.load_dossiers; ++d)
    s.load_dossiers.push_back({d + 1, 0});
  if (cast.fan_out_dossier) s.fan_out = {cast.load_dossiers + 1, 0};

  const std::string script = std::string(kPeers) + "/ws_server.mjs";
  s.process = std::make_unique<ChildProcess>(
      std::vector<std::string>{o.node, script, "--tokens", tokens_path, "--listen", "127.0.0.1:0"},
      folder + "/server.log", cpu);
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
