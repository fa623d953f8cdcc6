#include "engine/store/copy_database.h"

#include <filesystem>
#include <map>

#include "engine/store/log_reader.h"
#include "engine/store/postgres_schema.h"
#include "engine/store/schema.h"
#include "engine/store/sql.h"

namespace planflow {

namespace {

// Every table of schema version kSchemaVersion, in an order that satisfies
// the references (units before users before signing keys).
constexpr const char* kTables[] = {
    "events",       "dossiers",      "participants",
    "tasks",        "consultations", "invitees",
    "comments",     "versions",      "register",
    "timers",       "commands",      "units",
    "users",        "sessions",      "sign_in_failures",
    "search_index", "signing_keys",  "register_openings",
};

// Identity columns whose sequences must go on after the copied ids.
constexpr const char* kIdentityTables[] = {"units", "users"};

sql::SqlStatus copy_table(sql::Connection& from, sql::Connection& to, const char* table,
                          std::uint64_t* rows) {
  sql::SqlError e;
  auto read = from.prepare(std::string("SELECT * FROM ") + table, &e);
  if (!read) return e;
  std::optional<sql::Statement> write;
  int rc;
  while ((rc = read->step()) == SQLITE_ROW) {
    const int n = read->columns();
    if (!write) {
      std::string columns, values;
      for (int c = 0; c < n; ++c) {
        columns += (c ? ", " : "") + read->column_name(c);
        values += c ? ", ?" : "?";
      }
      write = to.prepare(
          std::string("INSERT INTO ") + table + " (" + columns + ") VALUES (" + values + ")", &e);
      if (!write) return e;
    }
    for (int c = 0; c < n; ++c) {
      switch (read->type(c)) {
        case SQLITE_NULL:
          write->bind_null(c + 1);
          break;
        case SQLITE_INTEGER:
          write->bind(c + 1, read->int64(c));
          break;
        case SQLITE_BLOB: {
          const auto bytes = read->blob(c);
          write->bind_blob(c + 1, bytes.data(), bytes.size());
          break;
        }
        default:
          write->bind(c + 1, read->text(c));
      }
    }
    if (auto s = write->run(); !s.ok())
      return sql::SqlError{s.error().code,
                           std::string("copying ") + table + ": " + s.error().message};
    ++*rows;
  }
  if (rc != SQLITE_DONE) return read->error(std::string("reading ") + table);
  return {};
}

// Each dossier's last hash, by dossier: equal maps are equal chains, as
// each hash covers every event before it.
Result<std::map<std::int64_t, std::vector<std::uint8_t>>, sql::SqlError> chain_ends(
    sql::Connection& db) {
  sql::SqlError e;
  auto ends = db.prepare(
      "SELECT e.dossier_id, e.hash FROM events e JOIN (SELECT dossier_id, MAX(dossier_seq) AS "
      "last FROM events GROUP BY dossier_id) l ON l.dossier_id = e.dossier_id AND "
      "l.last = e.dossier_seq",
      &e);
  if (!ends) return e;
  std::map<std::int64_t, std::vector<std::uint8_t>> out;
  int rc;
  while ((rc = ends->step()) == SQLITE_ROW)
    out[ends->int64(0)] = ends->blob(1);
  if (rc != SQLITE_DONE) return ends->error("reading the hash chains");
  return out;
}

}  // namespace

Result<CopyReport, StoreError> copy_sqlite_to_postgres(const std::string& sqlite_path,
                                                       const std::string& postgres_url) {
  if (!std::filesystem::exists(sqlite_path))
    return store_error(StoreErrorCode::kNotFound, "there is no database at " + sqlite_path);
  sql::SqlError e;
  auto from = sql::Connection::open_sqlite(sqlite_path, sql::Connection::Mode::kReadOnly, &e);
  if (!from) return storage_error(e, "opening " + sqlite_path);
  const int version = schema_version(*from);
  if (version != kSchemaVersion)
    return store_error(StoreErrorCode::kUnavailable,
                       sqlite_path + " has schema version " + std::to_string(version) +
                           ", this planflow " + std::to_string(kSchemaVersion) +
                           "; open it with this planflow's `planflow serve` first to upgrade");
  auto to = sql::Connection::open_postgres(postgres_url, &e);
  if (!to) return store_error(StoreErrorCode::kUnavailable, e.message);
  if (auto s = migrate_postgres(*to); !s.ok())
    return store_error(StoreErrorCode::kUnavailable, s.error().message);

  if (auto s = from->begin_snapshot(); !s.ok()) return storage_error(s.error(), "reading");
  if (auto s = to->begin_write(); !s.ok()) return storage_error(s.error(), "writing");
  const auto abort = [&](StoreError err) {
    to->rollback();
    from->rollback();
    return err;
  };
  // The head's lock keeps any node from writing while the copy is made.
  auto head = to->prepare("SELECT last_seq FROM log_head FOR UPDATE", &e);
  if (!head || head->step() != SQLITE_ROW)
    return abort(storage_error(head ? head->error("locking the log") : e, "locking the log"));
  if (head->int64(0) != 0)
    return abort(store_error(StoreErrorCode::kInvalid,
                             sql::printable_url(postgres_url) +
                                 " already holds events; planflow migrate copies into "
                                 "a database planflow has not used yet"));
  CopyReport report;
  for (const char* table : kTables) {
    std::uint64_t rows = 0;
    if (auto s = copy_table(*from, *to, table, &rows); !s.ok())
      return abort(storage_error(s.error(), std::string("copying ") + table));
    report.rows += rows;
    if (std::string(table) == "events") report.events = rows;
  }
  if (auto s =
          to->exec("UPDATE log_head SET last_seq = (SELECT COALESCE(MAX(seq), 0) FROM events), "
                   "last_dossier = (SELECT COALESCE(MAX(id), 0) FROM dossiers)");
      !s.ok())
    return abort(storage_error(s.error(), "setting the log's head"));
  for (const char* table : kIdentityTables)
    if (auto s = to->exec(std::string("SELECT setval(pg_get_serial_sequence('") + table +
                          "', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM " + table + "), false)");
        !s.ok())
      return abort(storage_error(s.error(), std::string("numbering ") + table));

  auto source_ends = chain_ends(*from);
  auto target_ends = chain_ends(*to);
  if (!source_ends.ok()) return abort(storage_error(source_ends.error(), "comparing chains"));
  if (!target_ends.ok()) return abort(storage_error(target_ends.error(), "comparing chains"));
  if (source_ends.value() != target_ends.value())
    return abort(store_error(StoreErrorCode::kUnavailable,
                             "the copied hash chains differ from the source's; nothing was kept"));
  report.dossiers = source_ends.value().size();
  if (auto s = to->commit(); !s.ok()) return abort(storage_error(s.error(), "committing the copy"));
  from->rollback();
  return report;
}

}  // namespace planflow
