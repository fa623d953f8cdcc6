// A small RAII layer over the two databases planflow stores in: SQLite (the
// embedded default) and PostgreSQL (several nodes on one cluster). A
// connection, prepared statements, transactions and errors as values; no
// exception leaves it. Nothing here knows about planflow.
//
// Statements are written once, in the SQL both databases share, with `?` or
// `?N` for parameters; the PostgreSQL backend rewrites them to `$N`. Where
// the dialects part (full-text search, upserts of SQLite's own kinds), the
// caller asks dialect().
//
// Errors speak SQLite's primary result codes (SQLITE_FULL, SQLITE_BUSY, ...)
// for both backends: they are the vocabulary the store already maps to its
// own errors, and the PostgreSQL backend maps each SQLSTATE onto the one
// that means the same to a caller (a lost connection is SQLITE_IOERR, a
// unique violation SQLITE_CONSTRAINT, a full disk SQLITE_FULL).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace planflow::sql {

enum class Dialect { kSqlite, kPostgres };

// A failed call: its result code and a message that says which operation
// failed and why.
struct SqlError {
  int code = SQLITE_ERROR;  // primary result code: SQLITE_FULL, SQLITE_BUSY, ...
  std::string message;
};

class SqlStatus {
 public:
  SqlStatus() = default;
  SqlStatus(SqlError e) : error_(std::move(e)) {}  // NOLINT: implicit by design
  bool ok() const { return !error_; }
  const SqlError& error() const { return *error_; }

 private:
  std::optional<SqlError> error_;
};

// What a backend implements; callers use Statement and Connection.
class StatementBackend {
 public:
  virtual ~StatementBackend() = default;
  virtual void bind(int index, std::int64_t v) = 0;
  virtual void bind(int index, std::string_view v) = 0;
  virtual void bind_blob(int index, const void* data, size_t size) = 0;
  virtual void bind_null(int index) = 0;
  virtual int step() = 0;
  virtual void reset() = 0;
  virtual std::int64_t int64(int column) const = 0;
  virtual double real(int column) const = 0;
  virtual std::string text(int column) const = 0;
  virtual std::vector<std::uint8_t> blob(int column) const = 0;
  virtual bool is_null(int column) const = 0;
  virtual int columns() const = 0;
  virtual std::string column_name(int column) const = 0;
  // SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB or SQLITE_NULL;
  // PostgreSQL's results say only SQLITE_TEXT or SQLITE_NULL.
  virtual int type(int column) const = 0;
  virtual SqlError error(std::string_view what) const = 0;
};

class Statement {
 public:
  explicit Statement(std::unique_ptr<StatementBackend> backend) : b_(std::move(backend)) {}

  // Binds parameters by position, from 1.
  Statement& bind(int index, std::int64_t v) {
    b_->bind(index, v);
    return *this;
  }
  Statement& bind(int index, std::string_view v) {
    b_->bind(index, v);
    return *this;
  }
  Statement& bind_blob(int index, const void* data, size_t size) {
    b_->bind_blob(index, data, size);
    return *this;
  }
  Statement& bind_null(int index) {
    b_->bind_null(index);
    return *this;
  }

  // SQLITE_ROW: a row is ready; SQLITE_DONE: finished; otherwise an error.
  int step() { return b_->step(); }
  // Runs to completion, expecting no rows; clears the bindings.
  SqlStatus run();
  // Back to before the first step, bindings cleared.
  void reset() { b_->reset(); }

  std::int64_t int64(int column) const { return b_->int64(column); }
  double real(int column) const { return b_->real(column); }
  std::string text(int column) const { return b_->text(column); }
  std::vector<std::uint8_t> blob(int column) const { return b_->blob(column); }
  bool is_null(int column) const { return b_->is_null(column); }
  int columns() const { return b_->columns(); }
  std::string column_name(int column) const { return b_->column_name(column); }
  int type(int column) const { return b_->type(column); }
  SqlError error(std::string_view what) const { return b_->error(what); }

 private:
  std::unique_ptr<StatementBackend> b_;
};

// Resets a cached statement however its user leaves the scope: a SQLite
// statement left mid-result keeps its read snapshot open.
class ResetOnExit {
 public:
  explicit ResetOnExit(Statement* s) : s_(s) {}
  ~ResetOnExit() {
    if (s_) s_->reset();
  }
  ResetOnExit(const ResetOnExit&) = delete;
  ResetOnExit& operator=(const ResetOnExit&) = delete;

 private:
  Statement* s_;
};

// A database URL as it may be printed or logged: its password, if any,
// replaced by "***".
std::string printable_url(const std::string& url);

class ConnectionBackend {
 public:
  virtual ~ConnectionBackend() = default;
  virtual Dialect dialect() const = 0;
  virtual SqlStatus exec(std::string_view sql) = 0;
  virtual std::unique_ptr<StatementBackend> prepare(std::string_view sql, SqlError* error) = 0;
  virtual SqlStatus begin_write() = 0;
  virtual SqlStatus begin_snapshot() = 0;
  virtual SqlStatus commit() = 0;
  virtual void rollback() = 0;
  virtual bool in_transaction() const = 0;
  virtual SqlError last_error(std::string_view what) const = 0;
  virtual sqlite3* sqlite_handle() const { return nullptr; }
};

class Connection {
 public:
  enum class Mode { kReadWrite, kReadOnly };

  Connection() = default;
  explicit Connection(std::unique_ptr<ConnectionBackend> backend) : b_(std::move(backend)) {}
  ~Connection() { cache_.clear(); }  // statements first: they belong to the connection
  Connection(Connection&&) noexcept = default;
  Connection& operator=(Connection&& other) noexcept {
    cache_.clear();
    b_ = std::move(other.b_);
    cache_ = std::move(other.cache_);
    return *this;
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Opens (read-write: creating) the SQLite file and sets a busy timeout,
  // so a briefly locked database waits instead of failing at once.
  static std::optional<Connection> open_sqlite(const std::string& path, Mode mode, SqlError* error,
                                               int busy_timeout_ms = 5000);
  // Connects to PostgreSQL (a libpq URL: postgresql://user@host:port/db),
  // with synchronous_commit on, so a commit returns only once it is on disk.
  static std::optional<Connection> open_postgres(const std::string& url, SqlError* error);

  Dialect dialect() const { return b_->dialect(); }
  // Statements without parameters or results, several allowed.
  SqlStatus exec(std::string_view sql) { return b_->exec(sql); }
  std::optional<Statement> prepare(std::string_view sql, SqlError* error);
  // A statement prepared once per connection and reused: preparing costs
  // more than running the small statements of the write path.
  Statement* cached(std::string_view sql, SqlError* error);

  // A transaction that will write: SQLite takes the write lock at once, so
  // two writers never deadlock upgrading a read lock.
  SqlStatus begin_write() { return b_->begin_write(); }
  // A transaction that reads one consistent state of the database
  // throughout, however long it takes, while writers go on.
  SqlStatus begin_snapshot() { return b_->begin_snapshot(); }
  // Fails (and rolls back) when a statement of the transaction failed:
  // PostgreSQL would otherwise answer COMMIT of a failed transaction by
  // rolling it back without an error.
  SqlStatus commit() { return b_->commit(); }
  // Safe when no transaction is open (a backend may have ended it itself).
  void rollback() { b_->rollback(); }
  bool in_transaction() const { return b_->in_transaction(); }

  SqlError last_error(std::string_view what) const { return b_->last_error(what); }
  // The SQLite connection, for what only SQLite has (backups, pragmas);
  // nullptr on PostgreSQL.
  sqlite3* sqlite_handle() const { return b_->sqlite_handle(); }

 private:
  std::unique_ptr<ConnectionBackend> b_;
  std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
};

}  // namespace planflow::sql
