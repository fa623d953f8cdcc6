// One WebSocket connection of a signed-in user: requests in, one reply per
// request, and pushed events out through a send queue bounded in bytes. A
// client that falls that far behind gets one "resync" message instead of
// unbounded memory, and catches up by sequence number when it resubscribes.
#pragma once

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <deque>
#include <memory>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "api/accounts.h"
#include "api/server/hub.h"
#include "api/server/language.h"
#include "api/server/protocol.h"

namespace planflow {

class WebsocketSession : public std::enable_shared_from_this<WebsocketSession> {
 public:
  // `token` is the sign-in session the connection was opened with: signing
  // out of it, or its expiry, closes the connection.
  WebsocketSession(boost::asio::ip::tcp::socket&& socket, std::shared_ptr<Hub> hub, User user,
                   std::string token);
  ~WebsocketSession();

  // Accepts the upgrade request the HTTP session read.
  void run(boost::beast::http::request<boost::beast::http::string_body> request);

  // Thread-safe: queues pushed messages on this session's strand.
  void deliver(std::vector<Outgoing> messages);
  // Thread-safe: a close frame after what is queued, as the server shuts
  // down (going away) or the sign-in session ends (policy).
  void shut_down();
  void end_session();
  const std::string& token() const { return token_; }

 private:
  void on_accept(boost::beast::error_code ec);
  void do_read();
  void on_read(boost::beast::error_code ec, std::size_t bytes);
  void handle(const std::string& text);
  void dispatch(const nlohmann::json& request, const nlohmann::json& id);

  void op_command(const nlohmann::json& request, const nlohmann::json& id);
  void op_inbox(const nlohmann::json& id);
  void op_dossiers(const nlohmann::json& id);
  void op_dossier(const nlohmann::json& request, const nlohmann::json& id);
  void op_workflows(const nlohmann::json& id);
  void op_directory(const nlohmann::json& id);
  void op_subscribe(const nlohmann::json& request, const nlohmann::json& id);
  void op_unsubscribe(const nlohmann::json& request, const nlohmann::json& id);
  void op_language(const nlohmann::json& request, const nlohmann::json& id);
  void op_search(const nlohmann::json& request, const nlohmann::json& id);
  void op_implementation_overview(const nlohmann::json& id);

  // Whether the user may see the dossier; replies "forbidden" when not.
  bool may_see(DossierId dossier, const nlohmann::json& id);
  bool take_token();

  void reply(const nlohmann::json& id, nlohmann::json result);
  void fail(const nlohmann::json& id, const char* code, const LocalizedText& message,
            const std::string& pointer = {});
  void fail(const nlohmann::json& id, const ProtocolError& error);
  void send(Outgoing message);
  void do_write();
  void on_write(boost::beast::error_code ec, std::size_t bytes);
  void close_after_queue(boost::beast::websocket::close_reason reason);
  void close_now();
  // Whether the sign-in session still holds; checked now and then, since
  // sessions expire on the server's clock.
  bool session_holds();

  boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
  boost::beast::flat_buffer buffer_;
  std::shared_ptr<Hub> hub_;
  User user_;
  const std::string token_;
  std::chrono::steady_clock::time_point session_checked_;
  boost::beast::websocket::close_reason close_reason_;
  Language language_ = Language::kVietnamese;

  std::deque<Outgoing> queue_;
  std::size_t queued_bytes_ = 0;
  bool resync_pending_ = false;  // told to resync; pushes stop until it resubscribes
  // Per followed dossier: the highest event sequence already sent.
  std::unordered_map<DossierId, Sequence> following_;
  bool following_inbox_ = false;
  bool closing_ = false;  // the server is stopping: close once the queue is written

  double tokens_;
  std::chrono::steady_clock::time_point refilled_;
};

}  // namespace planflow
