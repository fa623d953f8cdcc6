// What the browser app reads to draw its screens (docs/protocol.md): the
// workflows people choose from, the directory of units and people they pick
// participants from, and one dossier as its participant sees it. Pure
// functions from engine and account values to JSON, apart from the
// connection that sends them, so each reads whole in one place.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "api/accounts.h"
#include "engine/definition_set.h"
#include "engine/dossier_state.h"
#include "engine/store/queries.h"
#include "engine/store/store.h"

namespace planflow {

nlohmann::json localized_json(const LocalizedText& text);

// One definition version: titles, roles and steps in the definition's order.
nlohmann::json workflow_json(const Definition& def);

// Each workflow once, at the version new dossiers start with.
nlohmann::json workflows_json(const DefinitionSet& definitions);

// Units and users ordered by id. Logins, password hashes and the admin flag
// stay out: any signed-in user may read the directory.
nlohmann::json directory_json(std::vector<Unit> units, std::vector<User> users);

// The reply to `dossier` for `user`: the summary, the history, and what the
// state says now, down to what this user may do at `now`. `def` is the
// dossier's own definition version, `events` its whole history.
nlohmann::json dossier_json(const Definition& def, const DossierSummary& summary,
                            const DossierState& state, const std::vector<StoredEvent>& events,
                            UserId user, Time now);

}  // namespace planflow
