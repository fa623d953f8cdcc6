// verify, rebuild and backup: tampering is found and named, views equal a
// rebuild after random histories, and a backup taken under load verifies.
#include "engine/store/maintenance.h"

#include <catch2/catch.hpp>
#include <random>
#include <thread>

#include "engine/event_json.h"
#include "engine/signature_content.h"
#include "engine/store/ed25519.h"
#include "engine/store/hash_chain.h"
#include "engine/store/sql.h"
#include "engine/store/store_test_support.h"
#include "engine/store/views.h"

using namespace planflow;
using namespace planflow::testing;

namespace {

constexpr Time kStart = 1376539200;

// Several dossiers at different steps, with comments, dispositions and an issued number.
void fill(Store& store, Requests& req, int dossiers) {
  for (int i = 0; i < dossiers; ++i) {
    const DossierId id =
        must_commit(store, req.make(0, kDrafter, plan_dossier(), kStart + i)).dossier;
    must_commit(store, req.make(id, kDrafter,
                                SubmitVersion{blocks_from_text("Dự thảo " + std::to_string(i)), ""},
                                kStart + i));
    if (i % 3 == 0) continue;
    must_commit(store, req.make(id, kDrafter, action("open_consultation"), kStart + i));
    must_commit(store,
                req.make(id, kDelegateA, AddComment{"Góp ý về mục tiêu", 0, {}}, kStart + i));
    must_commit(store, req.make(id, kDelegateB, AddComment{"Đồng ý", 1, {}}, kStart + i));
    if (i % 3 == 1) continue;
    for (UserId u : {kDelegateA, kDelegateB})
      must_commit(store, req.make(id, u, NoFurtherComments{}, kStart + i));
    must_commit(store, req.make(id, kChair, action("close_consultation"), kStart + i));
    must_commit(store,
                req.make(id, kChair, action("revise", {text_input("conclusion", "Sửa mục tiêu")}),
                         kStart + i));
    must_commit(store,
                req.make(id, kDrafter, DisposeComment{1, Disposition::kAccepted, ""}, kStart + i));
    must_commit(store,
                req.make(id, kDrafter, SubmitVersion{blocks_from_text("Bản 2"), ""}, kStart + i));
    must_commit(store, req.make(id, kDrafter, action("submit_revision"), kStart + i));
    must_commit(store, req.make(id, kChair, action("approve"), kStart + i));
    must_commit(store, req.make(id, kClerk, action("issue"), kStart + i));
  }
}

// A closed database file holding `dossiers` filled dossiers.
void filled_database(const std::string& path, const DefinitionSet& defs, int dossiers) {
  auto store = open_store(path, defs);
  Requests req;
  fill(*store, req, dossiers);
}

// Opens the file as someone with the sqlite3 tool would, lifting the
// append-only triggers first.
sql::Connection tamper(const std::string& path) {
  sql::SqlError e;
  auto db = sql::Connection::open_sqlite(path, sql::Connection::Mode::kReadWrite, &e);
  REQUIRE(db.has_value());
  REQUIRE(db->exec("DROP TRIGGER IF EXISTS events_no_update; "
                   "DROP TRIGGER IF EXISTS events_no_delete;")
              .ok());
  return std::move(*db);
}

VerifyReport verify_ok_or_report(const std::string& path, const DefinitionSet& defs) {
  auto r = verify_database(path, defs);
  REQUIRE(r.ok());
  return r.value();
}

}  // namespace

TEST_CASE("verify passes on an honest database", "[store][verify]") {
  TempDir dir;
  const DefinitionSet defs = shipped_definitions();
  filled_database(dir.file("p.db"), defs, 6);
  const VerifyReport r = verify_ok_or_report(dir.file("p.db"), defs);
  CHECK(r.ok);
  CHECK(r.dossiers == 6);
  CHECK(r.events > 60);
}

TEST_CASE("the event log refuses updates and deletes through SQL", "[store][verify]") {
  TempDir dir;
  const DefinitionSet defs = shipped_definitions();
  filled_database(dir.file("p.db"), defs, 1);
  sql::SqlError e;
  auto db = sql::Connection::open_sqlite(dir.file("p.db"), sql::Connection::Mode::kReadWrite, &e);
  auto update = db->exec("UPDATE events SET payload = '{}' WHERE seq = 3");
  REQUIRE_FALSE(update.ok());
  CHECK(update.error().message == "the event log is append-only");
  CHECK_FALSE(db->exec("DELETE FROM events WHERE seq = 3").ok());
}

TEST_CASE("verify names the dossier and event of an edited payload", "[store][verify]") {
  TempDir dir;
  const DefinitionSet defs = shipped_definitions();
  filled_database(dir.file("p.db"), defs, 3);
  auto db = tamper(dir.file("p.db"));
  // Dossier 2's comment 1 said "Góp ý về mục tiêu"; soften it after the fact.
  REQUIRE(db.exec("UPDATE events SET payload = replace(payload, 'Góp ý về mục tiêu', 'Nhất trí') "
                  "WHERE dossier_id = 2 AND type = 'comment_added'")
              .ok());
  const VerifyReport r = verify_ok_or_report(dir.file("p.db"), defs);
  CHECK_FALSE(r.ok);
  CHECK(r.bad_dossier == 2);
  CHECK(r.bad_dossier_seq == 12);
  CHECK(r.problem ==
        "the hash chain breaks: the event or one before it was altered, removed or moved");
}

TEST_CASE("verify finds a deleted event", "[store][verify]") {
  TempDir dir;
  const DefinitionSet defs = shipped_definitions();
  filled_database(dir.file("p.db"), defs, 3);
  auto db = tamper(dir.file("p.db"));
  REQUIRE(db.exec("DELETE FROM events WHERE dossier_id = 3 AND dossier_seq = 10").ok());
  const VerifyReport r = verify_ok_or_report(dir.file("p.db"), defs);
  CHECK_FALSE(r.ok);
  CHECK(r.bad_dossier == 3);
  CHECK(r.bad_dossier_seq == 10);
  CHECK(r.problem == "event 10 is missing (next is 11)");
}

TEST_CASE("verify finds reordered events", "[store][verify]") {
  TempDir dir;
  const DefinitionSet defs = shipped_definitions();
  filled_database(dir.file("p.db"), defs, 3);
  auto db = tamper(dir.file("p.db"));
  // Swap the places of dossier 3's two comments, hashes and all.
  REQUIRE(db.exec("UPDATE events SET dossier_seq = -1 WHERE dossier_id = 3 AND dossier_seq = 12;"
                  "UPDATE events SET dossier_seq = 12 WHERE dossier_id = 3 AND dossier_seq = 13;"
                  "UPDATE events SET dossier_seq = 13 WHERE dossier_id = 3 AND dossier_seq = -1;")
              .ok());
  const VerifyReport r = verify_ok_or_report(dir.file("p.db"), defs);
  CHECK_FALSE(r.ok);
  CHECK(r.bad_dossier == 3);
  CHECK(r.bad_dossier_seq == 12);
}

TEST_CASE("verify finds the loss of a dossier's latest event through its views",
          "[store][verify]") {
  TempDir dir;
  const DefinitionSet defs = shipped_definitions();
  filled_database(dir.file("p.db"), defs, 3);
  auto db = tamper(dir.file("p.db"));
  REQUIRE(db.exec("DELETE FROM events WHERE seq = (SELECT MAX(seq) FROM events)").ok());
  const VerifyReport r = verify_ok_or_report(dir.file("p.db"), defs);
  CHECK_FALSE(r.ok);
  CHECK(r.problem.rfind("the views differ from the log in table dossiers", 0) == 0);
}

TEST_CASE("rebuilt views equal the views kept live, after random histories", "[store][verify]") {
  TempDir dir;
  const DefinitionSet defs = shipped_definitions();
  std::mt19937 rng(20261123);
  {
    auto store = open_store(dir.file("p.db"), defs);
    Requests req;
    fill(*store, req, 4);
    // Random commands from random people: whatever is accepted must keep
    // the views equal to a rebuild.
    std::vector<Command> commands = {AddComment{"Ý kiến", 0, {}},
                                     AddComment{"Trả lời", 1, {}},
                                     NoFurtherComments{},
                                     SubmitVersion{blocks_from_text("Bản sửa"), ""},
                                     DisposeComment{1, Disposition::kNoted, ""},
                                     DisposeComment{2, Disposition::kNotAccepted, "Không phù hợp"},
                                     action("close_consultation"),
                                     action("revise", {text_input("conclusion", "Sửa")}),
                                     action("submit_revision"),
                                     action("approve"),
                                     action("issue"),
                                     action("consult_again"),
                                     action("open_consultation"),
                                     BindRole{"delegate", {kOutsider, 90}}};
    for (int i = 0; i < 600; ++i) {
      const DossierId id = 1 + rng() % 4;
      const UserId user = 1 + rng() % 9;
      (void)store->execute(req.make(id, user, commands[rng() % commands.size()], kStart + i * 600));
    }
  }
  CHECK(verify_ok_or_report(dir.file("p.db"), defs).ok);
  // Damage a view, then rebuild it from the log.
  sql::SqlError e;
  auto db = sql::Connection::open_sqlite(dir.file("p.db"), sql::Connection::Mode::kReadWrite, &e);
  REQUIRE(db->exec("DELETE FROM tasks; UPDATE comments SET text = 'sửa trộm'").ok());
  const VerifyReport damaged = verify_ok_or_report(dir.file("p.db"), defs);
  CHECK_FALSE(damaged.ok);
  CHECK(damaged.problem.find("run planflow rebuild") != std::string::npos);
  const std::string before = dump_views(*db);
  auto rebuilt = rebuild_views(dir.file("p.db"), defs);
  REQUIRE(rebuilt.ok());
  CHECK(rebuilt.value().dossiers == 4);
  CHECK(verify_ok_or_report(dir.file("p.db"), defs).ok);
  CHECK(dump_views(*db) != before);
}

TEST_CASE("a backup taken while commands are committed verifies", "[store][backup]") {
  TempDir dir;
  const DefinitionSet defs = shipped_definitions();
  auto store = open_store(dir.file("p.db"), defs);
  Requests req;
  fill(*store, req, 3);
  const Sequence before_backup = store->last_sequence().value();
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    Requests more;
    int i = 0;
    while (!stop) {
      CommandRequest r =
          more.make(2, kDelegateA, AddComment{"Ý kiến " + std::to_string(i), 0, {}}, kStart + i);
      r.request_id = "load-" + std::to_string(i++);
      (void)store->execute(r);
    }
  });
  auto copied = backup_database(dir.file("p.db"), dir.file("backup.db"));
  stop = true;
  writer.join();
  REQUIRE(copied.ok());
  CHECK(copied.value() > 0);
  const VerifyReport r = verify_ok_or_report(dir.file("backup.db"), defs);
  CHECK(r.ok);
  auto backup = open_store(dir.file("backup.db"), defs);
  CHECK(backup->last_sequence().value() >= before_backup);
  auto again = backup_database(dir.file("p.db"), dir.file("backup.db"));
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().message ==
        dir.file("backup.db") + " already exists; a backup never overwrites a file");
  CHECK(verify_database(dir.file("missing.db"), defs).error().message ==
        "there is no database at " + dir.file("missing.db"));
}

namespace {

// A database of three dossiers, the third issued and signed as the server
// signs it: the chair's key pair in signing_keys, the digest of what the
// state holds, a sign_document of the system user.
struct SignedDatabase {
  TempDir dir;
  const DefinitionSet defs = shipped_definitions();
  const std::string path = dir.file("p.db");
  const Ed25519KeyPair chair_key = ed25519_generate().value();
  DossierId issued = 3;

  SignedDatabase() {
    auto store = open_store(path, defs);
    Requests req;
    fill(*store, req, 3);
    sql::SqlError e;
    auto db = sql::Connection::open_sqlite(path, sql::Connection::Mode::kReadWrite, &e);
    REQUIRE(db.has_value());
    auto insert = db->prepare(
        "INSERT INTO signing_keys (user_id, algorithm, public_key, private_key, created_at) "
        "VALUES (?, 'Ed25519', ?, ?, 0)",
        &e);
    REQUIRE(insert);
    REQUIRE(insert->bind(1, static_cast<std::int64_t>(kChair))
                .bind(2, to_hex(chair_key.public_key))
                .bind_blob(3, chair_key.private_key.data(), chair_key.private_key.size())
                .run()
                .ok());
    const DossierState state = store->state_of(issued).value();
    const auto content = signed_content_of(state, kChair);
    REQUIRE(content.has_value());
    const Sha256 digest = signed_content_digest(*content);
    const auto signature = ed25519_sign(chair_key.private_key, digest);
    REQUIRE(signature.has_value());
    must_commit(*store, req.make(issued, kSystemUser,
                                 SignDocument{kChair, to_hex(chair_key.public_key), to_hex(digest),
                                              to_hex(*signature)},
                                 kStart + 100));
  }

  // Edits one event's payload as someone with the sqlite3 tool and the
  // chain's recipe would: the hash chain is rewritten after it, so it holds
  // again and only the signature can tell.
  void rewrite(const std::string& type, const std::string& from, const std::string& to) {
    auto db = tamper(path);
    sql::SqlError e;
    auto edit = db.prepare(
        "UPDATE events SET payload = replace(payload, ?, ?) WHERE dossier_id = ? AND type = ?", &e);
    REQUIRE(edit);
    REQUIRE(edit->bind(1, from)
                .bind(2, to)
                .bind(3, static_cast<std::int64_t>(issued))
                .bind(4, type)
                .run()
                .ok());
    REQUIRE(sqlite3_changes(db.sqlite_handle()) >= 1);
    auto rows = db.prepare(
        "SELECT dossier_seq, type, actor, at, payload FROM events WHERE dossier_id = ? "
        "ORDER BY dossier_seq",
        &e);
    rows->bind(1, static_cast<std::int64_t>(issued));
    std::vector<std::pair<std::int64_t, Hash>> hashes;
    Hash previous = kGenesisHash;
    while (rows->step() == SQLITE_ROW) {
      const auto seq = rows->int64(0);
      previous = chain_hash(
          previous, issued, static_cast<std::uint64_t>(seq),
          canonical_event_bytes(rows->text(1), rows->int64(3), static_cast<UserId>(rows->int64(2)),
                                nlohmann::json::parse(rows->text(4))));
      hashes.push_back({seq, previous});
    }
    rows.reset();
    auto update =
        db.prepare("UPDATE events SET hash = ? WHERE dossier_id = ? AND dossier_seq = ?", &e);
    for (const auto& [seq, hash] : hashes) {
      REQUIRE(update->bind_blob(1, hash.data(), hash.size())
                  .bind(2, static_cast<std::int64_t>(issued))
                  .bind(3, seq)
                  .run()
                  .ok());
      update->reset();
    }
  }

  void fails_on_signature(const std::string& why) {
    const VerifyReport r = verify_ok_or_report(path, defs);
    CHECK_FALSE(r.ok);
    CHECK(r.bad_dossier == issued);
    CHECK(r.problem.find("the signature on the issued document fails") != std::string::npos);
    CHECK(r.problem.find(why) != std::string::npos);
    INFO(r.problem);
  }
};

}  // namespace

TEST_CASE("verify checks the signature on an issued document", "[store][verify][signature]") {
  SignedDatabase db;
  const VerifyReport r = verify_ok_or_report(db.path, db.defs);
  INFO(r.problem);
  CHECK(r.ok);
}

TEST_CASE("verify catches an issued text edited after signing, even with the chain rewritten",
          "[store][verify][signature]") {
  SignedDatabase db;
  db.rewrite("version_submitted", "Bản 2", "Bản 3");
  db.fails_on_signature("is not that of the issued document");
}

TEST_CASE("verify catches a changed official number", "[store][verify][signature]") {
  SignedDatabase db;
  db.rewrite("action_taken", "\"symbol\":\"01/KH-UBND\"", "\"symbol\":\"02/KH-UBND\"");
  db.fails_on_signature("is not that of the issued document");
}

TEST_CASE("verify catches a forged signature", "[store][verify][signature]") {
  SignedDatabase db;
  // Someone else's key signs the very digest, and the signature replaces the chair's.
  const auto events = open_store(db.path, db.defs)->events_of(db.issued).value();
  const auto& signed_doc = std::get<DocumentSigned>(events.back().event.body);
  const auto forger = ed25519_generate().value();
  const auto forged = ed25519_sign(forger.private_key, from_hex(signed_doc.digest).value());
  db.rewrite("document_signed", signed_doc.signature, to_hex(*forged));
  db.fails_on_signature("does not verify with the recorded public key");
}

TEST_CASE("verify catches a public key swapped for another", "[store][verify][signature]") {
  SignedDatabase db;
  const auto events = open_store(db.path, db.defs)->events_of(db.issued).value();
  const auto& signed_doc = std::get<DocumentSigned>(events.back().event.body);
  // A whole new pair, signing correctly: only the accounts' key gives it away.
  const auto other = ed25519_generate().value();
  const auto signature = ed25519_sign(other.private_key, from_hex(signed_doc.digest).value());
  db.rewrite("document_signed", signed_doc.signature, to_hex(*signature));
  db.rewrite("document_signed", signed_doc.public_key, to_hex(other.public_key));
  db.fails_on_signature("is not the signing key of user " + std::to_string(kChair));
}

TEST_CASE("verify catches a signing key replaced in the accounts", "[store][verify][signature]") {
  SignedDatabase db;
  {
    auto conn = tamper(db.path);
    const auto other = ed25519_generate().value();
    REQUIRE(
        conn.exec("UPDATE signing_keys SET public_key = '" + to_hex(other.public_key) + "'").ok());
  }
  db.fails_on_signature("is not the signing key of user " + std::to_string(kChair));
  {
    auto conn = tamper(db.path);
    REQUIRE(conn.exec("DELETE FROM signing_keys").ok());
  }
  db.fails_on_signature("has no signing key");
}

TEST_CASE("a register opened where it stood carries on from there, until planflow numbers in it",
          "[store][register]") {
  TempDir dir;
  const DefinitionSet defs = shipped_definitions();
  const std::string path = dir.file("planflow.db");
  CHECK(open_register(path, {50, "KH", 2013, 2300}, kStart).error().code ==
        StoreErrorCode::kNotFound);
  open_store(path, defs).reset();  // the schema, nothing in it

  REQUIRE(open_register(path, {50, "KH", 2013, 2299}, kStart).ok());
  REQUIRE(open_register(path, {50, "KH", 2013, 2300}, kStart).ok());  // corrected before use
  CHECK(open_register(path, {50, "", 2013, 1}, kStart).error().code == StoreErrorCode::kInvalid);
  CHECK(open_register(path, {50, "KH", 1800, 1}, kStart).error().code == StoreErrorCode::kInvalid);
  CHECK(open_register(path, {50, "\xC3\x28", 2013, 1}, kStart).error().code ==
        StoreErrorCode::kInvalid);

  Requests req;  // one for both fills: request ids are never reused
  {
    auto store = open_store(path, defs);
    fill(*store, req, 6);  // dossiers 3 and 6 are issued, in August 2013
    CHECK(store->state_of(3).value().issued->symbol == "2301/KH-UBND");
    CHECK(store->state_of(6).value().issued->symbol == "2302/KH-UBND");
  }
  const auto late = open_register(path, {50, "KH", 2013, 5000}, kStart);
  REQUIRE_FALSE(late.ok());
  CHECK(late.error().code == StoreErrorCode::kInvalid);
  CHECK(late.error().message_vi.find("đã có số do planflow cấp") != std::string::npos);
  // Other years and series are their own.
  CHECK(open_register(path, {50, "KH", 2014, 10}, kStart).ok());
  CHECK(open_register(path, {50, "QĐ", 2013, 10}, kStart).ok());

  // The opening is no view: a rebuild keeps it, and the log still verifies.
  REQUIRE(rebuild_views(path, defs).ok());
  CHECK(verify_ok_or_report(path, defs).ok);
  auto store = open_store(path, defs);
  fill(*store, req, 3);
  CHECK(store->state_of(9).value().issued->symbol == "2303/KH-UBND");
}
