// The store's writer and readers, over either database (sql.h): one writer
// thread deciding and committing waiting commands together, readers on a
// connection of their own. What differs between the databases is opening
// them, which sqlite_store.cpp and postgres_store.cpp do, and whether other
// processes append to the same log.
#pragma once

#include <memory>

#include "engine/store/sql.h"
#include "engine/store/store.h"

namespace planflow {

enum class LogSharing {
  // Only this store appends (SQLite: the file is this server's). Sequence
  // numbers and dossier ids are counted in memory.
  kThisProcessOnly,
  // Stores on other nodes append too (PostgreSQL). Every transaction first
  // locks the log's head row, so the nodes' transactions commit one after
  // another in the order of their sequence numbers, and forgets the cached
  // dossiers another node has written to since.
  kShared,
};

std::unique_ptr<Store> make_log_store(const DefinitionSet& definitions, StoreOptions options,
                                      sql::Connection writer, sql::Connection reader,
                                      LogSharing sharing);

}  // namespace planflow
