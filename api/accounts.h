// Accounts: units (Sở Nội vụ, Văn phòng UBND, UBND huyện ...), the users who
// belong to them, and sign-in sessions. Kept in the planflow database beside
// the event log, but not part of it: accounts are administration, not the
// history of a plan.
//
// Passwords are hashed with Argon2id (libargon2) and never logged or
// returned. Repeated failed sign-ins are slowed down per account and per
// address. A session is a random token; only its SHA-256 is stored, so a
// copy of the database does not let anyone sign in.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/ids.h"
#include "engine/result.h"
#include "engine/time.h"

namespace planflow {

struct Unit {
  UnitId id = 0;
  std::string code;  // "SNV", "UBND", "NC": used in official symbols
  std::string name;  // "Sở Nội vụ"
};

struct User {
  UserId id = 0;
  std::string login;  // "nguyen.van.a"
  std::string name;   // "Nguyễn Văn A"
  UnitId unit = 0;
  bool admin = false;
  bool disabled = false;
};

enum class AccountErrorCode {
  kInvalid,      // a malformed login, name, unit code or a weak password
  kExists,       // the login or unit code is taken
  kNotFound,     // no such user or unit; or a session unknown, ended or expired
  kBadLogin,     // wrong login or password (never says which)
  kThrottled,    // too many failures: try again after `retry_after` seconds
  kDisabled,     // the account is disabled
  kUnavailable,  // the database failed
};

// "invalid", "exists", ...: for logs and the protocol.
const char* account_error_code_name(AccountErrorCode code);

struct AccountError {
  AccountErrorCode code = AccountErrorCode::kUnavailable;
  std::string message;
  std::int64_t retry_after = 0;  // kThrottled
};

struct SignIn {
  std::string token;  // for the cookie; shown once, stored only as a hash
  User user;
  Time expires_at = 0;
};

struct AccountOptions {
  Time session_lifetime = 8 * 3600;  // a working day
  int failures_before_delay = 3;     // per login and per address
  Time max_delay = 15 * 60;
};

// A signature made with a user's key: both in lower-case hex.
struct DocumentSignature {
  std::string public_key;  // Ed25519, 32 bytes
  std::string signature;   // 64 bytes
};

class Accounts {
 public:
  virtual ~Accounts() = default;

  virtual Result<Unit, AccountError> add_unit(const std::string& code, const std::string& name) = 0;
  virtual Result<std::vector<Unit>, AccountError> units() = 0;
  virtual Result<User, AccountError> add_user(const std::string& login, const std::string& name,
                                              const std::string& unit_code,
                                              const std::string& password, bool admin) = 0;
  // Also revokes the user's sessions (a reset after a leak must lock the
  // leaker out) and clears the login's sign-in failures.
  virtual Result<User, AccountError> set_password(const std::string& login,
                                                  const std::string& password) = 0;
  // Also revokes the user's sessions.
  virtual Result<User, AccountError> disable(const std::string& login) = 0;
  virtual Result<std::vector<User>, AccountError> users() = 0;
  virtual Result<User, AccountError> user(UserId id) = 0;

  // `address` is the client's IP address, for throttling ("" for none).
  // A wrong login and a wrong password get the same error, message and
  // Argon2 work; a throttled attempt is refused before any password check.
  // The login is matched without regard to ASCII case.
  virtual Result<SignIn, AccountError> sign_in(const std::string& login,
                                               const std::string& password,
                                               const std::string& address, Time now) = 0;
  // The signed-in user of a token, if the session is live (kNotFound
  // otherwise) and the user enabled (kDisabled otherwise).
  virtual Result<User, AccountError> session_user(const std::string& token, Time now) = 0;
  virtual void sign_out(const std::string& token) = 0;

  // Signing keys (Ed25519, signing_keys table): made by the server the
  // first time a user signs, then kept for good. The private key is held by
  // the server ("remote signing") and never leaves this class; no reply,
  // log or listing shows it.
  //
  // Signs `message` (a signed_content_digest()) with `user`'s key.
  virtual Result<DocumentSignature, AccountError> sign_with_key(
      UserId user, std::span<const std::uint8_t> message, Time now) = 0;
  // The user's public signing key in hex; nullopt when they have none yet.
  virtual Result<std::optional<std::string>, AccountError> signing_key(UserId user) = 0;
};

// Accounts in the store's database: a SQLite file's path, or a
// postgresql:// URL (engine/store/open_store.h); created and migrated as
// the store does.
Result<std::unique_ptr<Accounts>, AccountError> open_accounts(const std::string& path,
                                                              AccountOptions options = {});

}  // namespace planflow
