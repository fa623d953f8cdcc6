// Graph checks of a compiled definition, run by the loader after every state
// is compiled; problems are appended in state order.
#pragma once

#include "engine/definition.h"
#include "engine/definition_loader.h"

namespace planflow {

// `initial_known`: whether /initial named a state (otherwise reachability
// from it is not judged, so a typo there is reported once, not per state).
void check_definition_graph(const Definition& def, bool initial_known, Problems* problems);

}  // namespace planflow
