// The server on real sockets (127.0.0.1, an ephemeral port): sign-in, the
// WebSocket's door, commands, pushes to other participants, catching up
// after a reconnect, and refusals for strangers and malformed messages.
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <thread>

#include "api/accounts.h"
#include "api/server/server.h"
#include "engine/store/store_test_support.h"

using namespace planflow;
using namespace planflow::testing;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using nlohmann::json;

namespace {

constexpr const char* kPassword = "mat-khau-du-dai-1";

struct Running {
  TempDir dir;
  std::unique_ptr<Server> server;
  std::thread thread;
  std::string origin;

  Running() {
    const std::string db = dir.file("planflow.db");
    {
      auto accounts = open_accounts(db);
      REQUIRE(accounts.ok());
      Accounts& a = *accounts.value();
      REQUIRE(a.add_unit("SNV", "Sở Nội vụ").ok());
      REQUIRE(a.add_unit("UBND", "Ủy ban nhân dân tỉnh").ok());
      for (const char* login : {"drafter", "delegate", "outsider"})
        REQUIRE(a.add_user(login, login, "SNV", kPassword, false).ok());
    }
    ServerConfig config;
    config.port = 0;
    config.database = db;
    config.workflows = std::string(PLANFLOW_SOURCE_DIR) + "/workflows";
    config.web_root = dir.file("");
    auto started = Server::start(config);
    if (!started.ok()) FAIL(started.error());
    server = std::move(started).value();
    origin = "http://127.0.0.1:" + std::to_string(server->port());
    thread = std::thread([this] { server->run(); });
  }
  ~Running() {
    server->stop();
    thread.join();
  }
  unsigned short port() const { return server->port(); }
};

http::response<http::string_body> http_request(unsigned short port, http::verb verb,
                                               const std::string& target, const std::string& body) {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  http::request<http::string_body> req{verb, target, 11};
  req.set(http::field::host, "127.0.0.1");
  req.body() = body;
  req.prepare_payload();
  http::write(stream, req);
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(stream, buffer, res);
  return res;
}

std::string sign_in(unsigned short port, const std::string& login) {
  auto res = http_request(port, http::verb::post, "/login",
                          json{{"login", login}, {"password", kPassword}}.dump());
  REQUIRE(res.result() == http::status::ok);
  const std::string cookie(res[http::field::set_cookie]);
  return cookie.substr(0, cookie.find(';'));
}

class Client {
 public:
  Client(unsigned short port, const std::string& cookie, const std::string& origin) : ws_(ioc_) {
    net::connect(ws_.next_layer(),
                 std::vector{tcp::endpoint(net::ip::make_address("127.0.0.1"), port)});
    ws_.set_option(
        websocket::stream_base::decorator([cookie, origin](websocket::request_type& req) {
          if (!cookie.empty()) req.set(http::field::cookie, cookie);
          req.set(http::field::origin, origin);
        }));
    ws_.handshake("127.0.0.1", "/ws");
  }

  void send_text(const std::string& text) { ws_.write(net::buffer(text)); }

  json next() {
    beast::flat_buffer buffer;
    ws_.read(buffer);
    return json::parse(beast::buffers_to_string(buffer.data()));
  }

  // Sends a request and returns its reply; pushes read meanwhile are kept.
  json call(json request) {
    request["id"] = ++last_id_;
    send_text(request.dump());
    for (;;) {
      json m = next();
      if (m.contains("id") && m["id"] == last_id_) return m;
      pushed.push_back(std::move(m));
    }
  }

  // The next pushed event, from what was kept or from the socket.
  json next_event() {
    for (auto it = pushed.begin(); it != pushed.end(); ++it)
      if ((*it)["type"] == "event") {
        json e = *it;
        pushed.erase(it);
        return e;
      }
    for (;;) {
      json m = next();
      if (m.value("type", "") == "event") return m;
      pushed.push_back(std::move(m));
    }
  }

  std::vector<json> pushed;

 private:
  net::io_context ioc_;
  websocket::stream<tcp::socket> ws_;
  int last_id_ = 0;
};

json command(DossierId dossier, const std::string& request_id, json body) {
  json r = {{"op", "command"}, {"dossier", dossier}, {"request_id", request_id}, {"command", body}};
  if (dossier == 0) r["workflow"] = "plan";
  return r;
}

// A plan dossier with drafter (user 1) and delegate (user 2), in consultation.
DossierId open_plan(Client& drafter) {
  json created = drafter.call(
      command(0, "create",
              {{"type", "create_dossier"},
               {"title", "Kế hoạch cải cách chế độ công vụ, công chức"},
               {"issuer", {{"id", 2}, {"code", "UBND"}}},
               {"drafting_unit", {{"id", 1}, {"code", "SNV"}}},
               {"bindings", json::array({{{"role", "drafter"}, {"user", 1}, {"unit", 1}},
                                         {{"role", "chair"}, {"user", 1}, {"unit", 1}},
                                         {{"role", "delegate"}, {"user", 2}, {"unit", 1}}})}}));
  INFO(created.dump());
  REQUIRE(created.contains("result"));
  const DossierId id = created["result"]["dossier"];
  REQUIRE(drafter.call(command(id, "v1", {{"type", "submit_version"}, {"text", "Dự thảo"}}))
              .contains("result"));
  REQUIRE(
      drafter.call(command(id, "open", {{"type", "take_action"}, {"action", "open_consultation"}}))
          .contains("result"));
  return id;
}

}  // namespace

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
