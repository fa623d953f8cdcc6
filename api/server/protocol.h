// The WebSocket protocol's vocabulary (docs/protocol.md): error codes, how
// engine and store errors map onto them, and the JSON of what clients read.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "api/server/language.h"
#include "engine/store/queries.h"
#include "engine/store/store.h"

namespace planflow {

// A stable machine code, a message in both languages, and the JSON pointer
// of the field at fault.
struct ProtocolError {
  const char* code;
  LocalizedText message;
  std::string pointer;
};

ProtocolError protocol_error(const StoreError& e);
ProtocolError protocol_error(const Error& e, const std::string& pointer_prefix);

// Whether nesting in `text` goes deeper than `max` (arrays and objects),
// checked before parsing so a hostile message cannot make the parser recurse.
bool json_too_deep(const std::string& text, int max);

nlohmann::json summary_json(const DossierSummary& d);
nlohmann::json inbox_json(const InboxTask& t, const DefinitionSet& definitions);

}  // namespace planflow
