// The server on real sockets for tests: a running server on an ephemeral
// port of 127.0.0.1 with three accounts, HTTP requests, sign-in, and a
// synchronous Beast WebSocket client that keeps pushes apart from replies.
#pragma once

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <catch2/catch.hpp>
#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "api/accounts.h"
#include "api/server/server.h"
#include "engine/store/store_test_support.h"

namespace planflow::testing {

using nlohmann::json;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;

inline constexpr const char* kPassword = "mat-khau-du-dai-1";

// The three accounts the tests sign in with, and the units they need.
inline void add_test_accounts(const std::string& db) {
  auto accounts = open_accounts(db);
  REQUIRE(accounts.ok());
  Accounts& a = *accounts.value();
  REQUIRE(a.add_unit("SNV", "Sở Nội vụ").ok());
  REQUIRE(a.add_unit("UBND", "Ủy ban nhân dân tỉnh").ok());
  for (const char* login : {"drafter", "delegate", "outsider"})
    REQUIRE(a.add_user(login, login, "SNV", kPassword, false).ok());
}

struct Running {
  TempDir dir;
  std::string database = dir.file("planflow.db");
  std::unique_ptr<Server> server;
  std::thread thread;
  std::string origin;

  // `tune` adjusts the configuration (limits, clock) before the server starts.
  explicit Running(const std::function<void(ServerConfig&)>& tune = {}) {
    add_test_accounts(database);
    start(tune);
  }
  // A server on a database `prepare` makes, in place of the three accounts.
  Running(const std::function<void(const std::string& db)>& prepare,
          const std::function<void(ServerConfig&)>& tune) {
    prepare(database);
    start(tune);
  }
  // A node on a database other nodes may share (a postgresql:// URL),
  // which already holds what it needs.
  explicit Running(std::string shared, const std::function<void(ServerConfig&)>& tune = {})
      : database(std::move(shared)) {
    start(tune);
  }
  ~Running() { stop(); }
  unsigned short port() const { return server->port(); }

  // stop() then start() is a restart on the same database, as an operator
  // would do it: a new port, the same accounts and sign-in cookies.
  void start(const std::function<void(ServerConfig&)>& tune = {}) {
    ServerConfig config;
    config.port = 0;
    config.database = database;
    config.workflows = std::string(PLANFLOW_SOURCE_DIR) + "/workflows";
    config.web_root = dir.file("");
    if (tune) tune(config);
    auto started = Server::start(config);
    if (!started.ok()) FAIL(started.error());
    server = std::move(started).value();
    origin = "http://127.0.0.1:" + std::to_string(server->port());
    thread = std::thread([this] { server->run(); });
  }
  void stop() {
    if (!server) return;
    server->stop();
    thread.join();
    server.reset();
  }
};

inline http::response<http::string_body> http_request(unsigned short port, http::verb verb,
                                                      const std::string& target,
                                                      const std::string& body,
                                                      const std::string& cookie = "") {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  http::request<http::string_body> req{verb, target, 11};
  req.set(http::field::host, "127.0.0.1");
  if (!cookie.empty()) req.set(http::field::cookie, cookie);
  req.body() = body;
  req.prepare_payload();
  http::write(stream, req);
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(stream, buffer, res);
  return res;
}

inline std::string sign_in(unsigned short port, const std::string& login,
                           const std::string& password = kPassword) {
  auto res = http_request(port, http::verb::post, "/login",
                          json{{"login", login}, {"password", password}}.dump());
  REQUIRE(res.result() == http::status::ok);
  const std::string cookie(res[http::field::set_cookie]);
  return cookie.substr(0, cookie.find(';'));
}

class Client {
 public:
  // `target` may carry a query, such as "/ws?lang=en". `receive_buffer` > 0
  // shrinks the socket's receive buffer before it connects, so that a client
  // that stops reading soon pushes back on the server.
  Client(unsigned short port, const std::string& cookie, const std::string& origin,
         const std::string& target = "/ws", int receive_buffer = 0)
      : ws_(ioc_) {
    const tcp::endpoint server(net::ip::make_address("127.0.0.1"), port);
    ws_.next_layer().open(server.protocol());
    if (receive_buffer > 0)
      ws_.next_layer().set_option(net::socket_base::receive_buffer_size(receive_buffer));
    ws_.next_layer().connect(server);
    ws_.set_option(
        websocket::stream_base::decorator([cookie, origin](websocket::request_type& req) {
          if (!cookie.empty()) req.set(http::field::cookie, cookie);
          req.set(http::field::origin, origin);
        }));
    ws_.handshake("127.0.0.1", target);
  }

  void send_text(const std::string& text) { ws_.write(net::buffer(text)); }
  void send_binary(const std::string& bytes) {
    ws_.binary(true);
    ws_.write(net::buffer(bytes));
    ws_.text(true);
  }
  // The close frame's code and reason, once a read failed with
  // websocket::error::closed (next_within returned nullopt).
  websocket::close_reason reason() const { return ws_.reason(); }
  unsigned short local_port() const { return ws_.next_layer().local_endpoint().port(); }

  json next() {
    beast::flat_buffer buffer;
    ws_.read(buffer);
    return json::parse(beast::buffers_to_string(buffer.data()));
  }

  // The next message, or nullopt when none comes within `limit`; the
  // connection is closed then, so a test that waits in vain fails, not hangs.
  std::optional<json> next_within(std::chrono::milliseconds limit) {
    beast::flat_buffer buffer;
    std::optional<beast::error_code> done;
    ws_.async_read(buffer, [&done](beast::error_code ec, std::size_t) { done = ec; });
    ioc_.restart();
    ioc_.run_for(limit);
    if (!done) {
      beast::error_code ignored;
      ws_.next_layer().close(ignored);
      ioc_.restart();
      ioc_.run();
      return std::nullopt;
    }
    if (*done) return std::nullopt;
    return json::parse(beast::buffers_to_string(buffer.data()));
  }

  // The next pushed event within `limit`, like next_event().
  std::optional<json> next_event_within(std::chrono::milliseconds limit) {
    for (auto it = pushed.begin(); it != pushed.end(); ++it)
      if ((*it)["type"] == "event") {
        json e = *it;
        pushed.erase(it);
        return e;
      }
    const auto until = std::chrono::steady_clock::now() + limit;
    for (;;) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          until - std::chrono::steady_clock::now());
      std::optional<json> m = next_within(std::max(left, std::chrono::milliseconds(1)));
      if (!m) return std::nullopt;
      if (m->value("type", "") == "event") return m;
      pushed.push_back(std::move(*m));
    }
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

// The result of a reply that must have succeeded.
inline json result_of(const json& reply) {
  INFO(reply.dump());
  REQUIRE(reply.contains("result"));
  return reply["result"];
}

inline void ok(Client& client, const json& request) {
  result_of(client.call(request));
}

inline json dossier_of(Client& client, DossierId id) {
  return result_of(client.call({{"op", "dossier"}, {"dossier", id}}));
}

inline json command(DossierId dossier, const std::string& request_id, json body) {
  json r = {{"op", "command"}, {"dossier", dossier}, {"request_id", request_id}, {"command", body}};
  if (dossier == 0) r["workflow"] = "plan";
  return r;
}

// A plan dossier with drafter (user 1) and delegate (user 2), in consultation.
// `inputs` go to open_consultation ({"deadline": ...}); `tag` starts the
// request ids, so one test can open several dossiers.
// A plan dossier in drafting: user 1 drafts and chairs, user 2 is the delegate.
// `extra` adds fields to the create_dossier command ({"corrects": 7}).
inline DossierId create_plan(Client& drafter, const std::string& tag = "",
                             const json& extra = json::object()) {
  json create = {{"type", "create_dossier"},
                 {"title", "Kế hoạch cải cách chế độ công vụ, công chức"},
                 {"issuer", {{"id", 2}, {"code", "UBND"}}},
                 {"drafting_unit", {{"id", 1}, {"code", "SNV"}}},
                 {"bindings", json::array({{{"role", "drafter"}, {"user", 1}, {"unit", 1}},
                                           {{"role", "chair"}, {"user", 1}, {"unit", 1}},
                                           {{"role", "delegate"}, {"user", 2}, {"unit", 1}}})}};
  create.update(extra);
  json created = drafter.call(command(0, tag + "create", create));
  INFO(created.dump());
  REQUIRE(created.contains("result"));
  return created["result"]["dossier"];
}

inline DossierId open_plan(Client& drafter, const json& inputs = json::object(),
                           const std::string& tag = "") {
  const DossierId id = create_plan(drafter, tag);
  REQUIRE(drafter.call(command(id, tag + "v1", {{"type", "submit_version"}, {"text", "Dự thảo"}}))
              .contains("result"));
  json open = {{"type", "take_action"}, {"action", "open_consultation"}};
  if (!inputs.empty()) open["inputs"] = inputs;
  const json opened = drafter.call(command(id, tag + "open", open));
  INFO(opened.dump());
  REQUIRE(opened.contains("result"));
  return id;
}

// A plan approved and waiting for the clerk (user 1 drafts, chairs and
// registers; user 2 is the delegate).
inline DossierId to_issuance(Client& drafter, Client& delegate, const std::string& tag = "",
                             const json& extra = json::object()) {
  const DossierId id = create_plan(drafter, tag, extra);
  ok(drafter,
     command(id, tag + "v1", {{"type", "submit_version"}, {"text", "I. MỤC ĐÍCH\nDự thảo"}}));
  ok(drafter, command(id, tag + "open",
                      {{"type", "take_action"},
                       {"action", "open_consultation"},
                       {"inputs", {{"invitees", json::array({{{"user", 2}, {"unit", 1}}})}}}}));
  ok(delegate, command(id, tag + "done", {{"type", "no_further_comments"}}));
  ok(drafter,
     command(id, tag + "close", {{"type", "take_action"}, {"action", "close_consultation"}}));
  ok(drafter, command(id, tag + "approve", {{"type", "take_action"}, {"action", "approve"}}));
  ok(drafter, command(id, tag + "clerk",
                      {{"type", "bind_role"}, {"role", "clerk"}, {"user", 1}, {"unit", 1}}));
  return id;
}

}  // namespace planflow::testing
