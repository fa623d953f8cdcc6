// Loading a workflow definition: parse, check everything, compile. A
// definition with any problem is refused whole, and every problem is
// reported, each with the JSON pointer of the offending value, so an author
// fixes a file in one pass instead of one error per run.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "engine/definition.h"
#include "engine/result.h"

namespace planflow {

struct Problem {
  std::string pointer;  // RFC 6901; "" is the whole document
  std::string message;
  friend bool operator==(const Problem&, const Problem&) = default;
};
using Problems = std::vector<Problem>;

// From the text of a definition file.
Result<Definition, Problems> load_definition(std::string_view json_text);

// From an already parsed document (duplicate keys can no longer be seen).
Result<Definition, Problems> compile_definition(const nlohmann::ordered_json& doc);

}  // namespace planflow
