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

#include "engine/command_reader.h"
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

using namespace command_json_detail;

Command read_command(CommandReader& r, size_t type, const Definition* def) {
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
          CommandReader b = r.nested((*list)[i], json_pointer_append(r.at("bindings"), i));
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
  CommandReader r(j, "", error);
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
