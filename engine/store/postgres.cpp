// The PostgreSQL backend of engine/store/sql.h, on libpqxx. Statements are
// prepared on the server once per connection; parameters go as text (bytea
// as hex), results come back as text and are parsed here. libpqxx reports
// by exception; every one is caught here and becomes an SqlError.
#include <pqxx/pqxx>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>

#include "engine/store/sql.h"

namespace planflow::sql {

namespace {

// SQLite's `?` and `?N` become PostgreSQL's `$N`; quoted text and
// identifiers are left alone. A bare `?` takes one more than the largest
// number so far, as in SQLite.
std::string postgres_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 8);
  int largest = 0;
  char quote = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (quote) {
      if (c == quote) quote = 0;
      out += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == '?') {
      std::size_t j = i + 1;
      int n = 0;
      while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9')
        n = n * 10 + (sql[j++] - '0');
      if (j == i + 1) n = largest + 1;
      largest = std::max(largest, n);
      out += '$' + std::to_string(n);
      i = j - 1;
    } else {
      out += c;
    }
  }
  return out;
}

// What an SQLSTATE means to a caller, in the vocabulary of sql.h.
int code_of_sqlstate(const std::string& state) {
  if (state.rfind("23", 0) == 0) return SQLITE_CONSTRAINT;  // integrity violations
  if (state == "53100") return SQLITE_FULL;                 // disk full
  if (state == "53200" || state == "53300") return SQLITE_NOMEM;
  if (state == "40001" || state == "40P01" || state == "55P03") return SQLITE_BUSY;
  if (state == "25006") return SQLITE_READONLY;  // a standby, or default_transaction_read_only
  if (state.rfind("08", 0) == 0 || state.rfind("57P", 0) == 0) return SQLITE_IOERR;
  return SQLITE_ERROR;
}

class PostgresConnection;

class PostgresStatement final : public StatementBackend {
 public:
  PostgresStatement(PostgresConnection& owner, std::string name)
      : owner_(owner), name_(std::move(name)) {}
  // The server keeps a prepared statement until its connection ends.
  ~PostgresStatement() override;

  void bind(int index, std::int64_t v) override { param(index) = std::to_string(v); }
  void bind(int index, std::string_view v) override { param(index) = std::string(v); }
  void bind_blob(int index, const void* data, size_t size) override {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex = "\\x";
    hex.reserve(2 + 2 * size);
    const auto* bytes = static_cast<const std::uint8_t*>(data);
    for (size_t i = 0; i < size; ++i) {
      hex += kHex[bytes[i] >> 4];
      hex += kHex[bytes[i] & 0xF];
    }
    param(index) = std::move(hex);
  }
  void bind_null(int index) override { param(index).reset(); }

  int step() override;
  void reset() override {
    result_.reset();
    row_ = -1;
    params_.clear();
  }

  std::int64_t int64(int column) const override {
    const auto f = field(column);
    if (f.is_null()) return 0;
    const char* s = f.c_str();
    if (*s == 't') return 1;  // a boolean, which SQLite would give as 1 or 0
    if (*s == 'f') return 0;
    return std::strtoll(s, nullptr, 10);
  }
  double real(int column) const override {
    const auto f = field(column);
    return f.is_null() ? 0.0 : std::strtod(f.c_str(), nullptr);
  }
  std::string text(int column) const override {
    const auto f = field(column);
    return f.is_null() ? std::string() : std::string(f.c_str(), f.size());
  }
  std::vector<std::uint8_t> blob(int column) const override {
    const auto f = field(column);
    std::vector<std::uint8_t> out;
    const char* s = f.c_str();
    const std::size_t n = f.size();
    if (f.is_null() || n < 2 || s[0] != '\\' || s[1] != 'x') return out;
    const auto nibble = [](char c) {
      return static_cast<std::uint8_t>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
    };
    for (std::size_t i = 2; i + 1 < n; i += 2)
      out.push_back(static_cast<std::uint8_t>(nibble(s[i]) << 4 | nibble(s[i + 1])));
    return out;
  }
  bool is_null(int column) const override { return field(column).is_null(); }
  int columns() const override { return result_ ? static_cast<int>(result_->columns()) : 0; }
  std::string column_name(int column) const override {
    return result_ ? result_->column_name(static_cast<pqxx::row::size_type>(column)) : "";
  }
  int type(int column) const override { return is_null(column) ? SQLITE_NULL : SQLITE_TEXT; }
  SqlError error(std::string_view what) const override {
    return {error_.code, std::string(what) + ": " + error_.message};
  }

  const std::string& name() const { return name_; }

 private:
  std::optional<std::string>& param(int index) {
    if (params_.size() < static_cast<std::size_t>(index)) params_.resize(index);
    return params_[index - 1];
  }
  pqxx::field field(int column) const { return (*result_)[row_][column]; }

  PostgresConnection& owner_;
  std::string name_;
  std::vector<std::optional<std::string>> params_;
  std::optional<pqxx::result> result_;
  int row_ = -1;
  SqlError error_{SQLITE_OK, "not an error"};
};

class PostgresConnection final : public ConnectionBackend {
 public:
  explicit PostgresConnection(std::unique_ptr<pqxx::connection> c) : c_(std::move(c)) {}

  Dialect dialect() const override { return Dialect::kPostgres; }

  SqlStatus exec(std::string_view sql) override {
    return guarded("running \"" + std::string(sql.substr(0, 60)) + "\"", [&] {
      pqxx::nontransaction tx(*c_);
      tx.exec(std::string(sql));
    });
  }

  std::unique_ptr<StatementBackend> prepare(std::string_view sql, SqlError* error) override {
    std::string name = "s" + std::to_string(++statements_);
    if (auto s = guarded("preparing \"" + std::string(sql.substr(0, 60)) + "\"",
                         [&] { c_->prepare(name, postgres_placeholders(sql)); });
        !s.ok()) {
      *error = s.error();
      return nullptr;
    }
    return std::make_unique<PostgresStatement>(*this, std::move(name));
  }

  SqlStatus begin_write() override { return begin("BEGIN"); }
  // Read committed, the default, would take a new snapshot per statement.
  SqlStatus begin_snapshot() override {
    return begin("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  }
  SqlStatus commit() override {
    if (failed_) {
      rollback();
      return SqlError{last_.code, "the transaction was rolled back: " + last_.message};
    }
    SqlStatus s = exec("COMMIT");
    in_transaction_ = false;
    return s;
  }
  void rollback() override {
    if (in_transaction_) (void)exec("ROLLBACK");
    in_transaction_ = false;
    failed_ = false;
  }
  bool in_transaction() const override { return in_transaction_; }

  SqlError last_error(std::string_view what) const override {
    return {last_.code, std::string(what) + ": " + last_.message};
  }

  // Runs `body`, turning what libpqxx throws into an error. A statement
  // failing inside a transaction fails the transaction: PostgreSQL refuses
  // everything after it until the rollback.
  template <class F>
  SqlStatus guarded(const std::string& doing, F&& body) {
    SqlError e;
    const auto now = std::chrono::steady_clock::now();
    // libpqxx connects again at the next statement after a loss; between
    // attempts, which wait longer each time, statements fail at once.
    if (now < retry_at_) {
      const auto wait =
          std::chrono::duration_cast<std::chrono::milliseconds>(retry_at_ - now).count();
      return fail({SQLITE_IOERR, "the database is unreachable (" + doing +
                                     "); planflow connects again in " + std::to_string(wait) +
                                     " ms: " + last_lost_});
    }
    try {
      body();
      backoff_ = std::chrono::milliseconds(0);
      return {};
    } catch (const pqxx::in_doubt_error& x) {
      e = {SQLITE_IOERR, "the connection was lost while " + doing +
                             "; whether it committed is unknown: " + x.what()};
    } catch (const pqxx::broken_connection& x) {
      e = {SQLITE_IOERR, "the database connection is lost (" + doing + "): " + x.what()};
    } catch (const pqxx::sql_error& x) {
      e = {code_of_sqlstate(x.sqlstate()), doing + ": " + x.what()};
    } catch (const std::exception& x) {
      e = {SQLITE_ERROR, doing + ": " + x.what()};
    }
    while (!e.message.empty() && (e.message.back() == '\n' || e.message.back() == ' '))
      e.message.pop_back();
    if (e.code == SQLITE_IOERR) {
      backoff_ = std::clamp(backoff_ * 2, kFirstBackoff, kLongestBackoff);
      retry_at_ = now + backoff_;
      last_lost_ = e.message;
    }
    return fail(std::move(e));
  }

  SqlError fail(SqlError e) {
    if (in_transaction_) failed_ = true;
    if (e.code == SQLITE_IOERR) in_transaction_ = false;  // the server has rolled it back
    last_ = e;
    return e;
  }

  pqxx::connection& raw() { return *c_; }

 private:
  SqlStatus begin(const char* sql) {
    if (auto s = exec(sql); !s.ok()) return s;
    in_transaction_ = true;
    failed_ = false;
    return {};
  }

  static constexpr std::chrono::milliseconds kFirstBackoff{100}, kLongestBackoff{3200};

  std::unique_ptr<pqxx::connection> c_;
  std::chrono::milliseconds backoff_{0};
  std::chrono::steady_clock::time_point retry_at_{};
  std::string last_lost_;
  int statements_ = 0;
  bool in_transaction_ = false;
  bool failed_ = false;
  SqlError last_{SQLITE_OK, "not an error"};
};

PostgresStatement::~PostgresStatement() {
  (void)owner_.guarded("deallocating " + name_, [&] { owner_.raw().unprepare(name_); });
}

int PostgresStatement::step() {
  if (!result_) {
    const auto s = owner_.guarded("running prepared statement " + name_, [&] {
      std::vector<const char*> values;
      values.reserve(params_.size());
      for (const auto& p : params_)
        values.push_back(p ? p->c_str() : nullptr);
      pqxx::nontransaction tx(owner_.raw());
      result_ = tx.exec_prepared(name_, pqxx::prepare::make_dynamic_params(values));
    });
    if (!s.ok()) {
      error_ = s.error();
      return error_.code;
    }
  }
  if (++row_ < static_cast<int>(result_->size())) return SQLITE_ROW;
  return SQLITE_DONE;
}

}  // namespace

std::optional<Connection> Connection::open_postgres(const std::string& url, SqlError* error) {
  // In the connection string rather than SET, so a connection libpqxx
  // re-establishes by itself has it too.
  const std::string conninfo = url + (url.find('?') == std::string::npos ? "?" : "&") +
                               "connect_timeout=5&options=-c%20synchronous_commit%3Don";
  std::unique_ptr<pqxx::connection> c;
  try {
    c = std::make_unique<pqxx::connection>(conninfo);
  } catch (const std::exception& x) {
    std::string why = x.what();
    while (!why.empty() && why.back() == '\n')
      why.pop_back();
    *error = {SQLITE_CANTOPEN, "cannot connect to " + printable_url(url) + ": " + why};
    return std::nullopt;
  }
  auto backend = std::make_unique<PostgresConnection>(std::move(c));
  // Acknowledging a command before its commit is durable would break the
  // store's promise; refuse a server that overrides the setting.
  for (const char* setting : {"synchronous_commit", "fsync"}) {
    std::string value;
    if (auto s = backend->guarded(std::string("reading ") + setting,
                                  [&] {
                                    pqxx::nontransaction tx(backend->raw());
                                    value = tx.exec(std::string("SHOW ") + setting)[0][0].c_str();
                                  });
        !s.ok()) {
      *error = s.error();
      return std::nullopt;
    }
    if (value == "off") {
      *error = {SQLITE_CANTOPEN, printable_url(url) + " has " + setting +
                                     " = off; planflow needs it on, so nothing acknowledged "
                                     "is lost"};
      return std::nullopt;
    }
  }
  return Connection(std::move(backend));
}

}  // namespace planflow::sql
