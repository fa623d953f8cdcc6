// The database schema and its migrations. PRAGMA user_version holds the
// schema version; every migration runs inside one transaction, so a
// database is either upgraded whole or left as it was.
#pragma once

#include <string>

#include "engine/store/sql.h"

namespace planflow {

inline constexpr int kSchemaVersion = 10;

// Brings the database to `target` (default: the latest). Refuses, touching
// nothing, a database whose version is newer than this planflow knows.
sql::SqlStatus migrate(sql::Connection& db, int target = kSchemaVersion);

int schema_version(sql::Connection& db);

}  // namespace planflow
