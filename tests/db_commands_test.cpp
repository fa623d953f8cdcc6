// `planflow verify`, `rebuild`, `backup` and `register` as an operator runs them.
#include <catch2/catch.hpp>
#include <sstream>

#include "api/accounts.h"
#include "api/cli.h"
#include "engine/store/sql.h"
#include "engine/store/store_test_support.h"
#include "tests/cli_test_support.h"

using namespace planflow;
using namespace planflow::testing;

namespace {

const std::string kWorkflows = std::string(PLANFLOW_SOURCE_DIR) + "/workflows";

void make_database(const std::string& path) {
  const DefinitionSet defs = shipped_definitions();
  auto store = open_store(path, defs);
  Requests req;
  const DossierId id = open_plan(*store, req);
  must_commit(*store, req.make(id, kDelegateA, AddComment{"Góp ý", 0, {}}, kMeetingDay));
}

}  // namespace

TEST_CASE("verify says OK with the counts, or names the broken event", "[cli][db]") {
  TempDir dir;
  const std::string db = dir.file("p.db");
  make_database(db);
  Run r = cli({"verify", "--db", db, "--workflows", kWorkflows});
  CHECK(r.status == 0);
  CHECK(r.out ==
        db + ": OK — 1 dossiers, 12 events; every hash chain holds and the views match the log\n");
  {
    sql::SqlError e;
    auto raw = sql::Connection::open_sqlite(db, sql::Connection::Mode::kReadWrite, &e);
    REQUIRE(raw->exec("DROP TRIGGER events_no_update; UPDATE events SET at = at + 1 WHERE "
                      "dossier_seq = 11")
                .ok());
  }
  r = cli({"verify", "--db=" + db, "--workflows=" + kWorkflows});
  CHECK(r.status == 1);
  CHECK(r.out == db + ": dossier 1, event 11: the hash chain breaks: the event or one before it "
                      "was altered, removed or moved\n");
}

TEST_CASE("rebuild makes the views again", "[cli][db]") {
  TempDir dir;
  const std::string db = dir.file("p.db");
  make_database(db);
  {
    sql::SqlError e;
    auto raw = sql::Connection::open_sqlite(db, sql::Connection::Mode::kReadWrite, &e);
    REQUIRE(raw->exec("DELETE FROM comments").ok());
  }
  Run r = cli({"verify", "--db", db, "--workflows", kWorkflows});
  CHECK(r.status == 1);
  INFO(r.out);
  CHECK(r.out.find("the views differ from the log in table comments") != std::string::npos);
  r = cli({"rebuild", "--db", db, "--workflows", kWorkflows});
  CHECK(r.status == 0);
  CHECK(r.out == db + ": rebuilt the views of 1 dossiers from 12 events\n");
  CHECK(cli({"verify", "--db", db, "--workflows", kWorkflows}).status == 0);
}

TEST_CASE("backup copies and verifies, and never overwrites", "[cli][db]") {
  TempDir dir;
  const std::string db = dir.file("p.db"), copy = dir.file("copy.db");
  make_database(db);
  Run r = cli({"backup", copy, "--db", db, "--workflows", kWorkflows});
  CHECK(r.status == 0);
  CHECK(r.out == db + ": backed up to " + copy + " (1 dossiers, 12 events, verified)\n");
  r = cli({"backup", copy, "--db", db, "--workflows", kWorkflows});
  CHECK(r.status == 1);
  CHECK(r.out == db + ": " + copy + " already exists; a backup never overwrites a file\n");
}

TEST_CASE("database commands explain wrong paths and arguments", "[cli][db]") {
  TempDir dir;
  Run r = cli({"verify", "--db", dir.file("none.db"), "--workflows", kWorkflows});
  CHECK(r.status == 1);
  CHECK(r.out == dir.file("none.db") + ": there is no database at " + dir.file("none.db") + "\n");
  r = cli({"verify", "--database", "x"});
  CHECK(r.status == 2);
  CHECK(r.err.rfind("planflow verify: unknown option --database", 0) == 0);
  r = cli({"backup"});
  CHECK(r.status == 2);
  r = cli({"rebuild", "--db", dir.file("p.db"), "--workflows", dir.file("nowhere")});
  CHECK(r.status == 1);
  CHECK(r.out.rfind(dir.file("nowhere") + ": cannot list", 0) == 0);
}

TEST_CASE("register open carries a province's register on from its last number", "[cli][db]") {
  TempDir dir;
  const std::string db = dir.file("planflow.db");
  Run r = cli({"register", "open", "UBND", "QĐ", "2013", "2300", "--db", db});
  CHECK(r.status == 1);
  CHECK(r.out.find("no database") != std::string::npos);
  make_database(db);
  {
    auto accounts = open_accounts(db);
    REQUIRE(accounts.ok());
    REQUIRE(accounts.value()->add_unit("UBND", "Ủy ban nhân dân tỉnh Quảng Nam").ok());
  }
  r = cli({"register", "open", "UBND", "QĐ", "2013", "2300", "--db", db});
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  CHECK(r.out.find("the next number is 2301") != std::string::npos);
  CHECK(cli({"register", "open", "SNV", "QĐ", "2013", "1", "--db", db}).status == 1);
  CHECK(cli({"register", "open", "UBND", "QĐ", "năm", "1", "--db", db}).status == 2);
  CHECK(cli({"register", "open", "UBND", "QĐ", "2013", "-4", "--db", db}).status == 2);
  CHECK(cli({"register", "close", "UBND", "QĐ", "2013", "1", "--db", db}).status == 2);
  CHECK(cli({"register", "open", "UBND", "QĐ", "1800", "1", "--db", db}).status == 1);
  CHECK(cli({"verify", "--db", db, "--workflows", kWorkflows}).status == 0);
}
