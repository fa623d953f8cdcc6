// Operator tasks on a planflow database: verify that the log is untampered
// and the views match it, rebuild the views from the log, and take a
// consistent online backup while the server keeps writing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "engine/definition_set.h"
#include "engine/store/store.h"

namespace planflow {

struct VerifyReport {
  bool ok = true;
  std::uint64_t dossiers = 0;
  std::uint64_t events = 0;
  // The first problem found: the dossier and its event number where known.
  std::optional<DossierId> bad_dossier;
  std::optional<std::uint64_t> bad_dossier_seq;
  std::string problem;
};

// Checks every dossier's hash chain, that every event reads and applies, that
// global sequence numbers have no gaps, and that the views equal a rebuild.
// Reads only; safe while the server runs.
Result<VerifyReport, StoreError> verify_database(const std::string& path,
                                                 const DefinitionSet& definitions);

struct RebuildReport {
  std::uint64_t dossiers = 0;
  std::uint64_t events = 0;
};

// Replaces every view row with what the log says, in one transaction.
Result<RebuildReport, StoreError> rebuild_views(const std::string& path,
                                                const DefinitionSet& definitions);

// Copies the database to `destination` with SQLite's online backup API: a
// consistent snapshot, taken in steps so writers are not held up for long.
Result<std::uint64_t, StoreError> backup_database(const std::string& path,
                                                  const std::string& destination);

// Where a series of an issuer's register stood in a year before planflow
// kept it: a province taking planflow up mid-year carries on from its last
// number, and the next one planflow gives is `last_number` + 1.
struct RegisterOpening {
  UnitId issuer = 0;
  std::string series;  // "QĐ", "KH", "CV", as the workflow's allocate_number names it
  int year = 0;
  std::uint32_t last_number = 0;
};

// Records (or, while no number of it has been given, corrects) where the
// series stood. Refused once planflow has given a number in that series and
// year: the register would then have a gap or a duplicate. Safe while the
// server runs; the writer reads it inside its own transaction.
Result<bool, StoreError> open_register(const std::string& path, const RegisterOpening& opening,
                                       Time now);

}  // namespace planflow
