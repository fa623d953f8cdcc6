#include "engine/directives.h"

#include <algorithm>

#include "engine/refusals.h"
#include "engine/state_rules.h"
#include "engine/text.h"

namespace planflow {

namespace {

bool in_latest_version(const DossierState& s, std::uint32_t block) {
  if (s.versions == 0) return false;
  const BlockPrints& prints = *s.last_prints;
  for (std::size_t i = 0; i < prints.size(); ++i)
    if (prints[i].id == block) return true;
  return false;
}

// Block ids in the latest version, each once, no more than the limit.
std::optional<Error> check_blocks(const DossierState& s, const std::vector<std::uint32_t>& blocks,
                                  const std::string& field) {
  if (blocks.size() > kMaxDirectivePointers)
    return invalid(field,
                   "points at " + std::to_string(blocks.size()) + " blocks, more than the " +
                       std::to_string(kMaxDirectivePointers) + " allowed",
                   "Chỉ được chọn tối đa " + std::to_string(kMaxDirectivePointers) +
                       " khối nội dung; đã chọn " + std::to_string(blocks.size()));
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const std::string at = field + "/" + std::to_string(i);
    if (!in_latest_version(s, blocks[i]))
      return user_error(ErrorCode::kNotFound,
                        at + ": the latest version (v" + std::to_string(s.versions) +
                            ") has no block " + std::to_string(blocks[i]),
                        "Phiên bản dự thảo mới nhất (v" + std::to_string(s.versions) +
                            ") không có khối nội dung số " + std::to_string(blocks[i]),
                        at);
    if (std::find(blocks.begin(), blocks.begin() + static_cast<std::ptrdiff_t>(i), blocks[i]) !=
        blocks.begin() + static_cast<std::ptrdiff_t>(i))
      return invalid(at, "block " + std::to_string(blocks[i]) + " is listed twice",
                     "Khối nội dung số " + std::to_string(blocks[i]) + " được chọn hai lần");
  }
  return std::nullopt;
}

std::optional<Error> check_comments(const DossierState& s,
                                    const std::vector<std::uint32_t>& comments,
                                    const std::string& field) {
  if (comments.size() > kMaxDirectivePointers)
    return invalid(field,
                   "points at " + std::to_string(comments.size()) + " comments, more than the " +
                       std::to_string(kMaxDirectivePointers) + " allowed",
                   "Chỉ được chọn tối đa " + std::to_string(kMaxDirectivePointers) +
                       " ý kiến góp ý; đã chọn " + std::to_string(comments.size()));
  for (std::size_t i = 0; i < comments.size(); ++i) {
    const std::string at = field + "/" + std::to_string(i);
    const std::uint32_t id = comments[i];
    if (id == 0 || id > s.comments.size())
      return user_error(ErrorCode::kNotFound, at + ": there is no comment " + std::to_string(id),
                        "Không tìm thấy ý kiến số " + std::to_string(id), at);
    if (s.comments[id - 1].withdrawn)
      return user_error(ErrorCode::kInvalidState,
                        at + ": comment " + std::to_string(id) + " was withdrawn",
                        "Ý kiến số " + std::to_string(id) + " đã được rút", at);
    if (std::find(comments.begin(), comments.begin() + static_cast<std::ptrdiff_t>(i), id) !=
        comments.begin() + static_cast<std::ptrdiff_t>(i))
      return invalid(at, "comment " + std::to_string(id) + " is listed twice",
                     "Ý kiến số " + std::to_string(id) + " được chọn hai lần");
  }
  return std::nullopt;
}

// Marking directives belongs to whoever writes the revised draft, in the
// step where it is written.
std::optional<Error> require_marker(const DossierState& s, UserId user) {
  const StateDef& st = s.current();
  const RoleMask writers = st.allow[static_cast<std::size_t>(Operation::kSubmitVersion)];
  if (!writers || s.directives_done.empty())
    return user_error(
        ErrorCode::kNotAllowedInState,
        "there are no directives to mark done in step \"" + st.id + "\"",
        "Không có chỉ đạo nào cần đánh dấu đã thực hiện ở bước " + quoted(state_title_vi(st)));
  if (!(writers & s.roles_of(user)))
    return user_error(ErrorCode::kForbiddenRole,
                      "only those who may submit a version mark directives done",
                      "Chỉ cơ quan, người được gửi phiên bản dự thảo mới ở bước " +
                          quoted(state_title_vi(st)) + " được đánh dấu chỉ đạo đã thực hiện");
  return std::nullopt;
}

std::optional<Error> require_notice_issuer(const DossierState& s, UserId user) {
  const StateDef& st = s.current();
  if (!st.conclusion_notice)
    return user_error(ErrorCode::kNotAllowedInState,
                      "no conclusion notice is issued in step \"" + st.id + "\"",
                      "Không thể ban hành thông báo kết luận ở bước " + quoted(state_title_vi(st)));
  if (!(st.conclusion_notice->roles & s.roles_of(user))) {
    std::string roles;
    const Definition& def = s.definition();
    for (std::size_t r = 0; r < def.roles.size(); ++r)
      if (st.conclusion_notice->roles & (1u << r)) {
        if (!roles.empty()) roles += " hoặc ";
        roles += def.roles[r].title.vi.empty() ? def.roles[r].id : def.roles[r].title.vi;
      }
    return user_error(ErrorCode::kForbiddenRole, "your roles may not issue the conclusion notice",
                      "Chỉ " + roles + " được ban hành thông báo kết luận");
  }
  if (s.notice_entry == s.state_entries)
    return user_error(ErrorCode::kInvalidState, "the conclusion notice has already been issued",
                      "Thông báo kết luận đã được ban hành");
  return std::nullopt;
}

}  // namespace

std::optional<Error> check_directives_input(const DossierState& s, const InputDef& spec,
                                            const InputValue& in) {
  const std::string field = "inputs/" + in.name;
  const std::string label = spec.title.vi.empty() ? in.name : spec.title.vi;
  const auto* list = std::get_if<Directives>(&in.value);
  if (!list)
    return invalid(field, "must be a list of directives",
                   "Trường " + quoted(label) + " phải là danh sách các chỉ đạo");
  if (list->size() > kMaxDirectives)
    return invalid(field,
                   "has " + std::to_string(list->size()) + " directives, more than the " +
                       std::to_string(kMaxDirectives) + " allowed",
                   "Kết luận có " + std::to_string(list->size()) + " chỉ đạo, vượt quá giới hạn " +
                       std::to_string(kMaxDirectives) + " chỉ đạo cho phép");
  if (spec.required && list->empty())
    return invalid(field, "needs at least one directive",
                   "Trường " + quoted(label) + " cần ít nhất một chỉ đạo");
  for (std::size_t i = 0; i < list->size(); ++i) {
    const Directive& d = (*list)[i];
    const std::string at = field + "/" + std::to_string(i);
    const std::string label_i = "Chỉ đạo số " + std::to_string(i + 1);
    if (auto e = check_text_field(d.text, at + "/text", label_i, kMaxDirectiveBytes, true))
      return e;
    if (auto e = check_blocks(s, d.blocks, at + "/blocks")) return e;
    if (auto e = check_comments(s, d.comments, at + "/comments")) return e;
  }
  return std::nullopt;
}

Status decide_directive_done(const DossierState& s, const MarkDirectiveDone& m, const Actor& actor,
                             Time now, std::vector<Event>* out) {
  if (auto e = require_marker(s, actor.user)) return *e;
  const std::size_t count = s.directives_done.size();
  if (m.directive == 0 || m.directive > count)
    return user_error(ErrorCode::kNotFound,
                      "the conclusion has no directive " + std::to_string(m.directive) + " (1 to " +
                          std::to_string(count) + ")",
                      "Kết luận không có chỉ đạo số " + std::to_string(m.directive) +
                          " (từ 1 đến " + std::to_string(count) + ")",
                      "directive");
  if (s.versions <= s.directives_version)
    return user_error(
        ErrorCode::kInvalidState,
        "submit the revised version first: the latest is still v" + std::to_string(s.versions) +
            ", the version concluded on",
        "Vui lòng gửi phiên bản dự thảo đã chỉnh sửa trước: phiên bản mới nhất vẫn là v" +
            std::to_string(s.versions) + ", phiên bản đã được kết luận",
        "directive");
  if (auto e = check_blocks(s, m.blocks, "blocks")) return *e;
  if (auto e = check_text_field(m.note, "note", "Cách thực hiện", kMaxDirectiveNoteBytes, false))
    return *e;
  if (m.blocks.empty() && is_blank(m.note))
    return invalid("blocks", "point at the changed blocks or say in the note how it was done",
                   "Vui lòng chọn khối nội dung đã chỉnh sửa hoặc ghi rõ cách thực hiện chỉ đạo");
  out->push_back(Event{now, actor.user, DirectiveDone{m.directive, m.blocks, m.note}});
  return {};
}

Status decide_conclusion_notice(const DossierState& s, const IssueConclusionNotice& c,
                                const Actor& actor, Time now, std::vector<Event>* out,
                                const NumberSource* numbers) {
  if (auto e = require_notice_issuer(s, actor.user)) return *e;
  if (auto e = check_text_field(c.place, "place", "Địa danh", kMaxTitleBytes, false)) return *e;
  if (auto e = check_text_field(c.authority, "authority", "Thẩm quyền ký", kMaxTitleBytes, false))
    return *e;
  if (auto e = check_text_field(c.signer, "signer", "Người ký", kMaxTitleBytes, false)) return *e;
  if (auto e = check_text_field(c.recipients, "recipients", "Nơi nhận", kMaxInputTextBytes, false))
    return *e;
  if (!numbers)
    return user_error(ErrorCode::kInvalidState, "no register of official numbers is available",
                      "Không có sổ đăng ký văn bản để cấp số, ký hiệu");
  const NoticeDef& def = *s.current().conclusion_notice;
  const int year = to_vietnam_time(now).year;
  const std::string series = fill_pattern(def.series, s, 0, year);
  const std::uint32_t number = numbers->next_number(s.issuer.id, series, year);
  IssuedNumber issued{number, year, series, fill_pattern(def.symbol, s, number, year)};
  out->push_back(Event{
      now, actor.user,
      ConclusionNoticeIssued{std::move(issued), c.place, c.authority, c.signer, c.recipients}});
  return {};
}

void apply_conclusion(DossierState& s, const TransitionDef& t, const ActionInputs& inputs) {
  for (const InputDef& spec : t.inputs) {
    const InputValue* given = find_input(inputs, spec.name);
    if (spec.type == InputType::kDirectives) {
      const auto* list = given ? std::get_if<Directives>(&given->value) : nullptr;
      s.directives_done.assign(list ? list->size() : 0, false);
      s.directives_version = s.versions;
    }
    if (spec.type == InputType::kTime && spec.name == kRevisionDeadlineInput && given)
      if (const auto* at = std::get_if<Time>(&given->value))
        for (OpenTask& task : s.tasks)
          if (task.task != kConsultationTask) task.due_at = *at;
  }
}

Status apply_directive_done(DossierState& s, const DirectiveDone& d, UserId actor) {
  if (d.directive == 0 || d.directive > s.directives_done.size())
    return history_corrupt("directive " + std::to_string(d.directive) +
                           " marked done but not given");
  if (!(s.current().allow[static_cast<std::size_t>(Operation::kSubmitVersion)] & s.roles_of(actor)))
    return history_corrupt("directive marked done by someone who does not revise the draft");
  s.directives_done[d.directive - 1] = true;
  return {};
}

Status apply_conclusion_notice(DossierState& s, const ConclusionNoticeIssued&) {
  if (!s.current().conclusion_notice)
    return history_corrupt("conclusion notice issued in the wrong step");
  if (s.notice_entry == s.state_entries) return history_corrupt("conclusion notice issued twice");
  s.notice_entry = s.state_entries;
  return {};
}

bool all_directives_done(const DossierState& s) {
  return std::all_of(s.directives_done.begin(), s.directives_done.end(),
                     [](bool done) { return done; });
}

LocalizedText directives_failure(const DossierState& s) {
  std::string numbers;
  std::size_t open = 0;
  for (std::size_t i = 0; i < s.directives_done.size(); ++i) {
    if (s.directives_done[i]) continue;
    if (open++) numbers += ", ";
    numbers += std::to_string(i + 1);
  }
  const std::string count = std::to_string(open);
  return {"Còn " + count + " chỉ đạo trong kết luận chưa được đánh dấu đã thực hiện (số " +
              numbers + ")",
          count + (open == 1 ? " directive" : " directives") +
              " of the conclusion not marked done (" + numbers + ")"};
}

bool may_mark_directives(const DossierState& s, UserId user) {
  return !require_marker(s, user);
}

bool may_issue_conclusion_notice(const DossierState& s, UserId user) {
  return !require_notice_issuer(s, user);
}

}  // namespace planflow
