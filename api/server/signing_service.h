// The signing service: signs each issued document once its number is
// committed. The number, and so what is signed, is known only after the
// issuing command commits; the service then signs the digest of the issued
// content (signature_content.h) with the signer's key (Accounts, server-held)
// and submits a SignDocument command of the system user, which the engine
// accepts once. Like the timer service it keeps nothing a restart would
// lose: on start it looks for issued dossiers without a signature, so a
// document issued just before the server stopped is signed when it starts.
// Each dossier is signed under the request id sign/<dossier>, so the store
// applies it at most once however often it is submitted.
#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "api/server/hub.h"

namespace planflow {

class SigningService : public std::enable_shared_from_this<SigningService> {
 public:
  SigningService(boost::asio::io_context& ioc, std::shared_ptr<Hub> hub);

  void start();
  // Thread-safe; nothing new is submitted once it returns.
  void stop();
  // Thread-safe and quick: look again soon.
  void wake();

 private:
  void look();
  // false: stopped, or the database failed (then retried after a pause).
  bool sign(DossierId dossier);
  void on_answer(DossierId dossier, Result<CommitResult, StoreError> answer);
  void retry_later();

  boost::asio::strand<boost::asio::io_context::executor_type> strand_;
  boost::asio::steady_timer timer_;
  std::shared_ptr<Hub> hub_;
  std::atomic<bool> wake_pending_{false};
  std::mutex submit_mu_;
  std::atomic<bool> stopped_{false};

  // On the strand only.
  std::set<DossierId> in_flight_;
  std::set<DossierId> refused_;  // not tried again until the server restarts
  bool retry_armed_ = false;
};

// "sign/<dossier>": a dossier's document is issued, and signed, once.
std::string signing_request_id(DossierId dossier);

// Who signs a dossier's issued document: the first who plays the workflow's
// `chair` role (the chairperson signs, the clerk registers); nullopt when
// no one does.
std::optional<UserId> signer_of(const DossierState& state);

}  // namespace planflow
