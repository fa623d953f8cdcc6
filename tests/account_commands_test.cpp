// `planflow unit ...` and `planflow user ...` as an administrator runs them,
// passwords fed through standard input.
#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>

#include "api/accounts.h"
#include "api/cli.h"
#include "engine/store/store_test_support.h"
#include "tests/cli_test_support.h"

using namespace planflow;
using namespace planflow::testing;

namespace {

constexpr Time kMorning = 1376550000;

Run cli(Args args, const std::string& input) {
  std::istringstream in(input);
  std::ostringstream out, err;
  const int status = run_cli(args, in, out, err);
  return {status, out.str(), err.str()};
}

AccountErrorCode sign_in_error(const std::string& db, const std::string& login,
                               const std::string& password) {
  auto accounts = open_accounts(db);
  REQUIRE(accounts.ok());
  auto r = accounts.value()->sign_in(login, password, "", kMorning);
  REQUIRE_FALSE(r.ok());
  return r.error().code;
}

bool signs_in(const std::string& db, const std::string& login, const std::string& password) {
  auto accounts = open_accounts(db);
  REQUIRE(accounts.ok());
  return accounts.value()->sign_in(login, password, "", kMorning).ok();
}

// A database with Sở Nội vụ and the provincial People's Committee.
struct CommandFixture {
  TempDir dir;
  std::string db = dir.file("planflow.db");
  CommandFixture() {
    REQUIRE(cli({"unit", "add", "SNV", "Sở Nội vụ", "--db", db}, "").status == 0);
    REQUIRE(cli({"unit", "add", "UBND", "Ủy ban nhân dân tỉnh", "--db", db}, "").status == 0);
  }
};

}  // namespace

TEST_CASE("unit add creates the database and its folder; unit list aligns the columns",
          "[cli][accounts]") {
  TempDir dir;
  const std::string db = dir.file("data/planflow.db");
  Run r = cli({"unit", "add", "SNV", "Sở Nội vụ", "--db", db}, "");
  CHECK(r.status == 0);
  CHECK(r.out == "added unit SNV (Sở Nội vụ)\n");
  CHECK(r.err.empty());
  CHECK(std::filesystem::exists(db));
  CHECK(cli({"unit", "add", "UBND", "Ủy ban nhân dân tỉnh Lạng Sơn", "--db=" + db}, "").status ==
        0);
  CHECK(cli({"unit", "add", "--db", db, "NC", "Phòng Nội chính"}, "").status == 0);
  r = cli({"unit", "list", "--db", db}, "");
  CHECK(r.status == 0);
  CHECK(r.out ==
        "CODE  NAME\n"
        "NC    Phòng Nội chính\n"
        "SNV   Sở Nội vụ\n"
        "UBND  Ủy ban nhân dân tỉnh Lạng Sơn\n");

  r = cli({"unit", "add", "SNV", "Sở Nội vụ", "--db", db}, "");
  CHECK(r.status == 1);
  CHECK(r.out == "SNV: there is already a unit SNV\n");
  r = cli({"unit", "add", "UBND/NC", "Phòng Nội chính", "--db", db}, "");
  CHECK(r.status == 1);
  CHECK(r.out == "UBND/NC: a unit code may not contain spaces, '/', '{' or '}'\n");
}

TEST_CASE("listings of a database that is not there say so and create nothing", "[cli][accounts]") {
  TempDir dir;
  const std::string db = dir.file("nowhere/planflow.db");
  for (const char* command : {"unit", "user"}) {
    Run r = cli({command, "list", "--db", db}, "");
    CHECK(r.status == 1);
    CHECK(r.out == db + ": there is no database at " + db + "\n");
  }
  Run r = cli({"user", "disable", "nguyen.van.a", "--db", db}, "");
  CHECK(r.status == 1);
  r = cli({"user", "passwd", "nguyen.van.a", "--db", db}, "Cải cách hành chính 2013\n");
  CHECK(r.status == 1);
  CHECK_FALSE(std::filesystem::exists(dir.file("nowhere")));

  const std::string empty = dir.file("empty.db");
  REQUIRE(cli({"user", "add", "a.b.c", "--name", "A", "--unit", "SNV", "--db", empty}, "").status ==
          1);  // no units yet, but the database is made
  r = cli({"unit", "list", "--db", empty}, "");
  CHECK(r.status == 0);
  CHECK(r.out == "no units yet; add one with planflow unit add CODE NAME\n");
  r = cli({"user", "list", "--db", empty}, "");
  CHECK(r.status == 0);
  CHECK(r.out == "no users yet; add one with planflow user add LOGIN --name NAME --unit CODE\n");
}

TEST_CASE_METHOD(CommandFixture, "user add reads the password from standard input",
                 "[cli][accounts]") {
  Run r =
      cli({"user", "add", "nguyen.van.a", "--name", "Nguyễn Văn A", "--unit", "SNV", "--db", db},
          "Cải cách hành chính 2013\n");
  CHECK(r.status == 0);
  CHECK(r.out == "added user nguyen.van.a (Nguyễn Văn A, SNV)\n");
  CHECK(r.err.empty());
  // A Windows line ending is not part of the password; an administrator may be added.
  r = cli({"user", "add", "chu.tich", "--name=Vy Văn Thành", "--unit=UBND", "--admin", "--db", db},
          "Kế hoạch năm 2014\r\n");
  CHECK(r.status == 0);
  CHECK(r.out == "added user chu.tich (Vy Văn Thành, UBND, administrator)\n");
  CHECK(signs_in(db, "nguyen.van.a", "Cải cách hành chính 2013"));
  CHECK(signs_in(db, "chu.tich", "Kế hoạch năm 2014"));
  CHECK(sign_in_error(db, "chu.tich", "Kế hoạch năm 2014\r") == AccountErrorCode::kBadLogin);

  r = cli({"user", "list", "--db", db}, "");
  CHECK(r.status == 0);
  CHECK(r.out ==
        "LOGIN         NAME          UNIT  ROLE   STATE\n"
        "chu.tich      Vy Văn Thành  UBND  admin  active\n"
        "nguyen.van.a  Nguyễn Văn A  SNV   user   active\n");
}

TEST_CASE_METHOD(CommandFixture, "user add explains what it refuses", "[cli][accounts]") {
  auto add = [&](const std::string& login, const std::string& unit, const std::string& input) {
    return cli({"user", "add", login, "--name", "Lê Văn C", "--unit", unit, "--db", db}, input);
  };
  Run r = add("le.van.c", "SNV", "");
  CHECK(r.status == 1);
  CHECK(r.out == "le.van.c: no password on standard input (give it as one line)\n");
  r = add("le.van.c", "SNV", "ngắn quá\n");
  CHECK(r.status == 1);
  CHECK(r.out == "le.van.c: the password must have at least 10 characters\n");
  r = add("le.van.c", "SNVV", "Cải cách hành chính 2013\n");
  CHECK(r.status == 1);
  CHECK(r.out ==
        "le.van.c: there is no unit SNVV (did you mean \"SNV\"?); see planflow unit list\n");
  r = add("Le.Van.C", "SNV", "Cải cách hành chính 2013\n");
  CHECK(r.status == 1);
  CHECK(r.out == "Le.Van.C: a login is 3 to 64 characters of a-z, 0-9, '.', '_' and '-'\n");
  REQUIRE(add("le.van.c", "SNV", "Cải cách hành chính 2013\n").status == 0);
  r = add("le.van.c", "SNV", "Cải cách hành chính 2013\n");
  CHECK(r.status == 1);
  CHECK(r.out == "le.van.c: the login le.van.c is taken\n");
}

TEST_CASE_METHOD(CommandFixture, "user passwd sets a new password from standard input",
                 "[cli][accounts]") {
  REQUIRE(
      cli({"user", "add", "nguyen.van.a", "--name", "Nguyễn Văn A", "--unit", "SNV", "--db", db},
          "Cải cách hành chính 2013\n")
          .status == 0);
  Run r = cli({"user", "passwd", "nguyen.van.a", "--db", db}, "Phương án mới năm 2014\n");
  CHECK(r.status == 0);
  CHECK(r.out == "set a new password for nguyen.van.a; their sessions have ended\n");
  CHECK(signs_in(db, "nguyen.van.a", "Phương án mới năm 2014"));
  CHECK(sign_in_error(db, "nguyen.van.a", "Cải cách hành chính 2013") ==
        AccountErrorCode::kBadLogin);

  r = cli({"user", "passwd", "nguyen.van.a", "--db", db}, "nguyen.van.a\n");
  CHECK(r.status == 1);
  CHECK(r.out == "nguyen.van.a: the password must not be the login\n");
  r = cli({"user", "passwd", "nguyen.van.a", "--db", db}, "");
  CHECK(r.status == 1);
  CHECK(r.out == "nguyen.van.a: no password on standard input (give it as one line)\n");
  r = cli({"user", "passwd", "nobody", "--db", db}, "Phương án mới năm 2014\n");
  CHECK(r.status == 1);
  CHECK(r.out == "nobody: there is no user nobody\n");
}

TEST_CASE_METHOD(CommandFixture, "user disable ends sessions and blocks sign-in",
                 "[cli][accounts]") {
  REQUIRE(
      cli({"user", "add", "nguyen.van.a", "--name", "Nguyễn Văn A", "--unit", "SNV", "--db", db},
          "Cải cách hành chính 2013\n")
          .status == 0);
  std::string token;
  {
    auto accounts = open_accounts(db);
    REQUIRE(accounts.ok());
    auto s = accounts.value()->sign_in("nguyen.van.a", "Cải cách hành chính 2013", "", kMorning);
    REQUIRE(s.ok());
    token = s.value().token;
  }
  Run r = cli({"user", "disable", "nguyen.van.a", "--db", db}, "");
  CHECK(r.status == 0);
  CHECK(r.out == "disabled user nguyen.van.a (Nguyễn Văn A, SNV); their sessions have ended\n");
  {
    auto accounts = open_accounts(db);
    REQUIRE(accounts.ok());
    CHECK_FALSE(accounts.value()->session_user(token, kMorning + 1).ok());
  }
  CHECK(sign_in_error(db, "nguyen.van.a", "Cải cách hành chính 2013") ==
        AccountErrorCode::kDisabled);
  r = cli({"user", "list", "--db", db}, "");
  CHECK(r.out ==
        "LOGIN         NAME          UNIT  ROLE  STATE\n"
        "nguyen.van.a  Nguyễn Văn A  SNV   user  disabled\n");
  r = cli({"user", "disable", "nobody", "--db", db}, "");
  CHECK(r.status == 1);
  CHECK(r.out == "nobody: there is no user nobody\n");
}

TEST_CASE("account commands explain wrong arguments", "[cli][accounts]") {
  TempDir dir;
  const std::string db = dir.file("planflow.db");
  auto usage_error = [&](Args args) {
    args.push_back("--db");
    args.push_back(db);
    Run r = cli(args, "Cải cách hành chính 2013\n");
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    return r.err;
  };
  CHECK(usage_error({"unit"}).rfind("usage: planflow unit add CODE NAME", 0) == 0);
  CHECK(usage_error({"user"}).rfind("usage: planflow user add LOGIN", 0) == 0);
  usage_error({"unit", "add", "SNV"});
  usage_error({"unit", "add", "SNV", "Sở Nội vụ", "thừa"});
  usage_error({"unit", "list", "SNV"});
  CHECK(usage_error({"unit", "ad", "SNV", "Sở Nội vụ"})
            .rfind("planflow unit: unknown subcommand \"ad\" (did you mean \"add\"?)\n", 0) == 0);
  CHECK(usage_error({"unit", "list", "--bogus"})
            .rfind("planflow unit list: unknown option --bogus (or missing its value)\n", 0) == 0);
  usage_error({"user", "add", "le.van.c", "--name", "Lê Văn C"});
  usage_error({"user", "add", "le.van.c", "--unit", "SNV"});
  usage_error({"user", "add", "--name", "Lê Văn C", "--unit", "SNV"});
  // A password never goes on the command line, where others can read it.
  CHECK(usage_error({"user", "add", "le.van.c", "--name", "Lê Văn C", "--unit", "SNV", "--password",
                     "Cải cách hành chính 2013"})
            .rfind("planflow user add: unknown option --password", 0) == 0);
  usage_error({"user", "passwd"});
  usage_error({"user", "passwd", "a.b.c", "d.e.f"});
  usage_error({"user", "disable", "a.b.c", "--admin"});
  usage_error({"user", "list", "a.b.c"});
  CHECK(usage_error({"user", "delete", "a.b.c"})
            .rfind("planflow user: unknown subcommand \"delete\"", 0) == 0);
  CHECK_FALSE(std::filesystem::exists(db));

  Run r = cli({"user", "--help"}, "");
  CHECK(r.status == 0);
  CHECK(r.out.find("planflow user passwd LOGIN") != std::string::npos);
  r = cli({"--help"}, "");
  CHECK(r.status == 0);
  CHECK(r.out.find("  unit add CODE NAME [--db PATH]\n  unit list [--db PATH]\n") !=
        std::string::npos);
  CHECK(r.out.find("  user add LOGIN --name NAME --unit CODE [--admin] [--db PATH]\n") !=
        std::string::npos);
}
