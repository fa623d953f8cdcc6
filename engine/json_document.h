// Strict JSON reading for files people write by hand (workflow definitions):
// keeps key order, reports a syntax error with line and column, refuses
// excessive nesting, and reports duplicate keys, which ordinary parsers
// silently resolve by dropping one of the two values.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "engine/result.h"

namespace planflow {

struct JsonProblem {
  std::string pointer;  // RFC 6901 JSON pointer; "" is the whole document
  std::string message;
};

struct JsonDocument {
  nlohmann::ordered_json value;
  // Duplicate keys: the first occurrence is kept, each repeat is reported.
  std::vector<JsonProblem> problems;
};

inline constexpr int kMaxJsonDepth = 64;

// The error, when the text is not JSON, names the line and column (counted in
// characters, from 1) and what the parser expected there.
Result<JsonDocument, JsonProblem> parse_json_document(std::string_view text,
                                                      int max_depth = kMaxJsonDepth);

// Appends one reference token to a pointer, escaping '~' and '/'.
std::string json_pointer_append(std::string_view pointer, std::string_view token);
std::string json_pointer_append(std::string_view pointer, size_t index);

}  // namespace planflow
