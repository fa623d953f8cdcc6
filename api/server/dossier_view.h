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
// `signer_key` is the public key the accounts hold for the signer named in
// the history's document_signed event (nullopt for none, or no signature).
nlohmann::json dossier_json(const Definition& def, const DossierSummary& summary,
                            const DossierState& state, const std::vector<StoredEvent>& events,
                            UserId user, Time now,
                            const std::optional<std::string>& signer_key = std::nullopt);

// The issued document's signature as the reply shows it, checked now:
// null before issuance; {"status": "awaiting"} until the server has signed;
// then signer, algorithm, digest, public key and its fingerprint, signed_at,
// "valid" and, when not valid, the "problem".
nlohmann::json signature_json(const DossierState& state, const std::vector<StoredEvent>& events,
                              const std::optional<std::string>& signer_key);

// The document_signed event of a history, if there is one.
const DocumentSigned* find_signature(const std::vector<StoredEvent>& events,
                                     Time* signed_at = nullptr);

}  // namespace planflow
