#include "engine/store/sqlite.h"

namespace planflow::sql {

Connection::~Connection() {
  cache_.clear();  // statements first: they belong to the connection
  if (db_) sqlite3_close_v2(db_);
}

Statement* Connection::cached(std::string_view sql, SqlError* error) {
  const std::string key(sql);
  if (auto it = cache_.find(key); it != cache_.end()) {
    it->second->reset();
    return it->second.get();
  }
  auto prepared = prepare(sql, error);
  if (!prepared) return nullptr;
  auto [it, _] = cache_.emplace(key, std::make_unique<Statement>(std::move(*prepared)));
  return it->second.get();
}

Connection& Connection::operator=(Connection&& other) noexcept {
  if (this != &other) {
    cache_.clear();
    if (db_) sqlite3_close_v2(db_);
    db_ = other.db_;
    cache_ = std::move(other.cache_);
    other.db_ = nullptr;
  }
  return *this;
}

std::optional<Connection> Connection::open(const std::string& path, Mode mode, SqlError* error,
                                           int busy_timeout_ms) {
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
  return Connection(db);
}

SqlError Connection::last_error(std::string_view what) const {
  return {sqlite3_errcode(db_) & 0xFF, std::string(what) + ": " + sqlite3_errmsg(db_)};
}

SqlStatus Connection::exec(std::string_view sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return {};
  SqlError e{rc & 0xFF, message ? message : sqlite3_errstr(rc)};
  sqlite3_free(message);
  return e;
}

std::optional<Statement> Connection::prepare(std::string_view sql, SqlError* error) {
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    *error = last_error("preparing \"" + std::string(sql.substr(0, 60)) + "\"");
    return std::nullopt;
  }
  return Statement(stmt, db_);
}

Statement::~Statement() {
  if (stmt_) sqlite3_finalize(stmt_);
}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    if (stmt_) sqlite3_finalize(stmt_);
    stmt_ = other.stmt_;
    db_ = other.db_;
    other.stmt_ = nullptr;
  }
  return *this;
}

Statement& Statement::bind(int index, std::int64_t v) {
  sqlite3_bind_int64(stmt_, index, v);
  return *this;
}

Statement& Statement::bind(int index, std::string_view v) {
  sqlite3_bind_text(stmt_, index, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::bind_blob(int index, const void* data, size_t size) {
  sqlite3_bind_blob(stmt_, index, data, static_cast<int>(size), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::bind_null(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

int Statement::step() {
  return sqlite3_step(stmt_) & 0xFF;
}

SqlStatus Statement::run() {
  const int rc = step();
  if (rc == SQLITE_DONE || rc == SQLITE_ROW) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    return {};
  }
  SqlError e = error("executing statement");
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  return e;
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string Statement::text(int column) const {
  const auto* p = sqlite3_column_text(stmt_, column);
  return p ? std::string(reinterpret_cast<const char*>(p),
                         static_cast<size_t>(sqlite3_column_bytes(stmt_, column)))
           : std::string();
}

std::vector<std::uint8_t> Statement::blob(int column) const {
  const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_, column));
  return p ? std::vector<std::uint8_t>(p, p + sqlite3_column_bytes(stmt_, column))
           : std::vector<std::uint8_t>();
}

SqlError Statement::error(std::string_view what) const {
  return {sqlite3_errcode(db_) & 0xFF, std::string(what) + ": " + sqlite3_errmsg(db_)};
}

}  // namespace planflow::sql
