// How a dossier reply links an issued document and its corrections: an
// issued text never changes, so a mistake in it is put right by a new
// document (đính chính) that cites it, and readers of either see the other.
#pragma once

#include <nlohmann/json.hpp>

#include "engine/store/queries.h"

namespace planflow {

// {"corrects": document or null, "corrected_by": [document...]}, a document
// being {"id", "title", "symbol" (null before issue), "issued_at" (null)}.
nlohmann::json corrections_json(const Corrections& corrections);

}  // namespace planflow
