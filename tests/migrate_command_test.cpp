// `planflow migrate`: the demo province's SQLite database copied into
// PostgreSQL, verified there with the same hash chains, and served by a
// node on it; and the copies it must refuse. Runs only on PostgreSQL.
#include <catch2/catch.hpp>

#include "engine/signature_content.h"
#include "engine/store/sql.h"
#include "tests/cli_test_support.h"
#include "tests/server_test_support.h"

using namespace planflow;
using namespace planflow::testing;

namespace {

const std::string kWorkflows = std::string(PLANFLOW_SOURCE_DIR) + "/workflows";
const std::string kSeeds = std::string(PLANFLOW_SOURCE_DIR) + "/seeds";

// Every event's dossier, number and hash, in log order.
std::vector<std::string> chain(sql::Connection db) {
  sql::SqlError e;
  auto rows = db.prepare("SELECT seq, dossier_id, dossier_seq, hash FROM events ORDER BY seq", &e);
  REQUIRE(rows.has_value());
  std::vector<std::string> out;
  while (rows->step() == SQLITE_ROW)
    out.push_back(rows->text(0) + "|" + rows->text(1) + "|" + rows->text(2) + "|" +
                  to_hex(rows->blob(3)));
  return out;
}

sql::Connection open_file(const std::string& path) {
  sql::SqlError e;
  auto db = sql::Connection::open_sqlite(path, sql::Connection::Mode::kReadOnly, &e);
  REQUIRE(db.has_value());
  return std::move(*db);
}

}  // namespace

TEST_CASE("the demo data migrates to PostgreSQL, verifies there, and is served",
          "[cli][migrate][shared]") {
  TempDir dir;
  const std::string file = dir.file("planflow.db");
  const Run seeded = cli({"seed", "--db", file, "--seeds", kSeeds, "--workflows", kWorkflows});
  INFO(seeded.out << seeded.err);
  REQUIRE(seeded.status == kExitOk);
  TestDatabase target;
  REQUIRE(target.kind() == StoreKind::kPostgres);

  const Run migrated =
      cli({"migrate", "--from", file, "--to", target.location(), "--workflows", kWorkflows});
  INFO(migrated.out << migrated.err);
  REQUIRE(migrated.status == kExitOk);
  CHECK(migrated.out.find("every hash chain the same") != std::string::npos);
  const Run verified = cli({"verify", "--db", target.location(), "--workflows", kWorkflows});
  INFO(verified.out);
  CHECK(verified.status == kExitOk);
  CHECK(verified.out.find(": OK") != std::string::npos);
  // The same events, numbered alike, under the same hashes.
  const auto source = chain(open_file(file));
  CHECK(source.size() > 100);
  CHECK(chain(target.connect()) == source);

  // A node serves the copy: the demo accounts sign in, their dossiers are
  // there, and it goes on numbering from the log's end.
  Running node(target.location());
  const Run users = cli({"user", "list", "--db", target.location()});
  REQUIRE(users.status == kExitOk);
  CHECK(users.out == cli({"user", "list", "--db", file}).out);
  Client chair(node.port(), sign_in(node.port(), "ls.chutich", "planflow-demo-2026"), node.origin);
  const json dossiers = result_of(chair.call({{"op", "dossiers"}}))["dossiers"];
  REQUIRE_FALSE(dossiers.empty());
  const json first = dossier_of(chair, dossiers[0]["id"].get<DossierId>());
  CHECK(first["dossier"]["title"] == dossiers[0]["title"]);

  // Copying again is refused, and changes nothing: the target already holds
  // a history (to which the node may have added, signing what the demo
  // issued unsigned).
  const auto served = chain(target.connect());
  REQUIRE(served.size() >= source.size());
  CHECK(std::equal(source.begin(), source.end(), served.begin()));
  const Run again =
      cli({"migrate", "--from", file, "--to", target.location(), "--workflows", kWorkflows});
  CHECK(again.status == kExitFailed);
  CHECK(again.out.find("already holds events") != std::string::npos);
  CHECK(chain(target.connect()) == served);
}

TEST_CASE("planflow migrate refuses what it cannot copy, and says why", "[cli][migrate][shared]") {
  TempDir dir;
  TestDatabase target;
  const Run missing = cli({"migrate", "--from", dir.file("none.db"), "--to", target.location(),
                           "--workflows", kWorkflows});
  CHECK(missing.status == kExitFailed);
  CHECK(missing.out.find("there is no database at") != std::string::npos);

  const Run to_file = cli(
      {"migrate", "--from", dir.file("a.db"), "--to", dir.file("b.db"), "--workflows", kWorkflows});
  CHECK(to_file.status == kExitUsage);
  CHECK(to_file.err.find("--to takes a postgresql:// URL") != std::string::npos);

  CHECK(cli({"migrate", "--from", dir.file("a.db")}).status == kExitUsage);
  CHECK(cli({"migrate", "--to", target.location(), "extra"}).status == kExitUsage);

  const Run unreachable =
      cli({"migrate", "--from", dir.file("a.db"), "--to", "postgresql://planflow@127.0.0.1:1/none",
           "--workflows", kWorkflows});
  CHECK(unreachable.status == kExitFailed);
}
