// Bad conditions get clear errors and lose nothing: schema upgrades and a
// newer schema, a file that is not a database, corruption, a lock held by
// another process, a full disk, a read-only file system.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "engine/event_json.h"
#include "engine/store/hash_chain.h"
#include "engine/store/maintenance.h"
#include "engine/store/schema.h"
#include "engine/store/sql.h"
#include "engine/store/store_test_support.h"
#include "engine/store/views.h"

using namespace planflow;
using namespace planflow::testing;

namespace {

constexpr Time kStart = 1376539200;

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("a database of schema version 1 is upgraded in place and keeps its history",
          "[store][schema]") {
  TempDir dir;
  const std::string path = dir.file("old.db");
  const DefinitionSet defs = shipped_definitions();
  Requests req;
  DossierId id;
  {
    auto store = open_store(path, defs);
    id = open_plan(*store, req);
    must_commit(*store,
                req.make(id, kDelegateA, AddComment{"Ý kiến từ phiên bản cũ", 0, {}}, kStart));
  }
  {
    // Exactly what the first schema version holds: no request ids, no inbox
    // index, no accounts, no blocks, no search index.
    auto db = raw(path);
    REQUIRE(db.exec("DROP TABLE signing_keys; DROP TABLE search_index; DROP TABLE commands; "
                    "DROP INDEX tasks_by_assignee; DROP TABLE sessions; "
                    "DROP TABLE sign_in_failures; DROP TABLE users; DROP TABLE units; "
                    "ALTER TABLE versions DROP COLUMN blocks; " +
                    kNoCommentAnchors + kNoCorrectionLinks + kNoFollowUpSubjects +
                    kNoRegisterOpenings + "PRAGMA user_version = 1;")
                .ok());
    REQUIRE(schema_version(db) == 1);
  }
  auto store = open_store(path, defs);
  {
    auto db = raw(path);
    CHECK(schema_version(db) == kSchemaVersion);
  }
  CHECK(store->state_of(id).value().comments.size() == 1);
  must_commit(*store, req.make(id, kDelegateB, AddComment{"Ý kiến sau nâng cấp", 0, {}}, kStart));
  store->close();
  CHECK(verify_database(path, defs).value().ok);
}

TEST_CASE("drafts stored as plain text before blocks read as paragraphs after the upgrade",
          "[store][schema][blocks]") {
  TempDir dir;
  const std::string path = dir.file("v3.db");
  const DefinitionSet defs = shipped_definitions();
  Requests req;
  const std::string legacy_text = "I. MỤC ĐÍCH\n\n  1. Xây dựng nền công vụ chuyên nghiệp.\n";
  DossierId id;
  {
    auto store = open_store(path, defs);
    id = must_commit(*store, req.make(0, kDrafter, plan_dossier(), kStart)).dossier;
  }
  {
    // The version event as planflow wrote it before blocks, chained on.
    auto db = raw(path);
    sql::SqlError e;
    auto last = db.prepare(
        "SELECT seq, dossier_seq, hash FROM events WHERE dossier_id = ? "
        "ORDER BY dossier_seq DESC LIMIT 1",
        &e);
    REQUIRE(last);
    last->bind(1, static_cast<std::int64_t>(id));
    REQUIRE(last->step() == SQLITE_ROW);
    const auto seq = last->int64(0) + 1, dossier_seq = last->int64(1) + 1;
    Hash previous;
    const auto stored = last->blob(2);
    REQUIRE(stored.size() == previous.size());
    std::copy(stored.begin(), stored.end(), previous.begin());
    last.reset();
    const nlohmann::json data = {{"number", 1}, {"summary", "v1"}, {"text", legacy_text}};
    const Hash hash =
        chain_hash(previous, id, static_cast<std::uint64_t>(dossier_seq),
                   canonical_event_bytes("version_submitted", kStart + 60, kDrafter, data));
    auto insert = db.prepare(
        "INSERT INTO events (seq, dossier_id, dossier_seq, type, actor, at, payload, hash) "
        "VALUES (?, ?, ?, 'version_submitted', ?, ?, ?, ?)",
        &e);
    REQUIRE(insert);
    REQUIRE(insert->bind(1, seq)
                .bind(2, static_cast<std::int64_t>(id))
                .bind(3, dossier_seq)
                .bind(4, kDrafter)
                .bind(5, kStart + 60)
                .bind(6, data.dump())
                .bind_blob(7, hash.data(), hash.size())
                .run()
                .ok());
  }
  // The views as schema 3 kept them: made from the log, a version row's
  // text the draft as sent, and no blocks.
  REQUIRE(rebuild_views(path, defs).ok());
  {
    auto db = raw(path);
    REQUIRE(db.exec("DROP TABLE signing_keys; DROP TABLE search_index; "
                    "ALTER TABLE versions DROP COLUMN blocks; " +
                    kNoCommentAnchors + kNoCorrectionLinks + kNoFollowUpSubjects +
                    kNoRegisterOpenings + "PRAGMA user_version = 3;")
                .ok());
    sql::SqlError e;
    auto text = db.prepare("UPDATE versions SET text = ?", &e);
    REQUIRE(text);
    REQUIRE(text->bind(1, legacy_text).run().ok());
  }

  auto store = open_store(path, defs);
  {
    auto db = raw(path);
    CHECK(schema_version(db) == kSchemaVersion);
    CHECK(dump_view_table(db, "versions") ==
          std::vector<std::string>{
              std::to_string(id) + "|1|1|v1|I. MỤC ĐÍCH\n1. Xây dựng nền công vụ chuyên nghiệp.|" +
              std::to_string(kStart + 60) +
              R"(|[{"id":1,"kind":"paragraph","level":0,"marker":"","text":"I. MỤC ĐÍCH"},)"
              R"({"id":2,"kind":"paragraph","level":0,"marker":"","text":"1. Xây dựng nền công vụ )"
              R"(chuyên nghiệp."}])"});
  }
  const DossierState before = store->state_of(id).value();
  CHECK(before.versions == 1);
  CHECK(before.next_block_id == 3);
  // The next version's ids follow on from the old draft's.
  const CommitResult v2 = must_commit(
      *store,
      req.make(id, kDrafter,
               SubmitVersion{{heading(1, "I.", "MỤC ĐÍCH"),
                              para("1. Xây dựng nền công vụ chuyên nghiệp."), para("2. Mới.")},
                             "v2"},
               kStart + 120));
  CHECK(ids_of(std::get<VersionSubmitted>(v2.events.back().event.body).blocks) ==
        std::vector<std::uint32_t>{3, 2, 4});
  store->close();
  // The old event was not rewritten: its hash still holds, and the views
  // are what the log makes of them.
  const VerifyReport report = verify_database(path, defs).value();
  INFO(report.problem);
  CHECK(report.ok);
}

TEST_CASE("a database from a newer planflow is refused and left untouched", "[store][schema]") {
  TempDir dir;
  const std::string path = dir.file("newer.db");
  const DefinitionSet defs = shipped_definitions();
  { auto store = open_store(path, defs); }
  {
    auto db = raw(path);
    REQUIRE(db.exec("PRAGMA user_version = " + std::to_string(kSchemaVersion + 1)).ok());
  }
  const std::string before = file_bytes(path);
  auto opened = open_sqlite_store(path, defs);
  REQUIRE_FALSE(opened.ok());
  CHECK(opened.error().message ==
        "the database has schema version " + std::to_string(kSchemaVersion + 1) +
            ", written by a newer planflow (this one knows up to " +
            std::to_string(kSchemaVersion) + "); upgrade planflow, the database was not changed");
  CHECK(file_bytes(path) == before);
}

TEST_CASE("a file that is not a database is refused and left untouched", "[store][conditions]") {
  TempDir dir;
  const std::string path = dir.file("notes.db");
  std::ofstream(path) << "Biên bản cuộc họp ngày 15/8/2013 — not a database\n";
  const std::string before = file_bytes(path);
  auto opened = open_sqlite_store(path, shipped_definitions());
  REQUIRE_FALSE(opened.ok());
  CHECK(opened.error().message ==
        path + " is not a planflow database (not SQLite, or encrypted); it was not changed");
  CHECK(file_bytes(path) == before);
}

TEST_CASE("corruption is reported, not crashed on", "[store][conditions]") {
  TempDir dir;
  const std::string path = dir.file("corrupt.db");
  const DefinitionSet defs = shipped_definitions();
  {
    auto store = open_store(path, defs);
    Requests req;
    const DossierId id = open_plan(*store, req);
    for (int i = 0; i < 200; ++i)
      must_commit(*store,
                  req.make(id, kDelegateA, AddComment{std::string(300, 'x'), 0, {}}, kStart));
  }
  {
    auto db = raw(path);  // fold the WAL into the file so the damage hits real pages
    REQUIRE(db.exec("PRAGMA wal_checkpoint(TRUNCATE)").ok());
  }
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(4096 * 5);
    const std::string garbage(4096 * 3, '\x5A');
    f.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  auto report = verify_database(path, defs);
  if (report.ok()) {
    CHECK_FALSE(report.value().ok);
    INFO(report.value().problem);
  } else {
    CHECK(report.error().message.find("corrupt") != std::string::npos);
  }
}

TEST_CASE("a lock held by another process is a clear, retryable error", "[store][conditions]") {
  TempDir dir;
  const std::string path = dir.file("locked.db");
  const DefinitionSet defs = shipped_definitions();
  StoreOptions options;
  options.busy_timeout_ms = 100;
  auto store = open_store(path, defs, options);
  Requests req;
  const DossierId id = open_plan(*store, req);
  auto other = raw(path);
  REQUIRE(other.exec("BEGIN IMMEDIATE").ok());
  auto blocked = store->execute(req.make(id, kDelegateA, AddComment{"Bị khóa", 0, {}}, kStart));
  REQUIRE_FALSE(blocked.ok());
  CHECK(blocked.error().code == StoreErrorCode::kUnavailable);
  CHECK(blocked.error().message ==
        "the database is locked by another process while starting a transaction; nothing was "
        "written");
  REQUIRE(other.exec("ROLLBACK").ok());
  must_commit(*store, req.make(id, kDelegateA, AddComment{"Sau khi mở khóa", 0, {}}, kStart));
  CHECK(store->state_of(id).value().comments.size() == 1);
}

TEST_CASE("a full disk refuses the command, keeps everything before it, and recovers",
          "[store][conditions]") {
  TempDir dir;
  const std::string path = dir.file("full.db");
  const DefinitionSet defs = shipped_definitions();
  Requests req;
  DossierId id;
  {
    auto store = open_store(path, defs);
    id = open_plan(*store, req);
  }
  std::int64_t pages = 0;
  {
    auto db = raw(path);
    sql::SqlError e;
    auto count = db.prepare("PRAGMA page_count", &e);
    REQUIRE(count->step() == SQLITE_ROW);
    pages = count->int64(0);
  }
  StoreOptions options;
  options.max_page_count = pages + 8;
  std::size_t accepted = 0;
  std::optional<StoreError> full;
  {
    auto store = open_store(path, defs, options);
    for (int i = 0; i < 500 && !full; ++i) {
      auto r = store->execute(
          req.make(id, kDelegateA, AddComment{std::string(2000, 'y'), 0, {}}, kStart + i));
      if (r.ok()) {
        ++accepted;
      } else {
        full = r.error();
      }
    }
    REQUIRE(full.has_value());
    CHECK(full->code == StoreErrorCode::kFull);
    CHECK(full->message.find("the database is full (disk or size limit)") == 0);
    CHECK(full->message.find("nothing was written") != std::string::npos);
    // Still full, still refusing cleanly; still serving reads.
    CHECK(
        store->execute(req.make(id, kDelegateB, AddComment{std::string(2000, 'z'), 0, {}}, kStart))
            .error()
            .code == StoreErrorCode::kFull);
    CHECK(store->state_of(id).value().comments.size() == accepted);
  }
  CHECK(accepted > 0);
  REQUIRE(verify_database(path, defs).value().ok);
  auto store = open_store(path, defs);  // room again
  must_commit(*store, req.make(id, kDelegateB, AddComment{"Có chỗ trở lại", 0, {}}, kStart));
  CHECK(store->state_of(id).value().comments.size() == accepted + 1);
}

TEST_CASE("a read-only file system is refused with a clear message", "[store][conditions]") {
  TempDir dir;
  const std::string mount_point = dir.file("ro");
  std::filesystem::create_directories(mount_point);
  if (std::system(("mount -t tmpfs -o size=16m tmpfs " + mount_point + " 2>/dev/null").c_str()) !=
      0) {
    WARN("cannot mount a file system here (needs root); read-only case not exercised");
    return;
  }
  const std::string path = mount_point + "/planflow.db";
  const DefinitionSet defs = shipped_definitions();
  Requests req;
  {
    auto store = open_store(path, defs);
    open_plan(*store, req);
  }
  REQUIRE(std::system(("mount -o remount,ro " + mount_point).c_str()) == 0);
  auto opened = open_sqlite_store(path, defs);
  const bool refused = !opened.ok();
  const std::string message = refused ? opened.error().message : "";
  REQUIRE(std::system(("mount -o remount,rw " + mount_point).c_str()) == 0);
  CHECK(refused);
  CHECK(
      message ==
      path +
          " can only be read (a read-only file or file system); planflow must write its database");
  CHECK(verify_database(path, defs).value().ok);
  REQUIRE(std::system(("umount " + mount_point).c_str()) == 0);
}
