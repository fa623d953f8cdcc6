// The server on real sockets (127.0.0.1, an ephemeral port): sign-in, the
// WebSocket's door, commands, pushes to other participants, catching up
// after a reconnect, and refusals for strangers and malformed messages.
#include <set>

#include "tests/server_test_support.h"

using namespace planflow;
using namespace planflow::testing;

TEST_CASE("sign-in sets an HttpOnly, SameSite=Strict cookie; bad passwords are refused",
          "[server]") {
  Running s;
  auto res = http_request(s.port(), http::verb::post, "/login",
                          json{{"login", "drafter"}, {"password", kPassword}}.dump());
  CHECK(res.result() == http::status::ok);
  const std::string cookie(res[http::field::set_cookie]);
  CHECK(cookie.find("HttpOnly; SameSite=Strict") != std::string::npos);
  CHECK(json::parse(res.body())["user"]["login"] == "drafter");
  res = http_request(s.port(), http::verb::post, "/login",
                     json{{"login", "drafter"}, {"password", "sai"}}.dump());
  CHECK(res.result() == http::status::unauthorized);
  CHECK(json::parse(res.body())["error"]["code"] == "unauthorized");
  res = http_request(s.port(), http::verb::post, "/login", "{not json");
  CHECK(res.result() == http::status::bad_request);
  CHECK(http_request(s.port(), http::verb::get, "/healthz", "").body() == "ok\n");
}

TEST_CASE("the WebSocket refuses strangers and foreign origins", "[server]") {
  Running s;
  CHECK_THROWS(Client(s.port(), "", s.origin));
  const std::string cookie = sign_in(s.port(), "drafter");
  CHECK_THROWS(Client(s.port(), cookie, "http://evil.example"));
  CHECK_THROWS(Client(s.port(), "planflow_session=forged", s.origin));
  CHECK_NOTHROW(Client(s.port(), cookie, s.origin));
}

TEST_CASE("a comment is pushed to the other participant, and a reconnect catches up", "[server]") {
  Running s;
  Client drafter(s.port(), sign_in(s.port(), "drafter"), s.origin);
  const DossierId id = open_plan(drafter);
  const json subscribed = drafter.call({{"op", "subscribe"}, {"dossier", id}, {"after", 0}});
  REQUIRE(subscribed.contains("result"));
  const std::size_t history = subscribed["result"]["missed"];
  for (std::size_t i = 0; i < history; ++i)
    drafter.next_event();
  const Sequence seen = subscribed["result"]["last_seq"];

  Client delegate(s.port(), sign_in(s.port(), "delegate"), s.origin);
  const json commented = delegate.call(command(
      id, "c1", {{"type", "add_comment"}, {"text", "Cần điều chỉnh mục tiêu sát thực tiễn"}}));
  REQUIRE(commented.contains("result"));
  const json pushed = drafter.next_event();
  CHECK(pushed["dossier"] == id);
  CHECK(pushed["seq"] == seen + 1);
  CHECK(pushed["event"]["type"] == "comment_added");
  CHECK(pushed["event"]["data"]["text"] == "Cần điều chỉnh mục tiêu sát thực tiễn");

  // Two more comments while a third client is away; it asks for what it missed.
  delegate.call(command(id, "c2", {{"type", "add_comment"}, {"text", "Ý kiến 2"}}));
  delegate.call(command(id, "c3", {{"type", "add_comment"}, {"text", "Ý kiến 3"}}));
  Client back(s.port(), sign_in(s.port(), "drafter"), s.origin);
  const json caught = back.call({{"op", "subscribe"}, {"dossier", id}, {"after", seen + 1}});
  CHECK(caught["result"]["missed"] == 2);
  CHECK(back.next_event()["event"]["data"]["text"] == "Ý kiến 2");
  CHECK(back.next_event()["event"]["data"]["text"] == "Ý kiến 3");

  // A retried request is answered, not applied twice.
  const json again = delegate.call(command(
      id, "c1", {{"type", "add_comment"}, {"text", "Cần điều chỉnh mục tiêu sát thực tiễn"}}));
  CHECK(again["result"]["replayed"] == true);
}

TEST_CASE("a user who takes no part can neither read, subscribe nor act", "[server]") {
  Running s;
  Client drafter(s.port(), sign_in(s.port(), "drafter"), s.origin);
  const DossierId id = open_plan(drafter);
  Client outsider(s.port(), sign_in(s.port(), "outsider"), s.origin);
  for (const json& request :
       {json{{"op", "dossier"}, {"dossier", id}}, json{{"op", "subscribe"}, {"dossier", id}},
        command(id, "x", {{"type", "add_comment"}, {"text", "xin góp ý"}})}) {
    const json reply = outsider.call(request);
    INFO(reply.dump());
    CHECK(reply["error"]["code"] == "forbidden");
  }
  CHECK(outsider.call({{"op", "dossiers"}})["result"]["dossiers"].empty());
}

TEST_CASE("errors carry a stable code and the pointer of the field at fault", "[server]") {
  Running s;
  Client drafter(s.port(), sign_in(s.port(), "drafter"), s.origin);
  const DossierId id = open_plan(drafter);
  drafter.send_text("{not json");
  CHECK(drafter.next()["error"]["code"] == "bad_request");
  drafter.send_text(R"({"op": "inbox"})");
  CHECK(drafter.next()["error"]["pointer"] == "/id");
  CHECK(drafter.call({{"op", "launch"}})["error"]["pointer"] == "/op");
  json r = drafter.call(command(id, "t1", {{"type", "add_comment"}, {"text", 5}}));
  CHECK(r["error"]["code"] == "bad_request");
  CHECK(r["error"]["pointer"] == "/command/text");
  r = drafter.call(command(id, "t2", {{"type", "take_action"}, {"action", "approve"}}));
  CHECK(r["error"]["code"] == "invalid_state");
  r = drafter.call(command(id, "t3", {{"type", "take_action"}, {"action", "close_consultation"}}));
  CHECK(r["error"]["code"] == "guard_failed");
  json stale = command(id, "t4", {{"type", "add_comment"}, {"text", "cũ"}});
  stale["version"] = 1;
  CHECK(drafter.call(stale)["error"]["code"] == "conflict");
  std::string deep(100, '[');
  drafter.send_text(deep + std::string(100, ']'));
  CHECK(drafter.next()["error"]["code"] == "bad_request");
  const json inbox = drafter.call({{"op", "inbox"}});
  REQUIRE(inbox.contains("result"));
}

TEST_CASE("error messages speak the user's language: Vietnamese first, English on request",
          "[server]") {
  Running s;
  const std::string cookie = sign_in(s.port(), "drafter");
  Client vi(s.port(), cookie, s.origin);
  json r = vi.call({{"op", "launch"}});
  CHECK(r["error"]["message"] == "Không có thao tác \"launch\"");
  const DossierId id = open_plan(vi);
  r = vi.call(command(id, "q1", {{"type", "take_action"}, {"action", "close_consultation"}}));
  CHECK(r["error"]["code"] == "guard_failed");
  const std::string quorum = r["error"]["message"];
  INFO(quorum);
  CHECK(quorum.find("đại biểu") != std::string::npos);

  Client en(s.port(), cookie, s.origin, "/ws?lang=en");
  CHECK(en.call({{"op", "launch"}})["error"]["message"] == "unknown operation \"launch\"");
  r = en.call(command(id, "q2", {{"type", "take_action"}, {"action", "close_consultation"}}));
  CHECK(std::string(r["error"]["message"]).find("quorum not met") != std::string::npos);

  // The toggle, without reconnecting; a language planflow does not speak is refused.
  CHECK(vi.call({{"op", "language"}, {"lang", "en"}})["result"]["lang"] == "en");
  CHECK(vi.call({{"op", "launch"}})["error"]["message"] == "unknown operation \"launch\"");
  r = vi.call({{"op", "language"}, {"lang", "fr"}});
  CHECK(r["error"]["code"] == "bad_request");
  CHECK(r["error"]["pointer"] == "/lang");

  // Over HTTP the browser's Accept-Language or the app's cookie decides.
  auto res = http_request(s.port(), http::verb::get, "/me", "");
  CHECK(json::parse(res.body())["error"]["message"] == "Vui lòng đăng nhập");
  res = http_request(s.port(), http::verb::get, "/me?lang=en", "");
  CHECK(json::parse(res.body())["error"]["message"] == "sign in first");
}

TEST_CASE("metrics count commands by type and outcome, latency and commit batches", "[server]") {
  Running s;
  Client drafter(s.port(), sign_in(s.port(), "drafter"), s.origin);
  const DossierId id = open_plan(drafter);
  drafter.call(command(id, "m1", {{"type", "add_comment"}, {"text", "Ý kiến"}}));
  drafter.call(command(id, "m1", {{"type", "add_comment"}, {"text", "Ý kiến"}}));
  drafter.call(command(id, "m2", {{"type", "take_action"}, {"action", "close_consultation"}}));
  const std::string text = http_request(s.port(), http::verb::get, "/metrics", "").body();
  INFO(text);
  CHECK(text.find("planflow_commands_total{type=\"add_comment\",outcome=\"committed\"} 1\n") !=
        std::string::npos);
  CHECK(text.find("planflow_commands_total{type=\"add_comment\",outcome=\"replayed\"} 1\n") !=
        std::string::npos);
  CHECK(text.find("planflow_commands_total{type=\"take_action\",outcome=\"guard_failed\"} 1\n") !=
        std::string::npos);
  // create, submit_version, open_consultation, two comments, the refused close.
  CHECK(text.find("planflow_command_latency_seconds_count 6\n") != std::string::npos);
  CHECK(text.find("planflow_command_latency_seconds_bucket{le=\"+Inf\"} 6\n") != std::string::npos);
  CHECK(text.find("planflow_commit_batch_size_bucket{le=\"+Inf\"} ") != std::string::npos);
  CHECK(text.find("planflow_websocket_sessions 1\n") != std::string::npos);
  CHECK(text.find("planflow_push_resyncs_total 0\n") != std::string::npos);
}

TEST_CASE("stopping answers every command it took, closes WebSockets with 1001, loses nothing",
          "[server]") {
  const auto unlimited = [](ServerConfig& c) { c.limits.command_burst = 1000; };
  Running s(unlimited);
  Client drafter(s.port(), sign_in(s.port(), "drafter"), s.origin);
  const DossierId id = open_plan(drafter);
  // Commands in flight as the server stops: some are read and committed,
  // the rest meet the close. None may be acknowledged and then lost.
  constexpr int kCommands = 40;
  const auto comment = [](int i) {
    return json{{"type", "add_comment"}, {"text", "Ý kiến " + std::to_string(i)}};
  };
  for (int i = 1; i <= kCommands; ++i) {
    json request = command(id, "stop-" + std::to_string(i), comment(i));
    request["id"] = "stop-" + std::to_string(i);
    drafter.send_text(request.dump());
  }
  // Stop once the first answer shows commands being committed.
  std::set<std::string> acknowledged;
  const std::optional<json> first = drafter.next_within(std::chrono::seconds(20));
  REQUIRE(first);
  REQUIRE(first->contains("result"));
  acknowledged.insert("Ý kiến " + std::string((*first)["id"]).substr(5));
  std::thread stopper([&s] { s.server->stop(); });
  for (;;) {
    std::optional<json> m = drafter.next_within(std::chrono::seconds(20));
    if (!m) break;
    if (m->contains("result")) acknowledged.insert("Ý kiến " + std::string((*m)["id"]).substr(5));
  }
  stopper.join();
  s.thread.join();
  s.server.reset();
  CHECK(drafter.reason().code == websocket::close_code::going_away);

  s.start(unlimited);
  Client again(s.port(), sign_in(s.port(), "drafter"), s.origin);
  const json dossier = again.call({{"op", "dossier"}, {"dossier", id}});
  REQUIRE(dossier.contains("result"));
  std::set<std::string> stored;
  for (const json& e : dossier["result"]["history"])
    if (e["event"]["type"] == "comment_added") stored.insert(e["event"]["data"]["text"]);
  INFO("acknowledged " << acknowledged.size() << ", stored " << stored.size());
  // Every acknowledged comment is stored; one committed but not yet answered
  // may be stored too.
  for (const std::string& text : acknowledged)
    CHECK(stored.count(text) == 1);
  // A client that retries what got no answer has it applied exactly once.
  for (int i = 1; i <= kCommands; ++i)
    REQUIRE(again.call(command(id, "stop-" + std::to_string(i), comment(i))).contains("result"));
  std::size_t after_retry = 0;
  const json retried = again.call({{"op", "dossier"}, {"dossier", id}});
  REQUIRE(retried.contains("result"));
  for (const json& e : retried["result"]["history"])
    after_retry += e["event"]["type"] == "comment_added";
  CHECK(after_retry == static_cast<std::size_t>(kCommands));
}

TEST_CASE("each role is refused what only other roles may do", "[server]") {
  Running s;
  Client drafter(s.port(), sign_in(s.port(), "drafter"), s.origin);  // drafter and chair
  const DossierId id = open_plan(drafter);
  Client delegate(s.port(), sign_in(s.port(), "delegate"), s.origin);
  REQUIRE(delegate.call(command(id, "c", {{"type", "add_comment"}, {"text", "Góp ý"}}))
              .contains("result"));
  const auto refused = [&](Client& who, const std::string& request_id, const json& body) {
    const json r = who.call(command(id, request_id, body));
    INFO(request_id << ": " << r.dump());
    CHECK(r["error"]["code"] == "forbidden");
    CHECK_FALSE(std::string(r["error"]["message"]).empty());
  };
  refused(delegate, "d1", {{"type", "take_action"}, {"action", "close_consultation"}});
  refused(delegate, "d2",
          {{"type", "take_action"}, {"action", "withdraw"}, {"inputs", {{"reason", "x"}}}});
  refused(delegate, "d3",
          {{"type", "dispose_comment"}, {"comment_id", 1}, {"disposition", "accepted"}});
  refused(delegate, "d5", {{"type", "bind_role"}, {"role", "delegate"}, {"user", 3}, {"unit", 1}});
  // The drafter is no invitee of the consultation.
  refused(drafter, "r1", {{"type", "no_further_comments"}});
  // Nothing refused changed the dossier: only the comment was added.
  const json d = drafter.call({{"op", "dossier"}, {"dossier", id}});
  CHECK(d["result"]["dossier"]["state"] == "consultation");
  CHECK(d["result"]["history"].back()["event"]["type"] == "comment_added");
}

TEST_CASE("the inbox names each task, its step and its role in both languages", "[server]") {
  Running s;
  Client drafter(s.port(), sign_in(s.port(), "drafter"), s.origin);
  const DossierId id = open_plan(drafter);
  Client delegate(s.port(), sign_in(s.port(), "delegate"), s.origin);
  const json inbox = delegate.call({{"op", "inbox"}});
  INFO(inbox.dump());
  REQUIRE(inbox["result"]["tasks"].size() == 1);
  const json& task = inbox["result"]["tasks"][0];
  CHECK(task["dossier"] == id);
  CHECK(task["state"] == "consultation");
  CHECK(task["task"] == "give_comments");
  CHECK(task["title"]["vi"] == "Góp ý dự thảo");
  CHECK(task["role"] == "delegate");
  CHECK(task["role_title"]["vi"] == "Đại biểu góp ý");
  CHECK(task["role_title"]["en"] == "Delegate");
  CHECK(task["due_at"].is_number());
  // The outsider has nothing to do.
  Client outsider(s.port(), sign_in(s.port(), "outsider"), s.origin);
  CHECK(outsider.call({{"op", "inbox"}})["result"]["tasks"].empty());
}
