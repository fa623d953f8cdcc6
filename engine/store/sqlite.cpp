// The SQLite backend of engine/store/sql.h.
#include "engine/store/sql.h"

namespace planflow::sql {

namespace {

class SqliteStatement final : public StatementBackend {
 public:
  SqliteStatement(sqlite3_stmt* stmt, sqlite3* db) : stmt_(stmt), db_(db) {}
  ~SqliteStatement() override { sqlite3_finalize(stmt_); }
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  void bind(int index, std::int64_t v) override { sqlite3_bind_int64(stmt_, index, v); }
  void bind(int index, std::string_view v) override {
    sqlite3_bind_text(stmt_, index, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void bind_blob(int index, const void* data, size_t size) override {
    sqlite3_bind_blob(stmt_, index, data, static_cast<int>(size), SQLITE_TRANSIENT);
  }
  void bind_null(int index) override { sqlite3_bind_null(stmt_, index); }
  int step() override { return sqlite3_step(stmt_) & 0xFF; }
  void reset() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::int64_t int64(int column) const override { return sqlite3_column_int64(stmt_, column); }
  double real(int column) const override { return sqlite3_column_double(stmt_, column); }
  std::string text(int column) const override {
    const auto* p = sqlite3_column_text(stmt_, column);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<size_t>(sqlite3_column_bytes(stmt_, column)))
             : std::string();
  }
  std::vector<std::uint8_t> blob(int column) const override {
    const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_, column));
    return p ? std::vector<std::uint8_t>(p, p + sqlite3_column_bytes(stmt_, column))
             : std::vector<std::uint8_t>();
  }
  bool is_null(int column) const override {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
  }
  int columns() const override { return sqlite3_column_count(stmt_); }
  std::string column_name(int column) const override {
    const char* name = sqlite3_column_name(stmt_, column);
    return name ? name : "";
  }
  int type(int column) const override { return sqlite3_column_type(stmt_, column); }
  SqlError error(std::string_view what) const override {
    return {sqlite3_errcode(db_) & 0xFF, std::string(what) + ": " + sqlite3_errmsg(db_)};
  }

 private:
  sqlite3_stmt* stmt_;
  sqlite3* db_;
};

class SqliteConnection final : public ConnectionBackend {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override { sqlite3_close_v2(db_); }
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  Dialect dialect() const override { return Dialect::kSqlite; }

  SqlStatus exec(std::string_view sql) override {
    char* message = nullptr;
    const int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &message);
    if (rc == SQLITE_OK) return {};
    SqlError e{rc & 0xFF, message ? message : sqlite3_errstr(rc)};
    sqlite3_free(message);
    return e;
  }

  std::unique_ptr<StatementBackend> prepare(std::string_view sql, SqlError* error) override {
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) {
      *error = last_error("preparing \"" + std::string(sql.substr(0, 60)) + "\"");
      return nullptr;
    }
    return std::make_unique<SqliteStatement>(stmt, db_);
  }

  SqlStatus begin_write() override { return exec("BEGIN IMMEDIATE"); }
  // WAL: a read transaction keeps the snapshot of its first read.
  SqlStatus begin_snapshot() override { return exec("BEGIN"); }
  SqlStatus commit() override { return exec("COMMIT"); }
  void rollback() override {
    // SQLite may have rolled back already (a full disk, an I/O error).
    if (in_transaction()) (void)exec("ROLLBACK");
  }
  bool in_transaction() const override { return !sqlite3_get_autocommit(db_); }

  SqlError last_error(std::string_view what) const override {
    return {sqlite3_errcode(db_) & 0xFF, std::string(what) + ": " + sqlite3_errmsg(db_)};
  }
  sqlite3* sqlite_handle() const override { return db_; }

 private:
  sqlite3* db_;
};

}  // namespace

std::optional<Connection> Connection::open_sqlite(const std::string& path, Mode mode,
                                                  SqlError* error, int busy_timeout_ms) {
  sqlite3* db = nullptr;
  const int flags = (mode == Mode::kReadOnly ? SQLITE_OPEN_READONLY
                                             : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                    SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    *error = {rc & 0xFF,
              "cannot open " + path + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc))};
    if (db) sqlite3_close_v2(db);
    return std::nullopt;
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, busy_timeout_ms);
  return Connection(std::make_unique<SqliteConnection>(db));
}

}  // namespace planflow::sql
