#include "engine/json_reader.h"

#include <cmath>

namespace planflow {

void JsonReader::fail(const std::string& field, const std::string& message,
                      const std::string& message_vi) {
  if (error_) return;
  error_ = user_error(ErrorCode::kInvalidArgument, field + ": " + message,
                      message_vi.empty() ? std::string() : "Trường “" + field + "” " + message_vi,
                      field);
}

bool JsonReader::is_object(const char* what, const char* what_vi) {
  if (!j_.is_object())
    fail(path_.empty() ? "/" : path_, std::string("must be ") + what,
         std::string("phải là ") + what_vi);
  return ok();
}

const nlohmann::json* JsonReader::member(const char* key, bool required, const char* expected,
                                         const char* expected_vi) {
  if (error_) return nullptr;
  if (!j_.is_object()) {
    fail(path_.empty() ? "/" : path_, "must be an object", "phải là một đối tượng JSON");
    return nullptr;
  }
  const auto it = j_.find(key);
  if (it == j_.end() || it->is_null()) {
    if (required)
      fail(field(key), std::string("is required (") + expected + ")",
           std::string("là bắt buộc (") + expected_vi + ")");
    return nullptr;
  }
  return &*it;
}

std::string JsonReader::string(const char* key, bool required) {
  const nlohmann::json* v = member(key, required, "a string", "chuỗi ký tự");
  if (!v) return {};
  if (!v->is_string()) {
    fail(field(key), "must be a string", "phải là chuỗi ký tự");
    return {};
  }
  return v->get<std::string>();
}

std::int64_t JsonReader::integer(const char* key, std::int64_t min, std::int64_t max,
                                 bool required) {
  const nlohmann::json* v = member(key, required, "a whole number", "số nguyên");
  if (!v) return 0;
  if (!v->is_number_integer()) {
    fail(field(key), "must be a whole number", "phải là số nguyên");
    return 0;
  }
  if (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(max)) {
    fail(field(key), "is too large", "có giá trị quá lớn");
    return 0;
  }
  const auto n = v->get<std::int64_t>();
  if (n < min || n > max) {
    fail(field(key), "must be between " + std::to_string(min) + " and " + std::to_string(max),
         "phải nằm trong khoảng từ " + std::to_string(min) + " đến " + std::to_string(max));
    return 0;
  }
  return n;
}

bool JsonReader::boolean(const char* key, bool required) {
  const nlohmann::json* v = member(key, required, "true or false", "true hoặc false");
  if (!v) return false;
  if (!v->is_boolean()) {
    fail(field(key), "must be true or false", "phải là true hoặc false");
    return false;
  }
  return v->get<bool>();
}

std::optional<double> JsonReader::number(const char* key, bool required) {
  const nlohmann::json* v = member(key, required, "a number", "số");
  if (!v) return std::nullopt;
  if (!v->is_number() || !std::isfinite(v->get<double>())) {
    fail(field(key), "must be a number", "phải là một số");
    return std::nullopt;
  }
  return v->get<double>();
}

const nlohmann::json* JsonReader::object(const char* key, bool required) {
  const nlohmann::json* v = member(key, required, "an object", "đối tượng JSON");
  if (v && !v->is_object()) {
    fail(field(key), "must be an object", "phải là một đối tượng JSON");
    return nullptr;
  }
  return v;
}

const nlohmann::json* JsonReader::array(const char* key, bool required) {
  const nlohmann::json* v = member(key, required, "an array", "mảng JSON");
  if (v && !v->is_array()) {
    fail(field(key), "must be an array", "phải là một mảng JSON");
    return nullptr;
  }
  return v;
}

}  // namespace planflow
