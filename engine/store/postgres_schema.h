// The schema on PostgreSQL, and its version, kept in a table of its own
// (PostgreSQL has no user_version). Migrations hold an advisory lock, so
// several nodes starting at once upgrade the database once.
#pragma once

#include "engine/store/sql.h"

namespace planflow {

// Creates the schema in an empty database, or checks one already made;
// refuses, touching nothing, a schema newer than this planflow knows.
sql::SqlStatus migrate_postgres(sql::Connection& db);

// 0 for a database planflow has not used yet; -1 when it cannot be read.
int postgres_schema_version(sql::Connection& db);

}  // namespace planflow
