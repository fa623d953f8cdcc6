// What several nodes on PostgreSQL must survive: a node killed outright
// under load, and the database itself gone for a few seconds. Nothing
// acknowledged is lost, clients carry on through another node by sequence
// number, a deadline the dead node held fires once on the living one, and
// service comes back by itself. Runs only on PostgreSQL.
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <set>

#include "engine/time.h"
#include "tests/child_process.h"
#include "tests/server_test_support.h"

using namespace planflow;
using namespace planflow::testing;

namespace {

constexpr auto kPatience = std::chrono::seconds(15);

// The load sends more than a browser would; sessions are checked against
// the accounts at every request, so the outage meets those checks too.
void kUnlimited(ServerConfig& c) {
  c.limits.commands_per_second = 1000;
  c.limits.session_recheck = std::chrono::seconds(0);
}

// `planflow serve` in a process of its own, so it can be killed.
struct ServeProcess {
  Child child;
  unsigned short port = 0;
  std::string origin;
  ServeProcess(const std::string& database, const TempDir& web)
      : child({PLANFLOW_BINARY, "serve", "--listen", "127.0.0.1:0", "--db", database, "--workflows",
               std::string(PLANFLOW_SOURCE_DIR) + "/workflows", "--web", web.file(""),
               "--rate-limit", "1000"}) {
    const std::string first = child.line();
    INFO(first);
    const std::string prefix = "planflow is serving http://127.0.0.1:";
    REQUIRE(first.rfind(prefix, 0) == 0);
    port = static_cast<unsigned short>(std::stoi(first.substr(prefix.size())));
    origin = "http://127.0.0.1:" + std::to_string(port);
  }
  void kill_now() {
    REQUIRE(kill(child.pid, SIGKILL) == 0);
    waitpid(child.pid, nullptr, 0);
    child.pid = -1;
  }
};

// Events of one dossier as a client receives them, checked to come one
// dossier_seq after another, across reconnects. A `resync` (the client fell
// a send queue behind) is answered as the protocol says: subscribe again
// after the last event taken.
struct Follower {
  DossierId dossier = 0;
  std::vector<json> events;
  Sequence last_seq = 0;

  void subscribe(Client& client, DossierId id) {
    dossier = id;
    const json r = client.call({{"op", "subscribe"}, {"dossier", id}, {"after", last_seq}});
    INFO(r.dump());
    REQUIRE(r.contains("result"));
    const Sequence until = r["result"]["last_seq"];
    while (last_seq < until)
      REQUIRE(next(client, kPatience));
  }
  // Takes the next push; false when none came within `limit` (the client
  // has then closed its connection: see Client::next_within).
  bool next(Client& client, std::chrono::milliseconds limit) {
    std::optional<json> m;
    if (!client.pushed.empty()) {
      m = client.pushed.front();
      client.pushed.erase(client.pushed.begin());
    } else {
      m = client.next_within(limit);
    }
    if (!m) return false;
    if ((*m)["type"] == "event" && (*m)["dossier"] == dossier) {
      events.push_back(*m);
      last_seq = (*m)["seq"];
    } else if ((*m)["type"] == "resync") {
      subscribe(client, dossier);
    }
    return true;
  }
  // Reads pushes until `done` holds of the events so far.
  void read_until(Client& client, const std::function<bool()>& done) {
    const auto deadline = std::chrono::steady_clock::now() + kPatience;
    while (!done()) {
      INFO("received: " << types());
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      REQUIRE(left.count() > 0);
      REQUIRE(next(client, left));
    }
  }
  // Each event one dossier_seq after the one before, from the first.
  void check_unbroken() const {
    for (std::size_t i = 0; i < events.size(); ++i) {
      INFO(events[i].dump());
      CHECK(events[i]["dossier_seq"].get<std::uint64_t>() == i + 1);
    }
  }
  std::string types() const {
    std::string out;
    for (const json& e : events)
      out += e["event"]["type"].get<std::string>() + " ";
    return out;
  }
  std::size_t count(const std::string& type, const std::string& action = "") const {
    std::size_t n = 0;
    for (const json& e : events)
      if (e["event"]["type"] == type &&
          (action.empty() || e["event"]["data"].value("action", "") == action))
        ++n;
    return n;
  }
};

// Comments sent as fast as the node answers, from several clients, until
// told to stop or the connection breaks; the texts acknowledged are kept.
struct CommentLoad {
  std::mutex mu;
  std::set<std::string> acknowledged;
  std::map<std::string, int> refusals;      // error code -> how many
  std::map<std::string, std::string> said;  // error code -> its first message
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;

  void start(unsigned short port, const std::string& cookie, const std::string& origin,
             DossierId id, int clients) {
    for (int c = 0; c < clients; ++c)
      threads.emplace_back([=, this] {
        try {
          Client delegate(port, cookie, origin);
          for (int i = 0; !stop; ++i) {
            const std::string text = "Ý kiến " + std::to_string(c) + "-" + std::to_string(i);
            const json r = delegate.call(
                command(id, "load-" + text, {{"type", "add_comment"}, {"text", text}}));
            std::lock_guard lock(mu);
            if (r.contains("result"))
              acknowledged.insert(text);
            else if (++refusals[r["error"]["code"].get<std::string>()] == 1)
              said[r["error"]["code"].get<std::string>()] = r["error"]["message"];
          }
        } catch (const std::exception&) {
          // The node died under this client: what it acknowledged is counted.
        }
      });
  }
  void finish() {
    stop = true;
    for (auto& t : threads)
      t.join();
    threads.clear();
  }
};

std::set<std::string> stored_comments(Client& client, DossierId id) {
  std::set<std::string> out;
  const json dossier = dossier_of(client, id);
  for (const json& c : dossier["comments"])
    out.insert(c["text"].get<std::string>());
  return out;
}

}  // namespace

TEST_CASE("a node killed under load loses nothing it acknowledged, and its deadline fires once",
          "[server][shared][failure]") {
  TestDatabase db;
  REQUIRE(db.kind() == StoreKind::kPostgres);
  add_test_accounts(db.location());
  TempDir web;
  ServeProcess a(db.location(), web);
  const std::string drafter_cookie = sign_in(a.port, "drafter");
  const std::string delegate_cookie = sign_in(a.port, "delegate");
  Client drafter_on_a(a.port, drafter_cookie, a.origin);
  // A's timer service took the lease at its first look, before A answered
  // anything: B, started later, cannot have it while A lives. The
  // deadline is soon enough to fall after A's death, and its reminders
  // (three days and one day before) are already past, so none is made.
  const Time deadline = wall_clock_now() + 8;
  const DossierId id = open_plan(drafter_on_a, {{"deadline", format_time(deadline)}});
  Follower seen;
  seen.subscribe(drafter_on_a, id);
  Running b(db.location(), kUnlimited);

  CommentLoad load;
  load.start(a.port, delegate_cookie, a.origin, id, 4);
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  a.kill_now();
  load.finish();
  REQUIRE(load.acknowledged.size() > 10);

  // The drafter's browser reconnects to B and resumes after what it saw.
  Client drafter_on_b(b.port(), drafter_cookie, b.origin);
  seen.subscribe(drafter_on_b, id);
  // Every comment A acknowledged is stored, and was pushed to the drafter.
  std::set<std::string> pushed;
  for (const json& e : seen.events)
    if (e["event"]["type"] == "comment_added") pushed.insert(e["event"]["data"]["text"]);
  const std::set<std::string> stored = stored_comments(drafter_on_b, id);
  for (const std::string& text : load.acknowledged) {
    INFO(text);
    CHECK(stored.contains(text));
    CHECK(pushed.contains(text));
  }
  // B takes the timers over and closes the consultation at the deadline, once.
  seen.read_until(drafter_on_b,
                  [&] { return seen.count("action_taken", "close_at_deadline") > 0; });
  seen.check_unbroken();
  CHECK(seen.events.size() ==
        dossier_of(drafter_on_b, id)["dossier"]["version"].get<std::size_t>());
  // A second firing would show by now, in the whole history read afresh.
  std::this_thread::sleep_for(std::chrono::seconds(3));
  Client late(b.port(), drafter_cookie, b.origin);
  Follower all;
  all.subscribe(late, id);
  all.check_unbroken();
  CHECK(all.count("action_taken", "close_at_deadline") == 1);
  CHECK(all.events.size() == dossier_of(late, id)["dossier"]["version"].get<std::size_t>());
}

TEST_CASE(
    "PostgreSQL stopped under load: retryable errors, nothing acknowledged lost, then service",
    "[server][shared][failure]") {
  OwnPostgres postgres;  // stopped and started again below: not the shared one
  add_test_accounts(postgres.url);
  Running node(postgres.url, kUnlimited);
  const std::string drafter_cookie = sign_in(node.port(), "drafter");
  const std::string delegate_cookie = sign_in(node.port(), "delegate");
  Client drafter(node.port(), drafter_cookie, node.origin);
  const DossierId id = open_plan(drafter);
  Follower seen;
  seen.subscribe(drafter, id);

  CommentLoad load;
  load.start(node.port(), delegate_cookie, node.origin, id, 3);
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  REQUIRE(postgres.script("pause") == 0);
  std::this_thread::sleep_for(std::chrono::seconds(1));
  // A page asking who is signed in hears "try again", not "sign in".
  const auto me = http_request(node.port(), http::verb::get, "/me", "", drafter_cookie);
  CHECK(me.result() == http::status::service_unavailable);
  CHECK(json::parse(me.body())["error"]["code"] == "unavailable");
  std::this_thread::sleep_for(std::chrono::seconds(2));
  std::size_t during;
  {
    std::lock_guard lock(load.mu);
    during = load.acknowledged.size();
  }
  REQUIRE(postgres.script("resume") == 0);
  // Service resumes by itself: commands are acknowledged again.
  const auto deadline = std::chrono::steady_clock::now() + kPatience;
  for (;;) {
    {
      std::lock_guard lock(load.mu);
      if (load.acknowledged.size() >= during + 20) break;
    }
    REQUIRE(std::chrono::steady_clock::now() < deadline);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  load.finish();

  // While it was down, commands were refused as retryable, and only so.
  INFO(nlohmann::json(load.refusals).dump() << " " << nlohmann::json(load.said).dump());
  CHECK(load.refusals["unavailable"] > 0);
  CHECK(load.refusals.size() == 1);
  // Every acknowledged comment is stored, and reached the drafter, who
  // stayed connected throughout.
  seen.read_until(drafter, [&] { return seen.count("comment_added") >= load.acknowledged.size(); });
  const std::set<std::string> stored = stored_comments(drafter, id);
  for (const std::string& text : load.acknowledged) {
    INFO(text);
    CHECK(stored.contains(text));
  }
  seen.check_unbroken();
}
