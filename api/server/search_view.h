// The search operation's answer, and the limits of its request.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "engine/store/queries.h"

namespace planflow {

inline constexpr std::size_t kMaxSearchTextBytes = 200;
inline constexpr std::size_t kDefaultSearchHits = 20;

// {"hits": [{"dossier", "dossier_title", "source", "number", "snippet",
// "marks": [[begin, end]…], "rank"}]}. Marks count Unicode code points of
// the snippet, not bytes: clients index strings by characters, and no mark
// can then fall inside one.
nlohmann::json search_hits_json(const std::vector<SearchHit>& hits);

}  // namespace planflow
