// A dossier's meetings as the reply shows them (docs/protocol.md): each
// meeting's schedule, status, the block presented now, attendance and the
// remarks made while it was open, in order; the minutes page is drawn from
// this. Built from the event history, which holds everything the minutes
// say, so no read view or migration is needed.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "engine/dossier_state.h"
#include "engine/store/store.h"

namespace planflow {

// Every meeting of the dossier, oldest first.
nlohmann::json meetings_json(const DossierState& state, const std::vector<StoredEvent>& events);

// What `user` may do to the latest meeting now (engine/meeting.h).
nlohmann::json meeting_rights_json(const DossierState& state, UserId user);

}  // namespace planflow
