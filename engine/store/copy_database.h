// Copying a SQLite database into an empty PostgreSQL one (`planflow
// migrate`): a province outgrowing one machine takes its history along.
// Every row of every table is copied as it is, the event log with its
// hashes, so the hash chains are the same chains, and then checked.
#pragma once

#include <cstdint>
#include <string>

#include "engine/store/store.h"

namespace planflow {

struct CopyReport {
  std::uint64_t rows = 0;      // in every table
  std::uint64_t events = 0;    // of them, events
  std::uint64_t dossiers = 0;  // whose last hash was compared, and equal
};

// In one transaction on the target: all of it, or nothing. Refuses a
// target that already holds events. The source is read in one snapshot.
Result<CopyReport, StoreError> copy_sqlite_to_postgres(const std::string& sqlite_path,
                                                       const std::string& postgres_url);

}  // namespace planflow
