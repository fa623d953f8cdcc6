// Reads of the views for the people who use planflow: the inbox, the
// dossiers they take part in, one dossier's summary. On a connection of
// their own, so they never wait for the writer (WAL readers see the last
// committed state).
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "engine/search_text.h"
#include "engine/store/sql.h"
#include "engine/store/store.h"

namespace planflow {

struct InboxTask {
  DossierId dossier = 0;
  std::string dossier_title;
  std::string workflow;
  int workflow_version = 0;
  std::string state;
  std::string task;  // the task's id in the definition
  std::string role;
  std::optional<UserId> assignee;  // absent: anyone playing the role
  Time opened_at = 0;
  std::optional<Time> due_at;
  // A follow-up's implementation task, and its title.
  std::optional<std::uint32_t> subject;
  std::string detail;
};

struct DossierSummary {
  DossierId id = 0;
  std::string workflow;
  int workflow_version = 0;
  std::string title;
  std::string document_type;
  std::string state;
  std::uint64_t version = 0;
  std::optional<std::string> symbol;  // once issued
  std::optional<Time> deadline_at;
  Time created_at = 0;
  Time updated_at = 0;
  std::vector<std::string> my_roles;  // for the user who asked
};

// A pending reminder or deadline, as the timer service reads it.
struct DueTimer {
  DossierId dossier = 0;
  std::uint32_t timer_id = 0;
  Time at = 0;
};

// One text that matched a search: a dossier's title or issued symbol, a
// draft version, a comment.
struct SearchHit {
  DossierId dossier = 0;
  std::string dossier_title;
  std::string source;       // "title", "symbol", "version" or "comment"
  std::int64_t number = 0;  // the version's number, the comment's id; 0 otherwise
  Snippet snippet;          // of the text as written, diacritics and all
  double rank = 0;          // FTS5's bm25: lower is a better match
};

inline constexpr std::size_t kMaxSearchHits = 50;

// A document linked to another by a correction (đính chính).
struct LinkedDocument {
  DossierId id = 0;
  std::string title;
  std::optional<std::string> symbol;  // once issued
  std::optional<Time> issued_at;
};

struct Corrections {
  std::optional<LinkedDocument> corrects;    // the issued document this one corrects
  std::vector<LinkedDocument> corrected_by;  // issued corrections of this one, oldest first
};

inline constexpr std::size_t kMaxCorrectionsListed = 100;

class Queries {
 public:
  // A SQLite file's path (read only) or a postgresql:// URL.
  static Result<std::unique_ptr<Queries>, StoreError> open(const std::string& location);

  // Open tasks for `user`, most urgent first (due soonest, then undated).
  Result<std::vector<InboxTask>, StoreError> inbox(UserId user);
  // Dossiers `user` takes part in, most recently changed first.
  Result<std::vector<DossierSummary>, StoreError> dossiers_of(UserId user);
  Result<DossierSummary, StoreError> dossier(DossierId id, UserId user);
  // Everyone taking part in the dossier now, each once.
  Result<std::vector<UserId>, StoreError> participants_of(DossierId id);
  // The roles `user` plays in the dossier; empty when not a participant.
  Result<std::vector<std::string>, StoreError> roles_of(DossierId id, UserId user);

  // The texts of dossiers `user` takes part in that hold every word of
  // `text`, accents or not (engine/search_text.h), best first, at most
  // `limit` (itself at most kMaxSearchHits). No words, no hits.
  Result<std::vector<SearchHit>, StoreError> search(UserId user, std::string_view text,
                                                    std::size_t limit);

  // What the dossier corrects and the corrections issued for it. A
  // correction still in draft is its participants' business and is left out.
  Result<Corrections, StoreError> corrections(DossierId id);
  // Whether this node fires the timers. With SQLite always; on PostgreSQL
  // the node holding a session advisory lock, which PostgreSQL releases
  // the moment that node's connection ends, so another node's next call
  // takes it over. Firing stays exactly-once without it (each timer has
  // one request id); the lease keeps the other nodes from trying.
  Result<bool, StoreError> hold_timer_lease();
  // Timers due at `now` (at <= now), earliest first, at most `limit` of them.
  Result<std::vector<DueTimer>, StoreError> due_timers(Time now, std::size_t limit);
  // When the earliest pending timer falls due; nullopt when none is pending.
  Result<std::optional<Time>, StoreError> next_timer_at();
  // Issued dossiers whose document has no signature yet, at most `limit`,
  // lowest id first: what the signing service signs.
  Result<std::vector<DossierId>, StoreError> unsigned_issued(std::size_t limit);

 private:
  explicit Queries(sql::Connection db) : db_(std::move(db)) {}
  std::mutex mu_;
  sql::Connection db_;
};

}  // namespace planflow
