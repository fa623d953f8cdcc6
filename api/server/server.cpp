#include "api/server/server.h"

#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <chrono>
#include <filesystem>
#include <thread>
#include <vector>

#include "api/server/http_session.h"
#include "api/server/hub.h"
#include "api/server/log_follower.h"
#include "api/server/signing_service.h"
#include "api/server/timer_service.h"
#include "api/workflow_files.h"
#include "engine/store/open_store.h"

namespace planflow {

namespace beast = boost::beast;
namespace net = boost::asio;
using tcp = net::ip::tcp;

Time wall_clock_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

namespace {

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(net::io_context& ioc, tcp::acceptor acceptor, std::shared_ptr<Hub> hub)
      : ioc_(ioc), acceptor_(std::move(acceptor)), hub_(std::move(hub)) {}

  void run() { do_accept(); }

  void stop() {
    net::post(acceptor_.get_executor(), [self = shared_from_this()] {
      beast::error_code ec;
      self->acceptor_.close(ec);
    });
  }

 private:
  void do_accept() {
    // Each connection gets a strand of its own: its handlers never run at
    // once, whatever thread picks them up.
    acceptor_.async_accept(net::make_strand(ioc_),
                           beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
  }

  void on_accept(beast::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
    if (!ec) std::make_shared<HttpSession>(std::move(socket), hub_)->run();
    do_accept();
  }

  net::io_context& ioc_;
  tcp::acceptor acceptor_;
  std::shared_ptr<Hub> hub_;
};

}  // namespace

struct Server::Impl {
  ServerConfig config;
  DefinitionSet definitions;
  std::unique_ptr<Store> store;
  std::unique_ptr<Queries> queries;
  std::unique_ptr<Accounts> accounts;
  net::io_context ioc;
  std::shared_ptr<Hub> hub;
  std::shared_ptr<TimerService> timers;  // after ioc: it must go before the io_context
  std::shared_ptr<SigningService> signing;
  std::unique_ptr<LogFollower> follower;  // when nodes share the log
  std::shared_ptr<Listener> listener;
  unsigned short port = 0;
  std::atomic<bool> stopping{false};
  std::unique_ptr<net::steady_timer> grace;
};

Result<std::unique_ptr<Server>, std::string> Server::start(ServerConfig config) {
  auto impl = std::make_unique<Impl>();
  impl->config = std::move(config);
  ServerConfig& c = impl->config;

  auto files = list_definition_files(c.workflows);
  if (!files.ok()) return files.error().message;
  auto calendar = load_working_calendar(c.workflows);
  if (!calendar.ok()) return calendar.error().message;
  for (const FileProblems& f :
       load_definition_files(files.value(), &impl->definitions, calendar.value()))
    if (!f.problems.empty())
      return f.path + ": " + (f.problems[0].pointer.empty() ? "/" : f.problems[0].pointer) + ": " +
             f.problems[0].message + " (check with: planflow validate " + c.workflows + ")";

  const StoreLocation database = parse_store_location(c.database);
  if (database.kind == StoreKind::kSqlite) {
    std::error_code fs_error;
    const auto folder = std::filesystem::path(database.where).parent_path();
    if (!folder.empty()) std::filesystem::create_directories(folder, fs_error);
    if (fs_error) return "cannot create " + folder.string() + ": " + fs_error.message();
  }
  auto store = open_store(database, impl->definitions);
  if (!store.ok()) return store.error().message;
  impl->store = std::move(store).value();
  auto accounts = open_accounts(c.database);
  if (!accounts.ok()) return accounts.error().message;
  impl->accounts = std::move(accounts).value();
  auto queries = Queries::open(c.database);
  if (!queries.ok()) return queries.error().message;
  impl->queries = std::move(queries).value();

  beast::error_code ec;
  const auto address = net::ip::make_address(c.address, ec);
  if (ec) return "\"" + c.address + "\" is not an IP address";
  tcp::acceptor acceptor(impl->ioc);
  const tcp::endpoint endpoint{address, c.port};
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec)
    return "cannot listen on " + c.address + ":" + std::to_string(c.port) + ": " + ec.message();
  impl->port = acceptor.local_endpoint().port();
  if (c.allowed_origins.empty()) {
    const std::string port = std::to_string(impl->port);
    c.allowed_origins.push_back("http://" + c.address + ":" + port);
    if (c.address == "127.0.0.1") c.allowed_origins.push_back("http://localhost:" + port);
  }
  impl->hub =
      std::make_shared<Hub>(c, *impl->store, *impl->queries, *impl->accounts, impl->definitions);
  if (database.kind == StoreKind::kPostgres) {
    auto end = impl->store->last_sequence();
    if (!end.ok()) return end.error().message;
    auto notifications = listen_to_log(database.where);
    if (!notifications.ok()) return notifications.error().message;
    impl->hub->publish_from_log();
    impl->follower =
        std::make_unique<LogFollower>(impl->hub, std::move(notifications).value(), end.value());
    impl->follower->start();
  }
  // Before any connection, so no commit goes unseen; its first look also
  // fires what fell due while the server was down.
  impl->timers = std::make_shared<TimerService>(impl->ioc, impl->hub);
  impl->timers->start();
  // Signs what was issued and is not yet signed, then each issue as it commits.
  impl->signing = std::make_shared<SigningService>(impl->ioc, impl->hub);
  impl->signing->start();
  impl->listener = std::make_shared<Listener>(impl->ioc, std::move(acceptor), impl->hub);
  impl->listener->run();
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() {
  stop();
  impl_->store->close();
}

unsigned short Server::port() const {
  return impl_->port;
}

std::string Server::url() const {
  return "http://" + impl_->config.address + ":" + std::to_string(impl_->port) + "/";
}

void Server::run() {
  std::vector<std::thread> threads;
  for (int i = 1; i < impl_->config.threads; ++i)
    threads.emplace_back([this] { impl_->ioc.run(); });
  impl_->ioc.run();
  for (auto& t : threads)
    t.join();
}

void Server::stop() {
  if (impl_->stopping.exchange(true)) return;
  impl_->listener->stop();
  // Nothing new is fired once the store begins to close.
  impl_->timers->stop();
  impl_->signing->stop();
  // Commands already queued commit and are answered before anything closes.
  impl_->store->close();
  // And are pushed: the follower's last read comes after the store's close.
  if (impl_->follower) impl_->follower->stop();
  impl_->hub->close_all();
  // Sessions finish their queues and send their close frames. The threads
  // stop once every connection is gone, or after a grace period for clients
  // that never answer a close.
  net::post(impl_->ioc, [impl = impl_.get()] {
    impl->grace = std::make_unique<net::steady_timer>(impl->ioc);
    wait_for_connections(impl, std::chrono::steady_clock::now() + std::chrono::seconds(2));
  });
}

void Server::wait_for_connections(Impl* impl, std::chrono::steady_clock::time_point deadline) {
  if (impl->hub->connections() == 0 || std::chrono::steady_clock::now() >= deadline)
    return impl->ioc.stop();
  impl->grace->expires_after(std::chrono::milliseconds(10));
  impl->grace->async_wait(
      [impl, deadline](beast::error_code) { Server::wait_for_connections(impl, deadline); });
}

}  // namespace planflow
