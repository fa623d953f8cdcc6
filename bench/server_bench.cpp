// The server end to end: WebSocket clients on loopback against a real
// planflow::Server started in this process, with a temporary database and
// the repository's workflows/. Two figures, beside the targets of DESIGN.md §4:
//
//  1. durable add_comment commands, closed loop: each session sends one and
//     waits for its reply, which comes only after the commit (synchronous=FULL);
//  2. fan-out: one comment pushed to every session subscribed to one dossier,
//     timed from sending the command to the last (and the median) subscriber.
//
//   planflow_server_bench [--sessions 1,16,64] [--seconds 5] [--subscribers 1000]
//                         [--rounds 50] [--server-threads 2] [--dir /tmp] [--pin]
//                         [--shared-dossier] [--quick]
//
// It prints figures and asserts nothing about speed; it stops with a message
// when the server refuses something, since it would then be timing errors.
#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <deque>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "api/accounts.h"
#include "api/server/server.h"
#include "engine/store/store.h"

using namespace planflow;
using nlohmann::json;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kPassword = "mat-khau-du-dai-1";
constexpr const char* kComment =
    "Đề nghị điều chỉnh chỉ tiêu cho sát thực tiễn, bổ sung lộ trình thi tuyển.";
// A push that has not reached every subscriber by then is lost, not slow.
constexpr auto kRoundTimeout = std::chrono::seconds(10);
// More upgrades at once would only wait in the accept backlog.
constexpr std::size_t kUpgradesInFlight = 64;
// Bindings of one dossier are capped by the engine (kMaxParticipants = 500);
// the drafter and chair take two of them.
constexpr std::size_t kMaxFanOutUsers = 400;

std::string g_temp_dir;  // removed on every exit, also a failed one

[[noreturn]] void die(const std::string& message) {
  std::fprintf(stderr, "planflow_server_bench: %s\n", message.c_str());
  std::fflush(stdout);
  std::error_code ignored;
  if (!g_temp_dir.empty()) std::filesystem::remove_all(g_temp_dir, ignored);
  // Server and client threads are still running: unwinding would race them.
  std::_Exit(1);
}

// ---------------------------------------------------------------- options

struct Options {
  std::vector<int> sessions{1, 16, 64};
  double seconds = 5;
  int subscribers = 1000;
  int rounds = 50;
  int server_threads = 2;
  std::string dir = "/tmp";
  bool pin = false;
  bool shared_dossier = false;
};

void print_usage() {
  std::printf(
      "usage: planflow_server_bench [options]\n"
      "  --sessions LIST       closed-loop sessions per run, e.g. 1,16,64 (default)\n"
      "  --seconds S           duration of each closed-loop run (default 5)\n"
      "  --subscribers N       sessions subscribed to the fan-out dossier (default 1000)\n"
      "  --rounds N            comments pushed to them, one at a time (default 50)\n"
      "  --server-threads N    ServerConfig.threads (default 2)\n"
      "  --dir PATH            where the temporary database goes (default /tmp)\n"
      "  --pin                 server threads on one CPU, the client on another\n"
      "  --shared-dossier      closed-loop sessions all comment on one dossier\n"
      "  --quick               small numbers, a few seconds in all (for a smoke run)\n");
}

int parse_int(const std::string& flag, const std::string& text, int min, int max) {
  try {
    std::size_t used = 0;
    const int v = std::stoi(text, &used);
    if (used == text.size() && v >= min && v <= max) return v;
  } catch (const std::exception&) {
  }
  die(flag + " wants a whole number from " + std::to_string(min) + " to " + std::to_string(max) +
      ", not \"" + text + "\"");
}

std::vector<int> parse_list(const std::string& flag, const std::string& text) {
  std::vector<int> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    out.push_back(parse_int(flag, text.substr(start, comma - start), 1, 1000));
    start = comma + 1;
  }
  return out;
}

Options parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    std::optional<std::string> inline_value;
    if (const auto eq = flag.find('='); eq != std::string::npos) {
      inline_value = flag.substr(eq + 1);
      flag.resize(eq);
    }
    auto value = [&]() -> std::string {
      if (inline_value) return *inline_value;
      if (i + 1 >= argc) die(flag + " needs a value");
      return argv[++i];
    };
    if (flag == "--help" || flag == "-h") {
      print_usage();
      std::exit(0);
    } else if (flag == "--quick") {
      o.sessions = {1, 4};
      o.seconds = 1;
      o.subscribers = 50;
      o.rounds = 5;
    } else if (flag == "--pin") {
      o.pin = true;
    } else if (flag == "--shared-dossier") {
      o.shared_dossier = true;
    } else if (flag == "--sessions") {
      o.sessions = parse_list(flag, value());
    } else if (flag == "--seconds") {
      o.seconds = parse_int(flag, value(), 1, 3600);
    } else if (flag == "--subscribers") {
      o.subscribers = parse_int(flag, value(), 1, 100000);
    } else if (flag == "--rounds") {
      o.rounds = parse_int(flag, value(), 1, 100000);
    } else if (flag == "--server-threads") {
      o.server_threads = parse_int(flag, value(), 1, 64);
    } else if (flag == "--dir") {
      o.dir = value();
    } else {
      die("unknown option " + flag + " (see --help)");
    }
  }
  return o;
}

// ---------------------------------------------------------------- figures

double ms_between(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

// Nearest-rank percentile of sorted values.
double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const auto rank = static_cast<std::size_t>(p / 100 * static_cast<double>(sorted.size()));
  return sorted[std::min(sorted.size() - 1, rank)];
}

double cpu_seconds(clockid_t clock) {
  timespec ts{};
  clock_gettime(clock, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Client and server share the process, so the server's CPU time is the
// process's minus the client's io thread's and the (waiting) main thread's.
struct CpuSample {
  double process = 0, client = 0, main = 0;
};

struct CpuUse {
  double server = 0, client = 0;
};

CpuSample sample_cpu(clockid_t client_clock) {
  return {cpu_seconds(CLOCK_PROCESS_CPUTIME_ID), cpu_seconds(client_clock),
          cpu_seconds(CLOCK_THREAD_CPUTIME_ID)};
}

CpuUse cpu_between(const CpuSample& a, const CpuSample& b) {
  const double client = b.client - a.client;
  return {(b.process - a.process) - client - (b.main - a.main), client};
}

// ---------------------------------------------------------------- machine

void raise_fd_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) die("cannot read the file-descriptor limit");
  const rlim_t before = limit.rlim_cur;
  limit.rlim_cur = limit.rlim_max;
  if (setrlimit(RLIMIT_NOFILE, &limit) != 0) limit.rlim_cur = before;
  std::printf("file descriptors: soft limit %llu -> %llu (hard %llu)\n",
              static_cast<unsigned long long>(before),
              static_cast<unsigned long long>(limit.rlim_cur),
              static_cast<unsigned long long>(limit.rlim_max));
}

std::string filesystem_of(const std::string& path) {
  struct statfs fs {};
  if (statfs(path.c_str(), &fs) != 0) return "unknown";
  switch (static_cast<unsigned long>(fs.f_type)) {
    case 0xEF53:
      return "ext4";
    case 0x58465342:
      return "xfs";
    case 0x9123683E:
      return "btrfs";
    case 0x01021994:
      return "tmpfs (fsync costs nothing here: not a durable figure)";
    case 0x794C7630:
      return "overlayfs";
    default:
      return "other";
  }
}

std::vector<int> allowed_cpus() {
  cpu_set_t set;
  CPU_ZERO(&set);
  std::vector<int> cpus;
  if (sched_getaffinity(0, sizeof set, &set) != 0) return cpus;
  for (int c = 0; c < CPU_SETSIZE; ++c)
    if (CPU_ISSET(c, &set)) cpus.push_back(c);
  return cpus;
}

void pin_this_thread(int cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  if (pthread_setaffinity_np(pthread_self(), sizeof set, &set) != 0)
    die("cannot pin a thread to CPU " + std::to_string(cpu));
}

// ---------------------------------------------------------------- accounts

struct Member {
  UserId user = 0;
  UnitId unit = 0;
  std::string cookie;
};

struct Cast {
  UnitId issuer_unit = 0;
  Member drafter;                 // drafts and chairs every dossier, and sends the fan-out comments
  std::vector<Member> delegates;  // one per closed-loop session, and the fan-out subscribers
};

template <class T>
T must(Result<T, AccountError> r, const std::string& what) {
  if (!r.ok()) die(what + ": " + r.error().message);
  return std::move(r).value();
}

// Accounts::sign_in is the only way to a session token; called in-process it
// skips HTTP and the per-address throttle, not the Argon2id check.
Member make_member(Accounts& accounts, const std::string& login, const std::string& name) {
  const User user =
      must(accounts.add_user(login, name, "SNV", kPassword, false), "adding user " + login);
  const SignIn s =
      must(accounts.sign_in(login, kPassword, "", std::time(nullptr)), "signing in " + login);
  return {user.id, user.unit, "planflow_session=" + s.token};
}

Cast make_accounts(const std::string& database, std::size_t delegates) {
  auto opened = open_accounts(database);
  if (!opened.ok()) die("cannot open the accounts: " + opened.error().message);
  Accounts& accounts = *opened.value();
  must(accounts.add_unit("SNV", "Sở Nội vụ"), "adding a unit");
  const Unit issuer = must(accounts.add_unit("UBND", "Ủy ban nhân dân tỉnh"), "adding a unit");

  std::vector<std::string> logins{"chu.tri"};
  for (std::size_t i = 1; i <= delegates; ++i)
    logins.push_back("dai.bieu." + std::to_string(i));
  std::vector<Member> members(logins.size());
  // Argon2id runs twice per user (the account, then the sign-in): spread it
  // over the cores, since the accounts hash outside their lock.
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> workers;
  for (unsigned w = 0; w < std::max(1u, std::thread::hardware_concurrency()); ++w)
    workers.emplace_back([&] {
      for (std::size_t i; (i = next++) < logins.size();)
        members[i] = make_member(accounts, logins[i],
                                 i == 0 ? "Chủ trì soạn thảo" : "Đại biểu " + std::to_string(i));
    });
  for (auto& w : workers)
    w.join();
  return {issuer.id, members[0], {members.begin() + 1, members.end()}};
}

// ---------------------------------------------------------------- client

bool g_closing = false;  // client io thread only: connections lost now are expected

// One client WebSocket. Replies are matched to requests by id; pushed events
// go to `on_event`. Everything runs on the single client io thread.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  using ReplyHandler = std::function<void(const json&)>;

  explicit Connection(net::io_context& ioc) : ws_(ioc) {}

  void open(const tcp::endpoint& server, std::string cookie, std::string origin,
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

  void call(json request, ReplyHandler on_reply) {
    const std::uint64_t id = ++last_id_;
    request["id"] = id;
    pending_.emplace(id, std::move(on_reply));
    write(request.dump());
  }

  void close() {
    ws_.async_close(websocket::close_code::normal,
                    [self = shared_from_this()](beast::error_code) {});
  }

  // The global sequence number of each event pushed to this session.
  std::function<void(std::uint64_t seq)> on_event;

 private:
  void upgrade(std::string cookie, std::string origin, std::function<void()> done) {
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

  void read() {
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

  void receive(std::string_view text) {
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

  // The event's "seq" is the last key of the message (nlohmann orders keys;
  // the event body has no "seq" of its own).
  static std::uint64_t top_level_seq(std::string_view text) {
    const auto at = text.rfind(R"("seq":)");
    if (at == std::string_view::npos) die("an event without a sequence number");
    return std::strtoull(text.data() + at + 6, nullptr, 10);
  }

  void write(std::string text) {
    outbox_.push_back(std::move(text));
    if (outbox_.size() == 1) write_front();
  }

  void write_front() {
    ws_.async_write(net::buffer(outbox_.front()),
                    [self = shared_from_this()](beast::error_code ec, std::size_t) {
                      if (ec) die("a write failed: " + ec.message());
                      self->outbox_.pop_front();
                      if (!self->outbox_.empty()) self->write_front();
                    });
  }

  websocket::stream<beast::tcp_stream> ws_;
  beast::flat_buffer buffer_;
  std::deque<std::string> outbox_;
  std::unordered_map<std::uint64_t, ReplyHandler> pending_;
  std::uint64_t last_id_ = 0;
};

using ConnectionPtr = std::shared_ptr<Connection>;

// The client side: one io_context on one thread for every connection.
class Client {
 public:
  Client(tcp::endpoint server, std::string origin, int pin_cpu)
      : server_(std::move(server)), origin_(std::move(origin)), work_(ioc_.get_executor()) {
    thread_ = std::thread([this, pin_cpu] {
      if (pin_cpu >= 0) pin_this_thread(pin_cpu);
      ioc_.run();
    });
    pthread_getcpuclockid(thread_.native_handle(), &cpu_clock_);
  }

  ~Client() {
    work_.reset();
    ioc_.stop();
    thread_.join();
  }

  clockid_t cpu_clock() const { return cpu_clock_; }
  net::io_context& ioc() { return ioc_; }

  // Runs `f` on the client thread and waits for it.
  // The promises are shared: the waiting thread may destroy its end as soon
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
  std::vector<ConnectionPtr> open(const std::vector<std::string>& cookies) {
    struct Opening {
      std::vector<ConnectionPtr> connections;
      std::size_t next = 0, opened = 0;
      std::promise<void> all;
    };
    auto state = std::make_shared<Opening>();
    for (std::size_t i = 0; i < cookies.size(); ++i)
      state->connections.push_back(std::make_shared<Connection>(ioc_));
    if (cookies.empty()) return {};
    auto open_next = std::make_shared<std::function<void()>>();
    *open_next = [this, state, &cookies, open_next] {
      if (state->next == cookies.size()) return;
      const std::size_t i = state->next++;
      state->connections[i]->open(server_, cookies[i], origin_, [state, open_next] {
        if (++state->opened == state->connections.size()) {
          state->all.set_value();
          *open_next = nullptr;  // breaks the cycle through its own capture
        } else {
          (*open_next)();
        }
      });
    };
    net::post(ioc_, [open_next, n = std::min(kUpgradesInFlight, cookies.size())] {
      for (std::size_t k = 0; k < n; ++k)
        (*open_next)();
    });
    state->all.get_future().get();
    return state->connections;
  }

  // One request and its reply, from the main thread; a refusal is fatal.
  json call(Connection& c, json request, const std::string& what) {
    auto reply = std::make_shared<std::promise<json>>();
    auto answered = reply->get_future();
    net::post(ioc_, [&c, &request, reply] {
      c.call(std::move(request), [reply](const json& r) { reply->set_value(r); });
    });
    json r = answered.get();
    if (!r.contains("result")) die(what + " was refused: " + r.dump());
    return r["result"];
  }

  void close_all(const std::vector<ConnectionPtr>& connections) {
    run([&] {
      g_closing = true;
      for (const auto& c : connections)
        c->close();
    });
  }

 private:
  tcp::endpoint server_;
  std::string origin_;
  net::io_context ioc_;
  net::executor_work_guard<net::io_context::executor_type> work_;
  std::thread thread_;
  clockid_t cpu_clock_{};
};

// ---------------------------------------------------------------- protocol

json command(DossierId dossier, const std::string& request_id, json body) {
  json r = {{"op", "command"}, {"dossier", dossier}, {"request_id", request_id}, {"command", body}};
  if (dossier == 0) r["workflow"] = "plan";
  return r;
}

json binding(const char* role, const Member& m) {
  return {{"role", role}, {"user", m.user}, {"unit", m.unit}};
}

struct OpenDossier {
  DossierId id = 0;
  std::uint64_t last_seq = 0;
};

// A plan dossier in consultation: the drafter drafts and chairs, the given
// members are its delegates.
OpenDossier open_plan(Client& client, Connection& drafter, const Cast& cast,
                      const std::vector<Member>& delegates, const std::string& name) {
  json bindings = json::array({binding("drafter", cast.drafter), binding("chair", cast.drafter)});
  for (const Member& m : delegates)
    bindings.push_back(binding("delegate", m));
  const json created =
      client.call(drafter,
                  command(0, name + "-create",
                          {{"type", "create_dossier"},
                           {"title", "Kế hoạch cải cách hành chính " + name},
                           {"issuer", {{"id", cast.issuer_unit}, {"code", "UBND"}}},
                           {"drafting_unit", {{"id", cast.drafter.unit}, {"code", "SNV"}}},
                           {"bindings", std::move(bindings)}}),
                  "creating dossier " + name);
  const DossierId id = created["dossier"];
  client.call(drafter, command(id, name + "-v1", {{"type", "submit_version"}, {"text", "Dự thảo"}}),
              "submitting a draft");
  const json opened = client.call(
      drafter,
      command(id, name + "-open", {{"type", "take_action"}, {"action", "open_consultation"}}),
      "opening the consultation");
  return {id, opened["last_seq"]};
}

json comment_request(DossierId dossier, const std::string& request_id) {
  return command(dossier, request_id, {{"type", "add_comment"}, {"text", kComment}});
}

// ---------------------------------------------------------------- metrics

struct Commits {
  double committed = 0, batches = 0;  // both 0: the server does not say
};

// The store's group-commit counters, from GET /metrics: commands committed
// and the transactions they took.
Commits read_commits(unsigned short port) {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  beast::error_code ec;
  stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port), ec);
  if (ec) die("cannot reach /metrics: " + ec.message());
  http::request<http::empty_body> req{http::verb::get, "/metrics", 11};
  req.set(http::field::host, "127.0.0.1");
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::write(stream, req, ec);
  if (!ec) http::read(stream, buffer, res, ec);
  if (ec) die("cannot read /metrics: " + ec.message());
  const std::string& body = res.body();
  auto value = [&](const std::string& name) -> std::optional<double> {
    const auto at = body.find("\n" + name + " ");
    if (at == std::string::npos) return std::nullopt;
    return std::strtod(body.c_str() + at + name.size() + 2, nullptr);
  };
  // The batch-size histogram, or the two counters that preceded it.
  auto committed = value("planflow_commit_batch_size_sum");
  auto batches = value("planflow_commit_batch_size_count");
  if (!committed || !batches) {
    committed = value("planflow_commands_committed_total");
    batches = value("planflow_commit_batches_total");
  }
  if (!committed || !batches) return {};
  return {*committed, *batches};
}

// ---------------------------------------------------------------- 1. closed loop

struct LoadRun {
  std::vector<double> latencies_ms;
  double seconds = 0;
  CpuUse cpu;
  double per_batch = 0;
};

struct LoadState {
  Clock::time_point start, end, last_reply;
  std::vector<double> latencies_ms;
  std::size_t running = 0;
  std::promise<void> finished;
};

// One session's loop: a comment, its reply, the next comment, until the end.
void send_comment(const std::shared_ptr<LoadState>& state, const ConnectionPtr& c,
                  DossierId dossier, const std::string& prefix, std::uint64_t n) {
  const auto sent = Clock::now();
  c->call(comment_request(dossier, prefix + std::to_string(n)), [=](const json& reply) {
    const auto now = Clock::now();
    if (!reply.contains("result")) die("a comment was refused: " + reply.dump());
    state->latencies_ms.push_back(ms_between(sent, now));
    if (now < state->end) return send_comment(state, c, dossier, prefix, n + 1);
    state->last_reply = std::max(state->last_reply, now);
    if (--state->running == 0) state->finished.set_value();
  });
}

LoadRun closed_loop(Client& client, unsigned short port, const std::vector<ConnectionPtr>& sessions,
                    const std::vector<DossierId>& dossiers, int n, double seconds) {
  auto state = std::make_shared<LoadState>();
  state->running = static_cast<std::size_t>(n);
  const Commits commits_before = read_commits(port);
  const CpuSample cpu_before = sample_cpu(client.cpu_clock());
  client.run([&] {
    state->start = Clock::now();
    state->end = state->start + std::chrono::duration_cast<Clock::duration>(
                                    std::chrono::duration<double>(seconds));
    for (int s = 0; s < n; ++s)
      send_comment(state, sessions[s], dossiers[s],
                   "load" + std::to_string(n) + "-" + std::to_string(s) + "-", 0);
  });
  state->finished.get_future().get();
  const CpuSample cpu_after = sample_cpu(client.cpu_clock());
  const Commits commits_after = read_commits(port);

  LoadRun run;
  run.latencies_ms = std::move(state->latencies_ms);
  std::sort(run.latencies_ms.begin(), run.latencies_ms.end());
  run.seconds = std::chrono::duration<double>(state->last_reply - state->start).count();
  run.cpu = cpu_between(cpu_before, cpu_after);
  const double batches = commits_after.batches - commits_before.batches;
  if (batches > 0) run.per_batch = (commits_after.committed - commits_before.committed) / batches;
  return run;
}

void print_load_header(double seconds, bool shared_dossier) {
  std::printf(
      "\n1. durable add_comment, closed loop (send, wait for the reply after commit, repeat), "
      "%.0f s per row,\n   %s, each session a different user\n\n",
      seconds,
      shared_dossier ? "all sessions on one dossier in consultation"
                     : "one dossier in consultation per session");
  // Each "µ" is two bytes, hence the wider fields.
  std::printf("%8s %9s %10s %8s %8s %8s %11s %15s %15s\n", "sessions", "commands", "cmd/s",
              "p50 ms", "p99 ms", "max ms", "cmds/commit", "server µs/cmd", "client µs/cmd");
}

void print_load_row(int n, const LoadRun& r) {
  const double count = static_cast<double>(r.latencies_ms.size());
  char per_batch[32] = "-";
  if (r.per_batch > 0) std::snprintf(per_batch, sizeof per_batch, "%.1f", r.per_batch);
  std::printf("%8d %9zu %10.0f %8.2f %8.2f %8.2f %11s %14.1f %14.1f\n", n, r.latencies_ms.size(),
              count / r.seconds, percentile(r.latencies_ms, 50), percentile(r.latencies_ms, 99),
              r.latencies_ms.empty() ? 0 : r.latencies_ms.back(), per_batch,
              r.cpu.server / count * 1e6, r.cpu.client / count * 1e6);
  std::fflush(stdout);
}

// ---------------------------------------------------------------- 2. fan-out

struct FanOutRun {
  std::vector<double> last_ms, median_ms;  // one per timed round
  CpuUse cpu;
};

// Rounds one after another on the client thread: the drafter comments, and
// the round ends when its reply and every subscriber's push have arrived.
class FanOut : public std::enable_shared_from_this<FanOut> {
 public:
  FanOut(net::io_context& ioc, ConnectionPtr commander, std::vector<ConnectionPtr> subscribers,
         DossierId dossier, int warmup, int rounds)
      : commander_(std::move(commander)),
        subscribers_(std::move(subscribers)),
        dossier_(dossier),
        warmup_(warmup),
        total_(warmup + rounds),
        arrivals_(subscribers_.size()),
        seqs_(subscribers_.size()),
        deadline_(ioc) {}

  // On the client thread.
  void start() {
    for (std::size_t i = 0; i < subscribers_.size(); ++i)
      subscribers_[i]->on_event = [self = shared_from_this(), i](std::uint64_t seq) {
        self->on_push(i, seq);
      };
    start_round();
  }

  std::future<void> finished() { return finished_.get_future(); }
  FanOutRun& result() { return result_; }

 private:
  void start_round() {
    waiting_ = subscribers_.size();
    replied_ = false;
    sent_ = Clock::now();
    deadline_.expires_after(kRoundTimeout);
    deadline_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (!ec)
        die("round " + std::to_string(self->round_) + ": " + std::to_string(self->waiting_) +
            " subscribers had no push after " + std::to_string(kRoundTimeout.count()) + " s");
    });
    commander_->call(comment_request(dossier_, "fanout-" + std::to_string(round_)),
                     [self = shared_from_this()](const json& reply) {
                       if (!reply.contains("result"))
                         die("the fan-out comment was refused: " + reply.dump());
                       self->expected_seq_ = reply["result"]["first_seq"];
                       self->replied_ = true;
                       self->maybe_end_round();
                     });
  }

  void on_push(std::size_t subscriber, std::uint64_t seq) {
    arrivals_[subscriber].push_back(Clock::now());
    seqs_[subscriber].push_back(seq);
    if (arrivals_[subscriber].size() == static_cast<std::size_t>(round_) + 1) --waiting_;
    maybe_end_round();
  }

  void maybe_end_round() {
    if (waiting_ > 0 || !replied_) return;
    deadline_.cancel();
    std::vector<double> latencies;
    latencies.reserve(subscribers_.size());
    for (std::size_t i = 0; i < subscribers_.size(); ++i) {
      if (seqs_[i][round_] != expected_seq_)
        die("subscriber " + std::to_string(i) + " got event " + std::to_string(seqs_[i][round_]) +
            ", expected " + std::to_string(expected_seq_));
      latencies.push_back(ms_between(sent_, arrivals_[i][round_]));
    }
    std::sort(latencies.begin(), latencies.end());
    if (round_ >= warmup_) {
      result_.last_ms.push_back(latencies.back());
      result_.median_ms.push_back(latencies[latencies.size() / 2]);
    }
    if (++round_ == total_) return finished_.set_value();
    start_round();
  }

  ConnectionPtr commander_;
  std::vector<ConnectionPtr> subscribers_;
  DossierId dossier_;
  int warmup_, total_, round_ = 0;
  std::vector<std::vector<Clock::time_point>> arrivals_;
  std::vector<std::vector<std::uint64_t>> seqs_;
  std::size_t waiting_ = 0;
  bool replied_ = false;
  std::uint64_t expected_seq_ = 0;
  Clock::time_point sent_;
  net::steady_timer deadline_;
  std::promise<void> finished_;
  FanOutRun result_;
};

// Subscribes every session at once and waits for all the replies.
void subscribe_all(Client& client, const std::vector<ConnectionPtr>& sessions, OpenDossier d) {
  struct Waiting {
    std::size_t left = 0;
    std::promise<void> all;
  };
  auto waiting = std::make_shared<Waiting>();
  waiting->left = sessions.size();
  auto subscribed = waiting->all.get_future();
  client.run([&] {
    for (const auto& s : sessions)
      s->call({{"op", "subscribe"}, {"dossier", d.id}, {"after", d.last_seq}},
              [waiting](const json& r) {
                if (!r.contains("result")) die("a subscription was refused: " + r.dump());
                if (r["result"]["missed"] != 0) die("a subscriber missed events: " + r.dump());
                if (--waiting->left == 0) waiting->all.set_value();
              });
  });
  subscribed.get();
}

FanOutRun fan_out(Client& client, const ConnectionPtr& commander,
                  const std::vector<ConnectionPtr>& subscribers, DossierId dossier, int rounds) {
  constexpr int kWarmup = 1;
  auto run =
      std::make_shared<FanOut>(client.ioc(), commander, subscribers, dossier, kWarmup, rounds);
  auto finished = run->finished();
  const CpuSample before = sample_cpu(client.cpu_clock());
  client.run([&] { run->start(); });
  finished.get();
  const CpuSample after = sample_cpu(client.cpu_clock());
  run->result().cpu = cpu_between(before, after);
  client.run([&] {
    for (const auto& s : subscribers)
      s->on_event = nullptr;  // the handlers hold the FanOut
  });
  return std::move(run->result());
}

void print_fan_out(const FanOutRun& r, std::size_t subscribers) {
  auto sorted = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  const auto last = sorted(r.last_ms), median = sorted(r.median_ms);
  const double rounds = static_cast<double>(last.size());
  const double pushes = rounds * static_cast<double>(subscribers);
  std::printf(
      "\n2. fan-out: one add_comment, pushed to %zu subscribed sessions; time from sending the "
      "command\n   to the push's arrival, %zu rounds one after another (after 1 untimed round)\n\n",
      subscribers, last.size());
  std::printf("%-20s %8s %8s %8s\n", "", "p50 ms", "p99 ms", "max ms");
  std::printf("%-20s %8.2f %8.2f %8.2f\n", "last subscriber", percentile(last, 50),
              percentile(last, 99), last.back());
  std::printf("%-20s %8.2f %8.2f %8.2f\n", "median subscriber", percentile(median, 50),
              percentile(median, 99), median.back());
  std::printf(
      "\nCPU per pushed message: server %.2f µs, client %.2f µs (per round: %.2f / %.2f ms)\n",
      r.cpu.server / pushes * 1e6, r.cpu.client / pushes * 1e6, r.cpu.server / rounds * 1e3,
      r.cpu.client / rounds * 1e3);
}

// ---------------------------------------------------------------- setup

struct Running {
  std::unique_ptr<Server> server;
  std::thread thread;
};

Running start_server(const Options& o, const std::string& database) {
  ServerConfig config;
  config.address = "127.0.0.1";
  config.port = 0;
  config.database = database;
  config.workflows = PLANFLOW_SOURCE_DIR "/workflows";
  config.web_root = g_temp_dir;
  config.threads = o.server_threads;
  // The per-connection limiter would cap a closed loop at 20 commands/s.
  config.limits.commands_per_second = 1e9;
  config.limits.command_burst = 1e9;
  auto started = Server::start(config);
  if (!started.ok()) die("the server did not start: " + started.error());
  Running r{std::move(started).value(), {}};
  r.thread = std::thread([s = r.server.get()] { s->run(); });
  return r;
}

std::vector<std::string> cookies_of(const std::vector<Member>& members, std::size_t n) {
  std::vector<std::string> cookies;
  for (std::size_t i = 0; i < n; ++i)
    cookies.push_back(members[i % members.size()].cookie);
  return cookies;
}

void print_setup(const Options& o, const Cast& cast, std::size_t fan_out_users, int pinned_server,
                 int pinned_client) {
  const unsigned cpus = std::thread::hardware_concurrency();
  std::printf(
      "CPUs: %u, shared by the client (1 io thread) and the server (%d io threads + the "
      "store's writer)\n",
      cpus, o.server_threads);
  if (pinned_server >= 0)
    std::printf("pinned: server threads on CPU %d, client io thread on CPU %d\n", pinned_server,
                pinned_client);
  std::printf("database: %s/planflow.db on %s, synchronous=FULL\n", g_temp_dir.c_str(),
              filesystem_of(g_temp_dir).c_str());
  std::printf(
      "rate limit per connection raised to 1e9 commands/s (burst 1e9): the figures are "
      "throughput, not the limiter\n");
  std::printf(
      "sign-in: Accounts::sign_in in-process (Argon2id, no HTTP, no address throttle), one "
      "session per user, %zu users;\n  the %d fan-out sessions share the cookies of %zu "
      "of them (a user may hold several sessions)\n",
      cast.delegates.size() + 1, o.subscribers, fan_out_users);
}

// Part 1; returns its sessions, which stay open until the end.
std::vector<ConnectionPtr> measure_closed_loop(const Options& o, Client& client,
                                               const ConnectionPtr& drafter, const Cast& cast,
                                               unsigned short port) {
  const auto n = static_cast<std::size_t>(*std::max_element(o.sessions.begin(), o.sessions.end()));
  std::vector<DossierId> dossiers;
  if (o.shared_dossier) {
    if (n > kMaxFanOutUsers)
      die("--shared-dossier binds every session's user to one dossier: at most " +
          std::to_string(kMaxFanOutUsers) + " sessions");
    const std::vector<Member> members(cast.delegates.begin(), cast.delegates.begin() + n);
    dossiers.assign(n, open_plan(client, *drafter, cast, members, "load").id);
  } else {
    for (std::size_t s = 0; s < n; ++s)
      dossiers.push_back(
          open_plan(client, *drafter, cast, {cast.delegates[s]}, "load-" + std::to_string(s)).id);
  }
  auto sessions = client.open(cookies_of(cast.delegates, n));
  print_load_header(o.seconds, o.shared_dossier);
  for (int count : o.sessions)
    print_load_row(count, closed_loop(client, port, sessions, dossiers, count, o.seconds));
  std::printf(
      "target (DESIGN.md §4): >= 50,000 durable commands/s with 256 sessions "
      "(peer: Node.js ws echo, not durable, ~46,000 msg/s)\n");
  return sessions;
}

// Part 2; returns the subscribed sessions.
std::vector<ConnectionPtr> measure_fan_out(const Options& o, Client& client,
                                           const ConnectionPtr& drafter, const Cast& cast,
                                           std::size_t users) {
  const std::vector<Member> members(cast.delegates.begin(), cast.delegates.begin() + users);
  const OpenDossier followed = open_plan(client, *drafter, cast, members, "fanout");
  const auto open_start = Clock::now();
  auto subscribers = client.open(cookies_of(members, static_cast<std::size_t>(o.subscribers)));
  subscribe_all(client, subscribers, followed);
  std::printf("\n%d sessions opened and subscribed in %.2f s\n", o.subscribers,
              ms_between(open_start, Clock::now()) / 1000);
  print_fan_out(fan_out(client, drafter, subscribers, followed.id, o.rounds), subscribers.size());
  std::printf(
      "target (DESIGN.md §4): last of 1,000 subscribers p99 <= 10 ms "
      "(peer: Node.js ws broadcast, p50 13.5 ms, p99 29.5 ms)\n");
  return subscribers;
}

}  // namespace

int main(int argc, char** argv) {
  // Line by line even into a pipe, so a run cut short still shows its rows.
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  const Options o = parse_options(argc, argv);
  raise_fd_limit();

  char dir_template[4096];
  std::snprintf(dir_template, sizeof dir_template, "%s/planflow-server-bench-XXXXXX",
                o.dir.c_str());
  if (!mkdtemp(dir_template)) die("cannot make a temporary folder in " + o.dir);
  g_temp_dir = dir_template;
  const std::string database = g_temp_dir + "/planflow.db";

  const int max_sessions = *std::max_element(o.sessions.begin(), o.sessions.end());
  const auto setup_start = Clock::now();
  const Cast cast = make_accounts(database, static_cast<std::size_t>(max_sessions));
  const double sign_in_seconds = ms_between(setup_start, Clock::now()) / 1000;

  // Threads inherit the CPU set of the thread that starts them: pinning this
  // one first puts every server thread on the first CPU.
  const std::vector<int> cpus = allowed_cpus();
  const bool pin = o.pin && cpus.size() >= 2;
  if (o.pin && !pin) std::printf("--pin ignored: fewer than 2 CPUs allowed\n");
  if (pin) pin_this_thread(cpus[0]);
  Running running = start_server(o, database);
  const unsigned short port = running.server->port();
  const std::string origin = "http://127.0.0.1:" + std::to_string(port);

  const std::size_t fan_out_users = std::min(cast.delegates.size(), kMaxFanOutUsers);
  print_setup(o, cast, fan_out_users, pin ? cpus[0] : -1, pin ? cpus[1] : -1);
  std::printf("setup: %zu accounts made and signed in in %.1f s\n", cast.delegates.size() + 1,
              sign_in_seconds);

  Client client(tcp::endpoint(net::ip::make_address("127.0.0.1"), port), origin,
                pin ? cpus[1] : -1);
  const ConnectionPtr drafter = client.open({cast.drafter.cookie}).front();

  const auto sessions = measure_closed_loop(o, client, drafter, cast, port);
  const auto subscribers = measure_fan_out(o, client, drafter, cast, fan_out_users);

  std::vector<ConnectionPtr> all = sessions;
  all.insert(all.end(), subscribers.begin(), subscribers.end());
  all.push_back(drafter);
  client.close_all(all);
  running.server->stop();
  running.thread.join();
  running.server.reset();
  std::error_code ignored;
  std::filesystem::remove_all(g_temp_dir, ignored);
  return 0;
}
