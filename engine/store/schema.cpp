#include "engine/store/schema.h"

#include "engine/store/search_index.h"
#include "engine/store/views.h"

namespace planflow {

namespace {

struct Migration {
  const char* sql;
  // What SQL alone cannot do, run after it in the same transaction. It
  // writes rows as this planflow writes them, which suits views: they are
  // always what the running planflow makes of the log.
  sql::SqlStatus (*then)(sql::Connection&) = nullptr;
};

// Append only: a migration, once released, never changes.
const Migration kMigrations[] = {
    // 1: the event log and the read views.
    {R"sql(
CREATE TABLE events (
  seq INTEGER PRIMARY KEY,
  dossier_id INTEGER NOT NULL,
  dossier_seq INTEGER NOT NULL,
  type TEXT NOT NULL,
  actor INTEGER NOT NULL,
  at INTEGER NOT NULL,
  payload TEXT NOT NULL,
  hash BLOB NOT NULL,
  UNIQUE (dossier_id, dossier_seq)
);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
  BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
  BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
CREATE TABLE dossiers (
  id INTEGER PRIMARY KEY,
  workflow_id TEXT NOT NULL,
  workflow_version INTEGER NOT NULL,
  title TEXT NOT NULL,
  document_type TEXT NOT NULL,
  issuer_id INTEGER NOT NULL,
  issuer_code TEXT NOT NULL,
  drafting_unit_id INTEGER NOT NULL,
  drafting_unit_code TEXT NOT NULL,
  state TEXT NOT NULL,
  version INTEGER NOT NULL,
  versions INTEGER NOT NULL,
  frozen INTEGER NOT NULL,
  deadline_at INTEGER,
  symbol TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  last_seq INTEGER NOT NULL
);
CREATE TABLE participants (
  dossier_id INTEGER NOT NULL,
  role TEXT NOT NULL,
  user_id INTEGER NOT NULL,
  unit_id INTEGER NOT NULL,
  PRIMARY KEY (dossier_id, role, user_id)
);
CREATE INDEX participants_by_user ON participants (user_id);
CREATE TABLE tasks (
  dossier_id INTEGER NOT NULL,
  task_id INTEGER NOT NULL,
  state TEXT NOT NULL,
  task TEXT NOT NULL,
  role TEXT NOT NULL,
  assignee INTEGER,
  opened_at INTEGER NOT NULL,
  due_at INTEGER,
  PRIMARY KEY (dossier_id, task_id)
);
CREATE TABLE consultations (
  dossier_id INTEGER PRIMARY KEY,
  round INTEGER NOT NULL,
  invited INTEGER NOT NULL,
  responded INTEGER NOT NULL,
  quorum_met INTEGER NOT NULL,
  deadline_at INTEGER
);
CREATE TABLE invitees (
  dossier_id INTEGER NOT NULL,
  user_id INTEGER NOT NULL,
  unit_id INTEGER NOT NULL,
  responded INTEGER NOT NULL,
  PRIMARY KEY (dossier_id, user_id)
);
CREATE TABLE comments (
  dossier_id INTEGER NOT NULL,
  comment_id INTEGER NOT NULL,
  author INTEGER NOT NULL,
  unit_id INTEGER NOT NULL,
  reply_to INTEGER NOT NULL,
  text TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  disposition TEXT NOT NULL,
  explanation TEXT NOT NULL,
  disposed_at INTEGER,
  PRIMARY KEY (dossier_id, comment_id)
);
CREATE TABLE versions (
  dossier_id INTEGER NOT NULL,
  number INTEGER NOT NULL,
  author INTEGER NOT NULL,
  summary TEXT NOT NULL,
  text TEXT NOT NULL,
  submitted_at INTEGER NOT NULL,
  PRIMARY KEY (dossier_id, number)
);
CREATE TABLE register (
  issuer_id INTEGER NOT NULL,
  series TEXT NOT NULL,
  year INTEGER NOT NULL,
  number INTEGER NOT NULL,
  symbol TEXT NOT NULL,
  dossier_id INTEGER NOT NULL,
  issued_at INTEGER NOT NULL,
  PRIMARY KEY (issuer_id, series, year, number)
);
CREATE TABLE timers (
  dossier_id INTEGER NOT NULL,
  timer_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (dossier_id, timer_id)
);
CREATE INDEX timers_by_time ON timers (at);
)sql"},
    // 2: request ids, so a retried command is answered, not applied twice;
    // and the inbox lookup of personal tasks.
    {R"sql(
CREATE TABLE commands (
  request_id TEXT PRIMARY KEY,
  dossier_id INTEGER NOT NULL,
  first_seq INTEGER NOT NULL,
  last_seq INTEGER NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX tasks_by_assignee ON tasks (assignee);
)sql"},
    // 3: accounts (api/accounts.h). Administration beside the log, not
    // history: rows here change and go. Only hashes of passwords and session
    // tokens are kept. Sign-in failures are counted per "login:<login>" and
    // per "address:<ip>".
    {R"sql(
CREATE TABLE units (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL
);
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  password_hash TEXT NOT NULL,
  admin INTEGER NOT NULL,
  disabled INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE sessions (
  token_hash BLOB PRIMARY KEY,
  user_id INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE TABLE sign_in_failures (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  last_at INTEGER NOT NULL
);
)sql"},
    // 4: drafts are blocks. Each version row gains them as JSON, and its
    // text becomes the blocks' plain text; the rows already there are
    // written again from their events, whose stored form stays as it was.
    {R"sql(
ALTER TABLE versions ADD COLUMN blocks TEXT NOT NULL DEFAULT '[]';
)sql",
     rewrite_versions_view},
    // 5: full-text search over titles, symbols, versions and comments
    // (search_index.h). FTS5 indexes `keys`, the words as search keys; the
    // rest is kept for snippets and for finding the dossier. The rows come
    // from the views already there.
    {R"sql(
CREATE VIRTUAL TABLE search_index USING fts5(
  keys,
  original UNINDEXED,
  dossier_id UNINDEXED,
  source UNINDEXED,
  number UNINDEXED,
  tokenize = 'unicode61 remove_diacritics 2'
);
)sql",
     rewrite_search_index},
    // 6: comments point into the draft, and their authors may edit or
    // withdraw them; comments already there are on the whole document,
    // and none was ever edited or withdrawn, so the search index stands.
    {R"sql(
ALTER TABLE comments ADD COLUMN anchor TEXT NOT NULL DEFAULT '{"kind":"document"}';
ALTER TABLE comments ADD COLUMN edits INTEGER NOT NULL DEFAULT 0;
ALTER TABLE comments ADD COLUMN edited_at INTEGER;
ALTER TABLE comments ADD COLUMN withdrawn_at INTEGER;
)sql"},
    // 7: signing keys (api/accounts.h), one Ed25519 pair per user who signs,
    // made by the server when first needed and never replaced, so every
    // signature in the log stays checkable against its signer's key. The
    // private key is held here, by the server ("remote signing"), and never
    // leaves the accounts code; the public key is readable.
    {R"sql(
CREATE TABLE signing_keys (
  user_id INTEGER PRIMARY KEY REFERENCES users(id),
  algorithm TEXT NOT NULL,
  public_key TEXT NOT NULL,
  private_key BLOB NOT NULL,
  created_at INTEGER NOT NULL
);
)sql"},
    // 8: a correction names the issued document it corrects, so that
    // document's page can point readers to it. No earlier dossier could.
    {R"sql(
ALTER TABLE dossiers ADD COLUMN corrects INTEGER;
CREATE INDEX dossiers_by_corrects ON dossiers (corrects) WHERE corrects IS NOT NULL;
)sql"},
    // 9: an inbox task that follows up an implementation task (đôn đốc)
    // names it, and its title for the inbox. No earlier task did.
    {R"sql(
ALTER TABLE tasks ADD COLUMN subject INTEGER;
ALTER TABLE tasks ADD COLUMN detail TEXT;
)sql"},
    // 10: where a register stood before planflow kept it (register_opening.h):
    // a province taking planflow up in July carries on from its last number
    // of the year. Not a view: no event says it, so a rebuild keeps it.
    {R"sql(
CREATE TABLE register_openings (
  issuer_id INTEGER NOT NULL,
  series TEXT NOT NULL,
  year INTEGER NOT NULL,
  last_number INTEGER NOT NULL CHECK (last_number >= 0),
  opened_at INTEGER NOT NULL,
  PRIMARY KEY (issuer_id, series, year)
);
)sql"},
};

static_assert(std::size(kMigrations) == kSchemaVersion);

}  // namespace

int schema_version(sql::Connection& db) {
  sql::SqlError error;
  auto stmt = db.prepare("PRAGMA user_version", &error);
  if (!stmt || stmt->step() != SQLITE_ROW) return -1;
  return static_cast<int>(stmt->int64(0));
}

sql::SqlStatus migrate(sql::Connection& db, int target) {
  if (auto s = db.begin_write(); !s.ok())
    return sql::SqlError{s.error().code, "cannot start the schema upgrade: " + s.error().message};
  const int current = schema_version(db);
  if (current < 0) {
    db.rollback();
    return db.last_error("reading the schema version");
  }
  if (current > kSchemaVersion) {
    db.rollback();
    return sql::SqlError{SQLITE_ERROR, "the database has schema version " +
                                           std::to_string(current) +
                                           ", written by a newer planflow (this one knows up to " +
                                           std::to_string(kSchemaVersion) +
                                           "); upgrade planflow, the database was not changed"};
  }
  for (int v = current; v < target; ++v) {
    sql::SqlStatus s = db.exec(kMigrations[v].sql);
    if (s.ok() && kMigrations[v].then) s = kMigrations[v].then(db);
    if (!s.ok()) {
      db.rollback();
      return sql::SqlError{s.error().code, "schema upgrade to version " + std::to_string(v + 1) +
                                               " failed: " + s.error().message};
    }
  }
  if (auto s = db.exec("PRAGMA user_version = " + std::to_string(std::max(current, target)));
      !s.ok()) {
    db.rollback();
    return s;
  }
  if (auto s = db.commit(); !s.ok()) {
    db.rollback();
    return sql::SqlError{s.error().code, "schema upgrade could not commit: " + s.error().message};
  }
  return {};
}

}  // namespace planflow
