// The hub: what every connection shares. It holds the store, the accounts
// and the definitions, knows which WebSocket sessions follow which dossier
// and whose inbox, and after each commit pushes the events to them. Pushes
// are serialised once and shared by every session that receives them.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "api/accounts.h"
#include "api/server/metrics.h"
#include "api/server/server_config.h"
#include "engine/definition_set.h"
#include "engine/store/queries.h"
#include "engine/store/store.h"

namespace planflow {

class HttpSession;
class WebsocketSession;

// A message queued for clients: its bytes, and the global sequence number of
// the event it carries (0 for other messages), so a session can skip what it
// already sent while catching up.
struct Outgoing {
  std::shared_ptr<const std::string> text;
  Sequence seq = 0;
  DossierId dossier = 0;
};

class Hub {
 public:
  Hub(ServerConfig config, Store& store, Queries& queries, Accounts& accounts,
      const DefinitionSet& definitions)
      : config_(std::move(config)),
        store_(store),
        queries_(queries),
        accounts_(accounts),
        definitions_(definitions) {}

  const ServerConfig& config() const { return config_; }
  Store& store() { return store_; }
  Queries& queries() { return queries_; }
  Accounts& accounts() { return accounts_; }
  const DefinitionSet& definitions() const { return definitions_; }
  Metrics& metrics() { return metrics_; }

  // The definition a dossier was created with; nullptr when unknown.
  const Definition* definition_of(DossierId dossier);

  // Every open connection, so a stopping server can close them all and
  // know when they are gone.
  void join(WebsocketSession* session);
  void join(HttpSession* session);
  void leave(HttpSession* session);
  void close_all();
  std::size_t connections() const;  // HTTP and WebSocket
  // Closes every connection opened with this sign-in session (signed out).
  void end_session(const std::string& token);

  void follow(DossierId dossier, WebsocketSession* session);
  void unfollow(DossierId dossier, WebsocketSession* session);
  void follow_inbox(UserId user, WebsocketSession* session);
  // Forgets the session everywhere; called as it closes.
  void leave(WebsocketSession* session);

  // A command this node submitted has committed. With one node it is
  // published at once; when nodes share the log, every commit, this
  // node's too, is published by the log follower (log_follower.h), so
  // pushes go out in the log's order whichever node wrote them.
  void committed(const CommitResult& result) {
    if (!publishing_from_log_) publish(result);
  }
  void publish_from_log() { publishing_from_log_ = true; }  // before connections

  // The events to the dossier's followers, an inbox hint to its
  // participants. Called in commit order (from the store's writer or the
  // log follower): a session skips an event older than the last it sent.
  void publish(const CommitResult& result);
  // Also told of each new commit publish() sees (on the writer: it must be
  // quick), so the timer service learns of timers a command created and the
  // signing service of documents issued. Added before the server takes
  // connections.
  void add_commit_observer(std::function<void(const CommitResult&)> observer) {
    commit_observers_.push_back(std::move(observer));
  }

  std::size_t sessions() const;  // open WebSocket sessions

 private:
  ServerConfig config_;
  Store& store_;
  Queries& queries_;
  Accounts& accounts_;
  const DefinitionSet& definitions_;
  std::vector<std::function<void(const CommitResult&)>> commit_observers_;
  bool publishing_from_log_ = false;
  Metrics metrics_;

  mutable std::mutex mu_;
  std::unordered_set<WebsocketSession*> sessions_;
  std::unordered_set<HttpSession*> http_sessions_;
  std::unordered_map<DossierId, std::unordered_set<WebsocketSession*>> followers_;
  std::unordered_map<UserId, std::unordered_set<WebsocketSession*>> inboxes_;
  std::unordered_map<DossierId, const Definition*> definitions_by_dossier_;
};

// The JSON a client receives for one committed event.
std::string event_message(const Definition& def, const StoredEvent& e);

}  // namespace planflow
