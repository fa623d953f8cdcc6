#include "bench/server/client.h"

#include <pthread.h>

#include <atomic>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdlib>
#include <ctime>

#include "bench/server/common.h"

namespace planflow::server_bench {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;

namespace {

// More upgrades at once would only wait in the accept backlog.
constexpr std::size_t kUpgradesInFlight = 64;

std::atomic<bool> g_closing{false};

}  // namespace

void expect_disconnects() {
  g_closing = true;
}

void Connection::open(const tcp::endpoint& server, std::string cookie, std::string origin,
                      std::function<void()> done) {
  auto self = shared_from_this();
  ws_.next_layer().expires_after(std::chrono::seconds(10));
  ws_.next_layer().async_connect(
      server, [self, cookie = std::move(cookie), origin = std::move(origin),
               done = std::move(done)](beast::error_code ec) mutable {
        if (ec) die("cannot connect: " + ec.message());
        self->upgrade(std::move(cookie), std::move(origin), std::move(done));
      });
}

void Connection::call(json request, ReplyHandler on_reply) {
  const std::uint64_t id = ++last_id_;
  request["id"] = id;
  pending_.emplace(id, std::move(on_reply));
  write(request.dump());
}

void Connection::close() {
  ws_.async_close(websocket::close_code::normal, [self = shared_from_this()](beast::error_code) {});
}

void Connection::upgrade(std::string cookie, std::string origin, std::function<void()> done) {
  ws_.next_layer().expires_never();
  ws_.next_layer().socket().set_option(tcp::no_delay(true));
  ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
  ws_.set_option(websocket::stream_base::decorator(
      [cookie = std::move(cookie), origin = std::move(origin)](websocket::request_type& req) {
        req.set(http::field::cookie, cookie);
        req.set(http::field::origin, origin);
      }));
  ws_.async_handshake("127.0.0.1", "/ws",
                      [self = shared_from_this(), done = std::move(done)](beast::error_code ec) {
                        if (ec) die("the WebSocket upgrade failed: " + ec.message());
                        self->read();
                        done();
                      });
}

void Connection::read() {
  ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
    if (ec) {
      if (!g_closing) die("a connection was lost: " + ec.message());
      return;
    }
    const auto data = self->buffer_.cdata();
    self->receive(std::string_view(static_cast<const char*>(data.data()), data.size()));
    self->buffer_.consume(self->buffer_.size());
    self->read();
  });
}

namespace {

// The event's "seq" is the last key of the message (keys are in
// alphabetical order; the event body has no "seq" of its own).
std::uint64_t top_level_seq(std::string_view text) {
  const auto at = text.rfind(R"("seq":)");
  if (at == std::string_view::npos) die("an event without a sequence number");
  return std::strtoull(text.data() + at + 6, nullptr, 10);
}

}  // namespace

void Connection::receive(std::string_view text) {
  // Events are nearly all of the fan-out traffic: they are recognised
  // without parsing, so the client's own work stays small in what is timed.
  if (text.find(R"("type":"event")") != std::string_view::npos) {
    if (on_event) on_event(top_level_seq(text));
    return;
  }
  const json m = json::parse(text, nullptr, false);
  if (m.is_discarded()) die("the server sent something that is not JSON");
  if (m.value("type", "") == "resync")
    die("a subscriber was told to resync: its send queue overflowed");
  const auto id = m.find("id");
  if (id == m.end()) return;  // an inbox hint
  if (!id->is_number_unsigned()) die("a request was refused: " + m.dump());
  const auto handler = pending_.find(id->get<std::uint64_t>());
  if (handler == pending_.end()) die("a reply to no request: " + m.dump());
  const ReplyHandler on_reply = std::move(handler->second);
  pending_.erase(handler);
  on_reply(m);
}

void Connection::write(std::string text) {
  outbox_.push_back(std::move(text));
  if (outbox_.size() == 1) write_front();
}

void Connection::write_front() {
  ws_.async_write(net::buffer(outbox_.front()),
                  [self = shared_from_this()](beast::error_code ec, std::size_t) {
                    if (ec) die("a write failed: " + ec.message());
                    self->outbox_.pop_front();
                    if (!self->outbox_.empty()) self->write_front();
                  });
}

Client::Client(tcp::endpoint server, std::string origin)
    : Client(std::vector<tcp::endpoint>{std::move(server)}, std::move(origin)) {}

Client::Client(std::vector<tcp::endpoint> servers, std::string origin)
    : servers_(std::move(servers)), origin_(std::move(origin)), work_(ioc_.get_executor()) {
  thread_ = std::thread([this] { ioc_.run(); });
  pthread_getcpuclockid(thread_.native_handle(), &cpu_clock_);
}

Client::~Client() {
  work_.reset();
  ioc_.stop();
  thread_.join();
}

double Client::cpu_seconds() const {
  timespec ts{};
  clock_gettime(cpu_clock_, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

std::vector<ConnectionPtr> Client::open(const std::vector<std::string>& cookies) {
  struct Opening {
    std::vector<ConnectionPtr> connections;
    std::size_t next = 0, opened = 0;
    std::promise<void> all;
  };
  if (cookies.empty()) return {};
  auto state = std::make_shared<Opening>();
  for (std::size_t i = 0; i < cookies.size(); ++i)
    state->connections.push_back(std::make_shared<Connection>(ioc_));
  auto open_next = std::make_shared<std::function<void()>>();
  *open_next = [this, state, &cookies, open_next] {
    if (state->next == cookies.size()) return;
    const std::size_t i = state->next++;
    state->connections[i]->open(
        servers_[i % servers_.size()], cookies[i], origin_, [state, open_next] {
          if (++state->opened == state->connections.size()) {
            state->all.set_value();
            *open_next = nullptr;  // breaks the cycle through its own capture
          } else {
            (*open_next)();
          }
        });
  };
  auto all = state->all.get_future();
  net::post(ioc_, [open_next, n = std::min(kUpgradesInFlight, cookies.size())] {
    for (std::size_t k = 0; k < n; ++k)
      (*open_next)();
  });
  all.get();
  return state->connections;
}

json Client::call(Connection& c, json request, const std::string& what) {
  auto reply = std::make_shared<std::promise<json>>();
  auto answered = reply->get_future();
  net::post(ioc_, [&c, &request, reply] {
    c.call(std::move(request), [reply](const json& r) { reply->set_value(r); });
  });
  json r = answered.get();
  if (!r.contains("result")) die(what + " was refused: " + r.dump());
  return r["result"];
}

}  // namespace planflow::server_bench
