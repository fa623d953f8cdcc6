#include "engine/store/log_head.h"

namespace planflow {

namespace {

// Past this many events from other nodes, reading which dossiers they
// touched costs more than reading the cached ones again.
constexpr Sequence kMostForeignEventsToScan = 10000;

}  // namespace

Result<LockedLogHead, sql::SqlError> lock_log_head(sql::Connection& db, Sequence known_last,
                                                   bool list_changed_dossiers) {
  sql::SqlError e;
  auto* head =
      db.cached("SELECT last_seq, last_dossier FROM log_head WHERE one = 1 FOR UPDATE", &e);
  if (!head) return e;
  const sql::ResetOnExit reset_head(head);
  if (head->step() != SQLITE_ROW) return head->error("locking the log's head");
  LockedLogHead locked;
  locked.last_seq = static_cast<Sequence>(head->int64(0));
  locked.last_dossier = static_cast<DossierId>(head->int64(1));
  if (locked.last_seq == known_last || !list_changed_dossiers) return locked;
  if (locked.last_seq < known_last || locked.last_seq - known_last > kMostForeignEventsToScan) {
    locked.others_wrote_too_much = true;
    return locked;
  }
  auto* changed =
      db.cached("SELECT DISTINCT dossier_id FROM events WHERE seq > ? AND seq <= ?", &e);
  if (!changed) return e;
  const sql::ResetOnExit reset_changed(changed);
  changed->bind(1, static_cast<std::int64_t>(known_last))
      .bind(2, static_cast<std::int64_t>(locked.last_seq));
  int rc;
  while ((rc = changed->step()) == SQLITE_ROW)
    locked.written_by_others.push_back(static_cast<DossierId>(changed->int64(0)));
  if (rc != SQLITE_DONE) return changed->error("reading what other nodes wrote");
  return locked;
}

sql::SqlStatus advance_log_head(sql::Connection& db, Sequence last_seq, DossierId last_dossier) {
  sql::SqlError e;
  // pg_notify's message goes out when the transaction commits.
  auto* head = db.cached(
      "UPDATE log_head SET last_seq = ?1, last_dossier = ?2 WHERE one = 1 "
      "RETURNING pg_notify('planflow_log', last_seq::text)",
      &e);
  if (!head) return e;
  const sql::ResetOnExit reset(head);
  head->bind(1, static_cast<std::int64_t>(last_seq))
      .bind(2, static_cast<std::int64_t>(last_dossier));
  if (head->step() != SQLITE_ROW) return head->error("advancing the log's head");
  return {};
}

}  // namespace planflow
