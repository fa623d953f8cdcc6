// The log's head on PostgreSQL: one row holding the last global sequence
// number and dossier id given out. Every node's writer locks it first in
// its transaction and updates it last, so the nodes' transactions commit
// one after another, each taking numbers above every committed one: no
// number commits before a smaller one, and a reader following the log by
// "after N" never skips an event that commits later.
#pragma once

#include <vector>

#include "engine/store/sql.h"
#include "engine/store/store.h"

namespace planflow {

struct LockedLogHead {
  Sequence last_seq = 0;
  DossierId last_dossier = 0;
  // The dossiers other nodes wrote to after the writer's last own number,
  // when asked for; too many to be worth reading, or a head behind it,
  // says forget them all instead.
  std::vector<DossierId> written_by_others;
  bool others_wrote_too_much = false;
};

// In the writer's open transaction: locks the head until the transaction
// ends. `known_last` is the last number this writer knows of.
Result<LockedLogHead, sql::SqlError> lock_log_head(sql::Connection& db, Sequence known_last,
                                                   bool list_changed_dossiers);

// Records the numbers this transaction took, and notifies every listening
// node (log_notifications.h) when it commits.
sql::SqlStatus advance_log_head(sql::Connection& db, Sequence last_seq, DossierId last_dossier);

}  // namespace planflow
