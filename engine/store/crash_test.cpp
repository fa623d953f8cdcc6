// Crash safety, for real: a child process commits commands and reports each
// acknowledged request id through a pipe; the test kills it with SIGKILL at
// random moments. After every kill the database must open, verify, and hold
// every command that was acknowledged.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <random>
#include <set>
#include <thread>

#include "engine/store/maintenance.h"
#include "engine/store/sqlite.h"
#include "engine/store/store_test_support.h"

using namespace planflow;
using namespace planflow::testing;

namespace {

constexpr Time kStart = 1376539200;

// Runs in the child: four clients commenting as fast as the store commits.
[[noreturn]] void commit_until_killed(const std::string& path, const DefinitionSet& defs,
                                      DossierId dossier, int round, int pipe_fd) {
  auto opened = open_sqlite_store(path, defs);
  if (!opened.ok()) _exit(3);
  Store& store = *opened.value();
  std::vector<std::thread> clients;
  for (int c = 0; c < 4; ++c) {
    clients.emplace_back([&store, dossier, round, c, pipe_fd] {
      const UserId users[] = {kDelegateA, kDelegateB, kDelegateC, kChair};
      for (int i = 0;; ++i) {
        CommandRequest r;
        r.request_id =
            "r" + std::to_string(round) + "-c" + std::to_string(c) + "-" + std::to_string(i);
        r.dossier = dossier;
        r.command = AddComment{"Ý kiến " + r.request_id, 0};
        r.actor = Actor{users[c], 0, false};
        r.now = kStart + i;
        auto result = store.execute(r);
        if (!result.ok()) _exit(4);
        // One write per line, shorter than PIPE_BUF, so lines never interleave.
        const std::string line = r.request_id + "\n";
        if (write(pipe_fd, line.data(), line.size()) != static_cast<ssize_t>(line.size())) _exit(5);
      }
    });
  }
  for (auto& t : clients)
    t.join();
  _exit(0);
}

std::vector<std::string> read_lines(int fd) {
  std::string data;
  char buffer[4096];
  ssize_t n;
  while ((n = read(fd, buffer, sizeof buffer)) > 0)
    data.append(buffer, static_cast<size_t>(n));
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t nl; (nl = data.find('\n', start)) != std::string::npos; start = nl + 1)
    lines.push_back(data.substr(start, nl - start));
  return lines;  // a torn last line (no newline) was not acknowledged in full
}

std::set<std::string> committed_request_ids(const std::string& path) {
  sql::SqlError e;
  auto db = sql::Connection::open(path, sql::Connection::Mode::kReadOnly, &e);
  REQUIRE(db.has_value());
  auto stmt = db->prepare("SELECT request_id FROM commands", &e);
  REQUIRE(stmt.has_value());
  std::set<std::string> ids;
  while (stmt->step() == SQLITE_ROW)
    ids.insert(stmt->text(0));
  return ids;
}

}  // namespace

TEST_CASE("every acknowledged command survives SIGKILL, 50 times", "[store][crash]") {
  TempDir dir;
  const std::string path = dir.file("crash.db");
  const DefinitionSet defs = shipped_definitions();
  DossierId dossier;
  {
    auto store = open_store(path, defs);
    Requests req;
    dossier = must_commit(*store, req.make(0, kDrafter, plan_dossier(), kStart)).dossier;
    must_commit(*store, req.make(dossier, kDrafter, SubmitVersion{"Dự thảo", ""}, kStart));
    must_commit(*store, req.make(dossier, kDrafter, action("open_consultation"), kStart));
  }
  std::mt19937 rng(20261123);
  std::size_t acknowledged_total = 0;
  for (int round = 0; round < 50; ++round) {
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      close(fds[0]);
      commit_until_killed(path, defs, dossier, round, fds[1]);
    }
    close(fds[1]);
    std::this_thread::sleep_for(std::chrono::milliseconds(20 + rng() % 120));
    REQUIRE(kill(child, SIGKILL) == 0);
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    INFO("round " << round);
    REQUIRE(WIFSIGNALED(status));  // killed, not failed on its own
    const std::vector<std::string> acknowledged = read_lines(fds[0]);
    close(fds[0]);
    acknowledged_total += acknowledged.size();

    auto report = verify_database(path, defs);
    REQUIRE(report.ok());
    INFO(report.value().problem);
    REQUIRE(report.value().ok);
    const std::set<std::string> committed = committed_request_ids(path);
    for (const std::string& id : acknowledged) {
      INFO(id);
      REQUIRE(committed.count(id) == 1);
    }
  }
  // The kills must have landed while work was going on.
  CHECK(acknowledged_total > 500);
  auto store = open_store(path, defs);
  CHECK(store->state_of(dossier).value().comments.size() >= acknowledged_total);
}
