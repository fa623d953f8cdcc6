// The forms read here (s: string, n: id from 1 to 4294967295, ?: optional):
//
//   {"type":"create_dossier", "title":s, "document_type":s?,
//    "issuer":{"id":n,"code":s}, "drafting_unit":{"id":n,"code":s},
//    "bindings":[{"role":s,"user":n,"unit":n}...], "corrects":n?}
//   {"type":"bind_role", "role":s, "user":n, "unit":n}
//   {"type":"unbind_role", "role":s, "user":n}
//   {"type":"submit_version", "blocks":[block...], "summary":s?}
//   {"type":"submit_version", "text":s, "summary":s?}
//   {"type":"add_comment", "text":s, "reply_to":n?, "anchor":anchor?}
//   {"type":"edit_comment", "comment_id":n, "text":s}
//   {"type":"withdraw_comment", "comment_id":n}
//   {"type":"dispose_comment", "comment_id":n,
//    "disposition":"accepted"|"partly_accepted"|"not_accepted"|"noted", "explanation":s?,
//    "absorbed_in":[n...]?}
//   {"type":"no_further_comments"}
//   {"type":"take_action", "action":s, "inputs":{name: value}?}
//   {"type":"add_comment", "text":s, "on_behalf_of":n, ...}  a secretary's record
//   {"type":"schedule_meeting", "starts_at":time, "place":s, "chaired_by":n}
//   {"type":"open_meeting"}
//   {"type":"present_block", "block_id":n}
//   {"type":"record_attendance", "user":n, "present":true|false}
//   {"type":"close_meeting", "conclusion":s?}
//   {"type":"mark_directive_done", "directive":n, "blocks":[n...]?, "note":s?}
//   {"type":"issue_conclusion_notice", "place":s?, "authority":s?, "signer":s?,
//    "recipients":s?}
//
// A block (document.h) is
//
//   {"kind":"heading"|"paragraph"|"item"|"table", "level":0-3?, "marker":s?,
//    "text":s?, "rows":[[s...]...]?}
//
// with a level of 1 to 3 for headings and items and none for the rest, a
// marker of at most 16 bytes ("I.", "1.1.", "a)", "–"), and rows for tables
// only, which have no text. Blocks have no "id": the engine gives ids. The
// form with "text" instead of "blocks" is for clients that have only plain
// text: each line that is not blank becomes a paragraph.
//
// An anchor (anchor.h) is {"kind":"document"}, {"kind":"block", "block":n}
// or {"kind":"passage", "block":n, "start":c, "end":c, "quote":s}, c being
// a count of code points from 0; no anchor is the document.
//
// An input's value follows the type the definition declares for it: text is
// a string; a time is a string parse_time reads (Vietnam time unless it has
// an offset) or whole seconds since 1970-01-01 UTC; participants are
// [{"user":n,"unit":n}...]; directives are [{"text":s, "blocks":[n...]?,
// "comments":[n...]?}...].
#include "engine/command_json.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/document.h"
#include "engine/event_json.h"
#include "engine/implementation_json.h"
#include "engine/json_document.h"
#include "engine/text.h"
#include "engine/time.h"
#include "engine/unicode_nfc.h"

namespace planflow {

using nlohmann::json;

namespace {

// Roles, actions, inputs and document types are identifiers of at most 64
// bytes in a definition, unit codes at most 32. A name far longer is no name:
// it is refused before it is normalised, kept or echoed in an error.
constexpr size_t kMaxNameBytes = 256;

// 1900-01-01T00:00:00Z and 9999-12-31T23:59:59Z: every time a person means,
// and far from where calendar arithmetic on a deadline could overflow.
constexpr Time kMinTime = -2208988800;
constexpr Time kMaxTime = 253402300799;

constexpr std::uint64_t kMaxId = 0xFFFFFFFFu;

// Composing shrinks text to no less than a third of its bytes (Hangul jamo:
// nine bytes become three), so text over this many times a limit cannot fit
// it even once composed.
constexpr size_t kMaxUncomposedFactor = 4;

std::string too_long(size_t size, size_t max) {
  return "is " + std::to_string(size) + " bytes, more than the " + std::to_string(max) + " allowed";
}

std::string too_long_vi(size_t size, size_t max) {
  return "dài " + std::to_string(size) + " byte, vượt quá giới hạn " + std::to_string(max) +
         " byte cho phép";
}

constexpr const char* kTimeFormsVi =
    "phải là ngày hoặc thời điểm, ví dụ “2024-03-25” hoặc “2024-03-25T17:00” (giờ Việt Nam, "
    "trừ khi có độ lệch múi giờ như “+07:00” hoặc “Z” theo sau)";
constexpr const char* kTimeValueVi =
    "phải là thời điểm: một chuỗi như “2024-03-25T17:00” hoặc số giây nguyên";

// Reads one JSON object of a command. Readers of nested objects share the
// first error met; once there is one, further reads do nothing.
class Reader {
 public:
  Reader(const json& j, std::string pointer, std::optional<Error>& error)
      : j_(j), pointer_(std::move(pointer)), error_(error) {}

  Reader nested(const json& j, std::string pointer) const {
    return Reader(j, std::move(pointer), error_);
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

UnitRef read_unit(Reader& r, std::string_view key) {
  const json* j = r.object(key);
  if (!j) return {};
  Reader unit = r.nested(*j, r.at(key));
  unit.only({"id", "code"}, "a unit", "thông tin cơ quan, đơn vị");
  return UnitRef{unit.id("id"), unit.text("code", kMaxNameBytes)};
}

Participant read_participant(Reader& r, const json& j, std::string pointer) {
  Reader p = r.nested(j, std::move(pointer));
  if (!p.is_object()) return {};
  p.only({"user", "unit"}, "a participant", "thông tin người tham gia");
  return Participant{p.id("user"), p.id("unit")};
}

std::vector<Participant> read_participants(Reader& r, const json& list,
                                           const std::string& pointer) {
  std::vector<Participant> out;
  if (!r.check_array(list, pointer, kMaxParticipants)) return out;
  for (size_t i = 0; i < list.size() && r.ok(); ++i)
    out.push_back(read_participant(r, list[i], json_pointer_append(pointer, i)));
  return out;
}

// Ids of blocks or comments; whether they exist decide() says.
std::vector<std::uint32_t> read_ids(Reader& r, std::string_view key, size_t max) {
  std::vector<std::uint32_t> out;
  const json* list = r.array(key, max, false);
  if (!list) return out;
  for (size_t i = 0; i < list->size() && r.ok(); ++i)
    out.push_back(r.id_value((*list)[i], json_pointer_append(r.at(key), i)));
  return out;
}

Directives read_directives(Reader& r, const json& list, const std::string& pointer) {
  Directives out;
  if (!r.check_array(list, pointer, kMaxDirectives)) return out;
  for (size_t i = 0; i < list.size() && r.ok(); ++i) {
    Reader d = r.nested(list[i], json_pointer_append(pointer, i));
    if (!d.is_object()) break;
    d.only({"text", "blocks", "comments"}, "a directive", "thông tin chỉ đạo");
    Directive item;
    item.text = d.text("text", kMaxDirectiveBytes);
    item.blocks = read_ids(d, "blocks", kMaxDirectivePointers);
    item.comments = read_ids(d, "comments", kMaxDirectivePointers);
    out.push_back(std::move(item));
  }
  return out;
}

std::optional<Time> read_time(Reader& r, const json& v, const std::string& pointer) {
  std::optional<Time> t;
  if (v.is_string()) {
    t = parse_time(v.get_ref<const std::string&>());
    if (!t) {
      r.fail(pointer,
             "must be a date or time such as \"2024-03-25\" or \"2024-03-25T17:00\" (Vietnam "
             "time unless an offset such as \"+07:00\" or \"Z\" follows)",
             kTimeFormsVi);
      return std::nullopt;
    }
  } else if (v.is_number_unsigned()) {
    // Beyond the range either way; this keeps the conversion exact.
    t = v.get<std::uint64_t>() > static_cast<std::uint64_t>(kMaxTime)
            ? kMaxTime + 1
            : static_cast<Time>(v.get<std::uint64_t>());
  } else if (v.is_number_integer()) {
    t = v.get<std::int64_t>();
  } else {
    r.fail(pointer, "must be a time: a string such as \"2024-03-25T17:00\" or whole seconds",
           kTimeValueVi);
    return std::nullopt;
  }
  if (*t < kMinTime || *t > kMaxTime) {
    r.fail(pointer, "must be a time between the years 1900 and 9999",
           "phải là thời điểm trong khoảng từ năm 1900 đến năm 9999");
    return std::nullopt;
  }
  return t;
}

// 0 when absent: no one plans for 1970.
Time read_optional_time(Reader& r, std::string_view key) {
  const json* v = r.member(key, false, "a time", "thời điểm");
  return v ? read_time(r, *v, r.at(key)).value_or(0) : 0;
}

std::vector<UnitId> read_unit_ids(Reader& r, std::string_view key, size_t max) {
  std::vector<UnitId> out;
  const json* list = r.array(key, max, false);
  if (!list) return out;
  for (size_t i = 0; i < list->size() && r.ok(); ++i)
    out.push_back(r.id_value((*list)[i], json_pointer_append(r.at(key), i)));
  return out;
}

TaskTarget read_target(Reader& parent, const json& j, const std::string& pointer) {
  TaskTarget t;
  Reader r = parent.nested(j, pointer);
  if (!r.is_object()) return t;
  r.only({"baseline", "goal", "measure", "baseline_year", "milestones"}, "a target",
         "chỉ tiêu định lượng");
  t.value.baseline = r.number("baseline", false).value_or(0);
  t.value.goal = r.number("goal").value_or(0);
  t.measure = r.text("measure", kMaxMeasureBytes, false);
  if (const auto year = r.number("baseline_year", false)) {
    if (*year != std::floor(*year) || *year < 0 || *year > 9999)
      r.fail(r.at("baseline_year"), "must be a year", "phải là một năm, ví dụ 2015");
    else
      t.baseline_year = static_cast<int>(*year);
  }
  if (const json* ms = r.array("milestones", kMaxMilestones, false))
    for (size_t i = 0; i < ms->size() && r.ok(); ++i) {
      Reader m = r.nested((*ms)[i], json_pointer_append(r.at("milestones"), i));
      if (!m.is_object()) break;
      m.only({"due", "value"}, "a milestone", "mốc");
      Milestone out;
      if (const json* due = m.member("due", true, "a time", "thời điểm"))
        out.due = read_time(m, *due, m.at("due")).value_or(0);
      out.value = m.number("value").value_or(0);
      t.value.milestones.push_back(out);
    }
  return t;
}

ImplementationTaskSpec read_task_spec(Reader& parent, const json& j) {
  ImplementationTaskSpec t;
  Reader r = parent.nested(j, parent.at("task"));
  if (!r.is_object()) return t;
  r.only({"title", "lead_unit", "supporting_units", "starts", "due", "weight", "target"}, "a task",
         "nhiệm vụ");
  t.title = r.text("title", kMaxTitleBytes);
  t.lead_unit = r.id("lead_unit");
  t.supporting_units = read_unit_ids(r, "supporting_units", kMaxSupportingUnits);
  t.starts = read_optional_time(r, "starts");
  t.due = read_optional_time(r, "due");
  t.weight = r.number("weight", false).value_or(0);
  if (const json* target = r.object("target", false))
    t.target = read_target(r, *target, r.at("target"));
  return t;
}

// One block of a document; `bytes` counts the texts read so far, so the
// draft's limit is kept while reading rather than after it.
Block read_block(Reader& r, const json& j, const std::string& pointer, size_t& bytes) {
  Block out;
  Reader b = r.nested(j, pointer);
  if (!b.is_object()) return out;
  if (const auto id = j.find("id"); id != j.end() && !id->is_null())
    b.fail(b.at("id"), "block ids are given by planflow, not by clients; leave \"id\" out",
           "là mã khối do hệ thống cấp, không được gửi kèm; vui lòng bỏ trường này");
  b.only({"kind", "level", "marker", "text", "rows"}, "a block", "khối nội dung");
  const std::string kind = b.text("kind", kMaxNameBytes);
  if (!b.ok()) return out;
  if (const auto k = block_kind_from_name(kind)) {
    out.kind = *k;
  } else {
    b.fail_vi(b.at("kind"),
              "unknown block kind \"" + kind + "\"; use heading, paragraph, item or table",
              "Loại khối nội dung “" + kind +
                  "” không hợp lệ; vui lòng dùng heading (đề mục), paragraph (đoạn văn), item "
                  "(mục liệt kê) hoặc table (bảng)");
    return out;
  }
  if (const json* level = b.member("level", false, "a whole number", "số nguyên")) {
    if (!level->is_number_integer()) {
      b.fail(b.at("level"), "must be a whole number", "phải là số nguyên");
      return out;
    }
    // Out of every kind's range, whatever it was: block_problem() says which
    // range this kind has.
    const bool small =
        level->is_number_unsigned()
            ? level->get<std::uint64_t>() <= kMaxBlockLevel
            : level->get<std::int64_t>() >= 0 && level->get<std::int64_t>() <= kMaxBlockLevel;
    out.level = small ? static_cast<std::uint8_t>(level->get<std::int64_t>()) : 0xFF;
  }
  out.marker = b.text("marker", kMaxMarkerBytes, false);
  out.text = b.text("text", kMaxDraftBytes, false);
  bytes += out.text.size();
  if (const json* rows = b.array("rows", kMaxTableCells, false)) {
    const std::string base = b.at("rows");
    size_t cells = 0;
    for (size_t i = 0; i < rows->size() && b.ok(); ++i) {
      const std::string at = json_pointer_append(base, i);
      if (b.check_array((*rows)[i], at, kMaxTableCells)) cells += (*rows)[i].size();
    }
    if (b.ok() && cells > kMaxTableCells)
      b.fail(base,
             "has " + std::to_string(cells) + " cells, more than the " +
                 std::to_string(kMaxTableCells) + " a table may have",
             "có " + std::to_string(cells) + " ô, vượt quá giới hạn " +
                 std::to_string(kMaxTableCells) + " ô của một bảng");
    for (size_t i = 0; i < rows->size() && b.ok(); ++i) {
      const json& row = (*rows)[i];
      out.rows.emplace_back();
      for (size_t c = 0; c < row.size() && b.ok(); ++c) {
        out.rows.back().push_back(b.text_value(
            row[c], json_pointer_append(json_pointer_append(base, i), c), kMaxDraftBytes));
        bytes += out.rows.back().back().size();
      }
    }
  }
  if (!b.ok()) return out;
  if (const auto problem = block_problem(out))
    b.fail(b.at(problem->field), problem->message, problem->message_vi);
  return out;
}

// A submit_version's document: "blocks", or plain "text" as clients without
// an editor of blocks send it, one paragraph a line.
std::vector<Block> read_document(Reader& r) {
  const json* list = r.member("blocks", false, "an array", "mảng JSON");
  const json* text = r.member("text", false, "a string", "chuỗi ký tự");
  if (list && text) {
    r.fail_vi(r.at("text"), "give the draft as \"blocks\" or as \"text\", not both",
              "Chỉ gửi nội dung dự thảo ở một dạng: “blocks” (các khối nội dung) hoặc “text” "
              "(văn bản thuần), không gửi cả hai");
    return {};
  }
  if (!list && !text) {
    r.fail(r.at("blocks"),
           "is required (an array of blocks), unless the draft comes as plain \"text\"",
           "là bắt buộc (mảng các khối nội dung), trừ khi nội dung dự thảo được gửi dạng văn "
           "bản thuần trong trường “text”");
    return {};
  }
  if (text) {
    std::vector<Block> blocks = blocks_from_text(r.text("text", kMaxDraftBytes));
    if (blocks.size() > kMaxBlocks)
      r.fail(r.at("text"),
             "has " + std::to_string(blocks.size()) + " lines, more than the " +
                 std::to_string(kMaxBlocks) + " blocks a draft may have",
             "có " + std::to_string(blocks.size()) + " dòng, vượt quá giới hạn " +
                 std::to_string(kMaxBlocks) + " khối nội dung của một bản dự thảo");
    return blocks;
  }
  std::vector<Block> blocks;
  const std::string base = r.at("blocks");
  if (!r.check_array(*list, base, kMaxBlocks)) return blocks;
  size_t bytes = 0;
  for (size_t i = 0; i < list->size() && r.ok(); ++i) {
    blocks.push_back(read_block(r, (*list)[i], json_pointer_append(base, i), bytes));
    if (r.ok() && bytes > kMaxDraftBytes)
      r.fail(base,
             "holds more than the " + std::to_string(kMaxDraftBytes) +
                 " bytes of text a draft may have",
             "chứa nhiều hơn " + std::to_string(kMaxDraftBytes) +
                 " byte nội dung, vượt quá giới hạn của một bản dự thảo");
  }
  return blocks;
}

// The types `action` declares for input `name`, across every state. The
// command does not say which state the dossier is in; definitions normally
// give an input one type wherever the action appears.
std::vector<InputType> declared_types(const Definition& def, std::string_view action,
                                      std::string_view name) {
  std::vector<InputType> types;
  for (const StateDef& s : def.states)
    for (const TransitionDef& t : s.transitions) {
      if (t.action != action) continue;
      for (const InputDef& in : t.inputs)
        if (in.name == name && std::find(types.begin(), types.end(), in.type) == types.end())
          types.push_back(in.type);
    }
  return types;
}

std::optional<InputValue> read_input(Reader& r, const std::string& name, const json& v,
                                     const std::string& pointer,
                                     const std::vector<InputType>& types) {
  const auto allows = [&types](InputType t) {
    return std::find(types.begin(), types.end(), t) != types.end();
  };
  // Where one name has several types, the JSON shape picks one; a string is
  // text before it is a time. decide() refuses it if the state wants the other.
  if (v.is_string() && allows(InputType::kText))
    return InputValue{name, r.text_value(v, pointer, kMaxInputTextBytes)};
  if ((v.is_string() || v.is_number_integer()) && allows(InputType::kTime)) {
    if (const auto t = read_time(r, v, pointer)) return InputValue{name, *t};
    return std::nullopt;
  }
  if (v.is_array() && allows(InputType::kParticipants))
    return InputValue{name, read_participants(r, v, pointer)};
  if (v.is_array() && allows(InputType::kDirectives))
    return InputValue{name, read_directives(r, v, pointer)};
  switch (types.front()) {
    case InputType::kText:
      r.fail(pointer, "must be a string", "phải là chuỗi ký tự");
      break;
    case InputType::kTime:
      r.fail(pointer, "must be a time: a string such as \"2024-03-25T17:00\" or whole seconds",
             kTimeValueVi);
      break;
    case InputType::kParticipants:
      r.fail(pointer, "must be an array of participants",
             "phải là danh sách người tham gia (một mảng JSON)");
      break;
    case InputType::kDirectives:
      r.fail(pointer, "must be an array of directives",
             "phải là danh sách các chỉ đạo (một mảng JSON)");
      break;
  }
  return std::nullopt;
}

ActionInputs read_inputs(Reader& r, const std::string& action, const Definition* def) {
  ActionInputs out;
  const json* inputs = r.object("inputs", false);
  if (!inputs || !r.ok()) return out;
  const std::string base = r.at("inputs");
  if (!def && !inputs->empty()) {
    r.fail(base, "cannot be read without the dossier's workflow definition",
           "không đọc được khi chưa có định nghĩa quy trình của hồ sơ");
    return out;
  }
  // In name order (the order of the JSON object); decide() puts them in
  // declaration order.
  for (const auto& item : inputs->items()) {
    const std::string& key = item.key();
    const json& value = item.value();
    if (value.is_null()) continue;
    if (key.size() > kMaxNameBytes) {
      r.fail(base,
             "has an input name of " + std::to_string(key.size()) + " bytes, more than the " +
                 std::to_string(kMaxNameBytes) + " allowed",
             "có tên thông tin dài " + std::to_string(key.size()) + " byte, vượt quá giới hạn " +
                 std::to_string(kMaxNameBytes) + " byte cho phép");
      break;
    }
    if (!is_valid_utf8(key)) {
      r.fail(base, "has an input name that is not valid UTF-8",
             "có tên thông tin không phải là UTF-8 hợp lệ");
      break;
    }
    const std::string pointer = json_pointer_append(base, key);
    auto name = normalize_nfc(key);
    if (!name.ok()) {
      r.fail_vi(pointer, name.error().message,
                Reader::about_field_vi(pointer, name.error().message_vi));
      break;
    }
    const std::vector<InputType> types = declared_types(*def, action, name.value());
    // Not an input of this action (or no such action): its value means
    // nothing, and decide() refuses the name with the action in view.
    if (types.empty()) {
      out.push_back(InputValue{std::move(name).value(), std::string()});
      continue;
    }
    auto in = read_input(r, name.value(), value, pointer, types);
    if (!in || !r.ok()) break;
    out.push_back(std::move(*in));
  }
  return out;
}

// A count of code points, from 0.
std::uint32_t read_offset(Reader& a, std::string_view key) {
  const json* v = a.member(key, true, "a whole number", "số nguyên");
  if (!v || !a.ok()) return 0;
  if (!v->is_number_integer() ||
      (v->is_number_integer() && !v->is_number_unsigned() && v->get<std::int64_t>() < 0) ||
      v->get<std::uint64_t>() > kMaxId) {
    a.fail(a.at(key), "must be a whole number from 0 to " + std::to_string(kMaxId),
           "phải là số nguyên từ 0 đến " + std::to_string(kMaxId));
    return 0;
  }
  return static_cast<std::uint32_t>(v->get<std::uint64_t>());
}

Anchor read_anchor(Reader& r) {
  Anchor out;
  const json* j = r.object("anchor", false);
  if (!j) return out;
  Reader a = r.nested(*j, r.at("anchor"));
  a.only({"kind", "block", "start", "end", "quote"}, "an anchor", "vị trí góp ý");
  const std::string kind = a.text("kind", kMaxNameBytes);
  if (!a.ok()) return out;
  const auto k = anchor_kind_from_name(kind);
  if (!k) {
    a.fail_vi(a.at("kind"), "unknown anchor kind \"" + kind + "\"; use document, block or passage",
              "Loại vị trí góp ý “" + kind +
                  "” không hợp lệ; vui lòng dùng document (cả văn bản), block (một khối) hoặc "
                  "passage (một đoạn trích)");
    return out;
  }
  out.kind = *k;
  if (out.kind == AnchorKind::kDocument) return out;
  out.block = a.id("block");
  if (out.kind == AnchorKind::kBlock) return out;
  out.start = read_offset(a, "start");
  out.end = read_offset(a, "end");
  out.quote = a.text("quote", kMaxQuoteBytes);
  return out;
}

Command read_command(Reader& r, size_t type, const Definition* def) {
  const std::string what(command_type_names()[type]);
  const std::string what_vi = "lệnh “" + what + "”";
  switch (type) {
    case 0: {
      r.only({"type", "title", "document_type", "issuer", "drafting_unit", "bindings", "corrects"},
             what, what_vi);
      CreateDossier c;
      c.title = r.text("title", kMaxTitleBytes);
      c.document_type = r.text("document_type", kMaxNameBytes, false);
      c.issuer = read_unit(r, "issuer");
      c.drafting_unit = read_unit(r, "drafting_unit");
      if (const json* list = r.array("bindings", kMaxParticipants)) {
        for (size_t i = 0; i < list->size() && r.ok(); ++i) {
          Reader b = r.nested((*list)[i], json_pointer_append(r.at("bindings"), i));
          if (!b.is_object()) break;
          b.only({"role", "user", "unit"}, "a role binding", "thông tin phân công vai trò");
          c.bindings.push_back(
              RoleBinding{b.text("role", kMaxNameBytes), {b.id("user"), b.id("unit")}});
        }
      }
      c.corrects = r.id("corrects", false);
      return c;
    }
    case 1:
      r.only({"type", "role", "user", "unit"}, what, what_vi);
      return BindRole{r.text("role", kMaxNameBytes), {r.id("user"), r.id("unit")}};
    case 2:
      r.only({"type", "role", "user"}, what, what_vi);
      return UnbindRole{r.text("role", kMaxNameBytes), r.id("user")};
    case 3: {
      r.only({"type", "blocks", "text", "summary"}, what, what_vi);
      SubmitVersion v;
      v.blocks = read_document(r);
      v.summary = r.text("summary", kMaxTitleBytes, false);
      return v;
    }
    case 4: {
      r.only({"type", "text", "reply_to", "anchor", "on_behalf_of"}, what, what_vi);
      AddComment c;
      c.text = r.text("text", kMaxCommentBytes);
      c.reply_to = r.id("reply_to", false);
      c.anchor = read_anchor(r);
      c.on_behalf_of = r.id("on_behalf_of", false);
      return c;
    }
    case 5: {
      r.only({"type", "comment_id", "disposition", "explanation", "absorbed_in"}, what, what_vi);
      DisposeComment d;
      d.comment_id = r.id("comment_id");
      const std::string name = r.text("disposition", kMaxNameBytes);
      const auto disposition = disposition_from_name(name);
      // "none" is how an undisposed comment is shown, not an answer to one.
      if (r.ok() && (!disposition || *disposition == Disposition::kNone))
        r.fail_vi(r.at("disposition"),
                  "unknown disposition \"" + name +
                      "\"; choose accepted, partly_accepted, not_accepted or noted",
                  "Kết quả xử lý ý kiến “" + name +
                      "” không hợp lệ; vui lòng chọn accepted (tiếp thu), partly_accepted (tiếp "
                      "thu một phần), not_accepted (không tiếp thu) hoặc noted (ghi nhận)");
      d.disposition = disposition.value_or(Disposition::kNone);
      d.explanation = r.text("explanation", kMaxCommentBytes, false);
      if (const json* ids = r.array("absorbed_in", kMaxAbsorbingBlocks, false))
        for (std::size_t i = 0; i < ids->size() && r.ok(); ++i)
          d.absorbed_in.push_back(
              r.id_value((*ids)[i], json_pointer_append(r.at("absorbed_in"), i)));
      return d;
    }
    case 6:
      r.only({"type"}, what, what_vi);
      return NoFurtherComments{};
    case 7: {
      r.only({"type", "action", "inputs"}, what, what_vi);
      TakeAction a;
      a.action = r.text("action", kMaxNameBytes);
      a.inputs = read_inputs(r, a.action, def);
      return a;
    }
    case 9: {
      r.only({"type", "comment_id", "text"}, what, what_vi);
      EditComment e;
      e.comment_id = r.id("comment_id");
      e.text = r.text("text", kMaxCommentBytes);
      return e;
    }
    case 10:
      r.only({"type", "comment_id"}, what, what_vi);
      return WithdrawComment{r.id("comment_id")};
    case 12: {
      r.only({"type", "starts_at", "place", "chaired_by"}, what, what_vi);
      ScheduleMeeting m;
      if (const json* at = r.member("starts_at", true, "a time", "thời điểm"))
        m.starts_at = read_time(r, *at, r.at("starts_at")).value_or(0);
      m.place = r.text("place", kMaxTitleBytes);
      m.chaired_by = r.id("chaired_by");
      return m;
    }
    case 13:
      r.only({"type"}, what, what_vi);
      return OpenMeeting{};
    case 14:
      r.only({"type", "block_id"}, what, what_vi);
      return PresentBlock{r.id("block_id")};
    case 15: {
      r.only({"type", "user", "present"}, what, what_vi);
      RecordAttendance a{r.id("user"), true};
      const json* present = r.member("present", true, "true or false", "true hoặc false");
      if (present && !present->is_boolean())
        r.fail(r.at("present"), "must be true or false", "phải là true (có mặt) hoặc false (vắng)");
      if (present && present->is_boolean()) a.present = present->get<bool>();
      return a;
    }
    case 16:
      r.only({"type", "conclusion"}, what, what_vi);
      return CloseMeeting{r.text("conclusion", kMaxInputTextBytes, false)};
    case 17: {
      r.only({"type", "directive", "blocks", "note"}, what, what_vi);
      MarkDirectiveDone m;
      m.directive = r.id("directive");
      m.blocks = read_ids(r, "blocks", kMaxDirectivePointers);
      m.note = r.text("note", kMaxDirectiveNoteBytes, false);
      return m;
    }
    case 18: {
      r.only({"type", "place", "authority", "signer", "recipients"}, what, what_vi);
      IssueConclusionNotice n;
      n.place = r.text("place", kMaxTitleBytes, false);
      n.authority = r.text("authority", kMaxTitleBytes, false);
      n.signer = r.text("signer", kMaxTitleBytes, false);
      n.recipients = r.text("recipients", kMaxInputTextBytes, false);
      return n;
    }
    case 19: {
      r.only({"type", "task"}, what, what_vi);
      const json* task = r.object("task");
      return AddImplementationTask{task ? read_task_spec(r, *task) : ImplementationTaskSpec{}};
    }
    case 20: {
      r.only(
          {"type", "task", "as_of", "value", "completed", "narrative", "difficulties", "proposals"},
          what, what_vi);
      ProgressReport p;
      p.task = r.id("task");
      p.as_of = read_optional_time(r, "as_of");
      p.value = r.number("value", false);
      p.completed = r.flag("completed");
      p.narrative = r.text("narrative", kMaxReportTextBytes, false);
      p.difficulties = r.text("difficulties", kMaxReportTextBytes, false);
      p.proposals = r.text("proposals", kMaxReportTextBytes, false);
      return ReportProgress{std::move(p)};
    }
    case 21: {
      r.only({"type", "starts", "ends"}, what, what_vi);
      SetCampaign c;
      c.starts = read_optional_time(r, "starts");
      c.ends = read_optional_time(r, "ends");
      if (r.ok() && (c.starts == 0 || c.ends == 0))
        r.fail(r.at(c.starts == 0 ? "starts" : "ends"), "is required (a time)", "là bắt buộc");
      return c;
    }
  }
  // fire_timer and sign_document are refused before this is called.
  return NoFurtherComments{};
}

json participant_json(const Participant& p) {
  return {{"user", p.user}, {"unit", p.unit}};
}

json unit_json(const UnitRef& u) {
  return {{"id", u.id}, {"code", u.code}};
}

struct ToJson {
  json& out;

  void operator()(const CreateDossier& c) const {
    out["title"] = c.title;
    if (!c.document_type.empty()) out["document_type"] = c.document_type;
    out["issuer"] = unit_json(c.issuer);
    out["drafting_unit"] = unit_json(c.drafting_unit);
    json bindings = json::array();
    for (const RoleBinding& b : c.bindings)
      bindings.push_back(
          {{"role", b.role}, {"user", b.participant.user}, {"unit", b.participant.unit}});
    out["bindings"] = std::move(bindings);
    if (c.corrects) out["corrects"] = c.corrects;
  }
  void operator()(const BindRole& b) const {
    out["role"] = b.role;
    out["user"] = b.participant.user;
    out["unit"] = b.participant.unit;
  }
  void operator()(const UnbindRole& u) const {
    out["role"] = u.role;
    out["user"] = u.user;
  }
  void operator()(const SubmitVersion& v) const {
    json blocks = json::array();
    for (const Block& b : v.blocks) {
      json block = {{"kind", block_kind_name(b.kind)}};
      if (b.level) block["level"] = b.level;
      if (!b.marker.empty()) block["marker"] = b.marker;
      if (!b.text.empty()) block["text"] = b.text;
      if (b.kind == BlockKind::kTable) block["rows"] = b.rows;
      blocks.push_back(std::move(block));
    }
    out["blocks"] = std::move(blocks);
    if (!v.summary.empty()) out["summary"] = v.summary;
  }
  void operator()(const AddComment& c) const {
    out["text"] = c.text;
    if (c.reply_to) out["reply_to"] = c.reply_to;
    if (c.anchor.kind != AnchorKind::kDocument) out["anchor"] = anchor_to_json(c.anchor);
    if (c.on_behalf_of) out["on_behalf_of"] = c.on_behalf_of;
  }
  void operator()(const ScheduleMeeting& m) const {
    out["starts_at"] = format_time(m.starts_at);
    out["place"] = m.place;
    out["chaired_by"] = m.chaired_by;
  }
  void operator()(const OpenMeeting&) const {}
  void operator()(const PresentBlock& p) const { out["block_id"] = p.block_id; }
  void operator()(const RecordAttendance& a) const {
    out["user"] = a.user;
    out["present"] = a.present;
  }
  void operator()(const CloseMeeting& c) const {
    if (!c.conclusion.empty()) out["conclusion"] = c.conclusion;
  }
  void operator()(const EditComment& e) const {
    out["comment_id"] = e.comment_id;
    out["text"] = e.text;
  }
  void operator()(const WithdrawComment& w) const { out["comment_id"] = w.comment_id; }
  void operator()(const DisposeComment& d) const {
    out["comment_id"] = d.comment_id;
    out["disposition"] = disposition_name(d.disposition);
    if (!d.explanation.empty()) out["explanation"] = d.explanation;
    if (!d.absorbed_in.empty()) out["absorbed_in"] = d.absorbed_in;
  }
  void operator()(const NoFurtherComments&) const {}
  void operator()(const TakeAction& a) const {
    out["action"] = a.action;
    if (a.inputs.empty()) return;
    json inputs = json::object();
    for (const InputValue& in : a.inputs) {
      if (const auto* text = std::get_if<std::string>(&in.value)) inputs[in.name] = *text;
      if (const auto* time = std::get_if<Time>(&in.value)) inputs[in.name] = format_time(*time);
      if (const auto* list = std::get_if<std::vector<Participant>>(&in.value)) {
        json people = json::array();
        for (const Participant& p : *list)
          people.push_back(participant_json(p));
        inputs[in.name] = std::move(people);
      }
      if (const auto* list = std::get_if<Directives>(&in.value))
        inputs[in.name] = directives_to_json(*list);
    }
    out["inputs"] = std::move(inputs);
  }
  void operator()(const FireTimer& f) const { out["timer_id"] = f.timer_id; }
  void operator()(const MarkDirectiveDone& m) const {
    out["directive"] = m.directive;
    if (!m.blocks.empty()) out["blocks"] = m.blocks;
    if (!m.note.empty()) out["note"] = m.note;
  }
  void operator()(const AddImplementationTask& t) const {
    out["task"] = task_spec_to_json(t.task, time_text);
  }
  void operator()(const ReportProgress& p) const {
    out.update(progress_report_to_json(p.report, time_text));
  }
  void operator()(const SetCampaign& c) const {
    out["starts"] = format_time(c.starts);
    out["ends"] = format_time(c.ends);
  }
  static json time_text(Time t) { return format_time(t); }
  void operator()(const IssueConclusionNotice& n) const {
    if (!n.place.empty()) out["place"] = n.place;
    if (!n.authority.empty()) out["authority"] = n.authority;
    if (!n.signer.empty()) out["signer"] = n.signer;
    if (!n.recipients.empty()) out["recipients"] = n.recipients;
  }
  void operator()(const SignDocument& d) const {
    out["signer"] = d.signer;
    out["public_key"] = d.public_key;
    out["digest"] = d.digest;
    out["signature"] = d.signature;
  }
};

}  // namespace

Result<Command> command_from_json(const json& j, const Definition* definition) {
  std::optional<Error> error;
  Reader r(j, "", error);
  if (!r.is_object()) return *error;
  const std::string type = r.text("type", kMaxNameBytes);
  if (!r.ok()) return *error;
  const auto names = command_type_names();
  const auto it = std::find(names.begin(), names.end(), type);
  if (it == names.end()) {
    r.fail_vi(r.at("type"), "unknown command type \"" + type + "\"",
              "Không có loại lệnh “" + type + "”");
    return *error;
  }
  const auto index = static_cast<size_t>(it - names.begin());
  if (std::string_view(names[index]) == "fire_timer") {
    r.fail_vi(r.at("type"), "fire_timer is sent by the timer service, not by clients",
              "Lệnh “fire_timer” chỉ dành cho dịch vụ hẹn giờ của hệ thống, người dùng không "
              "được gửi");
    return *error;
  }
  if (std::string_view(names[index]) == "sign_document") {
    r.fail_vi(r.at("type"), "sign_document is sent by the server after issuance, not by clients",
              "Lệnh “sign_document” do hệ thống gửi sau khi ban hành văn bản, người dùng không "
              "được gửi");
    return *error;
  }
  Command command = read_command(r, index, definition);
  if (error) return *error;
  return command;
}

json command_to_json(const Command& c) {
  json out = {{"type", command_type_name(c)}};
  std::visit(ToJson{out}, c);
  return out;
}

}  // namespace planflow
