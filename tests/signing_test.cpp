// Signing in a running server: issuing a plan leads to the chair's Ed25519
// signature over exactly the issued content, shown valid in the dossier
// reply and held by `planflow verify`; a document issued while no server
// could sign it is signed once when one starts; a key that no longer
// matches shows as a warning.
#include <catch2/catch.hpp>

#include "api/server/dossier_view.h"
#include "engine/signature_content.h"
#include "engine/store/ed25519.h"
#include "engine/store/maintenance.h"
#include "engine/store/sql.h"
#include "server_test_support.h"

using namespace planflow;
using namespace planflow::testing;
using namespace std::chrono_literals;

namespace {

constexpr auto kPatience = 20s;

// Polls until the reply's signature is no longer awaited.
json signature_once_signed(Client& client, DossierId id) {
  const auto until = std::chrono::steady_clock::now() + kPatience;
  for (;;) {
    const json d = dossier_of(client, id);
    REQUIRE(d["signature"].is_object());
    if (d["signature"]["status"] != "awaiting") return d;
    REQUIRE(std::chrono::steady_clock::now() < until);
    std::this_thread::sleep_for(20ms);
  }
}

int signatures_in(const json& d) {
  int n = 0;
  for (const json& h : d["history"])
    if (h["event"]["type"] == "document_signed") ++n;
  return n;
}

}  // namespace

TEST_CASE("issuing a plan leads to the chair's valid signature over exactly the issued content",
          "[server][signature]") {
  Running s;
  Client drafter(s.port(), sign_in(s.port(), "drafter"), s.origin);
  Client delegate(s.port(), sign_in(s.port(), "delegate"), s.origin);
  const DossierId id = to_issuance(drafter, delegate);
  CHECK(dossier_of(drafter, id)["signature"].is_null());  // nothing issued, nothing to sign

  ok(drafter, command(id, "issue", {{"type", "take_action"}, {"action", "issue"}}));
  const json d = signature_once_signed(drafter, id);
  INFO(d.dump());
  const json& sig = d["signature"];
  CHECK(sig["status"] == "valid");
  CHECK(sig["valid"] == true);
  CHECK(sig["problem"].is_null());
  CHECK(sig["signer"] == 1);  // the chair
  CHECK(sig["algorithm"] == "Ed25519");
  CHECK(sig["digest"].get<std::string>().size() == 64);
  CHECK(sig["public_key"].get<std::string>().size() == 64);
  CHECK(sig["fingerprint"].get<std::string>().size() == 39);  // 8 groups of 4, colons between
  CHECK(sig["signed_at"] >= d["issued"]["at"]);
  CHECK(signatures_in(d) == 1);
  CHECK(d["history"].back()["event"]["actor"] == kSystemUser);
  // The private key is in no reply.
  CHECK(d.dump().find("private") == std::string::npos);

  // The digest is that of what the reply shows as issued.
  json version;
  for (const json& h : d["history"])
    if (h["event"]["type"] == "version_submitted") version = h["event"]["data"];
  std::vector<Block> blocks;
  for (const json& b : version["blocks"])
    blocks.push_back(Block{b["id"],
                           *block_kind_from_name(b["kind"].get<std::string>()),
                           b["level"],
                           b["marker"],
                           b["text"],
                           {}});
  const SignedContent content{id,
                              version["number"],
                              version_digest(version["number"], blocks),
                              d["issued"]["number"],
                              d["issued"]["year"],
                              d["issued"]["symbol"],
                              d["issued"]["at"],
                              1};
  CHECK(sig["digest"] == to_hex(signed_content_digest(content)));

  // Another look, after the server has had time to sign again if it would.
  std::this_thread::sleep_for(300ms);
  CHECK(signatures_in(dossier_of(drafter, id)) == 1);

  s.stop();
  const std::string db = s.dir.file("planflow.db");
  {
    // The key is the chair's in the accounts.
    auto accounts = open_accounts(db);
    REQUIRE(accounts.ok());
    auto key = accounts.value()->signing_key(1);
    REQUIRE(key.ok());
    CHECK(key.value() == sig["public_key"].get<std::string>());
  }
  const DefinitionSet defs = shipped_definitions();
  auto verified = verify_database(db, defs);
  REQUIRE(verified.ok());
  INFO(verified.value().problem);
  CHECK(verified.value().ok);

  // Replace the chair's key in the accounts: the reply warns, verify fails.
  {
    sql::SqlError e;
    auto conn = sql::Connection::open_sqlite(db, sql::Connection::Mode::kReadWrite, &e);
    REQUIRE(conn.has_value());
    const auto other = ed25519_generate().value();
    REQUIRE(
        conn->exec("UPDATE signing_keys SET public_key = '" + to_hex(other.public_key) + "'").ok());
  }
  auto broken = verify_database(db, defs);
  REQUIRE(broken.ok());
  CHECK_FALSE(broken.value().ok);
  CHECK(broken.value().bad_dossier == id);
  s.start();
  Client again(s.port(), sign_in(s.port(), "drafter"), s.origin);
  const json warned = dossier_of(again, id);
  INFO(warned.dump());
  CHECK(warned["signature"]["status"] == "invalid");
  CHECK(warned["signature"]["valid"] == false);
  CHECK(warned["signature"]["problem"].get<std::string>().find("not the signing key") !=
        std::string::npos);
  CHECK(signatures_in(warned) == 1);  // never signed again
}

TEST_CASE("a document issued while no server could sign it is signed once at the next start",
          "[server][signature]") {
  Running s;
  DossierId id = 0;
  {
    Client drafter(s.port(), sign_in(s.port(), "drafter"), s.origin);
    Client delegate(s.port(), sign_in(s.port(), "delegate"), s.origin);
    id = to_issuance(drafter, delegate);
  }
  // The server goes down; the issue commits as it would have just before
  // the server died, with no signature after it.
  s.stop();
  const std::string db = s.dir.file("planflow.db");
  const DefinitionSet defs = shipped_definitions();
  {
    auto store = open_store(db, defs);
    CommandRequest issue;
    issue.request_id = "issue-before-the-crash";
    issue.dossier = id;
    issue.command = TakeAction{"issue", {}};
    issue.actor = Actor{1, 1, false};
    issue.now = wall_clock_now();
    must_commit(*store, issue);
    // Meanwhile the reply would say the signature is awaited.
    const auto state = store->state_of(id).value();
    const auto events = store->events_of(id).value();
    CHECK(signature_json(state, events, std::nullopt) ==
          json{{"status", "awaiting"}, {"valid", false}});
  }
  s.start();
  Client drafter(s.port(), sign_in(s.port(), "drafter"), s.origin);
  const json d = signature_once_signed(drafter, id);
  INFO(d.dump());
  CHECK(d["signature"]["status"] == "valid");
  CHECK(signatures_in(d) == 1);

  // Another restart signs nothing more.
  s.stop();
  s.start();
  Client later(s.port(), sign_in(s.port(), "drafter"), s.origin);
  std::this_thread::sleep_for(300ms);
  const json after = dossier_of(later, id);
  CHECK(after["signature"]["status"] == "valid");
  CHECK(signatures_in(after) == 1);
  s.stop();
  auto verified = verify_database(db, defs);
  REQUIRE(verified.ok());
  INFO(verified.value().problem);
  CHECK(verified.value().ok);
}
