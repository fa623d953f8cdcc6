// Several stores on one PostgreSQL database, as several server nodes run:
// they share the global order and the register without gaps, duplicates
// or an event a reader could skip. Runs only on PostgreSQL ([shared]).
#include <catch2/catch.hpp>
#include <set>
#include <thread>

#include "engine/store/maintenance.h"
#include "engine/store/postgres_store.h"
#include "engine/store/store_test_support.h"

using namespace planflow;
using namespace planflow::testing;

namespace {

constexpr Time kStart = kMeetingDay;

// Requests whose ids no other node's Requests repeats.
CommandRequest on_node(int node, CommandRequest r) {
  r.request_id = "node" + std::to_string(node) + "-" + r.request_id;
  return r;
}

}  // namespace

TEST_CASE("a reader following the log never skips an event while two nodes commit",
          "[store][shared]") {
  TestDatabase db;
  const DefinitionSet defs = shipped_definitions();
  std::unique_ptr<Store> nodes[2] = {open_store(db, defs), open_store(db, defs)};
  auto reader = open_store(db, defs);
  Requests req[2];
  DossierId plans[2];
  for (int n = 0; n < 2; ++n) {
    const CommitResult c =
        must_commit(*nodes[n], on_node(n, req[n].make(0, kDrafter, plan_dossier(), kStart)));
    plans[n] = c.dossier;
  }
  CHECK(plans[0] != plans[1]);

  // Writers on both nodes, each on both dossiers: every transaction races
  // the other node's for the same rows.
  constexpr int kCommandsPerWriter = 60;
  std::atomic<bool> writing{true};
  std::vector<std::thread> writers;
  std::atomic<int> failed{0};
  for (int n = 0; n < 2; ++n)
    for (int w = 0; w < 2; ++w)
      writers.emplace_back([&, n, w] {
        Requests own;
        for (int i = 0; i < kCommandsPerWriter; ++i) {
          CommandRequest r = own.make(
              plans[(i + w) % 2], kDrafter,
              SubmitVersion{blocks_from_text("Bản " + std::to_string(i)), "v" + std::to_string(i)},
              kStart);
          r.request_id = "n" + std::to_string(n) + "w" + std::to_string(w) + "-" + r.request_id;
          if (!nodes[n]->execute(std::move(r)).ok()) ++failed;
        }
      });

  // Catching up by "after the last seen": each read must begin right after
  // it. A number committed after a later one would show here as a jump.
  Sequence seen = 0;
  std::vector<Sequence> jumps;
  std::string read_error;
  std::thread follower([&] {
    for (;;) {
      const bool last_round = !writing.load();
      auto next = reader->events_after(seen, 50);
      // Catch's assertions are for the test's own thread.
      if (!next.ok()) {
        read_error = next.error().message;
        return;
      }
      for (const StoredEvent& e : next.value()) {
        if (e.seq != seen + 1) jumps.push_back(e.seq);
        seen = e.seq;
      }
      if (last_round && next.value().empty()) return;
    }
  });
  for (auto& w : writers)
    w.join();
  writing = false;
  follower.join();

  CHECK(read_error.empty());
  CHECK(failed == 0);
  CHECK(jumps.empty());
  CHECK(seen == reader->last_sequence().value());
  // Each node's cache followed the other's writes: every version counted.
  const auto a = nodes[0]->state_of(plans[0]).value(), b = nodes[1]->state_of(plans[0]).value();
  CHECK(a.version == b.version);
  CHECK(a.versions == 2 * kCommandsPerWriter);
  for (auto& n : nodes)
    n->close();
  const VerifyReport report = verify_database(db.location(), defs).value();
  INFO(report.problem);
  CHECK(report.ok);
}

TEST_CASE("two nodes issuing at once take consecutive numbers, no gap and no duplicate",
          "[store][register][shared]") {
  TestDatabase db;
  const DefinitionSet defs = shipped_definitions();
  std::unique_ptr<Store> nodes[2] = {open_store(db, defs), open_store(db, defs)};
  Requests setup;
  constexpr int kDossiers = 30;
  std::vector<DossierId> ids;
  for (int i = 0; i < kDossiers; ++i) {
    ids.push_back(open_plan(*nodes[i % 2], setup));
    approve(*nodes[i % 2], setup, ids.back());
  }
  std::vector<std::optional<IssuedNumber>> numbers(kDossiers);
  std::vector<std::thread> clerks;
  // Each clerk writes only its own slots of `numbers`.
  for (int t = 0; t < 6; ++t)
    clerks.emplace_back([&, t] {
      Requests own;
      for (int i = t; i < kDossiers; i += 6) {
        CommandRequest r = own.make(ids[i], kClerk, action("issue"), kStart + 3600);
        r.request_id = "clerk" + std::to_string(t) + "-" + r.request_id;
        // Clerks 0, 2, 4 on one node, 1, 3, 5 on the other.
        auto done = nodes[t % 2]->execute(std::move(r));
        if (!done.ok()) continue;  // shows below as a missing number
        for (const StoredEvent& e : done.value().events)
          if (const auto* a = std::get_if<ActionTaken>(&e.event.body)) numbers[i] = a->issued;
      }
    });
  for (auto& c : clerks)
    c.join();
  std::set<std::uint32_t> got;
  for (const auto& n : numbers) {
    REQUIRE(n.has_value());
    got.insert(n->number);
  }
  CHECK(got.size() == kDossiers);
  CHECK(*got.begin() == 1);
  CHECK(*got.rbegin() == kDossiers);
  for (auto& n : nodes)
    n->close();
  CHECK(verify_database(db.location(), defs).value().ok);
}

TEST_CASE("a PostgreSQL database from a newer planflow is refused and left untouched",
          "[store][schema][shared]") {
  TestDatabase db;
  const DefinitionSet defs = shipped_definitions();
  { open_store(db, defs)->close(); }
  auto raw_db = db.connect();
  REQUIRE(raw_db.exec("UPDATE planflow_schema SET version = 99").ok());
  auto opened = open_postgres_store(db.location(), defs);
  REQUIRE_FALSE(opened.ok());
  CHECK(opened.error().message.find("schema version 99, written by a newer planflow") !=
        std::string::npos);
  sql::SqlError e;
  auto version = raw_db.prepare("SELECT version FROM planflow_schema", &e);
  REQUIRE(version.has_value());
  REQUIRE(version->step() == SQLITE_ROW);
  CHECK(version->int64(0) == 99);
}

TEST_CASE("the PostgreSQL event log refuses updates, deletes and truncation",
          "[store][verify][shared]") {
  TestDatabase db;
  const DefinitionSet defs = shipped_definitions();
  auto store = open_store(db, defs);
  Requests req;
  open_plan(*store, req);
  store->close();
  auto raw_db = db.connect();
  for (const char* tamper : {"UPDATE events SET payload = '{}' WHERE seq = 1",
                             "DELETE FROM events WHERE seq = 1", "TRUNCATE events"}) {
    INFO(tamper);
    const sql::SqlStatus refused = raw_db.exec(tamper);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.find("the event log is append-only") != std::string::npos);
  }
  CHECK(verify_database(db.location(), defs).value().ok);
}

TEST_CASE("an unreachable PostgreSQL is a clear error, not a hang", "[store][conditions][shared]") {
  const DefinitionSet defs = shipped_definitions();
  // Port 1 on this machine: nothing listens, so the connection is refused.
  auto opened = open_postgres_store("postgresql://planflow@127.0.0.1:1/planflow", defs);
  REQUIRE_FALSE(opened.ok());
  CHECK(opened.error().code == StoreErrorCode::kUnavailable);
  CHECK(opened.error().message.find(
            "cannot connect to postgresql://planflow@127.0.0.1:1/planflow") != std::string::npos);
}

TEST_CASE("a PostgreSQL that could lose acknowledged commits is refused",
          "[store][conditions][shared]") {
  OwnPostgres postgres;  // reconfigured below: not the shared one
  const DefinitionSet defs = shipped_definitions();
  auto admin = connect_postgres(postgres.url);
  REQUIRE(admin.exec("ALTER SYSTEM SET fsync = off").ok());
  REQUIRE(admin.exec("SELECT pg_reload_conf()").ok());
  // The reload reaches the server's processes shortly after it returns.
  std::optional<std::string> refused;
  for (int attempt = 0; attempt < 50 && !refused; ++attempt) {
    auto opened = open_postgres_store(postgres.url, defs);
    if (!opened.ok()) refused = opened.error().message;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  REQUIRE(refused.has_value());
  CHECK(refused->find("has fsync = off; planflow needs it on") != std::string::npos);
  // Nothing was made in it.
  sql::SqlError e;
  auto tables = admin.prepare("SELECT to_regclass('events') IS NULL", &e);
  REQUIRE(tables.has_value());
  REQUIRE(tables->step() == SQLITE_ROW);
  CHECK(tables->int64(0) == 1);
}
