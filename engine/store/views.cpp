#include "engine/store/views.h"

#include <algorithm>

#include "engine/document.h"
#include "engine/event_json.h"
#include "engine/store/search_index.h"

namespace planflow {

const std::vector<const char*>& view_tables() {
  static const std::vector<const char*> kTables = {
      "dossiers", "participants", "tasks",    "consultations", "invitees",
      "comments", "versions",     "register", "timers",        "search_index"};
  return kTables;
}

namespace {

constexpr const char* kInsertVersion =
    "INSERT INTO versions (dossier_id, number, author, summary, text, blocks, submitted_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)";

sql::SqlStatus insert_version(sql::Statement& insert, std::int64_t dossier, const Event& e,
                              const VersionSubmitted& v, const std::string& text) {
  return insert.bind(1, dossier)
      .bind(2, v.number)
      .bind(3, e.actor)
      .bind(4, v.summary)
      .bind(5, text)
      .bind(6,
            blocks_to_json(*v.blocks).dump(-1, ' ', false, nlohmann::json::error_handler_t::strict))
      .bind(7, e.at)
      .run();
}

}  // namespace

sql::SqlStatus rewrite_versions_view(sql::Connection& db) {
  if (auto s = db.exec("DELETE FROM versions"); !s.ok()) return s;
  sql::SqlError error;
  auto events = db.prepare(
      "SELECT dossier_id, actor, at, payload FROM events WHERE type = 'version_submitted' "
      "ORDER BY seq",
      &error);
  if (!events) return error;
  auto insert = db.prepare(kInsertVersion, &error);
  if (!insert) return error;
  int rc;
  while ((rc = events->step()) == SQLITE_ROW) {
    auto v = version_submitted_from_json(nlohmann::json::parse(events->text(3), nullptr, false));
    // An unreadable event is left out rather than holding the upgrade up:
    // verify names it, and its dossier cannot be loaded either way.
    if (!v.ok()) continue;
    const Event e{events->int64(2), static_cast<UserId>(events->int64(1)), {}};
    if (auto r = insert_version(*insert, events->int64(0), e, v.value(),
                                document_text(*v.value().blocks));
        !r.ok())
      return r;
  }
  if (rc != SQLITE_DONE) return events->error("reading the log");
  return {};
}

std::optional<ViewWriter> ViewWriter::prepare(sql::Connection& db, sql::SqlError* error) {
  (void)error;
  return ViewWriter(db);
}

sql::Statement& ViewWriter::stmt(const char* text) {
  sql::SqlError error;
  sql::Statement* prepared = db_->cached(text, &error);
  // The statements are fixed text against a migrated schema: failing to
  // prepare one is a programming error, not a runtime condition.
  if (!prepared) throw std::logic_error(error.message);
  return *prepared;
}

sql::SqlStatus ViewWriter::on_event(const StoredEvent& se, const DossierState& after) {
  const Event& e = se.event;
  const auto dossier = static_cast<std::int64_t>(se.dossier);
  if (const auto* c = std::get_if<DossierCreated>(&e.body)) {
    auto& insert =
        stmt(
            "INSERT INTO dossiers (id, workflow_id, workflow_version, title, document_type, "
            "issuer_id, issuer_code, drafting_unit_id, drafting_unit_code, state, version, "
            "versions, frozen, created_at, updated_at, last_seq, corrects) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', 0, 0, 0, ?, ?, 0, ?)")
            .bind(1, dossier)
            .bind(2, c->definition_id)
            .bind(3, c->definition_version)
            .bind(4, c->title)
            .bind(5, c->document_type)
            .bind(6, c->issuer.id)
            .bind(7, c->issuer.code)
            .bind(8, c->drafting_unit.id)
            .bind(9, c->drafting_unit.code)
            .bind(10, e.at)
            .bind(11, e.at);
    if (c->corrects)
      insert.bind(12, static_cast<std::int64_t>(c->corrects->dossier));
    else
      insert.bind_null(12);
    auto r = insert.run();
    if (!r.ok()) return r;
    return SearchIndexWriter(*db_).add(dossier, SearchSource::kTitle, 0, c->title);
  }
  if (const auto* v = std::get_if<VersionSubmitted>(&e.body)) {
    const std::string text = document_text(*v->blocks);
    if (auto r = insert_version(stmt(kInsertVersion), dossier, e, *v, text); !r.ok()) return r;
    return SearchIndexWriter(*db_).add(dossier, SearchSource::kVersion, v->number, text);
  }
  if (const auto* c = std::get_if<CommentAdded>(&e.body)) {
    auto r = stmt(
                 "INSERT INTO comments (dossier_id, comment_id, author, unit_id, reply_to, text, "
                 "created_at, disposition, explanation, anchor) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, 'none', '', ?)")
                 .bind(1, dossier)
                 .bind(2, c->comment_id)
                 .bind(3, c->on_behalf_of ? c->on_behalf_of : e.actor)
                 .bind(4, c->unit)
                 .bind(5, c->reply_to)
                 .bind(6, c->text)
                 .bind(7, e.at)
                 .bind(8, anchor_to_json(c->anchor).dump())
                 .run();
    if (!r.ok()) return r;
    return SearchIndexWriter(*db_).add(dossier, SearchSource::kComment, c->comment_id, c->text);
  }
  if (const auto* c = std::get_if<CommentEdited>(&e.body)) {
    auto r = stmt(
                 "UPDATE comments SET text = ?, edits = edits + 1, edited_at = ? "
                 "WHERE dossier_id = ? AND comment_id = ?")
                 .bind(1, c->text)
                 .bind(2, e.at)
                 .bind(3, dossier)
                 .bind(4, c->comment_id)
                 .run();
    if (!r.ok()) return r;
    // Search finds what the comment says now; the history keeps the rest.
    SearchIndexWriter index(*db_);
    if (auto s = index.remove(dossier, SearchSource::kComment, c->comment_id); !s.ok()) return s;
    return index.add(dossier, SearchSource::kComment, c->comment_id, c->text);
  }
  if (const auto* w = std::get_if<CommentWithdrawn>(&e.body)) {
    auto r = stmt("UPDATE comments SET withdrawn_at = ? WHERE dossier_id = ? AND comment_id = ?")
                 .bind(1, e.at)
                 .bind(2, dossier)
                 .bind(3, w->comment_id)
                 .run();
    if (!r.ok()) return r;
    return SearchIndexWriter(*db_).remove(dossier, SearchSource::kComment, w->comment_id);
  }
  if (const auto* d = std::get_if<CommentDisposed>(&e.body)) {
    return stmt(
               "UPDATE comments SET disposition = ?, explanation = ?, disposed_at = ? "
               "WHERE dossier_id = ? AND comment_id = ?")
        .bind(1, disposition_name(d->disposition))
        .bind(2, d->explanation)
        .bind(3, e.at)
        .bind(4, dossier)
        .bind(5, d->comment_id)
        .run();
  }
  // Every number taken from the register, the plan's own and its
  // conclusion notices', so the next one follows without a gap or a repeat.
  const auto register_number = [&](const IssuedNumber& n) {
    return stmt(
               "INSERT INTO register (issuer_id, series, year, number, symbol, dossier_id, "
               "issued_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bind(1, after.issuer.id)
        .bind(2, n.series)
        .bind(3, n.year)
        .bind(4, n.number)
        .bind(5, n.symbol)
        .bind(6, dossier)
        .bind(7, e.at)
        .run();
  };
  if (const auto* a = std::get_if<ActionTaken>(&e.body); a && a->issued) {
    auto r = register_number(*a->issued);
    if (!r.ok()) return r;
    return SearchIndexWriter(*db_).add(dossier, SearchSource::kSymbol, 0, a->issued->symbol);
  }
  if (const auto* n = std::get_if<ConclusionNoticeIssued>(&e.body))
    return register_number(n->issued);
  return {};
}

void ViewedState::take(const DossierState& s) {
  state = s.state;
  state_entries = s.state_entries;
  bindings = s.bindings;
  tasks = s.tasks;
  invitees = s.invitees;
  deadline_at = s.deadline_at;
  timers = s.timers;
}

sql::SqlStatus ViewWriter::write_state(DossierId id, const ViewedState* before,
                                       const DossierState& s, Time updated_at, Sequence last_seq) {
  const auto dossier = static_cast<std::int64_t>(id);
  auto& update = stmt(
      "UPDATE dossiers SET state = ?, version = ?, versions = ?, frozen = ?, "
      "deadline_at = ?, symbol = ?, updated_at = ?, last_seq = ? WHERE id = ?");
  update.bind(1, s.current().id)
      .bind(2, static_cast<std::int64_t>(s.version))
      .bind(3, s.versions)
      .bind(4, s.frozen ? 1 : 0);
  if (s.deadline_at)
    update.bind(5, *s.deadline_at);
  else
    update.bind_null(5);
  if (s.issued)
    update.bind(6, s.issued->symbol);
  else
    update.bind_null(6);
  update.bind(7, updated_at).bind(8, static_cast<std::int64_t>(last_seq)).bind(9, dossier);
  if (auto r = update.run(); !r.ok()) return r;

  // Most commands (a comment, a disposition) change none of these rows;
  // rewriting only what changed keeps the writer's transaction short.
  const bool moved =
      !before || before->state != s.state || before->state_entries != s.state_entries;
  if (moved || before->bindings != s.bindings)
    if (auto r = write_participants(dossier, s); !r.ok()) return r;
  if (moved || before->tasks != s.tasks)
    if (auto r = write_tasks(dossier, s); !r.ok()) return r;
  if (moved || before->invitees != s.invitees || before->deadline_at != s.deadline_at)
    if (auto r = write_consultation(dossier, s); !r.ok()) return r;
  if (moved || before->timers != s.timers)
    if (auto r = write_timers(dossier, s); !r.ok()) return r;
  return {};
}

sql::SqlStatus ViewWriter::write_participants(std::int64_t dossier, const DossierState& s) {
  if (auto r = stmt("DELETE FROM participants WHERE dossier_id = ?").bind(1, dossier).run();
      !r.ok())
    return r;
  for (const Binding& b : s.bindings) {
    auto r =
        stmt("INSERT INTO participants (dossier_id, role, user_id, unit_id) VALUES (?, ?, ?, ?)")
            .bind(1, dossier)
            .bind(2, s.definition().roles[b.role].id)
            .bind(3, b.participant.user)
            .bind(4, b.participant.unit)
            .run();
    if (!r.ok()) return r;
  }
  return {};
}

sql::SqlStatus ViewWriter::write_tasks(std::int64_t dossier, const DossierState& s) {
  if (auto r = stmt("DELETE FROM tasks WHERE dossier_id = ?").bind(1, dossier).run(); !r.ok())
    return r;
  const StateDef& st = s.current();
  for (const OpenTask& t : s.tasks) {
    const TaskDef& td = task_def(st, t);
    auto& insert = stmt(
        "INSERT INTO tasks (dossier_id, task_id, state, task, role, assignee, "
        "opened_at, due_at, subject, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, dossier)
        .bind(2, t.id)
        .bind(3, st.id)
        .bind(4, td.id)
        .bind(5, s.definition().roles[t.role].id);
    if (t.assignee)
      insert.bind(6, t.assignee);
    else
      insert.bind_null(6);
    insert.bind(7, t.opened_at);
    if (t.due_at)
      insert.bind(8, *t.due_at);
    else
      insert.bind_null(8);
    if (t.subject && t.subject <= s.implementation_tasks.size())
      insert.bind(9, t.subject).bind(10, s.implementation_tasks[t.subject - 1].title);
    else
      insert.bind_null(9).bind_null(10);
    if (auto r = insert.run(); !r.ok()) return r;
  }
  return {};
}

sql::SqlStatus ViewWriter::write_consultation(std::int64_t dossier, const DossierState& s) {
  for (const char* sql : {"DELETE FROM consultations WHERE dossier_id = ?",
                          "DELETE FROM invitees WHERE dossier_id = ?"})
    if (auto r = stmt(sql).bind(1, dossier).run(); !r.ok()) return r;
  if (!s.current().consultation) return {};
  auto& insert = stmt(
      "INSERT INTO consultations (dossier_id, round, invited, responded, "
      "quorum_met, deadline_at) VALUES (?, ?, ?, ?, ?, ?)");
  insert.bind(1, dossier)
      .bind(2, s.consultation_rounds)
      .bind(3, static_cast<std::int64_t>(s.invitees.size()))
      .bind(4, s.responded_count())
      .bind(5, s.quorum_met() ? 1 : 0);
  if (s.deadline_at)
    insert.bind(6, *s.deadline_at);
  else
    insert.bind_null(6);
  if (auto r = insert.run(); !r.ok()) return r;
  for (const Invitee& i : s.invitees) {
    auto r =
        stmt("INSERT INTO invitees (dossier_id, user_id, unit_id, responded) VALUES (?, ?, ?, ?)")
            .bind(1, dossier)
            .bind(2, i.participant.user)
            .bind(3, i.participant.unit)
            .bind(4, i.responded ? 1 : 0)
            .run();
    if (!r.ok()) return r;
  }
  return {};
}

namespace {

const char* timer_kind_name(TimerKind kind) {
  switch (kind) {
    case TimerKind::kReminder:
      return "reminder";
    case TimerKind::kExpiry:
      return "expiry";
    case TimerKind::kFollowUp:
      return "follow_up";
  }
  return "unknown";
}

}  // namespace

sql::SqlStatus ViewWriter::write_timers(std::int64_t dossier, const DossierState& s) {
  if (auto r = stmt("DELETE FROM timers WHERE dossier_id = ?").bind(1, dossier).run(); !r.ok())
    return r;
  for (const Timer& t : s.timers) {
    auto r = stmt("INSERT INTO timers (dossier_id, timer_id, kind, at) VALUES (?, ?, ?, ?)")
                 .bind(1, dossier)
                 .bind(2, t.id)
                 .bind(3, timer_kind_name(t.kind))
                 .bind(4, t.at)
                 .run();
    if (!r.ok()) return r;
  }
  return {};
}

std::vector<std::string> dump_view_table(sql::Connection& db, const char* table) {
  sql::SqlError error;
  auto shape = db.prepare(std::string("SELECT * FROM ") + table + " LIMIT 0", &error);
  if (!shape) return {"error: " + error.message};
  (void)shape->step();  // PostgreSQL knows the columns once it has run it
  std::string order;
  for (int c = 1; c <= shape->columns(); ++c)
    order += (c > 1 ? ", " : "") + std::to_string(c);
  auto rows = db.prepare(std::string("SELECT * FROM ") + table + " ORDER BY " + order, &error);
  if (!rows) return {"error: " + error.message};
  std::vector<std::string> out;
  while (rows->step() == SQLITE_ROW) {
    std::string line;
    for (int c = 0; c < rows->columns(); ++c) {
      if (c) line += "|";
      line += rows->is_null(c) ? "NULL" : rows->text(c);
    }
    out.push_back(std::move(line));
  }
  // Sorted here as well: the databases order text by different collations.
  std::sort(out.begin(), out.end());
  return out;
}

std::string dump_views(sql::Connection& db) {
  std::string out;
  for (const char* table : view_tables()) {
    out += std::string("# ") + table + "\n";
    for (const std::string& line : dump_view_table(db, table))
      out += line + "\n";
  }
  out += "# search_index terms\n";
  for (const std::string& line : dump_search_terms(db))
    out += line + "\n";
  return out;
}

}  // namespace planflow
