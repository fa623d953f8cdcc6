#include "api/server/http_session.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/websocket.hpp>
#include <fstream>
#include <sstream>

#include "api/server/language.h"
#include "api/server/protocol.h"
#include "api/server/static_files.h"
#include "api/server/websocket_session.h"

namespace planflow {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using nlohmann::json;

std::string session_cookie(beast::string_view header) {
  const std::string name = std::string(kSessionCookie) + "=";
  std::string_view h(header.data(), header.size());
  size_t pos = 0;
  while (pos < h.size()) {
    while (pos < h.size() && (h[pos] == ' ' || h[pos] == ';'))
      ++pos;
    const size_t end = h.find(';', pos);
    const std::string_view part = h.substr(pos, end == std::string_view::npos ? h.npos : end - pos);
    if (part.rfind(name, 0) == 0) return std::string(part.substr(name.size()));
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  return "";
}

HttpSession::HttpSession(net::ip::tcp::socket&& socket, std::shared_ptr<Hub> hub)
    : stream_(std::move(socket)), hub_(std::move(hub)) {
  hub_->metrics().http_connection_opened();
  hub_->join(this);
  beast::error_code ec;
  const auto endpoint = stream_.socket().remote_endpoint(ec);
  if (!ec) address_ = endpoint.address().to_string();
}

HttpSession::~HttpSession() {
  hub_->leave(this);
}

void HttpSession::shut_down() {
  net::post(stream_.get_executor(), [self = shared_from_this()] {
    self->stopping_ = true;
    if (self->reading_) {
      beast::error_code ec;
      self->stream_.socket().shutdown(net::ip::tcp::socket::shutdown_both, ec);
      self->stream_.cancel();
    }
  });
}

void HttpSession::run() {
  net::dispatch(stream_.get_executor(),
                beast::bind_front_handler(&HttpSession::do_read, shared_from_this()));
}

void HttpSession::do_read() {
  const ServerLimits& limits = hub_->config().limits;
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(limits.header_bytes));
  parser_->body_limit(limits.body_bytes);
  stream_.expires_after(limits.http_timeout);
  reading_ = true;
  http::async_read(stream_, buffer_, *parser_,
                   beast::bind_front_handler(&HttpSession::on_read, shared_from_this()));
}

namespace {

http::response<http::string_body> json_response(const http::request<http::string_body>& req,
                                                http::status status, const json& body) {
  http::response<http::string_body> res{status, req.version()};
  res.set(http::field::server, "planflow");
  res.set(http::field::content_type, "application/json");
  res.set(http::field::cache_control, "no-store");
  res.keep_alive(req.keep_alive());
  res.body() = body.dump();
  res.prepare_payload();
  return res;
}

// The message in the language the browser asked for (see language.h).
http::response<http::string_body> error_response(const http::request<http::string_body>& req,
                                                 http::status status, const char* code,
                                                 const LocalizedText& message) {
  const Language language =
      choose_language(req.target(), req[http::field::cookie], req[http::field::accept_language]);
  return json_response(req, status,
                       {{"error", {{"code", code}, {"message", in(message, language)}}}});
}

const LocalizedText kSignInFirst{"Vui lòng đăng nhập", "sign in first"};

// A session that cannot be looked up has not ended: the browser should try
// again, not ask its user to sign in.
http::response<http::string_body> no_session(const http::request<http::string_body>& req,
                                             const AccountError& e) {
  if (e.code == AccountErrorCode::kUnavailable)
    return error_response(
        req, http::status::service_unavailable, "unavailable",
        {"Tạm thời không kết nối được cơ sở dữ liệu; vui lòng thử lại sau giây lát",
         "the database cannot be reached for now; try again in a moment"});
  return error_response(req, http::status::unauthorized, "unauthorized", kSignInFirst);
}
const LocalizedText kNoSuchPage{"Không có trang này", "no such page"};

// Sign-in refusals in words for the person at the keyboard; the English
// detail the accounts module gives stays in the English message.
LocalizedText sign_in_refusal(const AccountError& e) {
  switch (e.code) {
    case AccountErrorCode::kThrottled:
      return {"Đăng nhập sai quá nhiều lần; vui lòng thử lại sau " + std::to_string(e.retry_after) +
                  " giây",
              e.message};
    case AccountErrorCode::kDisabled:
      return {"Tài khoản đã bị khóa; vui lòng liên hệ quản trị viên", e.message};
    case AccountErrorCode::kUnavailable:
      return {"Hệ thống tạm thời chưa đăng nhập được; vui lòng thử lại sau", e.message};
    default:
      return {"Tên đăng nhập hoặc mật khẩu không đúng", e.message};
  }
}

// The target without its query ("/ws?lang=en" is "/ws").
std::string_view path_of(const http::request<http::string_body>& req) {
  const std::string_view target(req.target().data(), req.target().size());
  return target.substr(0, target.find('?'));
}

json user_json(const User& u) {
  return {{"id", u.id}, {"login", u.login}, {"name", u.name}, {"unit", u.unit}, {"admin", u.admin}};
}

}  // namespace

void HttpSession::on_read(beast::error_code ec, std::size_t) {
  reading_ = false;
  if (stopping_) return;
  if (ec == http::error::end_of_stream) {
    stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ec);
    return;
  }
  if (ec == http::error::header_limit || ec == http::error::body_limit) {
    Request req;
    req.version(11);
    const ServerLimits& limits = hub_->config().limits;
    const bool body = ec == http::error::body_limit;
    const std::string n = std::to_string(body ? limits.body_bytes : limits.header_bytes);
    auto res = error_response(
        req, body ? http::status::payload_too_large : http::status::request_header_fields_too_large,
        "too_large",
        body ? LocalizedText{"Nội dung yêu cầu dài quá " + n + " byte",
                             "the request body is longer than " + n + " bytes"}
             : LocalizedText{"Phần đầu yêu cầu dài quá " + n + " byte",
                             "the request headers are longer than " + n + " bytes"});
    res.keep_alive(false);
    return send(std::move(res));
  }
  if (ec && ec.category() == http::make_error_code(http::error::bad_target).category()) {
    // A request that does not parse (a NUL in its line, a bad header) is
    // answered before the connection closes, so a client learns why.
    Request req;
    req.version(11);
    auto res = error_response(req, http::status::bad_request, "bad_request",
                              {"Yêu cầu HTTP không hợp lệ", "malformed HTTP request"});
    res.keep_alive(false);
    return send(std::move(res));
  }
  if (ec) return;
  Request request = parser_->release();
  if (websocket::is_upgrade(request)) return upgrade(std::move(request));
  const std::string_view path = path_of(request);
  if (request.method() == http::verb::get && path.find("/api/") != 0 && path != "/healthz" &&
      path != "/metrics" && path != "/me")
    return send_file(request);
  send(handle(request));
}

void HttpSession::upgrade(Request request) {
  if (path_of(request) != "/ws")
    return send(error_response(request, http::status::not_found, "not_found",
                               {"Kết nối WebSocket ở địa chỉ /ws", "WebSockets live at /ws"}));
  const std::string origin(request[http::field::origin]);
  const auto& allowed = hub_->config().allowed_origins;
  if (origin.empty() || std::find(allowed.begin(), allowed.end(), origin) == allowed.end())
    return send(error_response(request, http::status::forbidden, "forbidden",
                               {"Trang web này không được phép kết nối tới planflow",
                                "this page's origin may not open a planflow connection"}));
  std::string token = session_cookie(request[http::field::cookie]);
  auto user = hub_->accounts().session_user(token, hub_->config().clock());
  if (!user.ok()) return send(no_session(request, user.error()));
  stream_.expires_never();  // the WebSocket keeps its own timeouts
  std::make_shared<WebsocketSession>(stream_.release_socket(), hub_, user.value(), std::move(token))
      ->run(std::move(request));
}

HttpSession::Response HttpSession::handle(const Request& req) {
  const std::string_view target = path_of(req);
  if (target == "/healthz" && req.method() == http::verb::get) {
    Response res{http::status::ok, req.version()};
    res.set(http::field::content_type, "text/plain; charset=utf-8");
    res.set(http::field::cache_control, "no-store");
    res.keep_alive(req.keep_alive());
    res.body() = "ok\n";
    res.prepare_payload();
    return res;
  }
  if (target == "/metrics" && req.method() == http::verb::get) return metrics(req);
  if (target == "/login" && req.method() == http::verb::post) return sign_in(req);
  if (target == "/logout" && req.method() == http::verb::post) return sign_out(req);
  if (target == "/me" && req.method() == http::verb::get) return me(req);
  return error_response(req, http::status::not_found, "not_found", kNoSuchPage);
}

HttpSession::Response HttpSession::sign_in(const Request& req) {
  const json body = json::parse(req.body(), nullptr, false);
  if (body.is_discarded() || !body.is_object() || !body.contains("login") ||
      !body["login"].is_string() || !body.contains("password") || !body["password"].is_string())
    return error_response(req, http::status::bad_request, "bad_request",
                          {"Hãy gửi {\"login\": ..., \"password\": ...} dạng JSON",
                           "send {\"login\": ..., \"password\": ...} as JSON"});
  auto signed_in = hub_->accounts().sign_in(body["login"].get<std::string>(),
                                            body["password"].get<std::string>(), address_,
                                            hub_->config().clock());
  if (!signed_in.ok()) {
    const AccountError& e = signed_in.error();
    if (e.code == AccountErrorCode::kThrottled) {
      auto res =
          error_response(req, http::status::too_many_requests, "rate_limited", sign_in_refusal(e));
      res.set(http::field::retry_after, std::to_string(e.retry_after));
      return res;
    }
    if (e.code == AccountErrorCode::kUnavailable)
      return error_response(req, http::status::service_unavailable, "internal", sign_in_refusal(e));
    return error_response(req, http::status::unauthorized, "unauthorized", sign_in_refusal(e));
  }
  const SignIn& s = signed_in.value();
  auto res = json_response(req, http::status::ok, {{"user", user_json(s.user)}});
  res.set(http::field::set_cookie,
          std::string(kSessionCookie) + "=" + s.token +
              "; HttpOnly; SameSite=Strict; Path=/; Max-Age=" +
              std::to_string(std::max<Time>(0, s.expires_at - hub_->config().clock())));
  return res;
}

HttpSession::Response HttpSession::sign_out(const Request& req) {
  const std::string token = session_cookie(req[http::field::cookie]);
  if (!token.empty()) {
    hub_->accounts().sign_out(token);
    hub_->end_session(token);
  }
  auto res = json_response(req, http::status::ok, json::object());
  res.set(http::field::set_cookie,
          std::string(kSessionCookie) + "=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
  return res;
}

HttpSession::Response HttpSession::me(const Request& req) {
  auto user = hub_->accounts().session_user(session_cookie(req[http::field::cookie]),
                                            hub_->config().clock());
  if (!user.ok()) return no_session(req, user.error());
  return json_response(req, http::status::ok, {{"user", user_json(user.value())}});
}

HttpSession::Response HttpSession::metrics(const Request& req) {
  Response res{http::status::ok, req.version()};
  res.set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
  res.set(http::field::cache_control, "no-store");
  res.keep_alive(req.keep_alive());
  res.body() = hub_->metrics().render(hub_->store().stats(), hub_->sessions());
  res.prepare_payload();
  return res;
}

void HttpSession::send_file(const Request& req) {
  const auto file = resolve_static(hub_->config().web_root,
                                   std::string_view(req.target().data(), req.target().size()));
  if (!file) return send(error_response(req, http::status::not_found, "not_found", kNoSuchPage));
  std::ifstream in(file->path, std::ios::binary);
  std::stringstream body;
  body << in.rdbuf();
  Response res{http::status::ok, req.version()};
  res.set(http::field::server, "planflow");
  res.set(http::field::content_type, file->content_type);
  res.set(http::field::cache_control, file->cache_control);
  res.set("X-Content-Type-Options", "nosniff");
  res.keep_alive(req.keep_alive());
  res.body() = body.str();
  res.prepare_payload();
  send(std::move(res));
}

void HttpSession::send(Response response) {
  const bool keep_alive = response.keep_alive();
  auto shared = std::make_shared<Response>(std::move(response));
  http::async_write(
      stream_, *shared,
      [self = shared_from_this(), shared, keep_alive](beast::error_code ec, std::size_t n) {
        self->on_write(keep_alive, ec, n);
      });
}

void HttpSession::on_write(bool keep_alive, beast::error_code ec, std::size_t) {
  if (ec) return;
  if (!keep_alive || stopping_) {
    stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ec);
    return;
  }
  do_read();
}

}  // namespace planflow
