#include "api/accounts.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <ctime>
#include <mutex>

#include "api/password.h"
#include "api/sql_accounts.h"
#include "engine/signature_content.h"
#include "engine/store/ed25519.h"
#include "engine/store/sql.h"
#include "engine/text.h"

namespace planflow {

const char* account_error_code_name(AccountErrorCode code) {
  switch (code) {
    case AccountErrorCode::kInvalid:
      return "invalid";
    case AccountErrorCode::kExists:
      return "exists";
    case AccountErrorCode::kNotFound:
      return "not_found";
    case AccountErrorCode::kBadLogin:
      return "bad_login";
    case AccountErrorCode::kThrottled:
      return "throttled";
    case AccountErrorCode::kDisabled:
      return "disabled";
    case AccountErrorCode::kUnavailable:
      return "unavailable";
  }
  return "unavailable";
}

namespace {

constexpr std::size_t kTokenBytes = 32;
constexpr std::size_t kMinLoginBytes = 3;
constexpr std::size_t kMaxLoginBytes = 64;
constexpr std::size_t kMaxNameBytes = 200;
constexpr std::size_t kMaxUnitCodeBytes = 32;
// Longer than any IPv6 address; caps what a caller can make us store.
constexpr std::size_t kMaxAddressBytes = 64;
// A login or address with no failure for this long starts afresh, so the
// failures table does not keep every name anyone ever tried.
constexpr Time kForgetFailuresAfter = 24 * 3600;

constexpr const char* kBadLogin = "wrong login or password";
constexpr const char* kNoSession = "no such session; sign in";

using Digest = std::array<std::uint8_t, 32>;

AccountError fail(AccountErrorCode code, std::string message) {
  return AccountError{code, std::move(message), 0};
}

AccountError unavailable(const sql::SqlError& e) {
  return fail(AccountErrorCode::kUnavailable, "the accounts database failed: " + e.message);
}

bool has_control_character(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7F;
  });
}

std::optional<std::string> login_problem(std::string_view login) {
  const bool allowed = std::all_of(login.begin(), login.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
  if (login.size() < kMinLoginBytes || login.size() > kMaxLoginBytes || !allowed)
    return "a login is 3 to 64 characters of a-z, 0-9, '.', '_' and '-'";
  return std::nullopt;
}

std::optional<std::string> name_problem(std::string_view name) {
  if (!is_valid_utf8(name)) return "the name is not valid UTF-8 text";
  if (is_blank(name)) return "the name is empty";
  if (name.size() > kMaxNameBytes)
    return "the name is longer than " + std::to_string(kMaxNameBytes) + " bytes";
  // A line break in a name would break every listing it appears in.
  if (has_control_character(name)) return "the name contains control characters";
  return std::nullopt;
}

std::optional<std::string> unit_code_problem(std::string_view code) {
  if (code.empty() || code.size() > kMaxUnitCodeBytes)
    return "a unit code is 1 to " + std::to_string(kMaxUnitCodeBytes) + " bytes";
  if (!is_valid_utf8(code)) return "the unit code is not valid UTF-8 text";
  // Codes become parts of official symbols (3825/UBND-NC) and of their
  // templates ({number}/{issuer}-{drafter}).
  const bool bad = std::any_of(code.begin(), code.end(),
                               [](char c) {
                                 const auto u = static_cast<unsigned char>(c);
                                 return u <= 0x20 || u == 0x7F || c == '/' || c == '{' || c == '}';
                               }) ||
                   code.find("\xC2\xA0") != std::string_view::npos;
  if (bad) return "a unit code may not contain spaces, '/', '{' or '}'";
  return std::nullopt;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::optional<std::string> new_token() {
  std::array<std::uint8_t, kTokenBytes> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) return std::nullopt;
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (std::uint8_t b : bytes) {
    out += kDigits[b >> 4];
    out += kDigits[b & 0xF];
  }
  return out;
}

// The stored form of a token; nullopt for text that is no token of ours.
std::optional<Digest> token_digest(std::string_view token) {
  const bool well_formed =
      token.size() == 2 * kTokenBytes && std::all_of(token.begin(), token.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
      });
  if (!well_formed) return std::nullopt;
  Digest out{};
  unsigned int size = 0;
  if (EVP_Digest(token.data(), token.size(), out.data(), &size, EVP_sha256(), nullptr) != 1 ||
      size != out.size())
    return std::nullopt;
  return out;
}

struct Failures {
  std::int64_t failures = 0;
  Time last_at = 0;
};

// Seconds `f` must still wait before its next attempt; 0 when it may try now.
Time wait_of(const Failures& f, Time now, const AccountOptions& options) {
  if (f.failures == 0 || f.failures < options.failures_before_delay) return 0;
  const std::int64_t extra = f.failures - std::max(options.failures_before_delay, 0);
  const Time delay =
      extra >= 62 ? options.max_delay : std::min(options.max_delay, Time{1} << extra);
  return std::max<Time>(0, f.last_at + delay - now);
}

struct StoredUser {
  User user;
  std::string password_hash;
};

// Resets a cached statement when the scope ends: a statement left on a row
// keeps its read transaction, which pins an old snapshot of the WAL.
class Use {
 public:
  explicit Use(sql::Statement* s) : s_(s) {}
  ~Use() {
    if (s_) s_->reset();
  }
  Use(const Use&) = delete;
  Use& operator=(const Use&) = delete;
  sql::Statement* operator->() const { return s_; }
  sql::Statement& operator*() const { return *s_; }
  explicit operator bool() const { return s_ != nullptr; }

 private:
  sql::Statement* s_;
};

constexpr const char* kUserColumns = "id, login, name, unit_id, admin, disabled, password_hash";

StoredUser user_from_row(const sql::Statement& s) {
  User u;
  u.id = static_cast<UserId>(s.int64(0));
  u.login = s.text(1);
  u.name = s.text(2);
  u.unit = static_cast<UnitId>(s.int64(3));
  u.admin = s.int64(4) != 0;
  u.disabled = s.int64(5) != 0;
  return StoredUser{std::move(u), s.text(6)};
}

class SqlAccounts final : public Accounts {
 public:
  SqlAccounts(sql::Connection db, AccountOptions options) : db_(std::move(db)), options_(options) {}

  Result<Unit, AccountError> add_unit(const std::string& code, const std::string& name) override {
    if (auto p = unit_code_problem(code)) return fail(AccountErrorCode::kInvalid, *p);
    if (auto p = name_problem(name)) return fail(AccountErrorCode::kInvalid, *p);
    std::lock_guard lock(mu_);
    sql::SqlError e;
    auto* insert = db_.cached("INSERT INTO units (code, name) VALUES (?, ?) RETURNING id", &e);
    if (!insert) return unavailable(e);
    insert->bind(1, std::string_view(code)).bind(2, std::string_view(name));
    if (insert->step() != SQLITE_ROW) {
      sql::SqlError failed = insert->error("adding a unit");
      insert->reset();
      if (failed.code == SQLITE_CONSTRAINT)
        return fail(AccountErrorCode::kExists, "there is already a unit " + code);
      return unavailable(failed);
    }
    const auto id = static_cast<UnitId>(insert->int64(0));
    insert->reset();
    return Unit{id, code, name};
  }

  Result<std::vector<Unit>, AccountError> units() override {
    std::lock_guard lock(mu_);
    sql::SqlError e;
    Use select(db_.cached("SELECT id, code, name FROM units ORDER BY code", &e));
    if (!select) return unavailable(e);
    std::vector<Unit> out;
    int rc;
    while ((rc = select->step()) == SQLITE_ROW)
      out.push_back(Unit{static_cast<UnitId>(select->int64(0)), select->text(1), select->text(2)});
    if (rc != SQLITE_DONE) return unavailable(select->error("listing units"));
    return out;
  }

  Result<User, AccountError> add_user(const std::string& login, const std::string& name,
                                      const std::string& unit_code, const std::string& password,
                                      bool admin) override {
    if (auto p = login_problem(login)) return fail(AccountErrorCode::kInvalid, *p);
    if (auto p = name_problem(name)) return fail(AccountErrorCode::kInvalid, *p);
    if (auto p = password_problem(password, login)) return fail(AccountErrorCode::kInvalid, *p);
    UnitId unit = 0;
    {
      // Checked before hashing, so a mistake is answered at once.
      std::lock_guard lock(mu_);
      auto found = unit_id(unit_code);
      if (!found.ok()) return found.error();
      if (!found.value()) return fail(AccountErrorCode::kNotFound, "there is no unit " + unit_code);
      unit = *found.value();
      auto existing = find_user(login);
      if (!existing.ok()) return existing.error();
      if (existing.value()) return taken(login);
    }
    // Hashing takes tens of milliseconds; other callers need not wait for it.
    auto hash = hash_password(password);
    if (!hash) return hashing_failed();
    std::lock_guard lock(mu_);
    sql::SqlError e;
    auto* insert = db_.cached(
        "INSERT INTO users (login, name, unit_id, password_hash, admin, disabled, created_at) "
        "VALUES (?, ?, ?, ?, ?, 0, ?) RETURNING id",
        &e);
    if (!insert) return unavailable(e);
    // When the account was made is a record, not a decision: the clock will do.
    insert->bind(1, std::string_view(login))
        .bind(2, std::string_view(name))
        .bind(3, static_cast<std::int64_t>(unit))
        .bind(4, std::string_view(*hash))
        .bind(5, std::int64_t{admin ? 1 : 0})
        .bind(6, static_cast<std::int64_t>(std::time(nullptr)));
    if (insert->step() != SQLITE_ROW) {
      sql::SqlError failed = insert->error("adding a user");
      insert->reset();
      if (failed.code == SQLITE_CONSTRAINT) return taken(login);
      return unavailable(failed);
    }
    User u;
    u.id = static_cast<UserId>(insert->int64(0));
    insert->reset();
    u.login = login;
    u.name = name;
    u.unit = unit;
    u.admin = admin;
    return u;
  }

  Result<User, AccountError> set_password(const std::string& login,
                                          const std::string& password) override {
    if (auto p = password_problem(password, login)) return fail(AccountErrorCode::kInvalid, *p);
    {
      std::lock_guard lock(mu_);
      auto found = existing_user(login);
      if (!found.ok()) return found.error();
    }
    auto hash = hash_password(password);
    if (!hash) return hashing_failed();
    std::lock_guard lock(mu_);
    auto found = existing_user(login);
    if (!found.ok()) return found.error();
    const User& u = found.value().user;
    if (auto s = transaction([&]() -> sql::SqlStatus {
          sql::SqlError e;
          auto* update = db_.cached("UPDATE users SET password_hash = ? WHERE id = ?", &e);
          if (!update) return e;
          update->bind(1, std::string_view(*hash)).bind(2, static_cast<std::int64_t>(u.id));
          if (auto r = update->run(); !r.ok()) return r;
          if (auto r = revoke_sessions(u.id); !r.ok()) return r;
          return forget_failures(login_key(login));
        });
        !s.ok())
      return unavailable(s.error());
    return u;
  }

  Result<User, AccountError> disable(const std::string& login) override {
    std::lock_guard lock(mu_);
    auto found = existing_user(login);
    if (!found.ok()) return found.error();
    User u = found.value().user;
    if (auto s = transaction([&]() -> sql::SqlStatus {
          sql::SqlError e;
          auto* update = db_.cached("UPDATE users SET disabled = 1 WHERE id = ?", &e);
          if (!update) return e;
          update->bind(1, static_cast<std::int64_t>(u.id));
          if (auto r = update->run(); !r.ok()) return r;
          return revoke_sessions(u.id);
        });
        !s.ok())
      return unavailable(s.error());
    u.disabled = true;
    return u;
  }

  Result<std::vector<User>, AccountError> users() override {
    std::lock_guard lock(mu_);
    sql::SqlError e;
    Use select(
        db_.cached(std::string("SELECT ") + kUserColumns + " FROM users ORDER BY login", &e));
    if (!select) return unavailable(e);
    std::vector<User> out;
    int rc;
    while ((rc = select->step()) == SQLITE_ROW)
      out.push_back(user_from_row(*select).user);
    if (rc != SQLITE_DONE) return unavailable(select->error("listing users"));
    return out;
  }

  Result<DocumentSignature, AccountError> sign_with_key(UserId user,
                                                        std::span<const std::uint8_t> message,
                                                        Time now) override {
    std::lock_guard lock(mu_);
    auto key = private_key_of(user, now);
    if (!key.ok()) return key.error();
    const auto public_key = ed25519_public_key(key.value());
    const auto signature = ed25519_sign(key.value(), message);
    if (!public_key || !signature)
      return fail(AccountErrorCode::kUnavailable, "OpenSSL could not sign");
    return DocumentSignature{to_hex(*public_key), to_hex(*signature)};
  }

  Result<std::optional<std::string>, AccountError> signing_key(UserId user) override {
    std::lock_guard lock(mu_);
    sql::SqlError e;
    auto* select = db_.cached("SELECT public_key FROM signing_keys WHERE user_id = ?", &e);
    if (!select) return unavailable(e);
    select->bind(1, static_cast<std::int64_t>(user));
    const int rc = select->step();
    std::optional<std::string> out;
    if (rc == SQLITE_ROW) out = select->text(0);
    select->reset();
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
      return unavailable(db_.last_error("reading a signing key"));
    return out;
  }

  Result<User, AccountError> user(UserId id) override {
    std::lock_guard lock(mu_);
    auto found = find_user_by_id(id);
    if (!found.ok()) return found.error();
    if (!found.value())
      return fail(AccountErrorCode::kNotFound, "there is no user " + std::to_string(id));
    return found.value()->user;
  }

  Result<SignIn, AccountError> sign_in(const std::string& login_given, const std::string& password,
                                       const std::string& address, Time now) override {
    const std::string login = ascii_lower(login_given);
    std::vector<std::string> keys{login_key(login)};
    if (!address.empty()) keys.push_back("address:" + address.substr(0, kMaxAddressBytes));

    std::optional<StoredUser> found;
    {
      std::lock_guard lock(mu_);
      Time wait = 0;
      for (const std::string& key : keys) {
        auto f = failures_of(key);
        if (!f.ok()) return f.error();
        wait = std::max(wait, wait_of(f.value(), now, options_));
      }
      if (wait > 0) {
        AccountError e = fail(AccountErrorCode::kThrottled,
                              "too many failed sign-ins; try again in " + std::to_string(wait) +
                                  (wait == 1 ? " second" : " seconds"));
        e.retry_after = wait;
        return e;
      }
      // The attempt counts as a failure until it succeeds: attempts made at
      // the same moment from several threads each see the others, so
      // concurrency cannot buy more guesses than the limit allows.
      if (auto s = transaction([&]() -> sql::SqlStatus {
            for (const std::string& key : keys)
              if (auto r = count_failure(key, now); !r.ok()) return r;
            return forget_failures_before(now - std::max(kForgetFailuresAfter, options_.max_delay));
          });
          !s.ok())
        return unavailable(s.error());
      if (!login_problem(login)) {
        auto stored = find_user(login);
        if (!stored.ok()) return stored.error();
        found = std::move(stored).value();
      }
    }

    // Outside the lock: sessions are checked on every request and must not
    // wait for Argon2. An unknown login and an overlong password are
    // checked against the dummy hash, at the same cost.
    const bool usable = password.size() <= kMaxPasswordBytes;
    const bool matches =
        verify_password(found && usable ? found->password_hash : dummy_password_hash(),
                        usable ? std::string_view(password) : std::string_view());
    if (!found || !matches) return fail(AccountErrorCode::kBadLogin, kBadLogin);

    std::lock_guard lock(mu_);
    // Read again: the account may have been disabled while we hashed.
    auto current = find_user_by_id(found->user.id);
    if (!current.ok()) return current.error();
    if (!current.value()) return fail(AccountErrorCode::kBadLogin, kBadLogin);
    const User& u = current.value()->user;
    if (u.disabled)
      return fail(AccountErrorCode::kDisabled,
                  "the account " + u.login + " is disabled; ask an administrator");
    auto token = new_token();
    auto digest = token ? token_digest(*token) : std::nullopt;
    if (!digest)
      return fail(AccountErrorCode::kUnavailable,
                  "cannot make a session token: the system random source failed");
    const Time expires_at = now + options_.session_lifetime;
    if (auto s = transaction([&]() -> sql::SqlStatus {
          for (const std::string& key : keys)
            if (auto r = forget_failures(key); !r.ok()) return r;
          sql::SqlError e;
          auto* expired = db_.cached("DELETE FROM sessions WHERE expires_at <= ?", &e);
          if (!expired) return e;
          if (auto r = expired->bind(1, now).run(); !r.ok()) return r;
          auto* insert = db_.cached(
              "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) "
              "VALUES (?, ?, ?, ?)",
              &e);
          if (!insert) return e;
          return insert->bind_blob(1, digest->data(), digest->size())
              .bind(2, static_cast<std::int64_t>(u.id))
              .bind(3, now)
              .bind(4, expires_at)
              .run();
        });
        !s.ok())
      return unavailable(s.error());
    return SignIn{std::move(*token), u, expires_at};
  }

  Result<User, AccountError> session_user(const std::string& token, Time now) override {
    const auto digest = token_digest(token);
    if (!digest) return fail(AccountErrorCode::kNotFound, kNoSession);
    std::lock_guard lock(mu_);
    sql::SqlError e;
    Time expires_at = 0;
    std::optional<User> u;
    {
      Use select(
          db_.cached("SELECT s.expires_at, u.id, u.login, u.name, u.unit_id, u.admin, u.disabled "
                     "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?",
                     &e));
      if (!select) return unavailable(e);
      select->bind_blob(1, digest->data(), digest->size());
      const int rc = select->step();
      if (rc == SQLITE_DONE) return fail(AccountErrorCode::kNotFound, kNoSession);
      if (rc != SQLITE_ROW) return unavailable(select->error("reading a session"));
      expires_at = select->int64(0);
      User row;
      row.id = static_cast<UserId>(select->int64(1));
      row.login = select->text(2);
      row.name = select->text(3);
      row.unit = static_cast<UnitId>(select->int64(4));
      row.admin = select->int64(5) != 0;
      row.disabled = select->int64(6) != 0;
      u = std::move(row);
    }
    if (expires_at <= now) {
      (void)delete_session(*digest);
      return fail(AccountErrorCode::kNotFound, "the session has expired; sign in again");
    }
    if (u->disabled)
      return fail(AccountErrorCode::kDisabled,
                  "the account " + u->login + " is disabled; ask an administrator");
    return std::move(*u);
  }

  void sign_out(const std::string& token) override {
    const auto digest = token_digest(token);
    if (!digest) return;
    std::lock_guard lock(mu_);
    (void)delete_session(*digest);
  }

 private:
  static std::string login_key(std::string_view login) {
    return "login:" + std::string(login.substr(0, kMaxLoginBytes));
  }

  static AccountError taken(const std::string& login) {
    return fail(AccountErrorCode::kExists, "the login " + login + " is taken");
  }

  static AccountError hashing_failed() {
    return fail(AccountErrorCode::kUnavailable,
                "cannot hash the password: the system random source or libargon2 failed");
  }

  // Runs `body` in one write transaction; nothing of it stays when it fails.
  template <class F>
  sql::SqlStatus transaction(F body) {
    if (auto s = db_.begin_write(); !s.ok()) return s;
    if (auto s = body(); !s.ok()) {
      db_.rollback();
      return s;
    }
    if (auto s = db_.commit(); !s.ok()) {
      db_.rollback();
      return s;
    }
    return {};
  }

  Result<std::optional<UnitId>, AccountError> unit_id(const std::string& code) {
    sql::SqlError e;
    Use select(db_.cached("SELECT id FROM units WHERE code = ?", &e));
    if (!select) return unavailable(e);
    select->bind(1, std::string_view(code));
    const int rc = select->step();
    if (rc == SQLITE_DONE) return std::optional<UnitId>();
    if (rc != SQLITE_ROW) return unavailable(select->error("reading units"));
    return std::optional<UnitId>(static_cast<UnitId>(select->int64(0)));
  }

  Result<std::optional<StoredUser>, AccountError> read_user(const std::string& query, auto bind) {
    sql::SqlError e;
    Use select(db_.cached(query, &e));
    if (!select) return unavailable(e);
    bind(*select);
    const int rc = select->step();
    if (rc == SQLITE_DONE) return std::optional<StoredUser>();
    if (rc != SQLITE_ROW) return unavailable(select->error("reading users"));
    return std::optional<StoredUser>(user_from_row(*select));
  }

  Result<std::optional<StoredUser>, AccountError> find_user(const std::string& login) {
    return read_user(std::string("SELECT ") + kUserColumns + " FROM users WHERE login = ?",
                     [&](sql::Statement& s) { s.bind(1, std::string_view(login)); });
  }

  Result<std::optional<StoredUser>, AccountError> find_user_by_id(UserId id) {
    return read_user(std::string("SELECT ") + kUserColumns + " FROM users WHERE id = ?",
                     [&](sql::Statement& s) { s.bind(1, static_cast<std::int64_t>(id)); });
  }

  Result<StoredUser, AccountError> existing_user(const std::string& login) {
    auto found = find_user(login);
    if (!found.ok()) return found.error();
    if (!found.value()) return fail(AccountErrorCode::kNotFound, "there is no user " + login);
    return std::move(*std::move(found).value());
  }

  Result<Failures, AccountError> failures_of(const std::string& key) {
    sql::SqlError e;
    Use select(db_.cached("SELECT failures, last_at FROM sign_in_failures WHERE key = ?", &e));
    if (!select) return unavailable(e);
    select->bind(1, std::string_view(key));
    const int rc = select->step();
    if (rc == SQLITE_DONE) return Failures{};
    if (rc != SQLITE_ROW) return unavailable(select->error("reading sign-in failures"));
    return Failures{select->int64(0), select->int64(1)};
  }

  sql::SqlStatus count_failure(const std::string& key, Time now) {
    sql::SqlError e;
    auto* upsert = db_.cached(
        "INSERT INTO sign_in_failures (key, failures, last_at) VALUES (?, 1, ?) "
        "ON CONFLICT (key) DO UPDATE SET failures = sign_in_failures.failures + 1, "
        "last_at = excluded.last_at",
        &e);
    if (!upsert) return e;
    return upsert->bind(1, std::string_view(key)).bind(2, now).run();
  }

  sql::SqlStatus forget_failures(const std::string& key) {
    sql::SqlError e;
    auto* remove = db_.cached("DELETE FROM sign_in_failures WHERE key = ?", &e);
    if (!remove) return e;
    return remove->bind(1, std::string_view(key)).run();
  }

  sql::SqlStatus forget_failures_before(Time cutoff) {
    sql::SqlError e;
    auto* remove = db_.cached("DELETE FROM sign_in_failures WHERE last_at < ?", &e);
    if (!remove) return e;
    return remove->bind(1, cutoff).run();
  }

  // The user's private key, made and stored first if there is none.
  Result<Ed25519PrivateKey, AccountError> private_key_of(UserId user, Time now) {
    sql::SqlError e;
    auto* select = db_.cached("SELECT private_key FROM signing_keys WHERE user_id = ?", &e);
    if (!select) return unavailable(e);
    select->bind(1, static_cast<std::int64_t>(user));
    const int rc = select->step();
    std::vector<std::uint8_t> stored;
    if (rc == SQLITE_ROW) stored = select->blob(0);
    select->reset();
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
      return unavailable(db_.last_error("reading a signing key"));
    Ed25519PrivateKey key{};
    if (rc == SQLITE_ROW) {
      if (stored.size() != key.size())
        return fail(AccountErrorCode::kUnavailable,
                    "the signing key of user " + std::to_string(user) + " is damaged");
      std::copy(stored.begin(), stored.end(), key.begin());
      return key;
    }
    auto found = find_user_by_id(user);
    if (!found.ok()) return found.error();
    if (!found.value())
      return fail(AccountErrorCode::kNotFound, "there is no user " + std::to_string(user));
    const auto pair = ed25519_generate();
    if (!pair) return fail(AccountErrorCode::kUnavailable, "OpenSSL could not make a key pair");
    auto* insert = db_.cached(
        "INSERT INTO signing_keys (user_id, algorithm, public_key, private_key, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
        &e);
    if (!insert) return unavailable(e);
    const std::string public_hex = to_hex(pair->public_key);
    if (auto r = insert->bind(1, static_cast<std::int64_t>(user))
                     .bind(2, kSignatureAlgorithm)
                     .bind(3, public_hex)
                     .bind_blob(4, pair->private_key.data(), pair->private_key.size())
                     .bind(5, now)
                     .run();
        !r.ok())
      return unavailable(r.error());
    return pair->private_key;
  }

  sql::SqlStatus revoke_sessions(UserId id) {
    sql::SqlError e;
    auto* remove = db_.cached("DELETE FROM sessions WHERE user_id = ?", &e);
    if (!remove) return e;
    return remove->bind(1, static_cast<std::int64_t>(id)).run();
  }

  sql::SqlStatus delete_session(const Digest& digest) {
    sql::SqlError e;
    auto* remove = db_.cached("DELETE FROM sessions WHERE token_hash = ?", &e);
    if (!remove) return e;
    return remove->bind_blob(1, digest.data(), digest.size()).run();
  }

  std::mutex mu_;  // one connection, shared by the server's threads
  sql::Connection db_;
  const AccountOptions options_;
};

}  // namespace

std::unique_ptr<Accounts> make_sql_accounts(sql::Connection db, AccountOptions options) {
  // Computed now rather than at the first unknown login, which would
  // otherwise take twice as long as the others.
  (void)dummy_password_hash();
  return std::unique_ptr<Accounts>(new SqlAccounts(std::move(db), options));
}

}  // namespace planflow
