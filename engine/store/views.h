// The read views, written in the transaction of the events they follow
// from: dossiers, participants, open tasks (the inbox), consultation
// progress, invitees, comments, versions, the register of issued numbers,
// pending timers, and the full-text index (search_index.h). They are a
// cache of the log: rebuild_views() makes them again from the events alone,
// and verify compares the two.
#pragma once

#include <optional>
#include <vector>

#include "engine/dossier_state.h"
#include "engine/store/sql.h"
#include "engine/store/store.h"

namespace planflow {

// What of a dossier's state the views other than its dossier row mirror:
// participants, tasks, consultation and invitees, timers. Taken before a
// command's events are applied, so write_state() rewrites only the views
// whose part changed, without a copy of the whole state.
struct ViewedState {
  StateId state = 0;
  std::uint32_t state_entries = 0;
  std::vector<Binding> bindings;
  std::vector<OpenTask> tasks;
  std::vector<Invitee> invitees;
  std::optional<Time> deadline_at;
  std::vector<Timer> timers;

  // Copies those parts of `s`, reusing the capacity already held.
  void take(const DossierState& s);
};

class ViewWriter {
 public:
  static std::optional<ViewWriter> prepare(sql::Connection& db, sql::SqlError* error);

  // Rows that follow from one event itself (its text, its number).
  sql::SqlStatus on_event(const StoredEvent& e, const DossierState& after);
  // Rows that mirror the dossier's state after a command's events. Given
  // what they mirrored before the command, only the rows that changed are
  // rewritten.
  sql::SqlStatus write_state(DossierId dossier, const ViewedState* before, const DossierState& s,
                             Time updated_at, Sequence last_seq);

 private:
  explicit ViewWriter(sql::Connection& db) : db_(&db) {}
  sql::Statement& stmt(const char* sql);
  sql::SqlStatus write_participants(std::int64_t dossier, const DossierState& s);
  sql::SqlStatus write_tasks(std::int64_t dossier, const DossierState& s);
  sql::SqlStatus write_consultation(std::int64_t dossier, const DossierState& s);
  sql::SqlStatus write_timers(std::int64_t dossier, const DossierState& s);

  sql::Connection* db_;
};

// Makes the versions view again from the log's version_submitted events
// alone, as schema version 4 (blocks) needs: each row depends on its event
// only, and the rows of older versions gain their blocks.
sql::SqlStatus rewrite_versions_view(sql::Connection& db);

// The view tables, in the order they are dumped and cleared.
const std::vector<const char*>& view_tables();

// Every row of one view table, one line each, ordered by every column:
// equal dumps mean equal tables.
std::vector<std::string> dump_view_table(sql::Connection& db, const char* table);

// All view tables, each headed by "# name", then the words the search
// index holds (dump_search_terms).
std::string dump_views(sql::Connection& db);

}  // namespace planflow
