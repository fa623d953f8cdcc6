// The load client, the same for every subject: asynchronous Boost.Beast
// WebSockets, all on one io_context thread, opened as the browser opens
// them (a session cookie and an allowed Origin in the upgrade request).
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

namespace planflow::server_bench {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using nlohmann::json;

// From now on a lost connection is the server closing at the end, not a failure.
void expect_disconnects();

// One client WebSocket. Replies are matched to requests by id; pushed
// events go to `on_event`. Everything runs on the client's io thread.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  using ReplyHandler = std::function<void(const json&)>;

  explicit Connection(net::io_context& ioc) : ws_(ioc) {}

  void open(const tcp::endpoint& server, std::string cookie, std::string origin,
            std::function<void()> done);
  // Sends `request` with the next "id" and hands its reply to `on_reply`.
  void call(json request, ReplyHandler on_reply);
  void close();

  // The global sequence number of each event pushed to this session.
  std::function<void(std::uint64_t seq)> on_event;

 private:
  void upgrade(std::string cookie, std::string origin, std::function<void()> done);
  void read();
  void receive(std::string_view text);
  void write(std::string text);
  void write_front();

  boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
  boost::beast::flat_buffer buffer_;
  std::deque<std::string> outbox_;
  std::unordered_map<std::uint64_t, ReplyHandler> pending_;
  std::uint64_t last_id_ = 0;
};

using ConnectionPtr = std::shared_ptr<Connection>;

// One io_context on one thread for every connection. It runs on the CPU the
// thread that makes it is pinned to.
class Client {
 public:
  Client(tcp::endpoint server, std::string origin);
  // Connections go round the servers: the i-th opened to servers[i % n].
  Client(std::vector<tcp::endpoint> servers, std::string origin);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // CPU time of the io thread, where all the client's work is done.
  double cpu_seconds() const;
  net::io_context& ioc() { return ioc_; }

  // Runs `f` on the client thread and waits for it.
  // The promise is shared: the waiting thread may destroy its end as soon
  // as get() returns, while set_value() is still returning on this thread.
  template <class F>
  void run(F f) {
    auto done = std::make_shared<std::promise<void>>();
    auto finished = done->get_future();
    net::post(ioc_, [&f, done] {
      f();
      done->set_value();
    });
    finished.get();
  }

  // Opens one connection per cookie, a bounded number of upgrades at a time.
  std::vector<ConnectionPtr> open(const std::vector<std::string>& cookies);

  // One request and its reply, from the main thread; a refusal is fatal.
  json call(Connection& c, json request, const std::string& what);

 private:
  std::vector<tcp::endpoint> servers_;
  std::string origin_;
  net::io_context ioc_;
  net::executor_work_guard<net::io_context::executor_type> work_;
  std::thread thread_;
  clockid_t cpu_clock_{};
};

}  // namespace planflow::server_bench
