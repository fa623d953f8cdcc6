// A small RAII layer over the SQLite C API: a connection, prepared
// statements, and errors as values. Nothing here knows about planflow.
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

// A failed SQLite call: its result code and a message that says which
// operation failed and why.
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

class Statement;

class Connection {
 public:
  enum class Mode { kReadWrite, kReadOnly };

  Connection() = default;
  ~Connection();
  Connection(Connection&& other) noexcept : db_(other.db_), cache_(std::move(other.cache_)) {
    other.db_ = nullptr;
  }
  Connection& operator=(Connection&& other) noexcept;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Opens (read-write: creating) the file and sets a busy timeout, so a
  // briefly locked database waits instead of failing at once.
  static std::optional<Connection> open(const std::string& path, Mode mode, SqlError* error,
                                        int busy_timeout_ms = 5000);

  SqlStatus exec(std::string_view sql);
  std::optional<Statement> prepare(std::string_view sql, SqlError* error);
  // A statement prepared once per connection and reused: preparing costs
  // more than running the small statements of the write path.
  Statement* cached(std::string_view sql, SqlError* error);
  SqlError last_error(std::string_view what) const;
  std::int64_t last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }
  sqlite3* handle() const { return db_; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
};

class Statement {
 public:
  ~Statement();
  Statement(Statement&& other) noexcept : stmt_(other.stmt_), db_(other.db_) {
    other.stmt_ = nullptr;
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&& other) noexcept;

  // Binds parameters by position, from 1.
  Statement& bind(int index, std::int64_t v);
  Statement& bind(int index, std::string_view v);
  Statement& bind_blob(int index, const void* data, size_t size);
  Statement& bind_null(int index);

  // SQLITE_ROW: a row is ready; SQLITE_DONE: finished; otherwise an error.
  int step();
  // Runs to completion, expecting no rows.
  SqlStatus run();
  void reset();

  std::int64_t int64(int column) const { return sqlite3_column_int64(stmt_, column); }
  double real(int column) const { return sqlite3_column_double(stmt_, column); }
  std::string text(int column) const;
  std::vector<std::uint8_t> blob(int column) const;
  bool is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  int columns() const { return sqlite3_column_count(stmt_); }
  SqlError error(std::string_view what) const;

 private:
  friend class Connection;
  Statement(sqlite3_stmt* stmt, sqlite3* db) : stmt_(stmt), db_(db) {}
  sqlite3_stmt* stmt_;
  sqlite3* db_;
};

}  // namespace planflow::sql
