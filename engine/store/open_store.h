// Opening the store a server was told to use: `postgresql://...` (or
// `postgres://...`) is PostgreSQL; anything else is a SQLite file, with an
// optional `sqlite:` before its path.
#pragma once

#include <memory>
#include <string>

#include "engine/store/store.h"

namespace planflow {

enum class StoreKind { kSqlite, kPostgres };

struct StoreLocation {
  StoreKind kind = StoreKind::kSqlite;
  std::string where;  // the SQLite file's path, or the PostgreSQL URL
};

StoreLocation parse_store_location(const std::string& db);

// `db` as it may be printed or logged: a URL's password replaced by "***".
std::string printable_location(const std::string& db);

Result<std::unique_ptr<Store>, StoreError> open_store(const StoreLocation& location,
                                                      const DefinitionSet& definitions,
                                                      StoreOptions options = {});

}  // namespace planflow
