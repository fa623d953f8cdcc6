#include "engine/store/maintenance.h"

#include "engine/decide.h"
#include "engine/event_json.h"
#include "engine/store/ed25519.h"
#include "engine/store/log_reader.h"
#include "engine/store/open_store.h"
#include "engine/store/postgres_schema.h"
#include "engine/store/schema.h"
#include "engine/store/search_index.h"
#include "engine/store/views.h"
#include "engine/text.h"

namespace planflow {

namespace {

Result<sql::Connection, StoreError> open_existing(const std::string& path,
                                                  sql::Connection::Mode mode) {
  sql::SqlError e;
  if (const StoreLocation at = parse_store_location(path); at.kind == StoreKind::kPostgres) {
    auto db = sql::Connection::open_postgres(at.where, &e);
    if (!db) return store_error(StoreErrorCode::kUnavailable, e.message);
    const int version = postgres_schema_version(*db);
    if (version < 0)
      return storage_error(db->last_error("reading the schema version"), "opening " + path);
    if (version == 0)
      return store_error(StoreErrorCode::kNotFound, "there is no planflow database at " + path);
    if (version != kSchemaVersion)
      return store_error(StoreErrorCode::kUnavailable,
                         path + " has schema version " + std::to_string(version) +
                             ", this planflow " + std::to_string(kSchemaVersion));
    return std::move(*db);
  }
  // SQLite would create a missing file; an operator naming a wrong path
  // should hear so instead.
  if (FILE* f = std::fopen(path.c_str(), "rb")) {
    std::fclose(f);
  } else {
    return store_error(StoreErrorCode::kNotFound, "there is no database at " + path);
  }
  auto db = sql::Connection::open_sqlite(path, mode, &e);
  if (!db) return storage_error(e, "opening " + path);
  const int version = schema_version(*db);
  if (version < 0)
    return storage_error(db->last_error("reading the schema version"), "opening " + path);
  if (version != kSchemaVersion)
    return store_error(StoreErrorCode::kUnavailable,
                       path + " has schema version " + std::to_string(version) +
                           ", this planflow " + std::to_string(kSchemaVersion) +
                           "; open it with `planflow serve` first to upgrade");
  return std::move(*db);
}

// Replays one dossier into `views`, returning its event count.
Result<std::uint64_t, StoreError> replay_into(sql::Connection& log, ViewWriter& views,
                                              const DefinitionSet& defs, DossierId id) {
  std::optional<DossierState> state;
  Time last_at = 0;
  Sequence last_seq = 0;
  std::uint64_t count = 0;
  auto stop = read_dossier_log(
      log, defs, id, [&](const Definition& def, LoggedEvent&& e) -> std::optional<StoreError> {
        if (!state) {
          state.emplace(def);
          state->id = id;
        }
        if (Status s = evolve(*state, e.stored.event); !s.ok())
          return store_error(StoreErrorCode::kUnavailable,
                             "dossier " + std::to_string(id) + ", event " +
                                 std::to_string(e.stored.dossier_seq) + ": " + s.error().message);
        if (auto r = views.on_event(e.stored, *state); !r.ok())
          return storage_error(r.error(), "writing views");
        last_at = e.stored.event.at;
        last_seq = e.stored.seq;
        ++count;
        return std::nullopt;
      });
  if (stop) return *stop;
  if (auto r = views.write_state(id, nullptr, *state, last_at, last_seq); !r.ok())
    return storage_error(r.error(), "writing views");
  return count;
}

// The public key the accounts hold for `user`, hex; nullopt for none.
Result<std::optional<std::string>, StoreError> registered_key(sql::Connection& db, UserId user) {
  sql::SqlError e;
  auto* stmt = db.cached("SELECT public_key FROM signing_keys WHERE user_id = ?", &e);
  if (!stmt) return storage_error(e, "reading signing keys");
  stmt->bind(1, user);
  std::optional<std::string> out;
  const int rc = stmt->step();
  if (rc == SQLITE_ROW) out = stmt->text(0);
  stmt->reset();
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return storage_error(db.last_error("reading signing keys"), "reading signing keys");
  return out;
}

}  // namespace

Result<VerifyReport, StoreError> verify_database(const std::string& path,
                                                 const DefinitionSet& defs) {
  auto opened = open_existing(path, sql::Connection::Mode::kReadOnly);
  if (!opened.ok()) return opened.error();
  sql::Connection& db = opened.value();
  // One read transaction: the whole check sees one consistent snapshot
  // while the server goes on writing.
  if (auto s = db.begin_snapshot(); !s.ok()) return storage_error(s.error(), "starting to read");
  VerifyReport report;
  auto fail = [&report](std::optional<DossierId> dossier, std::optional<std::uint64_t> seq,
                        std::string problem) {
    report.ok = false;
    report.bad_dossier = dossier;
    report.bad_dossier_seq = seq;
    report.problem = std::move(problem);
    return report;
  };

  auto dossiers = logged_dossiers(db);
  if (!dossiers.ok()) return dossiers.error();
  for (DossierId id : dossiers.value()) {
    ++report.dossiers;
    std::optional<DossierState> state;
    Hash previous = kGenesisHash;
    std::uint64_t expected_seq = 1;
    std::optional<VerifyReport> bad;
    auto stop = read_dossier_log(
        db, defs, id, [&](const Definition& def, LoggedEvent&& e) -> std::optional<StoreError> {
          const auto seq = e.stored.dossier_seq;
          if (seq != expected_seq) {
            bad = fail(id, expected_seq,
                       "event " + std::to_string(expected_seq) + " is missing (next is " +
                           std::to_string(seq) + ")");
            return store_error(StoreErrorCode::kInvalid, "");
          }
          const Event& event = e.stored.event;
          const Hash computed =
              chain_hash(previous, id, seq,
                         canonical_event_bytes(event_type_name(event.body), event.at, event.actor,
                                               std::move(e.payload)));
          if (e.hash.size() != computed.size() ||
              !std::equal(computed.begin(), computed.end(), e.hash.begin())) {
            bad = fail(
                id, seq,
                "the hash chain breaks: the event or one before it was altered, removed or moved");
            return store_error(StoreErrorCode::kInvalid, "");
          }
          if (!state) {
            state.emplace(def);
            state->id = id;
          }
          if (Status s = evolve(*state, e.stored.event); !s.ok()) {
            bad = fail(id, seq, s.error().message);
            return store_error(StoreErrorCode::kInvalid, "");
          }
          // A signature binds its signer to the issued content: recomputed
          // from the log, checked with its key, the key checked against the
          // accounts'. The issued content no longer changes, so the state
          // here is the one it was signed in.
          if (const auto* signed_doc = std::get_if<DocumentSigned>(&event.body)) {
            auto key = registered_key(db, signed_doc->signer);
            if (!key.ok()) return key.error();
            if (auto problem = signature_problem(*state, *signed_doc, key.value())) {
              bad = fail(id, seq, "the signature on the issued document fails: " + *problem);
              return store_error(StoreErrorCode::kInvalid, "");
            }
          }
          previous = computed;
          ++expected_seq;
          ++report.events;
          return std::nullopt;
        });
    if (bad) return *bad;
    if (stop) {
      // An unreadable event names itself in the message; keep the dossier.
      return fail(id, std::nullopt, stop->message);
    }
  }

  sql::SqlError e;
  auto counts =
      db.prepare("SELECT COUNT(*), COALESCE(MIN(seq), 1), COALESCE(MAX(seq), 0) FROM events", &e);
  if (!counts || counts->step() != SQLITE_ROW) return storage_error(e, "counting events");
  if (counts->int64(1) != 1 || counts->int64(2) != counts->int64(0))
    return fail(std::nullopt, std::nullopt,
                "global sequence numbers have gaps: " + std::to_string(counts->int64(0)) +
                    " events numbered " + std::to_string(counts->int64(1)) + " to " +
                    std::to_string(counts->int64(2)));

  // The views must be exactly what the log makes of them.
  auto memory = sql::Connection::open_sqlite(":memory:", sql::Connection::Mode::kReadWrite, &e);
  if (!memory) return storage_error(e, "opening a scratch database");
  if (auto s = migrate(*memory); !s.ok())
    return storage_error(s.error(), "preparing a scratch database");
  auto views = ViewWriter::prepare(*memory, &e);
  for (DossierId id : dossiers.value()) {
    auto replayed = replay_into(db, *views, defs, id);
    if (!replayed.ok()) return fail(id, std::nullopt, replayed.error().message);
  }
  for (const char* table : view_tables()) {
    const auto stored = dump_view_table(db, table), rebuilt = dump_view_table(*memory, table);
    if (stored == rebuilt) continue;
    size_t i = 0;
    while (i < stored.size() && i < rebuilt.size() && stored[i] == rebuilt[i])
      ++i;
    auto row = [i](const std::vector<std::string>& rows) {
      return i < rows.size() ? "\"" + rows[i] + "\"" : std::string("no row");
    };
    (void)db.commit();
    return fail(std::nullopt, std::nullopt,
                std::string("the views differ from the log in table ") + table + ": stored " +
                    row(stored) + ", rebuilt " + row(rebuilt) + "; run planflow rebuild");
  }
  // Equal rows could still sit over a damaged FTS5 index. (PostgreSQL's
  // index is over the rows themselves, and rebuilt by REINDEX.)
  if (db.dialect() == sql::Dialect::kSqlite &&
      dump_search_terms(db) != dump_search_terms(*memory)) {
    (void)db.commit();
    return fail(std::nullopt, std::nullopt,
                "the search index differs from its rows; run planflow rebuild");
  }
  (void)db.commit();
  return report;
}

Result<RebuildReport, StoreError> rebuild_views(const std::string& path,
                                                const DefinitionSet& defs) {
  auto opened = open_existing(path, sql::Connection::Mode::kReadWrite);
  if (!opened.ok()) return opened.error();
  sql::Connection& db = opened.value();
  if (auto s = db.begin_write(); !s.ok()) return storage_error(s.error(), "starting the rebuild");
  auto abort = [&db](StoreError e) {
    db.rollback();
    return e;
  };
  for (const char* table : view_tables())
    if (auto s = db.exec(std::string("DELETE FROM ") + table); !s.ok())
      return abort(storage_error(s.error(), "clearing views"));
  auto dossiers = logged_dossiers(db);
  if (!dossiers.ok()) return abort(dossiers.error());
  sql::SqlError e;
  auto views = ViewWriter::prepare(db, &e);
  RebuildReport report;
  for (DossierId id : dossiers.value()) {
    auto replayed = replay_into(db, *views, defs, id);
    if (!replayed.ok()) return abort(replayed.error());
    ++report.dossiers;
    report.events += replayed.value();
  }
  if (auto s = db.commit(); !s.ok())
    return abort(storage_error(s.error(), "committing the rebuild"));
  return report;
}

Result<std::uint64_t, StoreError> backup_database(const std::string& path,
                                                  const std::string& destination) {
  if (parse_store_location(path).kind == StoreKind::kPostgres)
    return store_error(StoreErrorCode::kInvalid,
                       "planflow backup copies a SQLite database; back PostgreSQL up with "
                       "pg_basebackup or pg_dump (docs/deployment.md)");
  auto source = open_existing(path, sql::Connection::Mode::kReadOnly);
  if (!source.ok()) return source.error();
  if (FILE* f = std::fopen(destination.c_str(), "rb")) {
    std::fclose(f);
    return store_error(StoreErrorCode::kInvalid,
                       destination + " already exists; a backup never overwrites a file");
  }
  sql::SqlError e;
  auto target = sql::Connection::open_sqlite(destination, sql::Connection::Mode::kReadWrite, &e);
  if (!target) return storage_error(e, "creating " + destination);
  sqlite3_backup* backup =
      sqlite3_backup_init(target->sqlite_handle(), "main", source.value().sqlite_handle(), "main");
  if (!backup)
    return storage_error(target->last_error("starting the backup"), "starting the backup");
  int rc;
  // All pages in one step, inside one read snapshot: in WAL mode that holds
  // no writer up, whereas copying in small steps would restart after every
  // write the server commits meanwhile and might never finish under load.
  while ((rc = sqlite3_backup_step(backup, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED)
    sqlite3_sleep(5);
  const int pages = sqlite3_backup_pagecount(backup);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) {
    std::remove(destination.c_str());
    return storage_error(sql::SqlError{rc & 0xFF, sqlite3_errstr(rc)}, "copying to " + destination);
  }
  return static_cast<std::uint64_t>(pages);
}

Result<bool, StoreError> open_register(const std::string& path, const RegisterOpening& opening,
                                       Time now) {
  if (opening.series.empty() || opening.series.size() > 32 || !is_valid_utf8(opening.series))
    return store_error(StoreErrorCode::kInvalid,
                       "a register series is 1 to 32 bytes of UTF-8, such as \"QĐ\"",
                       "Loại sổ đăng ký phải có từ 1 đến 32 byte UTF-8, ví dụ \"QĐ\"");
  if (opening.year < 1900 || opening.year > 2200)
    return store_error(StoreErrorCode::kInvalid, "the register's year is out of range",
                       "Năm của sổ đăng ký không hợp lệ");
  if (opening.last_number > 9999999)
    return store_error(StoreErrorCode::kInvalid, "the last number is out of range",
                       "Số cuối cùng không hợp lệ");
  auto opened = open_existing(path, sql::Connection::Mode::kReadWrite);
  if (!opened.ok()) return opened.error();
  sql::Connection& db = opened.value();
  // Immediate, so no number can be given between the check and the insert.
  if (auto s = db.begin_write(); !s.ok()) return storage_error(s.error(), "opening the register");
  auto abort = [&db](StoreError e) {
    db.rollback();
    return e;
  };
  // On PostgreSQL the writers of every node hold the log's head while they
  // number (log_store.h); so does this.
  if (db.dialect() == sql::Dialect::kPostgres)
    if (auto s = db.exec("SELECT 1 FROM log_head FOR UPDATE"); !s.ok())
      return abort(storage_error(s.error(), "opening the register"));
  sql::SqlError e;
  auto given = db.prepare(
      "SELECT COUNT(*) FROM register WHERE issuer_id = ? AND series = ? AND year = ?", &e);
  if (!given) return abort(storage_error(e, "reading the register"));
  given->bind(1, opening.issuer).bind(2, opening.series).bind(3, opening.year);
  if (given->step() != SQLITE_ROW)
    return abort(storage_error(given->error("reading the register"), "opening the register"));
  if (given->int64(0) > 0)
    return abort(store_error(
        StoreErrorCode::kInvalid,
        "planflow has already given numbers in " + opening.series + " of " +
            std::to_string(opening.year) + " for this issuer; the register carries on from them",
        "Sổ " + opening.series + " năm " + std::to_string(opening.year) +
            " của cơ quan ban hành này đã có số do planflow cấp; sổ tiếp tục từ các số đó"));
  auto insert = db.prepare(
      "INSERT INTO register_openings (issuer_id, series, year, last_number, opened_at) "
      "VALUES (?, ?, ?, ?, ?) ON CONFLICT (issuer_id, series, year) DO UPDATE SET "
      "last_number = excluded.last_number, opened_at = excluded.opened_at",
      &e);
  if (!insert) return abort(storage_error(e, "opening the register"));
  insert->bind(1, opening.issuer)
      .bind(2, opening.series)
      .bind(3, opening.year)
      .bind(4, static_cast<std::int64_t>(opening.last_number))
      .bind(5, now);
  if (auto s = insert->run(); !s.ok())
    return abort(storage_error(s.error(), "opening the register"));
  if (auto s = db.commit(); !s.ok()) return abort(storage_error(s.error(), "opening the register"));
  return true;
}

}  // namespace planflow
