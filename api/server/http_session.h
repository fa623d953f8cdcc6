// One HTTP connection: static files, sign-in and sign-out, health and
// metrics, and the upgrade to a WebSocket for a signed-in user from an
// allowed origin.
#pragma once

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <memory>
#include <optional>

#include "api/server/hub.h"

namespace planflow {

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(boost::asio::ip::tcp::socket&& socket, std::shared_ptr<Hub> hub);
  ~HttpSession();
  void run();
  // Thread-safe: the server is stopping. An idle connection closes now, a
  // busy one after its answer.
  void shut_down();

 private:
  using Request = boost::beast::http::request<boost::beast::http::string_body>;
  using Response = boost::beast::http::response<boost::beast::http::string_body>;

  void do_read();
  void on_read(boost::beast::error_code ec, std::size_t bytes);
  void upgrade(Request request);
  Response handle(const Request& request);
  Response sign_in(const Request& request);
  Response sign_out(const Request& request);
  Response me(const Request& request);
  Response metrics(const Request& request);
  void send_file(const Request& request);
  void send(Response response);
  void on_write(bool keep_alive, boost::beast::error_code ec, std::size_t bytes);

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::shared_ptr<Hub> hub_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  std::string address_;
  bool reading_ = false;   // waiting for a request: nothing would be lost by closing
  bool stopping_ = false;  // no request is read after the current answer
};

// The session token in a Cookie header, or "".
std::string session_cookie(boost::beast::string_view cookie_header);
inline constexpr const char* kSessionCookie = "planflow_session";

}  // namespace planflow
