#include "engine/store/postgres_store.h"

#include "engine/store/log_reader.h"
#include "engine/store/log_store.h"
#include "engine/store/postgres_schema.h"

namespace planflow {

Result<std::unique_ptr<Store>, StoreError> open_postgres_store(const std::string& url,
                                                               const DefinitionSet& definitions,
                                                               StoreOptions options) {
  sql::SqlError e;
  auto writer = sql::Connection::open_postgres(url, &e);
  if (!writer) return store_error(StoreErrorCode::kUnavailable, e.message);
  if (auto s = migrate_postgres(*writer); !s.ok())
    return store_error(StoreErrorCode::kUnavailable, s.error().message);
  auto reader = sql::Connection::open_postgres(url, &e);
  if (!reader) return store_error(StoreErrorCode::kUnavailable, e.message);
  return make_log_store(definitions, options, std::move(*writer), std::move(*reader),
                        LogSharing::kShared);
}

}  // namespace planflow
