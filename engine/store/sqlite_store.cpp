#include "engine/store/sqlite_store.h"

#include "engine/store/log_reader.h"
#include "engine/store/log_store.h"
#include "engine/store/schema.h"

namespace planflow {

Result<std::unique_ptr<Store>, StoreError> open_sqlite_store(const std::string& path,
                                                             const DefinitionSet& definitions,
                                                             StoreOptions options) {
  sql::SqlError e;
  auto writer = sql::Connection::open_sqlite(path, sql::Connection::Mode::kReadWrite, &e,
                                             options.busy_timeout_ms);
  if (!writer) return storage_error(e, "opening " + path);
  if (sqlite3_db_readonly(writer->sqlite_handle(), "main") == 1)
    return store_error(StoreErrorCode::kUnavailable,
                       path +
                           " can only be read (a read-only file or file system); planflow must "
                           "write its database");
  // journal_mode is the first statement that reads the file, so it is where
  // a file that is not a database says so.
  auto mode = writer->prepare("PRAGMA journal_mode = WAL", &e);
  const int rc = mode ? mode->step() : e.code;
  if (rc == SQLITE_NOTADB)
    return store_error(
        StoreErrorCode::kUnavailable,
        path + " is not a planflow database (not SQLite, or encrypted); it was not changed");
  if (rc == SQLITE_CORRUPT) return store_error(StoreErrorCode::kUnavailable, path + " is corrupt");
  if (rc != SQLITE_ROW)
    return storage_error(mode ? mode->error("switching to WAL") : e, "opening " + path);
  if (mode->text(0) != "wal")
    return store_error(StoreErrorCode::kUnavailable,
                       path + " cannot use write-ahead logging (journal mode stays \"" +
                           mode->text(0) + "\"); is its folder writable?");
  mode.reset();
  if (auto s = writer->exec("PRAGMA synchronous = FULL"); !s.ok())
    return storage_error(s.error(), "opening " + path);
  // Checkpoints copy the WAL back into the database file with fsyncs of
  // their own; fewer, larger ones cost the writer less. A bigger page cache
  // keeps the indexes the writer touches on every command in memory.
  if (auto s = writer->exec("PRAGMA wal_autocheckpoint = 8000; PRAGMA cache_size = -65536");
      !s.ok())
    return storage_error(s.error(), "opening " + path);
  if (options.max_page_count > 0)
    if (auto s = writer->exec("PRAGMA max_page_count = " + std::to_string(options.max_page_count));
        !s.ok())
      return storage_error(s.error(), "opening " + path);
  if (auto s = migrate(*writer); !s.ok()) {
    StoreError err = storage_error(s.error(), "upgrading the schema");
    if (s.error().code == SQLITE_ERROR) err.message = s.error().message;
    return err;
  }
  auto reader = sql::Connection::open_sqlite(path, sql::Connection::Mode::kReadOnly, &e,
                                             options.busy_timeout_ms);
  if (!reader) return storage_error(e, "opening a reader");
  return make_log_store(definitions, options, std::move(*writer), std::move(*reader),
                        LogSharing::kThisProcessOnly);
}

}  // namespace planflow
