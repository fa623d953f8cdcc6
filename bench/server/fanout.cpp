// 2. Push fan-out: --subscribers sessions subscribe to one dossier, on
// which their users are delegates. The drafter's session, not subscribed,
// adds a comment; a round ends when its reply and the pushed event have
// reached every subscriber, and the next round starts.
#include <algorithm>
#include <boost/asio/steady_timer.hpp>
#include <cstdio>

#include "bench/server/common.h"
#include "bench/server/protocol.h"
#include "bench/server/scenarios.h"

namespace planflow::server_bench {

namespace {

// A push that has not reached every subscriber by then is lost, not slow.
constexpr auto kRoundTimeout = std::chrono::seconds(10);

struct Rounds {
  std::vector<double> last_ms, median_ms;  // one per round
};

// Rounds one after another on the client thread.
class FanOut : public std::enable_shared_from_this<FanOut> {
 public:
  FanOut(net::io_context& ioc, ConnectionPtr commander, std::vector<ConnectionPtr> subscribers,
         std::uint64_t dossier, int rounds, std::string label)
      : commander_(std::move(commander)),
        subscribers_(std::move(subscribers)),
        dossier_(dossier),
        total_(rounds),
        label_(std::move(label)),
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
  Rounds& result() { return result_; }

 private:
  void start_round() {
    waiting_ = subscribers_.size();
    replied_ = false;
    sent_ = Clock::now();
    deadline_.expires_after(kRoundTimeout);
    deadline_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
      if (!ec)
        die("round " + std::to_string(self->round_) + ": " + std::to_string(self->waiting_) +
            " subscribers had no push after " + std::to_string(kRoundTimeout.count()) + " s");
    });
    commander_->call(comment_request(dossier_, label_ + "-" + std::to_string(round_)),
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
    result_.last_ms.push_back(latencies.back());
    result_.median_ms.push_back(latencies[latencies.size() / 2]);
    if (++round_ == total_) {
      for (const auto& s : subscribers_)
        s->on_event = nullptr;  // the handlers hold this object
      return finished_.set_value();
    }
    start_round();
  }

  ConnectionPtr commander_;
  std::vector<ConnectionPtr> subscribers_;
  std::uint64_t dossier_;
  int total_, round_ = 0;
  std::string label_;
  std::vector<std::vector<Clock::time_point>> arrivals_;
  std::vector<std::vector<std::uint64_t>> seqs_;
  std::size_t waiting_ = 0;
  bool replied_ = false;
  std::uint64_t expected_seq_ = 0;
  Clock::time_point sent_;
  net::steady_timer deadline_;
  std::promise<void> finished_;
  Rounds result_;
};

Rounds play(Client& client, const ConnectionPtr& commander,
            const std::vector<ConnectionPtr>& subscribers, std::uint64_t dossier, int rounds,
            const std::string& label) {
  auto run = std::make_shared<FanOut>(client.ioc(), commander, subscribers, dossier, rounds, label);
  auto finished = run->finished();
  client.run([&] { run->start(); });
  finished.get();
  return std::move(run->result());
}

// Subscribes every session at once and waits for all the replies.
void subscribe_all(Client& client, const std::vector<ConnectionPtr>& sessions, Dossier d) {
  struct Waiting {
    std::size_t left = 0;
    std::promise<void> all;
  };
  auto waiting = std::make_shared<Waiting>();
  waiting->left = sessions.size();
  auto subscribed = waiting->all.get_future();
  client.run([&] {
    for (const auto& s : sessions)
      s->call(subscribe_request(d.id, d.last_seq), [waiting](const json& r) {
        if (!r.contains("result")) die("a subscription was refused: " + r.dump());
        if (r["result"]["missed"] != 0) die("a subscriber missed events: " + r.dump());
        if (--waiting->left == 0) waiting->all.set_value();
      });
  });
  subscribed.get();
}

std::vector<double> sorted(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace

void run_fan_out(const Options& o, ServerUnderTest& server, Client& client) {
  const auto subscribers_wanted = static_cast<std::size_t>(o.subscribers);
  const ConnectionPtr commander = client.open({server.drafter_cookie}).front();
  const auto open_start = Clock::now();
  const auto subscribers = client.open(server.delegate_sessions(subscribers_wanted));
  subscribe_all(client, subscribers, server.fan_out);
  std::printf("\n%zu sessions (spread over %zu delegates) opened and subscribed in %.2f s\n",
              subscribers.size(), server.delegate_cookies.size(),
              ms_between(open_start, Clock::now()) / 1000);

  // One untimed round first: the first push pays for what is done once.
  play(client, commander, subscribers, server.fan_out.id, 1, "warmup");
  CpuMeter meter(server, client);
  meter.start();
  const Rounds r = play(client, commander, subscribers, server.fan_out.id, o.rounds, "fanout");
  const CpuUse cpu = meter.stop();

  const auto last = sorted(r.last_ms), median = sorted(r.median_ms);
  const double rounds = static_cast<double>(last.size());
  const double pushes = rounds * static_cast<double>(subscribers.size());
  std::printf(
      "\n2. fan-out: one add_comment, pushed to %zu subscribed sessions; time from sending the "
      "command\n   to the push's arrival, %zu rounds one after another (after 1 untimed round)\n\n",
      subscribers.size(), last.size());
  std::printf("%-20s %8s %8s %8s\n", "", "p50 ms", "p99 ms", "max ms");
  std::printf("%-20s %8.2f %8.2f %8.2f\n", "last subscriber", percentile(last, 50),
              percentile(last, 99), last.back());
  std::printf("%-20s %8.2f %8.2f %8.2f\n", "median subscriber", percentile(median, 50),
              percentile(median, 99), median.back());
  std::printf(
      "\nCPU per pushed message: server %.2f µs, client %.2f µs (per round: %.2f / %.2f ms)\n",
      cpu.server / pushes * 1e6, cpu.client / pushes * 1e6, cpu.server / rounds * 1e3,
      cpu.client / rounds * 1e3);
  std::printf(
      "target (DESIGN.md §4): last of 1,000 subscribers p99 <= 10 ms "
      "(peer: Node.js ws broadcast)\n");

  char notes[256];
  std::snprintf(notes, sizeof notes,
                "%zu subscribed sessions over %zu delegates, %d rounds after 1 untimed, p99 of %d "
                "rounds by nearest rank; server CPU per push includes the command and its reply; ",
                subscribers.size(), server.delegate_cookies.size(), o.rounds, o.rounds);
  print_result("fanout", subject_label(o),
               {{"last_p50_ms", rounded(percentile(last, 50), 3)},
                {"last_p99_ms", rounded(percentile(last, 99), 3)},
                {"median_p50_ms", rounded(percentile(median, 50), 3)},
                {"server_cpu_us_per_msg", rounded(cpu.server / pushes * 1e6, 2)}},
               notes + server.notes);
}

}  // namespace planflow::server_bench
