// The comments of a dossier as the reply shows them (docs/protocol.md): what
// each was made on and where that stands in the latest version, every text
// it had, who made it for which unit, its disposition and the blocks that
// took it in, and what the reading user may still change. Built from the
// event history, which keeps the texts the state does not.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "engine/dossier_state.h"
#include "engine/store/store.h"

namespace planflow {

// Every comment of the history in id order, replies too, each with
// "changeable": whether `user` may still edit or withdraw it.
nlohmann::json comments_json(const DossierState& state, const std::vector<StoredEvent>& events,
                             UserId user);

}  // namespace planflow
