// The demo data: the units, accounts and real cases of seeds/ (see
// seeds/README.md) made into a fresh database. Every dossier is replayed as
// commands through the store, decided by the engine at the times the case
// gives, so each has a true, hash-chained history; nothing is written into
// tables directly.
#pragma once

#include <string>
#include <vector>

#include "engine/definition_set.h"
#include "engine/result.h"

namespace planflow {

struct SeedLogin {
  std::string login, name, unit, role;
};

struct SeedReport {
  std::size_t units = 0, dossiers = 0, commands = 0;
  std::vector<SeedLogin> logins;  // in the order the files give them
};

// Loads `folder`/accounts.json and every `folder`/cases/*.json (in name
// order) into the database at `database`, every account signing in with
// `password`. Refused, with nothing written, when the database already
// holds a unit, an account or a dossier. The message of an error names the
// file and, for a refused command, the dossier and step.
Result<SeedReport, std::string> seed_database(const std::string& database,
                                              const std::string& folder,
                                              const DefinitionSet& definitions,
                                              const std::string& password);

}  // namespace planflow
