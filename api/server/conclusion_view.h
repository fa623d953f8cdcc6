// A dossier's conclusions as the reply shows them (docs/protocol.md): the
// chair's text, the numbered directives with what each points at and how
// the drafting unit carried it out, the revision deadline, and the notices
// (Thông báo kết luận) issued from it. Built from the event history, which
// holds every one of these, so no read view is needed.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "engine/dossier_state.h"
#include "engine/store/store.h"

namespace planflow {

// Every action that gave a conclusion text or directives, oldest first.
nlohmann::json conclusions_json(const DossierState& state, const std::vector<StoredEvent>& events);

// What `user` may do to the directives and the notice now (engine/directives.h).
nlohmann::json directive_rights_json(const DossierState& state, UserId user);

// Directives of the latest conclusion that gave any, not yet marked done.
std::size_t open_directives(const DossierState& state);

}  // namespace planflow
