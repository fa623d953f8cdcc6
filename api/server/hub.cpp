#include "api/server/hub.h"

#include "api/server/http_session.h"
#include "api/server/websocket_session.h"
#include "engine/event_json.h"

namespace planflow {

std::string event_message(const Definition& def, const StoredEvent& e) {
  return nlohmann::json{{"type", "event"},
                        {"dossier", e.dossier},
                        {"seq", e.seq},
                        {"dossier_seq", e.dossier_seq},
                        {"event", event_to_json(def, e.event)}}
      .dump();
}

const Definition* Hub::definition_of(DossierId dossier) {
  {
    std::lock_guard lock(mu_);
    if (auto it = definitions_by_dossier_.find(dossier); it != definitions_by_dossier_.end())
      return it->second;
  }
  auto summary = queries_.dossier(dossier, 0);
  if (!summary.ok()) return nullptr;
  const Definition* def =
      definitions_.find(summary.value().workflow, summary.value().workflow_version);
  if (def) {
    std::lock_guard lock(mu_);
    definitions_by_dossier_[dossier] = def;
  }
  return def;
}

void Hub::join(WebsocketSession* session) {
  std::lock_guard lock(mu_);
  sessions_.insert(session);
}

void Hub::join(HttpSession* session) {
  std::lock_guard lock(mu_);
  http_sessions_.insert(session);
}

void Hub::leave(HttpSession* session) {
  std::lock_guard lock(mu_);
  http_sessions_.erase(session);
}

std::size_t Hub::connections() const {
  std::lock_guard lock(mu_);
  return sessions_.size() + http_sessions_.size();
}

void Hub::close_all() {
  std::vector<std::weak_ptr<WebsocketSession>> all;
  std::vector<std::weak_ptr<HttpSession>> http;
  {
    std::lock_guard lock(mu_);
    for (WebsocketSession* s : sessions_)
      all.push_back(s->weak_from_this());
    for (HttpSession* s : http_sessions_)
      http.push_back(s->weak_from_this());
  }
  for (const auto& weak : all)
    if (auto session = weak.lock()) session->shut_down();
  for (const auto& weak : http)
    if (auto session = weak.lock()) session->shut_down();
}

void Hub::end_session(const std::string& token) {
  std::vector<std::weak_ptr<WebsocketSession>> ended;
  {
    std::lock_guard lock(mu_);
    for (WebsocketSession* s : sessions_)
      if (s->token() == token) ended.push_back(s->weak_from_this());
  }
  for (const auto& weak : ended)
    if (auto session = weak.lock()) session->end_session();
}

void Hub::follow(DossierId dossier, WebsocketSession* session) {
  std::lock_guard lock(mu_);
  followers_[dossier].insert(session);
}

void Hub::unfollow(DossierId dossier, WebsocketSession* session) {
  std::lock_guard lock(mu_);
  if (auto it = followers_.find(dossier); it != followers_.end()) {
    it->second.erase(session);
    if (it->second.empty()) followers_.erase(it);
  }
}

void Hub::follow_inbox(UserId user, WebsocketSession* session) {
  std::lock_guard lock(mu_);
  inboxes_[user].insert(session);
}

void Hub::leave(WebsocketSession* session) {
  std::lock_guard lock(mu_);
  sessions_.erase(session);
  for (auto it = followers_.begin(); it != followers_.end();) {
    it->second.erase(session);
    it = it->second.empty() ? followers_.erase(it) : std::next(it);
  }
  for (auto it = inboxes_.begin(); it != inboxes_.end();) {
    it->second.erase(session);
    it = it->second.empty() ? inboxes_.erase(it) : std::next(it);
  }
}

std::size_t Hub::sessions() const {
  std::lock_guard lock(mu_);
  return sessions_.size();
}

void Hub::publish(const CommitResult& result) {
  if (result.events.empty() || result.replayed) return;
  for (const auto& observer : commit_observers_)
    observer(result);
  const DossierId dossier = result.dossier;
  const Definition* def = nullptr;
  if (const auto* created = std::get_if<DossierCreated>(&result.events.front().event.body))
    def = definitions_.find(created->definition_id, created->definition_version);
  if (def) {
    std::lock_guard lock(mu_);
    definitions_by_dossier_[dossier] = def;
  } else {
    def = definition_of(dossier);
  }
  if (!def) return;

  // Copy the receivers under the lock, deliver outside it: a slow session
  // must not hold up the others, and a closing one may not be touched.
  std::vector<std::weak_ptr<WebsocketSession>> followers, participants;
  {
    std::lock_guard lock(mu_);
    if (auto it = followers_.find(dossier); it != followers_.end())
      for (WebsocketSession* s : it->second)
        followers.push_back(s->weak_from_this());
    for (UserId user : result.participants)
      if (auto it = inboxes_.find(user); it != inboxes_.end())
        for (WebsocketSession* s : it->second)
          participants.push_back(s->weak_from_this());
  }
  // This runs on the store's writer, which every command waits for: a
  // dossier nobody follows costs no serialisation.
  std::vector<Outgoing> messages;
  if (!followers.empty())
    for (const StoredEvent& e : result.events)
      messages.push_back(
          {std::make_shared<const std::string>(event_message(*def, e)), e.seq, dossier});
  const Outgoing inbox{participants.empty()
                           ? nullptr
                           : std::make_shared<const std::string>(
                                 nlohmann::json{{"type", "inbox"}, {"dossier", dossier}}.dump()),
                       0, dossier};

  for (const auto& weak : followers)
    if (auto session = weak.lock()) session->deliver(messages);
  for (const auto& weak : participants)
    if (auto session = weak.lock()) session->deliver({inbox});
}

}  // namespace planflow
