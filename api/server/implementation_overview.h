// The monitoring unit's overview across plans (docs/protocol.md
// `implementation_overview`): every plan the user takes part in that has
// implementation tasks, with its roll-up, and all their tasks most urgent
// first. It reads each dossier's history once, so its cost grows with the
// plans the user takes part in and their length (bench/overview_bench.cpp
// measures it).
#pragma once

#include <nlohmann/json.hpp>

#include "engine/result.h"
#include "engine/store/queries.h"
#include "engine/store/store.h"

namespace planflow {

Result<nlohmann::json, StoreError> implementation_overview(Store& store, Queries& queries,
                                                           UserId user, Time now);

}  // namespace planflow
