// Reading a dossier's events back from the log, decoded under the definition
// version the dossier was created with. Shared by the writer (to load a
// dossier it has not cached), verify and rebuild.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "engine/definition_set.h"
#include "engine/store/hash_chain.h"
#include "engine/store/sql.h"
#include "engine/store/store.h"

namespace planflow {

struct LoggedEvent {
  StoredEvent stored;
  std::vector<std::uint8_t> hash;  // as stored; verify recomputes it
  // The event's data as stored, which verify hashes: an older form of it
  // reads into the newer `stored.event`, whose bytes then differ.
  nlohmann::json payload;
};

// The error a visitor returns stops the reading and is passed on.
using LogVisitor = std::function<std::optional<StoreError>(const Definition&, LoggedEvent&&)>;

// Visits the dossier's events in order. kNotFound when it has none; an
// unreadable event or an unknown definition is kUnavailable naming the event.
std::optional<StoreError> read_dossier_log(sql::Connection& db, const DefinitionSet& defs,
                                           DossierId dossier, const LogVisitor& visit);

// Every dossier id in the log, ascending.
Result<std::vector<DossierId>, StoreError> logged_dossiers(sql::Connection& db);

// What SQLite reported, for the operator (English, naming what was being
// done) and for the user (Vietnamese, saying whether to retry or call for help).
StoreError storage_error(const sql::SqlError& e, const std::string& doing);
// An error a user may meet, in both languages.
StoreError store_error(StoreErrorCode code, std::string english, std::string vietnamese);
// An error only operators meet (maintenance, opening the database): English only.
StoreError store_error(StoreErrorCode code, std::string message);

}  // namespace planflow
