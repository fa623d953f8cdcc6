// Helpers for the store's tests: a fresh database per test, the shipped
// definitions, and commands with request ids.
//
// The tests tagged [backends] run against both databases: SQLite by
// default, PostgreSQL when PLANFLOW_TEST_POSTGRES names the file holding
// the test server's URL (scripts/test-postgres writes it; CTest starts that
// server as a fixture and sets the variable for the PostgreSQL runs).
#pragma once

#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "engine/plan_fixture.h"
#include "engine/store/open_store.h"
#include "engine/store/sql.h"
#include "engine/store/sqlite_store.h"

namespace planflow::testing {

// A folder of its own under the system temp folder, removed afterwards.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("planflow-store-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

inline StoreKind tested_backend() {
  return std::getenv("PLANFLOW_TEST_POSTGRES") ? StoreKind::kPostgres : StoreKind::kSqlite;
}

// The first line of a file, which must have one.
inline std::string first_line_of(const std::string& file) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  if (line.empty()) FAIL("no line in " << file);
  return line;
}

// The test PostgreSQL server's URL, to its maintenance database.
inline std::string test_postgres_url() {
  const char* file = std::getenv("PLANFLOW_TEST_POSTGRES");
  if (!file) FAIL("PLANFLOW_TEST_POSTGRES names no file with the test server's URL");
  return first_line_of(file);
}

// A PostgreSQL server of one test's own (scripts/test-postgres), which the
// test may stop, start again or reconfigure without disturbing the others'.
struct OwnPostgres {
  TempDir dir;
  std::string url;  // to its maintenance database, postgres
  OwnPostgres() {
    REQUIRE(script("start") == 0);
    url = first_line_of(dir.file("url"));
  }
  ~OwnPostgres() { (void)script("stop"); }
  OwnPostgres(const OwnPostgres&) = delete;
  OwnPostgres& operator=(const OwnPostgres&) = delete;
  // start, stop, pause or resume; the script's exit status.
  int script(const std::string& what) {
    const std::string command = std::string(PLANFLOW_SOURCE_DIR) + "/scripts/test-postgres " +
                                what + " " + dir.file("") + " >/dev/null 2>&1";
    return std::system(command.c_str());
  }
};

inline sql::Connection connect_postgres(const std::string& url) {
  sql::SqlError e;
  auto db = sql::Connection::open_postgres(url, &e);
  if (!db) FAIL(e.message);
  return std::move(*db);
}

// A database of the backend under test, of its own, removed afterwards: a
// file in a TempDir, or a database created on the test PostgreSQL server.
class TestDatabase {
 public:
  TestDatabase() : kind_(tested_backend()) {
    if (kind_ == StoreKind::kSqlite) {
      location_ = dir_.file("planflow.db");
      return;
    }
    static std::atomic<int> counter{0};
    name_ = "planflow_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    const std::string server = test_postgres_url();
    auto admin = connect_postgres(server);
    (void)admin.exec("DROP DATABASE IF EXISTS " + name_);
    auto created = admin.exec("CREATE DATABASE " + name_);
    if (!created.ok()) FAIL(created.error().message);
    location_ = server.substr(0, server.rfind('/') + 1) + name_;
    server_ = server;
  }
  ~TestDatabase() {
    if (kind_ != StoreKind::kPostgres) return;
    sql::SqlError e;
    if (auto admin = sql::Connection::open_postgres(server_, &e))
      (void)admin->exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  }
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  StoreKind kind() const { return kind_; }
  // The SQLite file's path or the PostgreSQL URL: what `--db` takes.
  const std::string& location() const { return location_; }
  // A connection of its own, around the store, to set up or inspect.
  sql::Connection connect() const {
    if (kind_ == StoreKind::kPostgres) return connect_postgres(location_);
    sql::SqlError e;
    auto db = sql::Connection::open_sqlite(location_, sql::Connection::Mode::kReadWrite, &e);
    if (!db) FAIL(e.message);
    return std::move(*db);
  }

 private:
  StoreKind kind_;
  TempDir dir_;
  std::string location_, name_, server_;
};

inline DefinitionSet shipped_definitions() {
  DefinitionSet set;
  REQUIRE(set.add(load_workflow("plan.json")).ok());
  REQUIRE(set.add(load_workflow("official-letter.json")).ok());
  return set;
}

inline std::unique_ptr<Store> open_store(const std::string& path, const DefinitionSet& defs,
                                         StoreOptions options = {}) {
  auto store = open_sqlite_store(path, defs, options);
  if (!store.ok()) FAIL(store.error().message);
  return std::move(store).value();
}

inline std::unique_ptr<Store> open_store(const TestDatabase& db, const DefinitionSet& defs,
                                         StoreOptions options = {}) {
  auto store = planflow::open_store(parse_store_location(db.location()), defs, options);
  if (!store.ok()) FAIL(store.error().message);
  return std::move(store).value();
}

// Builds requests with fresh request ids.
class Requests {
 public:
  CommandRequest make(DossierId dossier, UserId user, Command command, Time now,
                      std::optional<std::uint64_t> expected = std::nullopt) {
    CommandRequest r;
    r.request_id = "req-" + std::to_string(++counter_);
    r.dossier = dossier;
    r.workflow = "plan";
    r.expected_version = expected;
    r.command = std::move(command);
    r.actor = Actor{user, 0, false};
    r.now = now;
    return r;
  }

 private:
  int counter_ = 0;
};

inline CommitResult must_commit(Store& store, CommandRequest request) {
  auto r = store.execute(std::move(request));
  if (!r.ok()) FAIL(store_error_code_name(r.error().code) << ": " << r.error().message);
  return std::move(r).value();
}

// A store on a fresh database of the backend under test, for TEST_CASE_METHOD.
struct StoreFixture {
  TempDir dir;
  TestDatabase db;
  DefinitionSet defs = shipped_definitions();
  std::unique_ptr<Store> store = open_store(db, defs);
  Requests req;
};

inline constexpr Time kMeetingDay = 1376539200;  // 15/8/2013, the Lạng Sơn meeting

// Carries a new plan dossier into its consultation; returns its id.
inline DossierId open_plan(Store& store, Requests& req, Time now = kMeetingDay) {
  const CommitResult created = must_commit(store, req.make(0, kDrafter, plan_dossier(), now));
  must_commit(store, req.make(created.dossier, kDrafter,
                              SubmitVersion{blocks_from_text("Dự thảo kế hoạch"), "v1"}, now));
  must_commit(store, req.make(created.dossier, kDrafter, action("open_consultation"), now));
  return created.dossier;
}

// Carries a dossier from consultation to the clerk's desk.
inline void approve(Store& store, Requests& req, DossierId id, Time now = kMeetingDay) {
  for (UserId u : {kDelegateA, kDelegateB})
    must_commit(store, req.make(id, u, NoFurtherComments{}, now));
  must_commit(store, req.make(id, kChair, action("close_consultation"), now));
  must_commit(store, req.make(id, kChair, action("approve"), now));
}

// SQL that takes the comments view back to before anchors and edits
// (schema 6), for tests that make an older database.
inline const std::string kNoCommentAnchors =
    "ALTER TABLE comments DROP COLUMN anchor; ALTER TABLE comments DROP COLUMN edits; "
    "ALTER TABLE comments DROP COLUMN edited_at; ALTER TABLE comments DROP COLUMN withdrawn_at; ";

// The database file opened directly, around the store, to set up or
// inspect what the store must cope with.
inline sql::Connection raw(const std::string& path) {
  sql::SqlError e;
  auto db = sql::Connection::open_sqlite(path, sql::Connection::Mode::kReadWrite, &e);
  REQUIRE(db.has_value());
  return std::move(*db);
}

// Undoes migration 8: dossiers name no document they correct.
inline const std::string kNoCorrectionLinks =
    "DROP INDEX dossiers_by_corrects; ALTER TABLE dossiers DROP COLUMN corrects; ";

// Undoes migration 9: inbox tasks name no implementation task they follow up.
inline const std::string kNoFollowUpSubjects =
    "ALTER TABLE tasks DROP COLUMN subject; ALTER TABLE tasks DROP COLUMN detail; ";
// Undoes migration 10: no register is opened where it stood before planflow.
inline const std::string kNoRegisterOpenings = "DROP TABLE register_openings; ";

}  // namespace planflow::testing
