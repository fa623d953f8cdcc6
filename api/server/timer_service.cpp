#include "api/server/timer_service.h"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <iostream>
#include <variant>

namespace planflow {

namespace net = boost::asio;
using std::chrono::milliseconds;

namespace {

// Timers submitted per look beyond those still waiting for their answer;
// the rest follow once those answers are in.
constexpr std::size_t kBatch = 64;
// A timer is looked at again no sooner than this after any answer, so no
// answer, however surprising, can make the service submit in a loop.
constexpr milliseconds kMinHold{1000};
// The system clock counts whole seconds; waking a hair after the second
// turns makes sure the timer is due by then.
constexpr milliseconds kSlack{20};
constexpr milliseconds kMinWait{10};
// How soon a node without the timer lease asks for it again.
constexpr milliseconds kLeaseRecheck{2000};

// Commits that enter a state are the only ones that create timers.
bool may_create_timers(const CommitResult& result) {
  return std::any_of(result.events.begin(), result.events.end(), [](const StoredEvent& e) {
    return std::holds_alternative<DossierCreated>(e.event.body) ||
           std::holds_alternative<ActionTaken>(e.event.body);
  });
}

}  // namespace

std::string timer_request_id(DossierId dossier, std::uint32_t timer_id) {
  return "timer/" + std::to_string(dossier) + "/" + std::to_string(timer_id);
}

TimerService::TimerService(net::io_context& ioc, std::shared_ptr<Hub> hub)
    : strand_(net::make_strand(ioc)), timer_(strand_), hub_(std::move(hub)) {}

void TimerService::start() {
  hub_->add_commit_observer([weak = weak_from_this()](const CommitResult& result) {
    if (!may_create_timers(result)) return;
    if (auto self = weak.lock()) self->wake();
  });
  wake();
}

void TimerService::stop() {
  {
    std::lock_guard lock(submit_mu_);
    stopped_ = true;
  }
  // A pending wait would keep the io_context running until it expires.
  net::post(strand_, [self = shared_from_this()] { self->timer_.cancel(); });
}

void TimerService::wake() {
  if (wake_pending_.exchange(true)) return;
  net::post(strand_, [self = shared_from_this()] {
    // Cleared before looking: a commit during the look asks for another.
    self->wake_pending_ = false;
    self->look();
  });
}

void TimerService::look() {
  if (stopped_) return;
  const auto steady_now = Clock::now();
  if (steady_now < backoff_until_) return arm(backoff_until_);
  // With several nodes one fires at a time; the others ask again shortly,
  // to take over should it stop.
  auto lease = hub_->queries().hold_timer_lease();
  if (!lease.ok()) return back_off(lease.error().message);
  if (!lease.value())
    return arm(steady_now + std::min(hub_->config().timer_recheck, kLeaseRecheck));
  const Time now = hub_->config().clock();
  // Timers in flight or held back are still in the view; ask for enough
  // rows to see a batch of others past them.
  auto due = hub_->queries().due_timers(now, kBatch + in_flight_.size() + held_.size());
  if (!due.ok()) return back_off(due.error().message);
  bool submitted = false;
  for (const DueTimer& t : due.value()) {
    const Key key{t.dossier, t.timer_id};
    if (in_flight_.contains(key)) continue;
    if (auto held = held_.find(key); held != held_.end()) {
      if (held->second > steady_now) continue;
      held_.erase(held);
    }
    if (!submit(t, now)) return;
    submitted = true;
  }
  std::erase_if(held_, [&](const auto& held) { return held.second <= steady_now; });
  auto next = hub_->queries().next_timer_at();
  if (!next.ok()) return back_off(next.error().message);
  // The reads work; whether writes do only an answer can tell.
  if (!submitted) recovered();
  sleep(next.value(), now);
}

bool TimerService::submit(const DueTimer& timer, Time now) {
  CommandRequest request;
  request.request_id = timer_request_id(timer.dossier, timer.timer_id);
  request.dossier = timer.dossier;
  request.command = FireTimer{timer.timer_id};
  request.actor = Actor{kSystemUser, 0, false};
  request.now = now;
  std::lock_guard lock(submit_mu_);
  if (stopped_) return false;
  in_flight_.insert({timer.dossier, timer.timer_id});
  hub_->store().submit(std::move(request), [self = shared_from_this(),
                                            timer](Result<CommitResult, StoreError> answer) {
    // On the store's writer, in commit order: publish now, so followers see
    // the deadline's events live; handle the answer on the strand.
    if (answer.ok()) self->hub_->committed(answer.value());
    net::post(self->strand_, [self, timer, answer = std::move(answer)]() mutable {
      self->on_answer(timer, std::move(answer));
    });
  });
  return true;
}

void TimerService::on_answer(const DueTimer& timer, Result<CommitResult, StoreError> answer) {
  const Key key{timer.dossier, timer.timer_id};
  in_flight_.erase(key);
  if (stopped_) return;
  if (!answer.ok() && (answer.error().code == StoreErrorCode::kUnavailable ||
                       answer.error().code == StoreErrorCode::kFull))
    return back_off(answer.error().message);
  recovered();
  const auto now = Clock::now();
  // A fired timer leaves the view with its commit, so holding it back only
  // guards against a view and a state that disagree.
  held_[key] = now + std::max(hub_->config().timer_recheck, kMinHold);
  if (!answer.ok()) {
    const std::optional<Error>& engine = answer.error().engine;
    if (engine && engine->code == ErrorCode::kNotFound) {
      // Not pending any more: the dossier left the state, or it was fired.
    } else if (engine && engine->code == ErrorCode::kInvalidState && engine->detail == "timer_id") {
      held_[key] = now + kMinHold;  // not due by the engine's reckoning: try again soon
    } else {
      std::cerr << "planflow serve: timer " << timer.timer_id << " of dossier " << timer.dossier
                << " was refused (" << answer.error().message
                << "); it is not fired again until the server restarts\n";
      held_[key] = Clock::time_point::max();
    }
  }
  // The batch is answered: timers the last look left out may be due too.
  if (in_flight_.empty()) wake();
}

void TimerService::recovered() {
  if (backoff_ == milliseconds::zero()) return;
  std::cerr << "planflow serve: the timer service fires timers again\n";
  backoff_ = milliseconds::zero();
  backoff_until_ = {};
}

void TimerService::sleep(std::optional<Time> next, Time now) {
  milliseconds wait = hub_->config().timer_recheck;
  // A next timer already due is in flight, held back or past the batch:
  // answers, holds and the recheck bring it back.
  if (next && *next > now) wait = std::min(wait, milliseconds((*next - now) * 1000) + kSlack);
  const auto steady_now = Clock::now();
  for (const auto& [key, until] : held_)
    wait = std::min(wait, std::chrono::duration_cast<milliseconds>(until - steady_now));
  arm(steady_now + std::max(wait, kMinWait));
}

void TimerService::arm(Clock::time_point when) {
  timer_.expires_at(when);
  timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
    if (!ec) self->look();
  });
}

void TimerService::back_off(const std::string& message) {
  const auto steady_now = Clock::now();
  if (steady_now < backoff_until_) return;  // already pausing; the timer is armed
  if (backoff_ == milliseconds::zero()) {
    std::cerr << "planflow serve: the timer service cannot fire timers for now (" << message
              << "); it tries again shortly\n";
    backoff_ = kMinHold;
  } else {
    backoff_ = std::min(backoff_ * 2, std::max(hub_->config().timer_recheck, kMinHold));
  }
  backoff_until_ = steady_now + backoff_;
  arm(backoff_until_);
}

}  // namespace planflow
