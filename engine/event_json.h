// Events as JSON, for the store and for pushing to clients. Roles and states
// are written by name, so a stored history reads on its own; reading it back
// needs the definition version the dossier started with to resolve them.
//
//   {"type": "comment_added", "at": 1706115600, "actor": 2,
//    "data": {"comment_id": 1, "reply_to": 0, "text": "...", "unit": 20}}
//
// canonical_event_bytes() is the exact text the hash chain covers: keys
// sorted, no white space, numbers as integers, strings UTF-8 as given.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "engine/definition.h"
#include "engine/event.h"
#include "engine/result.h"

namespace planflow {

nlohmann::json event_data_to_json(const Definition& def, const EventBody& body);
nlohmann::json event_to_json(const Definition& def, const Event& event);

// Refuses, naming the field, anything that is not an event of `def`.
Result<EventBody> event_data_from_json(const Definition& def, std::string_view type,
                                       const nlohmann::json& data);
Result<Event> event_from_json(const Definition& def, const nlohmann::json& json);

std::string canonical_event_bytes(const Definition& def, const Event& event);

}  // namespace planflow
