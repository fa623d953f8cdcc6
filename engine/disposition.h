// The blocks a disposition says took a comment in: checked against the
// version the drafter revised, so the disposition table points only at
// text that is really there.
#pragma once

#include <optional>

#include "engine/command.h"
#include "engine/dossier_state.h"
#include "engine/result.h"

namespace planflow {

// Why `d.absorbed_in` cannot stand in `state`: a comment not (partly)
// accepted has nothing taken in; each id must be a block of the latest
// version, named once. nullopt when it can (an empty list always can).
std::optional<Error> absorbing_blocks_problem(const DossierState& state, const DisposeComment& d);

}  // namespace planflow
