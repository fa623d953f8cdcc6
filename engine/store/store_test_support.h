// Helpers for the store's tests: a fresh database file per test, the shipped
// definitions, and commands with request ids.
#pragma once

#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "engine/plan_fixture.h"
#include "engine/store/sqlite.h"
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

// A store on a fresh database, for TEST_CASE_METHOD.
struct StoreFixture {
  TempDir dir;
  DefinitionSet defs = shipped_definitions();
  std::unique_ptr<Store> store = open_store(dir.file("planflow.db"), defs);
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
  auto db = sql::Connection::open(path, sql::Connection::Mode::kReadWrite, &e);
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
