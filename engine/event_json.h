// Events as JSON, for the store and for pushing to clients. Roles and states
// are written by name, so a stored history reads on its own; reading it back
// needs the definition version the dossier started with to resolve them.
//
//   {"type": "comment_added", "at": 1706115600, "actor": 2,
//    "data": {"comment_id": 1, "reply_to": 0, "text": "...", "unit": 20}}
//
// A version's blocks carry their ids; rows only for tables:
//
//   {"type": "version_submitted", "at": 1706115600, "actor": 1,
//    "data": {"number": 2, "summary": "...", "blocks": [
//      {"id": 1, "kind": "heading", "level": 1, "marker": "I.", "text": "MỤC ĐÍCH"},
//      {"id": 4, "kind": "table", "level": 0, "marker": "", "text": "",
//       "rows": [["Nhiệm vụ", "Thời hạn"]]}]}}
//
// A version stored before drafts had blocks holds "text" instead of
// "blocks"; it reads as blocks_from_text() of it with ids 1, 2, ... in order.
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
// The same for an event as the log holds it, its data as stored: what the
// chain was computed over, even when that data is of an older form and reads
// into a newer one.
std::string canonical_event_bytes(std::string_view type, Time at, UserId actor,
                                  nlohmann::json data);

// A version's blocks as in its event, ids and all (the store's versions
// view keeps them so).
nlohmann::json blocks_to_json(const std::vector<Block>& blocks);
// An anchor as comments carry it: {"kind": "passage", "block": 4, "start": 10,
// "end": 24, "quote": "..."}; "block" and the rest only where the kind has them.
nlohmann::json anchor_to_json(const Anchor& anchor);
// Directives as action inputs carry them, in commands and events alike:
// [{"text": "...", "blocks": [4, 7], "comments": [2]}].
nlohmann::json directives_to_json(const Directives& directives);
// A unit as events name it: {"id": 1, "code": "SNV"}.
nlohmann::json unit_ref_json(const UnitRef& unit);
// The data of a version_submitted event, which needs no definition to read.
Result<VersionSubmitted> version_submitted_from_json(const nlohmann::json& data);

}  // namespace planflow
