#include "bench/server/common.h"

#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <vector>

namespace planflow::server_bench {

namespace {

std::string g_folder;
// The servers under test, the first one's output shown when a run dies.
std::vector<std::pair<pid_t, std::string>> g_servers;
std::string g_postgres_stop;

}  // namespace

std::string tail_of(const std::string& path, std::size_t lines) {
  std::ifstream in(path);
  std::vector<std::string> kept;
  for (std::string line; std::getline(in, line);) {
    kept.push_back(line);
    if (kept.size() > lines) kept.erase(kept.begin());
  }
  std::string out;
  for (const auto& l : kept)
    out += "  | " + l + "\n";
  return out;
}

void remove_on_exit(std::string folder) {
  g_folder = std::move(folder);
}

void kill_on_exit(pid_t server, std::string log_path) {
  g_servers.emplace_back(server, std::move(log_path));
}

void forget_server(pid_t server) {
  std::erase_if(g_servers, [server](const auto& s) { return s.first == server; });
}

void stop_postgres_on_exit(std::string command) {
  g_postgres_stop = std::move(command);
}

void clean_up() {
  for (const auto& [pid, log] : g_servers) {
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
  }
  g_servers.clear();
  // Before its folder goes: the server's data is in it.
  if (!g_postgres_stop.empty() && std::system(g_postgres_stop.c_str()) != 0)
    std::fprintf(stderr, "planflow_server_bench: stopping PostgreSQL failed: %s\n",
                 g_postgres_stop.c_str());
  g_postgres_stop.clear();
  std::error_code ignored;
  if (!g_folder.empty()) std::filesystem::remove_all(g_folder, ignored);
}

[[noreturn]] void die(const std::string& message) {
  std::fflush(stdout);
  std::fprintf(stderr, "planflow_server_bench: %s\n", message.c_str());
  if (!g_servers.empty()) {
    int status = 0;
    const auto [pid, log] = g_servers.front();
    if (waitpid(pid, &status, WNOHANG) == pid) {
      forget_server(pid);
      std::fprintf(stderr, "the server under test had exited (%s); the end of its output:\n%s",
                   WIFEXITED(status) ? ("status " + std::to_string(WEXITSTATUS(status))).c_str()
                                     : ("signal " + std::to_string(WTERMSIG(status))).c_str(),
                   tail_of(log, 20).c_str());
    }
  }
  clean_up();
  // Client threads are still running: unwinding would race them.
  std::_Exit(1);
}

double ms_between(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const auto rank = static_cast<std::size_t>(p / 100 * static_cast<double>(sorted.size()));
  return sorted[std::min(sorted.size() - 1, rank)];
}

double rounded(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

void print_result(const std::string& scenario, const std::string& subject, const Figures& figures,
                  const std::string& notes) {
  nlohmann::ordered_json line = {{"scenario", scenario}, {"subject", subject}};
  nlohmann::ordered_json values = nlohmann::ordered_json::object();
  for (const auto& [name, value] : figures)
    values[name] = value;
  line["figures"] = std::move(values);
  line["notes"] = notes;
  std::printf("BENCH_RESULT %s\n", line.dump().c_str());
  std::fflush(stdout);
}

}  // namespace planflow::server_bench
