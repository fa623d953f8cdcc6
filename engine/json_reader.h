// Reading fields of untrusted JSON objects into plain values, with errors
// that name the field ("data/comment_id: must be a whole number"). Used at
// every edge where JSON becomes engine values.
#pragma once

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "engine/result.h"

namespace planflow {

class JsonReader {
 public:
  JsonReader(const nlohmann::json& object, std::string path) : j_(object), path_(std::move(path)) {}

  // The first error met, if any; later reads after an error are no-ops.
  const std::optional<Error>& error() const { return error_; }
  bool ok() const { return !error_; }

  bool is_object(const char* what = "an object", const char* what_vi = "một đối tượng JSON");
  bool has(const char* key) const { return j_.is_object() && j_.contains(key); }

  std::string string(const char* key, bool required = true);
  std::int64_t integer(const char* key, std::int64_t min, std::int64_t max, bool required = true);
  std::uint32_t id(const char* key, bool required = true) {
    return static_cast<std::uint32_t>(
        integer(key, 0, std::numeric_limits<std::uint32_t>::max(), required));
  }
  bool boolean(const char* key, bool required = true);
  // A finite number, whole or not.
  std::optional<double> number(const char* key, bool required = true);
  const nlohmann::json* object(const char* key, bool required = true);
  const nlohmann::json* array(const char* key, bool required = true);

  std::string field(const char* key) const { return path_.empty() ? key : path_ + "/" + key; }
  // "field: message", and in Vietnamese "Trường “field” message_vi"; without
  // `message_vi` the error is English only (for what only operators read).
  void fail(const std::string& field, const std::string& message,
            const std::string& message_vi = {});
  // Takes over the error of a reader of a nested value, if this has none.
  void absorb(const JsonReader& child) {
    if (!error_ && child.error_) error_ = child.error_;
  }

 private:
  const nlohmann::json* member(const char* key, bool required, const char* expected,
                               const char* expected_vi);

  const nlohmann::json& j_;
  std::string path_;
  std::optional<Error> error_;
};

}  // namespace planflow
