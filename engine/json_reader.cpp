#include "engine/json_reader.h"

namespace planflow {

void JsonReader::fail(const std::string& field, const std::string& message) {
  if (!error_) error_ = make_error(ErrorCode::kInvalidArgument, field + ": " + message, field);
}

bool JsonReader::is_object(const char* what) {
  if (!j_.is_object()) fail(path_.empty() ? "/" : path_, std::string("must be ") + what);
  return ok();
}

const nlohmann::json* JsonReader::member(const char* key, bool required, const char* expected) {
  if (error_) return nullptr;
  if (!j_.is_object()) {
    fail(path_.empty() ? "/" : path_, "must be an object");
    return nullptr;
  }
  const auto it = j_.find(key);
  if (it == j_.end() || it->is_null()) {
    if (required) fail(field(key), std::string("is required (") + expected + ")");
    return nullptr;
  }
  return &*it;
}

std::string JsonReader::string(const char* key, bool required) {
  const nlohmann::json* v = member(key, required, "a string");
  if (!v) return {};
  if (!v->is_string()) {
    fail(field(key), "must be a string");
    return {};
  }
  return v->get<std::string>();
}

std::int64_t JsonReader::integer(const char* key, std::int64_t min, std::int64_t max,
                                 bool required) {
  const nlohmann::json* v = member(key, required, "a whole number");
  if (!v) return 0;
  if (!v->is_number_integer()) {
    fail(field(key), "must be a whole number");
    return 0;
  }
  if (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(max)) {
    fail(field(key), "is too large");
    return 0;
  }
  const auto n = v->get<std::int64_t>();
  if (n < min || n > max) {
    fail(field(key), "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return 0;
  }
  return n;
}

const nlohmann::json* JsonReader::object(const char* key, bool required) {
  const nlohmann::json* v = member(key, required, "an object");
  if (v && !v->is_object()) {
    fail(field(key), "must be an object");
    return nullptr;
  }
  return v;
}

const nlohmann::json* JsonReader::array(const char* key, bool required) {
  const nlohmann::json* v = member(key, required, "an array");
  if (v && !v->is_array()) {
    fail(field(key), "must be an array");
    return nullptr;
  }
  return v;
}

}  // namespace planflow
