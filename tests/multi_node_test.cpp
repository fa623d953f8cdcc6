// Two server nodes on one PostgreSQL database, as behind a load balancer
// that does not keep a client on one node: a sign-in on one node holds on
// the other, pushes cross between them, and documents issued through both
// at once take every number once. Runs only on PostgreSQL.
#include <set>

#include "tests/server_test_support.h"

using namespace planflow;
using namespace planflow::testing;

namespace {

struct TwoNodes {
  TestDatabase db;
  std::unique_ptr<Running> a, b;
  TwoNodes() {
    REQUIRE(db.kind() == StoreKind::kPostgres);
    add_test_accounts(db.location());
    // Setting dossiers up sends more than a browser would.
    const auto tune = [](ServerConfig& c) { c.limits.commands_per_second = 1000; };
    a = std::make_unique<Running>(db.location(), tune);
    b = std::make_unique<Running>(db.location(), tune);
  }
};

// Reads a subscription's history, returning the last sequence number seen.
Sequence subscribe(Client& client, DossierId id) {
  const json subscribed = client.call({{"op", "subscribe"}, {"dossier", id}, {"after", 0}});
  REQUIRE(subscribed.contains("result"));
  const std::size_t history = subscribed["result"]["missed"];
  for (std::size_t i = 0; i < history; ++i)
    client.next_event();
  return subscribed["result"]["last_seq"];
}

}  // namespace

TEST_CASE("a comment made through node A reaches a subscriber on node B", "[server][shared]") {
  TwoNodes nodes;
  Running& a = *nodes.a;
  Running& b = *nodes.b;
  // Signed in on A; the cookie holds on B, whose database knows the session.
  const std::string drafter_cookie = sign_in(a.port(), "drafter");
  Client drafter_on_a(a.port(), drafter_cookie, a.origin);
  const DossierId id = open_plan(drafter_on_a);
  Client drafter_on_b(b.port(), drafter_cookie, b.origin);
  const Sequence seen = subscribe(drafter_on_b, id);

  Client delegate_on_a(a.port(), sign_in(a.port(), "delegate"), a.origin);
  ok(delegate_on_a, command(id, "c1", {{"type", "add_comment"}, {"text", "Góp ý qua nút A"}}));
  const auto pushed = drafter_on_b.next_event_within(std::chrono::seconds(5));
  REQUIRE(pushed.has_value());
  CHECK((*pushed)["seq"] == seen + 1);
  CHECK((*pushed)["event"]["type"] == "comment_added");
  CHECK((*pushed)["event"]["data"]["text"] == "Góp ý qua nút A");

  // And the other way, with B's own commit in between, in the log's order.
  Client delegate_on_b(b.port(), sign_in(b.port(), "delegate"), b.origin);
  ok(delegate_on_b, command(id, "c2", {{"type", "add_comment"}, {"text", "Góp ý qua nút B"}}));
  ok(delegate_on_a, command(id, "c3", {{"type", "add_comment"}, {"text", "Lại qua nút A"}}));
  for (const char* text : {"Góp ý qua nút B", "Lại qua nút A"}) {
    const auto next = drafter_on_b.next_event_within(std::chrono::seconds(5));
    REQUIRE(next.has_value());
    CHECK((*next)["event"]["data"]["text"] == text);
  }
}

TEST_CASE("clients on both nodes issuing at once take every number once, in order",
          "[server][shared][register]") {
  TwoNodes nodes;
  Running* node[2] = {nodes.a.get(), nodes.b.get()};
  const std::string drafter_cookie = sign_in(node[0]->port(), "drafter");
  const std::string delegate_cookie = sign_in(node[0]->port(), "delegate");
  constexpr int kDossiers = 12;
  std::vector<DossierId> ids;
  {
    Client drafter(node[0]->port(), drafter_cookie, node[0]->origin);
    Client delegate(node[0]->port(), delegate_cookie, node[0]->origin);
    for (int i = 0; i < kDossiers; ++i)
      ids.push_back(to_issuance(drafter, delegate, "d" + std::to_string(i) + "-"));
  }
  // Four clerks' browsers, two on each node, issuing at the same moment.
  std::vector<std::thread> clerks;
  std::atomic<int> refused{0};
  for (int c = 0; c < 4; ++c)
    clerks.emplace_back([&, c] {
      Running& on = *node[c % 2];
      Client clerk(on.port(), drafter_cookie, on.origin);
      for (int i = c; i < kDossiers; i += 4) {
        const json r = clerk.call(command(ids[i], "issue-" + std::to_string(i),
                                          {{"type", "take_action"}, {"action", "issue"}}));
        if (!r.contains("result")) ++refused;
      }
    });
  for (auto& t : clerks)
    t.join();
  CHECK(refused == 0);
  Client reader(node[1]->port(), drafter_cookie, node[1]->origin);
  std::set<int> numbers;
  for (DossierId id : ids) {
    const json d = dossier_of(reader, id);
    REQUIRE(d["issued"].is_object());
    numbers.insert(d["issued"]["number"].get<int>());
  }
  CHECK(numbers.size() == kDossiers);
  CHECK(*numbers.begin() == 1);
  CHECK(*numbers.rbegin() == kDossiers);
}
