// Crash safety, for real: a child process commits commands and reports each
// acknowledged request id through a pipe; the test kills it with SIGKILL at
// random moments. After every kill the database must open, verify, and hold
// every command that was acknowledged.
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <random>
#include <set>
#include <thread>

#include "engine/store/maintenance.h"
#include "engine/store/sql.h"
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
        r.command = AddComment{"Ý kiến " + r.request_id, 0, {}};
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

// Collects acknowledged request ids from the child's pipe.
class AckReader {
 public:
  explicit AckReader(int fd) : fd_(fd) {}

  // Reads until at least `count` ids have arrived or `timeout` passes.
  bool wait_for(std::size_t count, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (lines_.size() < count) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return false;
      pollfd p{fd_, POLLIN, 0};
      if (poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
      if (!read_some()) return lines_.size() >= count;
    }
    return true;
  }

  // Everything left in the pipe once the child is dead.
  const std::vector<std::string>& drain() {
    while (read_some()) {
    }
    return lines_;
  }

 private:
  bool read_some() {
    char buffer[4096];
    const ssize_t n = read(fd_, buffer, sizeof buffer);
    if (n <= 0) return false;
    partial_.append(buffer, static_cast<size_t>(n));
    for (size_t nl; (nl = partial_.find('\n')) != std::string::npos; partial_.erase(0, nl + 1))
      lines_.push_back(partial_.substr(0, nl));
    return true;  // a torn last line (no newline) was not acknowledged in full
  }

  int fd_;
  std::string partial_;
  std::vector<std::string> lines_;
};

std::set<std::string> committed_request_ids(const std::string& path) {
  sql::SqlError e;
  auto db = sql::Connection::open_sqlite(path, sql::Connection::Mode::kReadOnly, &e);
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
    must_commit(*store, req.make(dossier, kDrafter, SubmitVersion{blocks_from_text("Dự thảo"), ""},
                                 kStart));
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
    // Kill only once the child is committing, at a random moment after.
    AckReader acks(fds[0]);
    const std::size_t at_least = 1 + rng() % 40;
    REQUIRE(acks.wait_for(at_least, std::chrono::seconds(30)));
    std::this_thread::sleep_for(std::chrono::microseconds(rng() % 20000));
    REQUIRE(kill(child, SIGKILL) == 0);
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    INFO("round " << round);
    REQUIRE(WIFSIGNALED(status));  // killed, not failed on its own
    const std::vector<std::string> acknowledged = acks.drain();
    close(fds[0]);
    REQUIRE(acknowledged.size() >= at_least);
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
  auto store = open_store(path, defs);
  CHECK(store->state_of(dossier).value().comments.size() >= acknowledged_total);
}
