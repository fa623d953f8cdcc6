// The reading of a command's JSON (command_json.h), in parts: the reader of
// one object, which keeps the first error met in English and Vietnamese,
// and the readers of the fields several commands share. Internal to the
// engine; command_json.h is the interface.
#pragma once

#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/anchor.h"
#include "engine/command.h"
#include "engine/definition.h"
#include "engine/json_document.h"
#include "engine/result.h"
#include "engine/text.h"
#include "engine/unicode_nfc.h"

namespace planflow::command_json_detail {

using nlohmann::json;

// Roles, actions, inputs and document types are identifiers of at most 64
// bytes in a definition, unit codes at most 32. A name far longer is no name:
// it is refused before it is normalised, kept or echoed in an error.
inline constexpr size_t kMaxNameBytes = 256;

// 1900-01-01T00:00:00Z and 9999-12-31T23:59:59Z: every time a person means,
// and far from where calendar arithmetic on a deadline could overflow.
inline constexpr Time kMinTime = -2208988800;
inline constexpr Time kMaxTime = 253402300799;

inline constexpr std::uint64_t kMaxId = 0xFFFFFFFFu;

// Composing shrinks text to no less than a third of its bytes (Hangul jamo:
// nine bytes become three), so text over this many times a limit cannot fit
// it even once composed.
inline constexpr size_t kMaxUncomposedFactor = 4;

inline std::string too_long(size_t size, size_t max) {
  return "is " + std::to_string(size) + " bytes, more than the " + std::to_string(max) + " allowed";
}

inline std::string too_long_vi(size_t size, size_t max) {
  return "dài " + std::to_string(size) + " byte, vượt quá giới hạn " + std::to_string(max) +
         " byte cho phép";
}

inline constexpr const char* kTimeFormsVi =
    "phải là ngày hoặc thời điểm, ví dụ “2024-03-25” hoặc “2024-03-25T17:00” (giờ Việt Nam, "
    "trừ khi có độ lệch múi giờ như “+07:00” hoặc “Z” theo sau)";
inline constexpr const char* kTimeValueVi =
    "phải là thời điểm: một chuỗi như “2024-03-25T17:00” hoặc số giây nguyên";

// Reads one JSON object of a command. Readers of nested objects share the
// first error met; once there is one, further reads do nothing.
class CommandReader {
 public:
  CommandReader(const json& j, std::string pointer, std::optional<Error>& error)
      : j_(j), pointer_(std::move(pointer)), error_(error) {}

  CommandReader nested(const json& j, std::string pointer) const {
    return CommandReader(j, std::move(pointer), error_);
  }

  bool ok() const { return !error_; }
  const std::string& pointer() const { return pointer_; }
  std::string at(std::string_view key) const { return json_pointer_append(pointer_, key); }

  // `predicate_vi` completes a Vietnamese sentence whose subject is the
  // field ("Trường “/text” phải là chuỗi ký tự") or the command itself.
  void fail(const std::string& pointer, const std::string& message,
            const std::string& predicate_vi) {
    fail_vi(pointer, message, subject_vi(pointer) + " " + predicate_vi);
  }

  // For errors whose Vietnamese reads better as a sentence of its own.
  void fail_vi(const std::string& pointer, const std::string& message, std::string sentence_vi) {
    if (error_) return;
    error_ = user_error(ErrorCode::kInvalidArgument,
                        (pointer.empty() ? "command" : pointer) + ": " + message,
                        std::move(sentence_vi), pointer);
  }

  static std::string subject_vi(const std::string& pointer) {
    return pointer.empty() ? "Lệnh" : "Trường “" + pointer + "”";
  }

  // "Trường “/text”: không chuẩn hóa được ...": another sentence, carried on
  // after a colon, starts in lower case.
  static std::string about_field_vi(const std::string& pointer, std::string sentence) {
    if (!sentence.empty() && sentence[0] >= 'A' && sentence[0] <= 'Z')
      sentence[0] = static_cast<char>(sentence[0] - 'A' + 'a');
    return subject_vi(pointer) + ": " + sentence;
  }

  bool is_object() {
    if (ok() && !j_.is_object()) fail(pointer_, "must be an object", "phải là một đối tượng JSON");
    return ok();
  }

  // Refuses the first field not in `allowed`, naming it.
  void only(std::initializer_list<std::string_view> allowed, const std::string& what,
            const std::string& what_vi) {
    if (!ok()) return;
    for (const auto& item : j_.items()) {
      const std::string& key = item.key();
      if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
      // A pointer holding the key would carry its bad bytes into the error.
      if (!is_valid_utf8(key))
        return fail(pointer_, "has a field whose name is not valid UTF-8",
                    "có một trường mà tên không phải là UTF-8 hợp lệ");
      return fail(at(key), "is not a field of " + what, "không thuộc " + what_vi);
    }
  }

  const json* member(std::string_view key, bool required, const char* expected,
                     const char* expected_vi) {
    if (!is_object()) return nullptr;
    // nlohmann::json before 3.11 looks keys up only by std::string.
    const auto it = j_.find(std::string(key));
    if (it == j_.end() || it->is_null()) {
      if (required)
        fail(at(key), std::string("is required (") + expected + ")",
             std::string("là bắt buộc (") + expected_vi + ")");
      return nullptr;
    }
    return &*it;
  }

  std::string text(std::string_view key, size_t max_bytes, bool required = true) {
    const json* v = member(key, required, "a string", "chuỗi ký tự");
    return v ? text_value(*v, at(key), max_bytes) : std::string();
  }

  // Valid UTF-8 within the limit, in NFC.
  std::string text_value(const json& v, const std::string& pointer, size_t max_bytes) {
    if (!ok()) return {};
    if (!v.is_string()) {
      fail(pointer, "must be a string", "phải là chuỗi ký tự");
      return {};
    }
    const auto& s = v.get_ref<const std::string&>();
    // The limits hold for the composed text, so the same title fits however
    // it was typed; text that cannot fit even then is refused unscanned.
    if (s.size() > kMaxUncomposedFactor * max_bytes) {
      fail(pointer, too_long(s.size(), max_bytes), too_long_vi(s.size(), max_bytes));
      return {};
    }
    if (!is_valid_utf8(s)) {
      fail(pointer, "is not valid UTF-8", "không phải là văn bản UTF-8 hợp lệ");
      return {};
    }
    auto nfc = normalize_nfc(s);
    if (!nfc.ok()) {
      fail_vi(pointer, nfc.error().message, about_field_vi(pointer, nfc.error().message_vi));
      return {};
    }
    if (nfc.value().size() > max_bytes) {
      fail(pointer, too_long(nfc.value().size(), max_bytes),
           too_long_vi(nfc.value().size(), max_bytes));
      return {};
    }
    return std::move(nfc).value();
  }

  std::uint32_t id(std::string_view key, bool required = true) {
    const json* v = member(key, required, "a whole number", "số nguyên");
    return v ? id_value(*v, at(key)) : 0;
  }

  // 0 is kept for the timer service and for "none"; no client names it.
  std::uint32_t id_value(const json& v, const std::string& pointer) {
    if (!ok()) return 0;
    if (!v.is_number_integer()) {
      fail(pointer, "must be a whole number", "phải là số nguyên");
      return 0;
    }
    const bool in_range = v.is_number_unsigned()
                              ? v.get<std::uint64_t>() >= 1 && v.get<std::uint64_t>() <= kMaxId
                              : v.get<std::int64_t>() >= 1 &&
                                    v.get<std::int64_t>() <= static_cast<std::int64_t>(kMaxId);
    if (!in_range) {
      fail(pointer, "must be a whole number from 1 to " + std::to_string(kMaxId),
           "phải là số nguyên từ 1 đến " + std::to_string(kMaxId));
      return 0;
    }
    return static_cast<std::uint32_t>(v.get<std::uint64_t>());
  }

  // A finite number, whole or not ("52.34").
  std::optional<double> number(std::string_view key, bool required = true) {
    const json* v = member(key, required, "a number", "số");
    if (!v || !ok()) return std::nullopt;
    if (!v->is_number() || !std::isfinite(v->get<double>())) {
      fail(at(key), "must be a number", "phải là một số");
      return std::nullopt;
    }
    return v->get<double>();
  }

  bool flag(std::string_view key) {
    const json* v = member(key, false, "true or false", "true hoặc false");
    if (!v || !ok()) return false;
    if (!v->is_boolean()) {
      fail(at(key), "must be true or false", "phải là true hoặc false");
      return false;
    }
    return v->get<bool>();
  }

  const json* object(std::string_view key, bool required = true) {
    const json* v = member(key, required, "an object", "đối tượng JSON");
    if (v && !v->is_object()) {
      fail(at(key), "must be an object", "phải là một đối tượng JSON");
      return nullptr;
    }
    return v;
  }

  const json* array(std::string_view key, size_t max_entries, bool required = true) {
    const json* v = member(key, required, "an array", "mảng JSON");
    return v && check_array(*v, at(key), max_entries) ? v : nullptr;
  }

  bool check_array(const json& v, const std::string& pointer, size_t max_entries) {
    if (!ok()) return false;
    if (!v.is_array()) {
      fail(pointer, "must be an array", "phải là một mảng JSON");
      return false;
    }
    if (v.size() > max_entries) {
      fail(pointer,
           "has " + std::to_string(v.size()) + " entries, more than the " +
               std::to_string(max_entries) + " allowed",
           "có " + std::to_string(v.size()) + " phần tử, vượt quá giới hạn " +
               std::to_string(max_entries) + " phần tử cho phép");
      return false;
    }
    return true;
  }

 private:
  const json& j_;
  std::string pointer_;
  std::optional<Error>& error_;
};

// Readers of the fields several commands share. Each leaves the first
// problem in the reader and returns an empty value after one.
UnitRef read_unit(CommandReader& r, std::string_view key);
std::vector<std::uint32_t> read_ids(CommandReader& r, std::string_view key, size_t max);
std::optional<Time> read_time(CommandReader& r, const json& v, const std::string& pointer);
Time read_optional_time(CommandReader& r, std::string_view key);
ImplementationTaskSpec read_task_spec(CommandReader& parent, const json& j);
std::vector<Block> read_document(CommandReader& r);
ActionInputs read_inputs(CommandReader& r, const std::string& action, const Definition* def);
Anchor read_anchor(CommandReader& r);

}  // namespace planflow::command_json_detail
