// Commands as JSON: the edge where a client's request becomes a Command.
// decide() trusts what passes here to be well formed: every string valid
// UTF-8 in Unicode NFC, every id a real one, no text beyond the limits of
// command.h. What needs the dossier (roles, states, whether an action or an
// input exists) is left to decide(), which can say it better.
//
//   {"type": "add_comment", "text": "Đề nghị bổ sung mục tiêu", "reply_to": 3}
//   {"type": "submit_version", "summary": "Bổ sung mục tiêu",
//    "blocks": [{"kind": "heading", "level": 1, "marker": "I.", "text": "MỤC ĐÍCH"},
//               {"kind": "item", "level": 1, "marker": "1.", "text": "Nâng cao ..."},
//               {"kind": "table", "rows": [["Nhiệm vụ", "Thời hạn"], ["...", "2024"]]}]}
//   {"type": "submit_version", "text": "I. MỤC ĐÍCH\n1. Nâng cao ..."}
//   {"type": "take_action", "action": "open_consultation",
//    "inputs": {"deadline": "2024-03-25T17:00",
//               "invitees": [{"user": 2, "unit": 20}]}}
//
// The forms, field by field, are in command_json.cpp. Every object refuses
// fields it does not know; a field that is null counts as absent.
#pragma once

#include <nlohmann/json.hpp>

#include "engine/command.h"
#include "engine/definition.h"
#include "engine/result.h"

namespace planflow {

// `definition` resolves the types of a take_action's inputs; it is the
// dossier's definition (or, for create_dossier, the workflow named in it).
// It may be null for commands other than a take_action with inputs.
//
// Errors are kInvalidArgument, with `detail` the JSON pointer (RFC 6901) of
// the offending field within the command ("/text", "/inputs/deadline",
// "/bindings/2/role"; "" for the command itself) and a message that starts
// with it ("/text: must be a string"; "command: must be an object").
// Clients may not send fire_timer: only the timer service fires timers.
Result<Command> command_from_json(const nlohmann::json& j, const Definition* definition);

// The form command_from_json reads, so the two round-trip (for commands it
// accepts). Optional fields are left out when they hold their default; times
// are written as Vietnam time with an offset ("2024-03-25T17:00:00+07:00").
nlohmann::json command_to_json(const Command& c);

}  // namespace planflow
