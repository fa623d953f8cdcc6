// The embedded SQLite implementation of Store: WAL mode with
// synchronous=FULL, one writer thread owning the write connection and
// committing waiting commands together, readers on their own connection.
#pragma once

#include <memory>
#include <string>

#include "engine/store/store.h"

namespace planflow {

// Opens (creating, or upgrading in place) the database at `path`. The
// definitions must outlive the store; every dossier's definition version must
// be among them.
Result<std::unique_ptr<Store>, StoreError> open_sqlite_store(const std::string& path,
                                                             const DefinitionSet& definitions,
                                                             StoreOptions options = {});

}  // namespace planflow
