#include "api/server/signing_service.h"

#include <boost/asio/post.hpp>
#include <iostream>
#include <variant>

#include "engine/signature_content.h"

namespace planflow {

namespace net = boost::asio;

namespace {

constexpr std::size_t kBatch = 64;
constexpr std::chrono::milliseconds kRetry{1000};

bool issues(const CommitResult& result) {
  return std::any_of(result.events.begin(), result.events.end(), [](const StoredEvent& e) {
    const auto* a = std::get_if<ActionTaken>(&e.event.body);
    return a && a->issued;
  });
}

}  // namespace

std::string signing_request_id(DossierId dossier) {
  return "sign/" + std::to_string(dossier);
}

std::optional<UserId> signer_of(const DossierState& state) {
  const auto chair = state.definition().role_index("chair");
  if (!chair) return std::nullopt;
  for (const Binding& b : state.bindings)
    if (b.role == *chair) return b.participant.user;
  return std::nullopt;
}

SigningService::SigningService(net::io_context& ioc, std::shared_ptr<Hub> hub)
    : strand_(net::make_strand(ioc)), timer_(strand_), hub_(std::move(hub)) {}

void SigningService::start() {
  hub_->add_commit_observer([weak = weak_from_this()](const CommitResult& result) {
    if (!issues(result)) return;
    if (auto self = weak.lock()) self->wake();
  });
  wake();
}

void SigningService::stop() {
  {
    std::lock_guard lock(submit_mu_);
    stopped_ = true;
  }
  net::post(strand_, [self = shared_from_this()] { self->timer_.cancel(); });
}

void SigningService::wake() {
  if (wake_pending_.exchange(true)) return;
  net::post(strand_, [self = shared_from_this()] {
    self->wake_pending_ = false;
    self->look();
  });
}

void SigningService::look() {
  if (stopped_) return;
  auto waiting = hub_->queries().unsigned_issued(kBatch + in_flight_.size() + refused_.size());
  if (!waiting.ok()) {
    std::cerr << "planflow serve: the signing service cannot read the dossiers for now ("
              << waiting.error().message << "); it tries again shortly\n";
    return retry_later();
  }
  for (DossierId dossier : waiting.value()) {
    if (in_flight_.contains(dossier) || refused_.contains(dossier)) continue;
    if (!sign(dossier)) return;
  }
}

bool SigningService::sign(DossierId dossier) {
  auto state = hub_->store().state_of(dossier);
  if (!state.ok()) {
    retry_later();
    return false;
  }
  const auto signer = signer_of(state.value());
  const auto content = signer ? signed_content_of(state.value(), *signer) : std::nullopt;
  if (!content || state.value().signed_by) {
    if (!state.value().signed_by)
      std::cerr << "planflow serve: dossier " << dossier
                << " is issued but has no one in the chair role to sign it (or is not frozen); "
                   "it stays unsigned\n";
    refused_.insert(dossier);
    return true;
  }
  const Time now = hub_->config().clock();
  const Sha256 digest = signed_content_digest(*content);
  auto signature = hub_->accounts().sign_with_key(*signer, digest, now);
  if (!signature.ok()) {
    std::cerr << "planflow serve: dossier " << dossier << " cannot be signed for now ("
              << signature.error().message << ")\n";
    if (signature.error().code == AccountErrorCode::kNotFound) {
      refused_.insert(dossier);
      return true;
    }
    retry_later();
    return false;
  }
  CommandRequest request;
  request.request_id = signing_request_id(dossier);
  request.dossier = dossier;
  request.command = SignDocument{*signer, signature.value().public_key, to_hex(digest),
                                 signature.value().signature};
  request.actor = Actor{kSystemUser, 0, false};
  request.now = now;
  std::lock_guard lock(submit_mu_);
  if (stopped_) return false;
  in_flight_.insert(dossier);
  hub_->store().submit(std::move(request), [self = shared_from_this(),
                                            dossier](Result<CommitResult, StoreError> answer) {
    if (answer.ok()) self->hub_->committed(answer.value());
    net::post(self->strand_, [self, dossier, answer = std::move(answer)]() mutable {
      self->on_answer(dossier, std::move(answer));
    });
  });
  return true;
}

void SigningService::on_answer(DossierId dossier, Result<CommitResult, StoreError> answer) {
  in_flight_.erase(dossier);
  if (stopped_) return;
  if (answer.ok()) return;
  const StoreErrorCode code = answer.error().code;
  if (code == StoreErrorCode::kUnavailable || code == StoreErrorCode::kFull ||
      code == StoreErrorCode::kConflict)
    return retry_later();
  std::cerr << "planflow serve: the signature on dossier " << dossier << " was refused ("
            << answer.error().message << "); it is not tried again until the server restarts\n";
  refused_.insert(dossier);
}

void SigningService::retry_later() {
  if (retry_armed_ || stopped_) return;
  retry_armed_ = true;
  timer_.expires_after(kRetry);
  timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
    self->retry_armed_ = false;
    if (!ec) self->look();
  });
}

}  // namespace planflow
