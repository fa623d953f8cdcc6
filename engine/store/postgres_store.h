// The PostgreSQL implementation of Store, for several planflow nodes on one
// database. The same writer as SQLite's (log_store.h), with the log shared:
// each transaction holds the log's head row until it commits, so sequence
// numbers commit in order on every node, and the official number register
// is read and written by one node at a time. A commit is acknowledged only
// once PostgreSQL has it on disk (synchronous_commit on).
#pragma once

#include <memory>
#include <string>

#include "engine/store/store.h"

namespace planflow {

// Connects to `url` (postgresql://user@host:port/database), creating the
// schema in an empty database. The definitions must outlive the store.
Result<std::unique_ptr<Store>, StoreError> open_postgres_store(const std::string& url,
                                                               const DefinitionSet& definitions,
                                                               StoreOptions options = {});

}  // namespace planflow
