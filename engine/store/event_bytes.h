// An event serialised once for the log: its data as the log stores it, and
// from those same bytes the canonical text the hash chain covers.
#pragma once

#include <string>

#include "engine/definition.h"
#include "engine/event.h"

namespace planflow {

struct EventBytes {
  std::string payload;    // the event's data: compact JSON, keys sorted
  std::string canonical;  // canonical_event_bytes() of the event, byte for byte
};

// Throws nlohmann::json::exception when a text of the event is not UTF-8.
EventBytes event_bytes(const Definition& def, const Event& event);

}  // namespace planflow
