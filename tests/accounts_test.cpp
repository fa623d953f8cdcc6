// Accounts: units, users, passwords, sign-in throttling and sessions, with
// time driven by the tests (no sleeping).
#include "api/accounts.h"

#include <openssl/evp.h>

#include <catch2/catch.hpp>
#include <future>
#include <thread>

#include "api/password.h"
#include "engine/store/schema.h"
#include "engine/store/sql.h"
#include "engine/store/store_test_support.h"

using namespace planflow;
using namespace planflow::testing;

namespace {

constexpr Time kMorning = 1376550000;  // 15/8/2013, 14:00 in Lạng Sơn
constexpr const char* kPassword = "Cải cách hành chính 2013";
constexpr const char* kOffice = "10.20.0.7";

std::unique_ptr<Accounts> open(const std::string& path, AccountOptions options = {}) {
  auto accounts = open_accounts(path, options);
  if (!accounts.ok()) FAIL(accounts.error().message);
  return std::move(accounts).value();
}

AccountOptions quick_throttle() {
  AccountOptions o;
  o.failures_before_delay = 3;
  o.max_delay = 60;
  return o;
}

// Sở Nội vụ with one official, Nguyễn Văn A.
struct AccountsFixture {
  TempDir dir;
  std::string path = dir.file("planflow.db");
  std::unique_ptr<Accounts> accounts = open(path, quick_throttle());
  Unit snv = must(accounts->add_unit("SNV", "Sở Nội vụ"));
  User nva = must(accounts->add_user("nguyen.van.a", "Nguyễn Văn A", "SNV", kPassword, false));

  template <class T>
  static T must(Result<T, AccountError> r) {
    if (!r.ok()) FAIL(account_error_code_name(r.error().code) << ": " << r.error().message);
    return std::move(r).value();
  }

  AccountErrorCode sign_in_error(const std::string& login, const std::string& password,
                                 const std::string& address, Time now) {
    auto r = accounts->sign_in(login, password, address, now);
    REQUIRE_FALSE(r.ok());
    return r.error().code;
  }
};

}  // namespace

TEST_CASE_METHOD(AccountsFixture, "the right password opens a session", "[accounts]") {
  CHECK(nva.id != kSystemUser);
  CHECK(snv.id != 0);
  CHECK(nva.unit == snv.id);
  auto signed_in = accounts->sign_in("nguyen.van.a", kPassword, kOffice, kMorning);
  REQUIRE(signed_in.ok());
  const SignIn& s = signed_in.value();
  CHECK(s.token.size() == 64);
  CHECK(s.token.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(s.user.id == nva.id);
  CHECK(s.user.name == "Nguyễn Văn A");
  CHECK(s.expires_at == kMorning + 8 * 3600);
  auto who = accounts->session_user(s.token, kMorning + 60);
  REQUIRE(who.ok());
  CHECK(who.value().login == "nguyen.van.a");
  CHECK(who.value().unit == snv.id);
  // Logins are typed in any case; a second sign-in is a second session.
  auto again = accounts->sign_in("Nguyen.Van.A", kPassword, kOffice, kMorning + 5);
  REQUIRE(again.ok());
  CHECK(again.value().token != s.token);
  CHECK(accounts->session_user(s.token, kMorning + 60).ok());
}

TEST_CASE_METHOD(AccountsFixture, "a wrong login and a wrong password get the same answer",
                 "[accounts]") {
  auto wrong_password = accounts->sign_in("nguyen.van.a", "Cải cách hành chính 2014", "", kMorning);
  auto wrong_login = accounts->sign_in("nguyen.van.b", kPassword, "", kMorning);
  auto malformed_login = accounts->sign_in("Nguyễn Văn A", kPassword, "", kMorning);
  for (const auto* r : {&wrong_password, &wrong_login, &malformed_login}) {
    REQUIRE_FALSE(r->ok());
    CHECK(r->error().code == AccountErrorCode::kBadLogin);
    CHECK(r->error().message == "wrong login or password");
    CHECK(r->error().retry_after == 0);
  }
  // The unknown login is checked against a hash of the same cost as a real one.
  const std::string cost = "$m=" + std::to_string(kPasswordCost.memory_kib) +
                           ",t=" + std::to_string(kPasswordCost.passes) +
                           ",p=" + std::to_string(kPasswordCost.lanes) + "$";
  CHECK(dummy_password_hash().rfind("$argon2id$v=19" + cost, 0) == 0);
  CHECK_FALSE(verify_password(dummy_password_hash(), ""));
}

TEST_CASE_METHOD(AccountsFixture, "failures for a login slow it down, doubling up to the cap",
                 "[accounts][throttle]") {
  Time t = kMorning;
  for (int i = 0; i < 3; ++i)
    CHECK(sign_in_error("nguyen.van.a", "mật khẩu sai rồi", "", t) == AccountErrorCode::kBadLogin);
  // Refused without looking at the password, even the right one.
  auto refused = accounts->sign_in("nguyen.van.a", kPassword, "", t);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == AccountErrorCode::kThrottled);
  CHECK(refused.error().retry_after == 1);
  CHECK(refused.error().message == "too many failed sign-ins; try again in 1 second");
  // Each further failure doubles the wait: 2, 4, 8, 16, 32, then the cap of 60.
  for (Time expected : {2, 4, 8, 16, 32, 60, 60}) {
    t += 1000;  // long after the wait
    CHECK(sign_in_error("nguyen.van.a", "mật khẩu sai rồi", "", t) == AccountErrorCode::kBadLogin);
    auto r = accounts->sign_in("nguyen.van.a", kPassword, "", t);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == AccountErrorCode::kThrottled);
    CHECK(r.error().retry_after == expected);
    // Waiting part of it leaves the rest; throttled attempts do not add to it.
    r = accounts->sign_in("nguyen.van.a", kPassword, "", t + expected - 1);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().retry_after == 1);
  }
  // The address played no part: another login from it is not slowed.
  REQUIRE(accounts->add_user("tran.thi.b", "Trần Thị B", "SNV", "Kế hoạch năm 2014", false).ok());
  CHECK(accounts->sign_in("tran.thi.b", "Kế hoạch năm 2014", "", t).ok());
  // Once the wait is over the right password opens a session and clears
  // the count: three more failures are allowed before any wait.
  REQUIRE(accounts->sign_in("nguyen.van.a", kPassword, "", t + 60).ok());
  for (int i = 0; i < 3; ++i)
    CHECK(sign_in_error("nguyen.van.a", "mật khẩu sai rồi", "", t + 61) ==
          AccountErrorCode::kBadLogin);
  CHECK(sign_in_error("nguyen.van.a", kPassword, "", t + 61) == AccountErrorCode::kThrottled);
}

TEST_CASE_METHOD(AccountsFixture, "failures from an address slow down every login from it",
                 "[accounts][throttle]") {
  REQUIRE(accounts->add_user("tran.thi.b", "Trần Thị B", "SNV", "Kế hoạch năm 2014", false).ok());
  // Someone tries many logins from one address.
  for (const char* login : {"admin", "root", "vanthu"})
    CHECK(sign_in_error(login, "1234567890", "203.0.113.9", kMorning) ==
          AccountErrorCode::kBadLogin);
  auto r = accounts->sign_in("tran.thi.b", "Kế hoạch năm 2014", "203.0.113.9", kMorning);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == AccountErrorCode::kThrottled);
  CHECK(r.error().retry_after == 1);
  // Other addresses are not slowed, and the logins were not touched.
  CHECK(accounts->sign_in("tran.thi.b", "Kế hoạch năm 2014", kOffice, kMorning).ok());
  // After the wait a success from the address clears its count.
  REQUIRE(accounts->sign_in("tran.thi.b", "Kế hoạch năm 2014", "203.0.113.9", kMorning + 1).ok());
  for (const char* login : {"khach1", "khach2", "khach3"})
    CHECK(sign_in_error(login, "1234567890", "203.0.113.9", kMorning + 2) ==
          AccountErrorCode::kBadLogin);
  CHECK(sign_in_error("nguyen.van.a", kPassword, "203.0.113.9", kMorning + 2) ==
        AccountErrorCode::kThrottled);
}

TEST_CASE_METHOD(AccountsFixture, "a login is slowed down whatever address it is tried from",
                 "[accounts][throttle]") {
  for (const char* address : {"198.51.100.1", "198.51.100.2", "198.51.100.3"})
    CHECK(sign_in_error("nguyen.van.a", "0987654321", address, kMorning) ==
          AccountErrorCode::kBadLogin);
  CHECK(sign_in_error("nguyen.van.a", kPassword, kOffice, kMorning) ==
        AccountErrorCode::kThrottled);
  CHECK(sign_in_error("NGUYEN.VAN.A", kPassword, kOffice, kMorning) ==
        AccountErrorCode::kThrottled);
  CHECK(accounts->sign_in("nguyen.van.a", kPassword, kOffice, kMorning + 1).ok());
}

TEST_CASE_METHOD(AccountsFixture, "simultaneous guesses cannot pass the limit",
                 "[accounts][throttle]") {
  std::vector<std::future<Result<SignIn, AccountError>>> attempts;
  for (int i = 0; i < 8; ++i)
    attempts.push_back(std::async(std::launch::async, [this, i] {
      return accounts->sign_in("nguyen.van.a", "đoán thử số " + std::to_string(i),
                               "198.51.100." + std::to_string(i), kMorning);
    }));
  int bad = 0, throttled = 0;
  for (auto& a : attempts) {
    auto r = a.get();
    REQUIRE_FALSE(r.ok());
    if (r.error().code == AccountErrorCode::kBadLogin) ++bad;
    if (r.error().code == AccountErrorCode::kThrottled) ++throttled;
  }
  CHECK(bad == 3);
  CHECK(throttled == 5);
}

TEST_CASE_METHOD(AccountsFixture, "old failures are forgotten after a quiet day",
                 "[accounts][throttle]") {
  for (int i = 0; i < 5; ++i)
    (void)accounts->sign_in("nguyen.van.a", "0987654321", "", kMorning + i * 100);
  CHECK(sign_in_error("nguyen.van.a", kPassword, "", kMorning + 401) ==
        AccountErrorCode::kThrottled);
  // A day later one failure (of someone else) clears the quiet rows.
  (void)accounts->sign_in("someone", "0987654321", "", kMorning + 2 * 86400);
  for (int i = 0; i < 3; ++i)
    CHECK(sign_in_error("nguyen.van.a", "0987654321", "", kMorning + 2 * 86400) ==
          AccountErrorCode::kBadLogin);
}

TEST_CASE_METHOD(AccountsFixture, "sessions expire, end at sign-out and die with the account",
                 "[accounts][sessions]") {
  const SignIn s = must(accounts->sign_in("nguyen.van.a", kPassword, kOffice, kMorning));
  CHECK(accounts->session_user(s.token, s.expires_at - 1).ok());
  auto expired = accounts->session_user(s.token, s.expires_at);
  REQUIRE_FALSE(expired.ok());
  CHECK(expired.error().code == AccountErrorCode::kNotFound);
  CHECK(expired.error().message == "the session has expired; sign in again");
  // An expired session is gone, even for a clock that went back.
  CHECK_FALSE(accounts->session_user(s.token, kMorning).ok());

  const SignIn s2 = must(accounts->sign_in("nguyen.van.a", kPassword, kOffice, kMorning + 10));
  accounts->sign_out(s2.token);
  auto ended = accounts->session_user(s2.token, kMorning + 20);
  REQUIRE_FALSE(ended.ok());
  CHECK(ended.error().code == AccountErrorCode::kNotFound);
  CHECK(ended.error().message == "no such session; sign in");
  accounts->sign_out(s2.token);  // twice is harmless
  accounts->sign_out("not a token");

  for (const std::string& bad : std::vector<std::string>{
           "", "abc", std::string(64, 'g'), std::string(64, 'A'), std::string(63, 'a')}) {
    auto r = accounts->session_user(bad, kMorning);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == AccountErrorCode::kNotFound);
  }

  const SignIn s3 = must(accounts->sign_in("nguyen.van.a", kPassword, kOffice, kMorning + 30));
  const User disabled = must(accounts->disable("nguyen.van.a"));
  CHECK(disabled.disabled);
  auto revoked = accounts->session_user(s3.token, kMorning + 40);
  REQUIRE_FALSE(revoked.ok());
  CHECK(revoked.error().code == AccountErrorCode::kNotFound);
  // The right password tells a disabled account; a wrong one tells nothing.
  auto refused = accounts->sign_in("nguyen.van.a", kPassword, kOffice, kMorning + 50);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == AccountErrorCode::kDisabled);
  CHECK(refused.error().message == "the account nguyen.van.a is disabled; ask an administrator");
  CHECK(sign_in_error("nguyen.van.a", "0987654321", kOffice, kMorning + 60) ==
        AccountErrorCode::kBadLogin);
  CHECK(must(accounts->user(nva.id)).disabled);
}

TEST_CASE_METHOD(AccountsFixture, "a disabled user's live session is refused",
                 "[accounts][sessions]") {
  const SignIn s = must(accounts->sign_in("nguyen.van.a", kPassword, kOffice, kMorning));
  {
    // As if the session were written while another process disabled the user.
    auto db = raw(path);
    REQUIRE(db.exec("UPDATE users SET disabled = 1").ok());
  }
  auto r = accounts->session_user(s.token, kMorning + 1);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == AccountErrorCode::kDisabled);
}

TEST_CASE_METHOD(AccountsFixture, "a new password replaces the old and ends the sessions",
                 "[accounts]") {
  const SignIn s = must(accounts->sign_in("nguyen.van.a", kPassword, kOffice, kMorning));
  for (int i = 0; i < 2; ++i)
    (void)accounts->sign_in("nguyen.van.a", "0987654321", "", kMorning + 1);
  const User changed = must(accounts->set_password("nguyen.van.a", "Phương án mới năm 2014"));
  CHECK(changed.id == nva.id);
  CHECK_FALSE(accounts->session_user(s.token, kMorning + 2).ok());
  CHECK(sign_in_error("nguyen.van.a", kPassword, "", kMorning + 3) == AccountErrorCode::kBadLogin);
  // The failures before the reset no longer count: this is the first.
  CHECK(accounts->sign_in("nguyen.van.a", "Phương án mới năm 2014", "", kMorning + 3).ok());

  auto weak = accounts->set_password("nguyen.van.a", "ngắn");
  REQUIRE_FALSE(weak.ok());
  CHECK(weak.error().code == AccountErrorCode::kInvalid);
  auto nobody = accounts->set_password("nobody", "Phương án mới năm 2014");
  REQUIRE_FALSE(nobody.ok());
  CHECK(nobody.error().code == AccountErrorCode::kNotFound);
  CHECK(nobody.error().message == "there is no user nobody");
}

TEST_CASE_METHOD(AccountsFixture, "passwords need ten characters and may not be the login",
                 "[accounts][rules]") {
  auto problem = [&](const std::string& login, const std::string& password) -> std::string {
    auto r = accounts->add_user(login, "Lê Văn C", "SNV", password, false);
    if (r.ok()) return "";
    CHECK(r.error().code == AccountErrorCode::kInvalid);
    return r.error().message;
  };
  CHECK(problem("le.van.c", "123456789") == "the password must have at least 10 characters");
  // Nine Vietnamese letters are 27 bytes but nine characters.
  CHECK(problem("le.van.c", "ậậậậậậậậậ") == "the password must have at least 10 characters");
  CHECK(problem("le.van.c1", "mậtkhẩuđây").empty());  // ten characters
  CHECK(problem("nguyen.van.c", "nguyen.van.c") == "the password must not be the login");
  CHECK(problem("nguyen.van.c", "Nguyen.Van.C") == "the password must not be the login");
  CHECK(problem("le.van.c2", "le.van.c2\xff") == "the password is not valid UTF-8 text");
  CHECK(problem("le.van.c2", std::string(1025, 'x')) == "the password is longer than 1024 bytes");
  CHECK(problem("le.van.c2", std::string(1024, 'x')).empty());
}

TEST_CASE_METHOD(AccountsFixture, "logins, names and unit codes are checked", "[accounts][rules]") {
  auto user_problem = [&](const std::string& login, const std::string& name) {
    auto r = accounts->add_user(login, name, "SNV", kPassword, false);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == AccountErrorCode::kInvalid);
    return r.error().message;
  };
  const std::string bad_login = "a login is 3 to 64 characters of a-z, 0-9, '.', '_' and '-'";
  for (const std::string login : {"ab", "Nguyen", "nguyen van", "nguyễn", "a/b", ""})
    CHECK(user_problem(login, "Lê Văn C") == bad_login);
  CHECK(user_problem(std::string(65, 'a'), "Lê Văn C") == bad_login);
  CHECK(accounts->add_user(std::string(64, 'a'), "Lê Văn C", "SNV", kPassword, false).ok());
  CHECK(accounts->add_user("le_van-c.2", "Lê Văn C", "SNV", kPassword, false).ok());
  CHECK(user_problem("le.van.d", "") == "the name is empty");
  CHECK(user_problem("le.van.d", " \t") == "the name is empty");
  CHECK(user_problem("le.van.d", std::string(201, 'x')) == "the name is longer than 200 bytes");
  CHECK(user_problem("le.van.d", "Lê\nVăn D") == "the name contains control characters");
  CHECK(user_problem("le.van.d", "L\xc3") == "the name is not valid UTF-8 text");

  auto unit_problem = [&](const std::string& code, const std::string& name) {
    auto r = accounts->add_unit(code, name);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == AccountErrorCode::kInvalid);
    return r.error().message;
  };
  const std::string bad_code = "a unit code may not contain spaces, '/', '{' or '}'";
  for (const std::string code : {"UBND/NC", "UB ND", "{issuer}", "NC}", "UB\xC2\xA0ND", "A\tB"})
    CHECK(unit_problem(code, "Phòng Nội chính") == bad_code);
  CHECK(unit_problem("", "Phòng Nội chính") == "a unit code is 1 to 32 bytes");
  CHECK(unit_problem(std::string(33, 'A'), "Phòng Nội chính") == "a unit code is 1 to 32 bytes");
  CHECK(unit_problem("NC", "") == "the name is empty");
  CHECK(accounts->add_unit(std::string(32, 'A'), "Ba mươi hai").ok());
  CHECK(accounts->add_unit("SGDĐT", "Sở Giáo dục và Đào tạo").ok());
  CHECK(accounts->add_unit("UBND-NC", "Phòng Nội chính").ok());
}

TEST_CASE_METHOD(AccountsFixture, "logins and unit codes are unique; units must exist",
                 "[accounts]") {
  auto unit = accounts->add_unit("SNV", "Sở Nội vụ (bản sao)");
  REQUIRE_FALSE(unit.ok());
  CHECK(unit.error().code == AccountErrorCode::kExists);
  CHECK(unit.error().message == "there is already a unit SNV");
  auto user = accounts->add_user("nguyen.van.a", "Nguyễn Văn A", "SNV", kPassword, true);
  REQUIRE_FALSE(user.ok());
  CHECK(user.error().code == AccountErrorCode::kExists);
  CHECK(user.error().message == "the login nguyen.van.a is taken");
  auto orphan = accounts->add_user("le.van.c", "Lê Văn C", "STP", kPassword, false);
  REQUIRE_FALSE(orphan.ok());
  CHECK(orphan.error().code == AccountErrorCode::kNotFound);
  CHECK(orphan.error().message == "there is no unit STP");
  auto nobody = accounts->disable("le.van.c");
  REQUIRE_FALSE(nobody.ok());
  CHECK(nobody.error().code == AccountErrorCode::kNotFound);
  auto missing = accounts->user(nva.id + 100);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == AccountErrorCode::kNotFound);
}

TEST_CASE_METHOD(AccountsFixture, "units and users are listed in order and kept", "[accounts]") {
  const Unit ubnd = must(accounts->add_unit("UBND", "Ủy ban nhân dân tỉnh"));
  const User chair = must(accounts->add_user("chu.tich", "Chủ tịch", "UBND", kPassword, true));
  CHECK(chair.admin);
  CHECK(chair.id > nva.id);
  accounts.reset();
  accounts = open(path);
  const auto units = must(accounts->units());
  REQUIRE(units.size() == 2);
  CHECK(units[0].code == "SNV");
  CHECK(units[1].code == "UBND");
  CHECK(units[1].id == ubnd.id);
  CHECK(units[1].name == "Ủy ban nhân dân tỉnh");
  const auto users = must(accounts->users());
  REQUIRE(users.size() == 2);
  CHECK(users[0].login == "chu.tich");
  CHECK(users[0].admin);
  CHECK(users[0].unit == ubnd.id);
  CHECK(users[1].login == "nguyen.van.a");
  CHECK_FALSE(users[1].admin);
  CHECK_FALSE(users[1].disabled);
  const User found = must(accounts->user(nva.id));
  CHECK(found.name == "Nguyễn Văn A");
  CHECK(accounts->sign_in("chu.tich", kPassword, kOffice, kMorning).ok());
}

TEST_CASE_METHOD(AccountsFixture, "only Argon2id hashes and token hashes are stored",
                 "[accounts][secrets]") {
  REQUIRE(accounts->add_user("tran.thi.b", "Trần Thị B", "SNV", kPassword, false).ok());
  const SignIn s = must(accounts->sign_in("nguyen.van.a", kPassword, kOffice, kMorning));
  auto db = raw(path);
  sql::SqlError e;
  auto hashes = db.prepare("SELECT password_hash FROM users ORDER BY id", &e);
  REQUIRE(hashes);
  std::vector<std::string> stored;
  while (hashes->step() == SQLITE_ROW)
    stored.push_back(hashes->text(0));
  REQUIRE(stored.size() == 2);
  for (const std::string& h : stored) {
    CHECK(h.rfind("$argon2id$v=19$m=24576,t=3,p=1$", 0) == 0);
    CHECK(h.find(kPassword) == std::string::npos);
  }
  CHECK(stored[0] != stored[1]);  // the same password, salted apart

  auto sessions =
      db.prepare("SELECT token_hash, user_id, created_at, expires_at FROM sessions", &e);
  REQUIRE(sessions);
  REQUIRE(sessions->step() == SQLITE_ROW);
  const std::vector<std::uint8_t> token_hash = sessions->blob(0);
  CHECK(token_hash.size() == 32);
  CHECK(sessions->int64(1) == nva.id);
  CHECK(sessions->int64(2) == kMorning);
  CHECK(sessions->int64(3) == s.expires_at);
  CHECK(sessions->step() == SQLITE_DONE);
  // What is stored is the token's SHA-256, nothing that could be sent back.
  std::vector<std::uint8_t> digest(32);
  unsigned int size = 0;
  REQUIRE(EVP_Digest(s.token.data(), s.token.size(), digest.data(), &size, EVP_sha256(), nullptr) ==
          1);
  CHECK(token_hash == digest);
}

TEST_CASE("accounts share the database with the store", "[accounts]") {
  TempDir dir;
  const std::string path = dir.file("planflow.db");
  { auto store = open_store(path, shipped_definitions()); }
  auto accounts = open(path);
  REQUIRE(accounts->add_unit("SNV", "Sở Nội vụ").ok());
  auto db = raw(path);
  CHECK(schema_version(db) == kSchemaVersion);
  auto other = open_accounts(dir.file("missing-folder/planflow.db"));
  REQUIRE_FALSE(other.ok());
  CHECK(other.error().code == AccountErrorCode::kUnavailable);
}
