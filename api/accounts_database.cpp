// Opening the accounts: the SQLite file (as the store opens it) or the
// PostgreSQL database the nodes share, migrated either way.
#include "api/accounts.h"
#include "api/sql_accounts.h"
#include "engine/store/open_store.h"
#include "engine/store/postgres_schema.h"
#include "engine/store/schema.h"

namespace planflow {

namespace {

AccountError fail(AccountErrorCode code, std::string message) {
  return AccountError{code, std::move(message), 0};
}

Result<sql::Connection, AccountError> open_sqlite_accounts(const std::string& path) {
  sql::SqlError e;
  auto db = sql::Connection::open_sqlite(path, sql::Connection::Mode::kReadWrite, &e);
  if (!db) return fail(AccountErrorCode::kUnavailable, e.message);
  if (sqlite3_db_readonly(db->sqlite_handle(), "main") == 1)
    return fail(AccountErrorCode::kUnavailable,
                path + " can only be read; planflow must write its database");
  // As the store opens it: the first statement that reads the file is where
  // a file that is not a database says so.
  auto mode = db->prepare("PRAGMA journal_mode = WAL", &e);
  const int rc = mode ? mode->step() : e.code;
  if (rc == SQLITE_NOTADB)
    return fail(
        AccountErrorCode::kUnavailable,
        path + " is not a planflow database (not SQLite, or encrypted); it was not changed");
  if (rc == SQLITE_CORRUPT) return fail(AccountErrorCode::kUnavailable, path + " is corrupt");
  if (rc != SQLITE_ROW)
    return fail(AccountErrorCode::kUnavailable,
                "opening " + path + ": " + (mode ? mode->error("switching to WAL") : e).message);
  if (mode->text(0) != "wal")
    return fail(AccountErrorCode::kUnavailable,
                path + " cannot use write-ahead logging (journal mode stays \"" + mode->text(0) +
                    "\"); is its folder writable?");
  mode.reset();
  if (auto s = db->exec("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON"); !s.ok())
    return fail(AccountErrorCode::kUnavailable, "opening " + path + ": " + s.error().message);
  if (auto s = migrate(*db); !s.ok())
    return fail(AccountErrorCode::kUnavailable, s.error().message);
  return std::move(*db);
}

Result<sql::Connection, AccountError> open_postgres_accounts(const std::string& url) {
  sql::SqlError e;
  auto db = sql::Connection::open_postgres(url, &e);
  if (!db) return fail(AccountErrorCode::kUnavailable, e.message);
  if (auto s = migrate_postgres(*db); !s.ok())
    return fail(AccountErrorCode::kUnavailable, s.error().message);
  return std::move(*db);
}

}  // namespace

Result<std::unique_ptr<Accounts>, AccountError> open_accounts(const std::string& path,
                                                              AccountOptions options) {
  const StoreLocation at = parse_store_location(path);
  auto db = at.kind == StoreKind::kPostgres ? open_postgres_accounts(at.where)
                                            : open_sqlite_accounts(at.where);
  if (!db.ok()) return db.error();
  return make_sql_accounts(std::move(db).value(), options);
}

}  // namespace planflow
