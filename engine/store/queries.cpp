#include "engine/store/queries.h"

#include <algorithm>

#include "engine/store/log_reader.h"
#include "engine/store/open_store.h"

namespace planflow {

namespace {

std::optional<Time> optional_time(const sql::Statement& s, int column) {
  if (s.is_null(column)) return std::nullopt;
  return s.int64(column);
}

// The advisory lock whose holder fires the timers (hold_timer_lease).
constexpr std::int64_t kTimerLeaseKey = 72430112;

constexpr const char* kDossierColumns =
    "SELECT id, workflow_id, workflow_version, title, document_type, state, version, symbol, "
    "deadline_at, created_at, updated_at FROM dossiers ";

DossierSummary read_summary(const sql::Statement& s) {
  DossierSummary d;
  d.id = static_cast<DossierId>(s.int64(0));
  d.workflow = s.text(1);
  d.workflow_version = static_cast<int>(s.int64(2));
  d.title = s.text(3);
  d.document_type = s.text(4);
  d.state = s.text(5);
  d.version = static_cast<std::uint64_t>(s.int64(6));
  if (!s.is_null(7)) d.symbol = s.text(7);
  d.deadline_at = optional_time(s, 8);
  d.created_at = s.int64(9);
  d.updated_at = s.int64(10);
  return d;
}

}  // namespace

Result<std::unique_ptr<Queries>, StoreError> Queries::open(const std::string& location) {
  sql::SqlError e;
  const StoreLocation at = parse_store_location(location);
  auto db = at.kind == StoreKind::kPostgres
                ? sql::Connection::open_postgres(at.where, &e)
                : sql::Connection::open_sqlite(at.where, sql::Connection::Mode::kReadOnly, &e);
  if (!db) return storage_error(e, "opening " + location + " for reading");
  return std::unique_ptr<Queries>(new Queries(std::move(*db)));
}

Result<std::vector<InboxTask>, StoreError> Queries::inbox(UserId user) {
  std::lock_guard lock(mu_);
  sql::SqlError e;
  auto* s = db_.cached(
      "SELECT t.dossier_id, d.title, d.workflow_id, d.workflow_version, t.state, t.task, t.role, "
      "t.assignee, t.opened_at, t.due_at, t.subject, t.detail FROM tasks t JOIN dossiers d ON d.id "
      "= t.dossier_id "
      "WHERE t.assignee = ?1 OR (t.assignee IS NULL AND EXISTS (SELECT 1 FROM participants p "
      "WHERE p.dossier_id = t.dossier_id AND p.role = t.role AND p.user_id = ?1)) "
      "ORDER BY t.due_at IS NULL, t.due_at, t.dossier_id, t.task_id",
      &e);
  if (!s) return storage_error(e, "reading the inbox");
  s->bind(1, static_cast<std::int64_t>(user));
  std::vector<InboxTask> out;
  int rc;
  while ((rc = s->step()) == SQLITE_ROW) {
    InboxTask t;
    t.dossier = static_cast<DossierId>(s->int64(0));
    t.dossier_title = s->text(1);
    t.workflow = s->text(2);
    t.workflow_version = static_cast<int>(s->int64(3));
    t.state = s->text(4);
    t.task = s->text(5);
    t.role = s->text(6);
    if (!s->is_null(7)) t.assignee = static_cast<UserId>(s->int64(7));
    t.opened_at = s->int64(8);
    t.due_at = optional_time(*s, 9);
    if (!s->is_null(10)) {
      t.subject = static_cast<std::uint32_t>(s->int64(10));
      t.detail = s->text(11);
    }
    out.push_back(std::move(t));
  }
  const auto error = s->error("reading the inbox");
  s->reset();
  if (rc != SQLITE_DONE) return storage_error(error, "reading the inbox");
  return out;
}

Result<std::vector<std::string>, StoreError> Queries::roles_of(DossierId id, UserId user) {
  std::lock_guard lock(mu_);
  sql::SqlError e;
  auto* s = db_.cached(
      "SELECT role FROM participants WHERE dossier_id = ? AND user_id = ? ORDER BY role", &e);
  if (!s) return storage_error(e, "reading participants");
  s->bind(1, static_cast<std::int64_t>(id)).bind(2, static_cast<std::int64_t>(user));
  std::vector<std::string> roles;
  int rc;
  while ((rc = s->step()) == SQLITE_ROW)
    roles.push_back(s->text(0));
  // Read as "no roles", a failed read would turn "try again" into "forbidden".
  const auto error = s->error("reading participants");
  s->reset();
  if (rc != SQLITE_DONE) return storage_error(error, "reading participants");
  return roles;
}

Result<bool, StoreError> Queries::hold_timer_lease() {
  if (db_.dialect() == sql::Dialect::kSqlite) return true;
  std::lock_guard lock(mu_);
  sql::SqlError e;
  // Asked of pg_locks, not remembered: a connection made again has lost it.
  // Taken only when not held, as each taking counts once more.
  auto* held = db_.cached(
      "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = 0 AND objid = ?1 "
      "AND objsubid = 1 AND pid = pg_backend_pid() AND granted",
      &e);
  if (!held) return storage_error(e, "checking the timer lease");
  held->bind(1, kTimerLeaseKey);
  if (held->step() != SQLITE_ROW)
    return storage_error(held->error("checking the timer lease"), "checking the timer lease");
  const bool holding = held->int64(0) > 0;
  held->reset();
  if (holding) return true;
  auto* take = db_.cached("SELECT pg_try_advisory_lock(?1)", &e);
  if (!take) return storage_error(e, "taking the timer lease");
  take->bind(1, kTimerLeaseKey);
  if (take->step() != SQLITE_ROW)
    return storage_error(take->error("taking the timer lease"), "taking the timer lease");
  const bool taken = take->int64(0) != 0;
  take->reset();
  return taken;
}

Result<std::vector<UserId>, StoreError> Queries::participants_of(DossierId id) {
  std::lock_guard lock(mu_);
  sql::SqlError e;
  auto* s = db_.cached(
      "SELECT DISTINCT user_id FROM participants WHERE dossier_id = ? ORDER BY user_id", &e);
  if (!s) return storage_error(e, "reading participants");
  s->bind(1, static_cast<std::int64_t>(id));
  std::vector<UserId> users;
  int rc;
  while ((rc = s->step()) == SQLITE_ROW)
    users.push_back(static_cast<UserId>(s->int64(0)));
  const auto error = s->error("reading participants");
  s->reset();
  if (rc != SQLITE_DONE) return storage_error(error, "reading participants");
  return users;
}

Result<std::vector<DossierSummary>, StoreError> Queries::dossiers_of(UserId user) {
  std::vector<DossierSummary> out;
  {
    std::lock_guard lock(mu_);
    sql::SqlError e;
    auto* s = db_.cached(std::string(kDossierColumns) +
                             "WHERE id IN (SELECT dossier_id FROM participants WHERE user_id = ?) "
                             "ORDER BY updated_at DESC, id DESC",
                         &e);
    if (!s) return storage_error(e, "listing dossiers");
    s->bind(1, static_cast<std::int64_t>(user));
    int rc;
    while ((rc = s->step()) == SQLITE_ROW)
      out.push_back(read_summary(*s));
    const auto error = s->error("listing dossiers");
    s->reset();
    if (rc != SQLITE_DONE) return storage_error(error, "listing dossiers");
  }
  for (DossierSummary& d : out) {
    auto roles = roles_of(d.id, user);
    if (!roles.ok()) return roles.error();
    d.my_roles = std::move(roles).value();
  }
  return out;
}

Result<std::vector<SearchHit>, StoreError> Queries::search(UserId user, std::string_view text,
                                                           std::size_t limit) {
  const SearchQuery query = parse_search_query(text);
  limit = std::min(limit, kMaxSearchHits);
  if (query.empty() || limit == 0) return std::vector<SearchHit>{};
  std::vector<SearchHit> hits;
  std::vector<std::string> originals;
  {
    std::lock_guard lock(mu_);
    sql::SqlError e;
    auto* s = db_.dialect() == sql::Dialect::kSqlite
                  ? db_.cached(
                        // ORDER BY rank (bm25 unless configured otherwise) lets FTS5 sort
                        // inside the index, about twice as fast as sorting bm25() outside.
                        "SELECT s.dossier_id, d.title, s.source, s.number, s.original, s.rank "
                        "FROM search_index s JOIN dossiers d ON d.id = s.dossier_id "
                        "WHERE s.search_index MATCH ?1 "
                        "AND s.dossier_id IN (SELECT dossier_id FROM participants WHERE "
                        "user_id = ?2) "
                        "ORDER BY s.rank LIMIT ?3",
                        &e)
                  // The expression of the GIN index (postgres_schema.cpp), so it
                  // is used. ts_rank is higher for better, FTS5's rank lower;
                  // normalisation 1 divides by 1 + log(length), so a short text
                  // full of the words outranks a long one, as bm25 has it.
                  : db_.cached(
                        "SELECT s.dossier_id, d.title, s.source, s.number, s.original, "
                        "-ts_rank(to_tsvector('simple', s.keys), q, 1) AS rank "
                        "FROM search_index s JOIN dossiers d ON d.id = s.dossier_id, "
                        "to_tsquery('simple', ?1) q "
                        "WHERE to_tsvector('simple', s.keys) @@ q "
                        "AND s.dossier_id IN (SELECT dossier_id FROM participants WHERE "
                        "user_id = ?2) "
                        "ORDER BY rank, s.dossier_id, s.source, s.number LIMIT ?3",
                        &e);
    if (!s) return storage_error(e, "searching");
    s->bind(1, db_.dialect() == sql::Dialect::kSqlite ? query.fts5() : query.tsquery())
        .bind(2, static_cast<std::int64_t>(user))
        .bind(3, static_cast<std::int64_t>(limit));
    int rc;
    while ((rc = s->step()) == SQLITE_ROW) {
      SearchHit h;
      h.dossier = static_cast<DossierId>(s->int64(0));
      h.dossier_title = s->text(1);
      h.source = s->text(2);
      h.number = s->int64(3);
      originals.push_back(s->text(4));
      h.rank = s->real(5);
      hits.push_back(std::move(h));
    }
    const auto error = s->error("searching");
    s->reset();
    if (rc != SQLITE_DONE) return storage_error(error, "searching");
  }
  // Outside the lock: a draft's snippet may take a while to find.
  for (std::size_t i = 0; i < hits.size(); ++i)
    hits[i].snippet = make_snippet(originals[i], query);
  return hits;
}

Result<std::vector<DueTimer>, StoreError> Queries::due_timers(Time now, std::size_t limit) {
  std::lock_guard lock(mu_);
  sql::SqlError e;
  // Ties in time keep each dossier's own order (its timer ids), so a
  // reminder due with its deadline is fired before the deadline ends it.
  auto* s = db_.cached(
      "SELECT dossier_id, timer_id, at FROM timers WHERE at <= ? "
      "ORDER BY at, dossier_id, timer_id LIMIT ?",
      &e);
  if (!s) return storage_error(e, "reading due timers");
  s->bind(1, now).bind(2, static_cast<std::int64_t>(limit));
  std::vector<DueTimer> out;
  int rc;
  while ((rc = s->step()) == SQLITE_ROW)
    out.push_back({static_cast<DossierId>(s->int64(0)), static_cast<std::uint32_t>(s->int64(1)),
                   s->int64(2)});
  const auto error = s->error("reading due timers");
  s->reset();
  if (rc != SQLITE_DONE) return storage_error(error, "reading due timers");
  return out;
}

Result<std::vector<DossierId>, StoreError> Queries::unsigned_issued(std::size_t limit) {
  std::lock_guard lock(mu_);
  sql::SqlError e;
  auto* s = db_.cached(
      "SELECT id FROM dossiers d WHERE symbol IS NOT NULL AND NOT EXISTS ("
      "SELECT 1 FROM events e WHERE e.dossier_id = d.id AND e.type = 'document_signed') "
      "ORDER BY id LIMIT ?",
      &e);
  if (!s) return storage_error(e, "reading unsigned documents");
  s->bind(1, static_cast<std::int64_t>(limit));
  std::vector<DossierId> out;
  int rc;
  while ((rc = s->step()) == SQLITE_ROW)
    out.push_back(static_cast<DossierId>(s->int64(0)));
  const auto error = s->error("reading unsigned documents");
  s->reset();
  if (rc != SQLITE_DONE) return storage_error(error, "reading unsigned documents");
  return out;
}

Result<std::optional<Time>, StoreError> Queries::next_timer_at() {
  std::lock_guard lock(mu_);
  sql::SqlError e;
  auto* s = db_.cached("SELECT min(at) FROM timers", &e);
  if (!s) return storage_error(e, "reading the next timer");
  const int rc = s->step();
  std::optional<Time> next;
  if (rc == SQLITE_ROW) next = optional_time(*s, 0);
  const auto error = s->error("reading the next timer");
  s->reset();
  if (rc != SQLITE_ROW) return storage_error(error, "reading the next timer");
  return next;
}

Result<DossierSummary, StoreError> Queries::dossier(DossierId id, UserId user) {
  std::optional<DossierSummary> found;
  {
    std::lock_guard lock(mu_);
    sql::SqlError e;
    auto* s = db_.cached(std::string(kDossierColumns) + "WHERE id = ?", &e);
    if (!s) return storage_error(e, "reading a dossier");
    s->bind(1, static_cast<std::int64_t>(id));
    const int rc = s->step();
    if (rc == SQLITE_ROW) found = read_summary(*s);
    const auto error = s->error("reading a dossier");
    s->reset();
    // A failed read is no proof the dossier is missing.
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return storage_error(error, "reading a dossier");
  }
  if (!found)
    return store_error(StoreErrorCode::kNotFound, "there is no dossier " + std::to_string(id),
                       "Không tìm thấy hồ sơ số " + std::to_string(id));
  auto roles = roles_of(id, user);
  if (!roles.ok()) return roles.error();
  found->my_roles = std::move(roles).value();
  return std::move(*found);
}

Result<Corrections, StoreError> Queries::corrections(DossierId id) {
  std::lock_guard lock(mu_);
  const char* what = "reading a dossier's corrections";
  // A document's issue time is the register's entry for its own symbol.
  constexpr const char* kLinked =
      "SELECT d.id, d.title, d.symbol, r.issued_at FROM dossiers d "
      "LEFT JOIN register r ON r.dossier_id = d.id AND r.symbol = d.symbol ";
  Corrections out;
  auto read = [&](const std::string& where, std::vector<LinkedDocument>& into) -> sql::SqlStatus {
    sql::SqlError e;
    auto* s = db_.cached(std::string(kLinked) + where, &e);
    if (!s) return e;
    s->bind(1, static_cast<std::int64_t>(id));
    int rc;
    while ((rc = s->step()) == SQLITE_ROW) {
      LinkedDocument d{static_cast<DossierId>(s->int64(0)), s->text(1), std::nullopt,
                       optional_time(*s, 3)};
      if (!s->is_null(2)) d.symbol = s->text(2);
      into.push_back(std::move(d));
    }
    const auto error = s->error(what);
    s->reset();
    if (rc != SQLITE_DONE) return error;
    return {};
  };
  std::vector<LinkedDocument> corrected;
  if (auto r = read("WHERE d.id = (SELECT corrects FROM dossiers WHERE id = ?)", corrected);
      !r.ok())
    return storage_error(r.error(), what);
  if (!corrected.empty()) out.corrects = std::move(corrected.front());
  if (auto r = read("WHERE d.corrects = ? AND d.symbol IS NOT NULL ORDER BY d.id LIMIT " +
                        std::to_string(kMaxCorrectionsListed),
                    out.corrected_by);
      !r.ok())
    return storage_error(r.error(), what);
  return out;
}

}  // namespace planflow
