#include "engine/store/open_store.h"

#include "engine/store/postgres_store.h"
#include "engine/store/sql.h"
#include "engine/store/sqlite_store.h"

namespace planflow {

StoreLocation parse_store_location(const std::string& db) {
  for (const char* scheme : {"postgresql://", "postgres://"})
    if (db.rfind(scheme, 0) == 0) return {StoreKind::kPostgres, db};
  if (db.rfind("sqlite:", 0) == 0) return {StoreKind::kSqlite, db.substr(7)};
  return {StoreKind::kSqlite, db};
}

std::string printable_location(const std::string& db) {
  return parse_store_location(db).kind == StoreKind::kPostgres ? sql::printable_url(db) : db;
}

Result<std::unique_ptr<Store>, StoreError> open_store(const StoreLocation& location,
                                                      const DefinitionSet& definitions,
                                                      StoreOptions options) {
  if (location.kind == StoreKind::kPostgres)
    return open_postgres_store(location.where, definitions, options);
  return open_sqlite_store(location.where, definitions, options);
}

}  // namespace planflow
