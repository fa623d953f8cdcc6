// The readers of the fields several commands share (command_reader.h).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/command_reader.h"
#include "engine/document.h"
#include "engine/event_json.h"
#include "engine/implementation_json.h"
#include "engine/time.h"

namespace planflow::command_json_detail {

UnitRef read_unit(CommandReader& r, std::string_view key) {
  const json* j = r.object(key);
  if (!j) return {};
  CommandReader unit = r.nested(*j, r.at(key));
  unit.only({"id", "code"}, "a unit", "thông tin cơ quan, đơn vị");
  return UnitRef{unit.id("id"), unit.text("code", kMaxNameBytes)};
}

static Participant read_participant(CommandReader& r, const json& j, std::string pointer) {
  CommandReader p = r.nested(j, std::move(pointer));
  if (!p.is_object()) return {};
  p.only({"user", "unit"}, "a participant", "thông tin người tham gia");
  return Participant{p.id("user"), p.id("unit")};
}

static std::vector<Participant> read_participants(CommandReader& r, const json& list,
                                                  const std::string& pointer) {
  std::vector<Participant> out;
  if (!r.check_array(list, pointer, kMaxParticipants)) return out;
  for (size_t i = 0; i < list.size() && r.ok(); ++i)
    out.push_back(read_participant(r, list[i], json_pointer_append(pointer, i)));
  return out;
}

// Ids of blocks, comments or units; whether they exist decide() says.
std::vector<std::uint32_t> read_ids(CommandReader& r, std::string_view key, size_t max) {
  std::vector<std::uint32_t> out;
  const json* list = r.array(key, max, false);
  if (!list) return out;
  for (size_t i = 0; i < list->size() && r.ok(); ++i)
    out.push_back(r.id_value((*list)[i], json_pointer_append(r.at(key), i)));
  return out;
}

static Directives read_directives(CommandReader& r, const json& list, const std::string& pointer) {
  Directives out;
  if (!r.check_array(list, pointer, kMaxDirectives)) return out;
  for (size_t i = 0; i < list.size() && r.ok(); ++i) {
    CommandReader d = r.nested(list[i], json_pointer_append(pointer, i));
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

std::optional<Time> read_time(CommandReader& r, const json& v, const std::string& pointer) {
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
Time read_optional_time(CommandReader& r, std::string_view key) {
  const json* v = r.member(key, false, "a time", "thời điểm");
  return v ? read_time(r, *v, r.at(key)).value_or(0) : 0;
}

static TaskTarget read_target(CommandReader& parent, const json& j, const std::string& pointer) {
  TaskTarget t;
  CommandReader r = parent.nested(j, pointer);
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
      CommandReader m = r.nested((*ms)[i], json_pointer_append(r.at("milestones"), i));
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

ImplementationTaskSpec read_task_spec(CommandReader& parent, const json& j) {
  ImplementationTaskSpec t;
  CommandReader r = parent.nested(j, parent.at("task"));
  if (!r.is_object()) return t;
  r.only({"title", "lead_unit", "supporting_units", "starts", "due", "weight", "target"}, "a task",
         "nhiệm vụ");
  t.title = r.text("title", kMaxTitleBytes);
  t.lead_unit = r.id("lead_unit");
  t.supporting_units = read_ids(r, "supporting_units", kMaxSupportingUnits);
  t.starts = read_optional_time(r, "starts");
  t.due = read_optional_time(r, "due");
  t.weight = r.number("weight", false).value_or(0);
  if (const json* target = r.object("target", false))
    t.target = read_target(r, *target, r.at("target"));
  return t;
}

// One block of a document; `bytes` counts the texts read so far, so the
// draft's limit is kept while reading rather than after it.
static Block read_block(CommandReader& r, const json& j, const std::string& pointer,
                        size_t& bytes) {
  Block out;
  CommandReader b = r.nested(j, pointer);
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
std::vector<Block> read_document(CommandReader& r) {
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
static std::vector<InputType> declared_types(const Definition& def, std::string_view action,
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

static std::optional<InputValue> read_input(CommandReader& r, const std::string& name,
                                            const json& v, const std::string& pointer,
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

ActionInputs read_inputs(CommandReader& r, const std::string& action, const Definition* def) {
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
                CommandReader::about_field_vi(pointer, name.error().message_vi));
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
static std::uint32_t read_offset(CommandReader& a, std::string_view key) {
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

Anchor read_anchor(CommandReader& r) {
  Anchor out;
  const json* j = r.object("anchor", false);
  if (!j) return out;
  CommandReader a = r.nested(*j, r.at("anchor"));
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

}  // namespace planflow::command_json_detail
