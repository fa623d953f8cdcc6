// decide(): checking a command and stating its events. The order of checks
// is the order a person would ask: does this dossier exist, can this be done
// here at all, may I do it, is what I gave valid, do the conditions hold.
#include "engine/decide.h"

#include <algorithm>

#include "engine/directives.h"
#include "engine/disposition.h"
#include "engine/document.h"
#include "engine/follow_up.h"
#include "engine/guards.h"
#include "engine/implementation.h"
#include "engine/meeting.h"
#include "engine/refusals.h"
#include "engine/state_rules.h"
#include "engine/text.h"

namespace planflow {

namespace {

// The command field at fault, for a Vietnamese sentence: "Trường “Nội dung
// góp ý”" when the field has a name people know it by, "Trường “title”"
// otherwise. The English message keeps the JSON pointer; the Vietnamese one
// is read by the person at the form.
std::string field_vi(std::string_view field, std::string_view label = {}) {
  return "Trường " + quoted(label.empty() ? field : label);
}

// What the people filling in the forms call the fields of core commands.
constexpr std::string_view kTitleVi = "Tên hồ sơ";
constexpr std::string_view kDraftTextVi = "Nội dung dự thảo";
constexpr std::string_view kSummaryVi = "Tóm tắt thay đổi";
constexpr std::string_view kCommentTextVi = "Nội dung góp ý";
constexpr std::string_view kQuoteVi = "Đoạn trích";
constexpr std::string_view kExplanationVi = "Giải trình";

std::string too_long_vi(std::string_view field, std::string_view label, size_t size, size_t max) {
  return field_vi(field, label) + " dài " + std::to_string(size) + " byte, vượt quá giới hạn " +
         std::to_string(max) + " byte cho phép";
}

// Texts arrive as valid UTF-8 (the edge that parsed them checked it), so
// what is left is whether they say anything and fit. The field name is put
// together only when there is something to report: this runs on every command.
std::optional<Error> check_text(const std::string& text, std::string_view prefix,
                                std::string_view name, size_t max, bool required,
                                std::string_view label_vi = {}) {
  if (required && is_blank(text)) {
    const std::string field = std::string(prefix).append(name);
    return invalid(field, "must not be empty", field_vi(field, label_vi) + " không được để trống");
  }
  if (text.size() > max) {
    const std::string field = std::string(prefix).append(name);
    return invalid(field,
                   "is " + std::to_string(text.size()) + " bytes, more than the " +
                       std::to_string(max) + " allowed",
                   too_long_vi(field, label_vi, text.size(), max));
  }
  return std::nullopt;
}

// The edge has checked a document read from JSON; one built in code (a
// test, a benchmark, an import) is checked here as well.
std::optional<Error> check_blocks(const std::vector<Block>& blocks) {
  const std::string field = "blocks";
  if (blocks.size() > kMaxBlocks)
    return invalid(field,
                   "has " + std::to_string(blocks.size()) + " blocks, more than the " +
                       std::to_string(kMaxBlocks) + " allowed",
                   field_vi(field, kDraftTextVi) + " có " + std::to_string(blocks.size()) +
                       " khối nội dung, vượt quá giới hạn " + std::to_string(kMaxBlocks) +
                       " khối cho phép");
  for (size_t i = 0; i < blocks.size(); ++i)
    if (auto problem = block_problem(blocks[i])) {
      const std::string at = field + "/" + std::to_string(i) + "/" + problem->field;
      return invalid(at, problem->message, field_vi(at) + " " + problem->message_vi);
    }
  if (document_is_blank(blocks))
    return invalid(field, "must not be empty",
                   field_vi(field, kDraftTextVi) + " không được để trống");
  if (const size_t bytes = document_bytes(blocks); bytes > kMaxDraftBytes)
    return invalid(field,
                   "is " + std::to_string(bytes) + " bytes, more than the " +
                       std::to_string(kMaxDraftBytes) + " allowed",
                   too_long_vi(field, kDraftTextVi, bytes, kMaxDraftBytes));
  return std::nullopt;
}

std::optional<Error> check_unit(const UnitRef& u, const std::string& field) {
  if (u.id == 0)
    return invalid(field, "needs a unit id", field_vi(field) + " thiếu mã cơ quan, đơn vị");
  if (u.code.empty() || u.code.size() > 32)
    return invalid(field, "needs a unit code of 1 to 32 bytes, such as \"UBND\"",
                   field_vi(field) +
                       " cần có ký hiệu cơ quan, đơn vị dài từ 1 đến 32 byte, ví dụ " +
                       quoted("UBND"));
  for (char c : u.code)
    if (c == '/' || c == ' ' || c == '{' || c == '}')
      return invalid(field, "unit code \"" + u.code + "\" may not contain '/', spaces or braces",
                     "Ký hiệu cơ quan, đơn vị " + quoted(u.code) + " tại " + quoted(field) +
                         " không được chứa dấu “/”, dấu cách hoặc dấu ngoặc nhọn");
  return std::nullopt;
}

// A role named in a command: its title when the definition has the role.
std::string role_name_vi(const Definition& def, const std::string& role) {
  const auto r = def.role_index(role);
  return quoted(r ? role_title_vi(def, *r) : role);
}

const std::string& transition_title_vi(const TransitionDef& t) {
  return t.title.vi.empty() ? t.action : t.title.vi;
}

// An action of the definition by its title in any state (one action has one
// title throughout a definition), else its id.
std::string action_title_vi(const Definition& def, const std::string& action) {
  for (const StateDef& st : def.states)
    for (const TransitionDef& t : st.transitions)
      if (t.action == action) return transition_title_vi(t);
  return action;
}

const std::string& workflow_title_vi(const Definition& def) {
  return def.title.vi.empty() ? def.id : def.title.vi;
}

class Decider {
 public:
  Decider(const DossierState& s, const Actor& actor, Time now, std::vector<Event>* out,
          const NumberSource* numbers)
      : s_(s), def_(s.definition()), actor_(actor), now_(now), out_(out), numbers_(numbers) {}

  Status operator()(const CreateDossier& c) {
    if (s_.created)
      return user_error(ErrorCode::kInvalidState, "the dossier already exists", "Hồ sơ đã tồn tại");
    if (auto e = check_text(c.title, "", "title", kMaxTitleBytes, true, kTitleVi)) return *e;
    std::string type = c.document_type;
    if (type.empty() && !def_.document_types.empty()) type = def_.document_types.front();
    if (!type.empty() && std::find(def_.document_types.begin(), def_.document_types.end(), type) ==
                             def_.document_types.end())
      return invalid("document_type",
                     "\"" + type + "\" is not a document type of workflow \"" + def_.id + "\"",
                     "Loại văn bản " + quoted(type) + " không thuộc quy trình " +
                         quoted(workflow_title_vi(def_)));
    if (auto e = check_unit(c.issuer, "issuer")) return *e;
    if (auto e = check_unit(c.drafting_unit, "drafting_unit")) return *e;
    if (c.bindings.size() > kMaxParticipants)
      return invalid("bindings", "too many participants",
                     "Danh sách phân công vai trò có quá nhiều người tham gia (tối đa " +
                         std::to_string(kMaxParticipants) + ")");
    std::vector<Binding> bindings;
    for (size_t i = 0; i < c.bindings.size(); ++i) {
      const std::string field = "bindings/" + std::to_string(i);
      const auto role = def_.role_index(c.bindings[i].role);
      if (!role)
        return invalid(field + "/role", "unknown role \"" + c.bindings[i].role + "\"",
                       unknown_role_vi(c.bindings[i].role));
      const Participant& p = c.bindings[i].participant;
      if (auto e = check_participant(p, field)) return *e;
      for (const Binding& b : bindings)
        if (b.role == *role && b.participant.user == p.user)
          return invalid(field,
                         "user " + std::to_string(p.user) + " is bound to \"" + c.bindings[i].role +
                             "\" twice",
                         "Người dùng " + std::to_string(p.user) + " được phân công vai trò " +
                             role_name_vi(def_, c.bindings[i].role) + " hai lần");
      bindings.push_back({*role, p});
    }
    const StateDef& first = def_.states[def_.initial];
    for (const TaskDef& t : first.tasks) {
      const bool bound = std::any_of(bindings.begin(), bindings.end(),
                                     [&t](const Binding& b) { return b.role == t.role; });
      if (!bound)
        return invalid("bindings",
                       "no one plays \"" + def_.roles[t.role].id +
                           "\", needed in the first step \"" + first.id + "\"",
                       "Chưa phân công ai giữ vai trò " + quoted(role_title_vi(def_, t.role)) +
                           ", vai trò cần có ở bước đầu tiên " + quoted(state_title_vi(first)));
    }
    const bool manager = std::any_of(bindings.begin(), bindings.end(), [this](const Binding& b) {
      return b.participant.user == actor_.user && (def_.participant_managers & (1u << b.role));
    });
    if (!actor_.admin && !manager)
      return user_error(
          ErrorCode::kForbiddenRole,
          "to create a dossier, take part in it as " + role_list(def_, def_.participant_managers),
          def_.participant_managers
              ? "Người tạo hồ sơ phải tham gia hồ sơ với vai trò " +
                    role_list_vi(def_, def_.participant_managers)
              : std::string("Chỉ quản trị hệ thống được tạo hồ sơ theo quy trình này"),
          "bindings");
    std::optional<DocumentReference> corrects;
    if (c.corrects) {
      corrects = numbers_ ? numbers_->issued_document(c.corrects) : std::nullopt;
      if (!corrects)
        return invalid("corrects",
                       "dossier " + std::to_string(c.corrects) +
                           " has not been issued: only an issued document can be corrected",
                       "Hồ sơ số " + std::to_string(c.corrects) +
                           " chưa được ban hành: chỉ đính chính được văn bản đã ban hành");
    }
    emit(DossierCreated{def_.id, def_.version, c.title, type, c.issuer, c.drafting_unit,
                        std::move(corrects)});
    for (const Binding& b : bindings)
      emit(RoleBound{b.role, b.participant});
    return {};
  }

  Status operator()(const BindRole& b) {
    if (auto e = require_created()) return *e;
    if (auto e = require_manager()) return *e;
    if (s_.current().final)
      return user_error(ErrorCode::kInvalidState, "the dossier is closed", "Hồ sơ đã kết thúc");
    const auto role = def_.role_index(b.role);
    if (!role) return invalid("role", "unknown role \"" + b.role + "\"", unknown_role_vi(b.role));
    if (auto e = check_participant(b.participant, "participant")) return *e;
    if (s_.plays(b.participant.user, *role))
      return invalid(
          "participant",
          "user " + std::to_string(b.participant.user) + " already plays \"" + b.role + "\"",
          "Người dùng " + std::to_string(b.participant.user) + " đã giữ vai trò " +
              role_name_vi(def_, b.role));
    emit(RoleBound{*role, b.participant});
    return {};
  }

  Status operator()(const UnbindRole& u) {
    if (auto e = require_created()) return *e;
    if (auto e = require_manager()) return *e;
    const auto role = def_.role_index(u.role);
    if (!role) return invalid("role", "unknown role \"" + u.role + "\"", unknown_role_vi(u.role));
    if (!s_.plays(u.user, *role))
      return user_error(ErrorCode::kNotFound,
                        "user " + std::to_string(u.user) + " does not play \"" + u.role + "\"",
                        "Người dùng " + std::to_string(u.user) + " không giữ vai trò " +
                            role_name_vi(def_, u.role),
                        "user");
    for (const OpenTask& t : s_.tasks) {
      // A follow-up is a reminder to whoever speaks for the lead unit: it
      // leaves with them (or stays with the role's other holders).
      if (t.subject) continue;
      if (t.assignee == u.user && t.role == *role)
        return user_error(ErrorCode::kInvalidState,
                          "user " + std::to_string(u.user) +
                              " has an open task in this step; the step must end first",
                          "Người dùng " + std::to_string(u.user) +
                              " còn nhiệm vụ chưa hoàn thành ở bước này; chỉ có thể thôi phân "
                              "công sau khi bước này kết thúc",
                          "user");
      if (t.assignee == 0 && t.role == *role) {
        const auto holders = std::count_if(s_.bindings.begin(), s_.bindings.end(),
                                           [&](const Binding& b) { return b.role == *role; });
        if (holders == 1)
          return user_error(ErrorCode::kInvalidState,
                            "no one else plays \"" + u.role + "\", which has an open task",
                            "Không còn ai khác giữ vai trò " + role_name_vi(def_, u.role) +
                                " trong khi vai trò này còn nhiệm vụ chưa hoàn thành",
                            "user");
      }
    }
    emit(RoleUnbound{*role, u.user});
    return {};
  }

  Status operator()(const SubmitVersion& v) {
    if (auto e = require_created()) return *e;
    if (s_.frozen)
      return user_error(ErrorCode::kInvalidState,
                        "the document has been issued and can no longer change",
                        "Văn bản đã được ban hành, không thể sửa đổi");
    if (auto e = require_operation(Operation::kSubmitVersion)) return *e;
    if (auto e = check_blocks(v.blocks)) return *e;
    if (auto e = check_text(v.summary, "", "summary", kMaxTitleBytes, false, kSummaryVi)) return *e;
    // The one copy of the blocks: the command's stay the caller's.
    emit(VersionSubmitted{s_.versions + 1, v.summary,
                          number_blocks(s_.last_prints, v.blocks, s_.next_block_id).blocks});
    return {};
  }

  Status operator()(const AddComment& c) {
    if (auto e = require_created()) return *e;
    UnitId unit = 0;
    if (c.on_behalf_of) {
      auto recorded = remark_unit(s_, actor_, c.on_behalf_of);
      if (!recorded.ok()) return recorded.error();
      unit = recorded.value();
    } else if (auto e = require_operation(Operation::kComment)) {
      return *e;
    }
    if (auto e = check_text(c.text, "", "text", kMaxCommentBytes, true, kCommentTextVi)) return *e;
    if (c.reply_to > s_.comments.size())
      return user_error(ErrorCode::kNotFound,
                        "there is no comment " + std::to_string(c.reply_to) + " to reply to",
                        "Không tìm thấy ý kiến số " + std::to_string(c.reply_to) + " để trả lời",
                        "reply_to");
    if (c.reply_to && s_.comments[c.reply_to - 1].withdrawn)
      return user_error(
          ErrorCode::kInvalidState, "comment " + std::to_string(c.reply_to) + " was withdrawn",
          "Ý kiến số " + std::to_string(c.reply_to) + " đã được rút, không thể trả lời",
          "reply_to");
    if (c.reply_to && c.anchor.kind != AnchorKind::kDocument)
      return invalid("anchor", "a reply has the anchor of the comment it answers",
                     "Ý kiến trả lời gắn với vị trí của ý kiến được trả lời, không chọn vị trí "
                     "riêng");
    if (auto e = check_anchor(c.anchor)) return *e;
    emit(CommentAdded{static_cast<std::uint32_t>(s_.comments.size() + 1), c.reply_to, c.text,
                      unit ? unit : unit_of_actor(), c.anchor, c.on_behalf_of});
    return {};
  }

  Status operator()(const EditComment& e) {
    if (auto err = require_changeable(e.comment_id)) return *err;
    if (auto err = check_text(e.text, "", "text", kMaxCommentBytes, true, kCommentTextVi))
      return *err;
    emit(CommentEdited{e.comment_id, e.text});
    return {};
  }

  Status operator()(const WithdrawComment& w) {
    if (auto err = require_changeable(w.comment_id)) return *err;
    emit(CommentWithdrawn{w.comment_id});
    return {};
  }

  Status operator()(const DisposeComment& d) {
    if (auto e = require_created()) return *e;
    if (auto e = require_operation(Operation::kDisposeComment)) return *e;
    if (d.comment_id == 0 || d.comment_id > s_.comments.size())
      return user_error(ErrorCode::kNotFound, "there is no comment " + std::to_string(d.comment_id),
                        "Không tìm thấy ý kiến số " + std::to_string(d.comment_id), "comment_id");
    if (s_.comments[d.comment_id - 1].withdrawn)
      return user_error(ErrorCode::kInvalidState,
                        "comment " + std::to_string(d.comment_id) +
                            " was withdrawn by its author and needs no disposition",
                        "Ý kiến số " + std::to_string(d.comment_id) +
                            " đã được người góp ý rút, không cần tiếp thu, giải trình",
                        "comment_id");
    if (s_.comments[d.comment_id - 1].reply_to != 0)
      return invalid("comment_id",
                     "comment " + std::to_string(d.comment_id) +
                         " is a reply; dispose of the comment it answers",
                     "Ý kiến số " + std::to_string(d.comment_id) +
                         " là ý kiến trả lời; vui lòng tiếp thu, giải trình đối với ý kiến gốc");
    if (d.disposition == Disposition::kNone)
      return invalid(
          "disposition", "choose accepted, partly_accepted, not_accepted or noted",
          "Vui lòng chọn kết quả xử lý ý kiến: tiếp thu, tiếp thu một phần, không tiếp thu "
          "hoặc ghi nhận");
    const bool must_explain =
        d.disposition == Disposition::kPartlyAccepted || d.disposition == Disposition::kNotAccepted;
    if (auto e = check_text(d.explanation, "", "explanation", kMaxCommentBytes, must_explain,
                            kExplanationVi))
      return *e;
    if (auto e = absorbing_blocks_problem(s_, d)) return *e;
    emit(CommentDisposed{d.comment_id, d.disposition, d.explanation, d.absorbed_in});
    return {};
  }

  Status operator()(const NoFurtherComments&) {
    if (auto e = require_created()) return *e;
    if (!s_.current().consultation)
      return user_error(
          ErrorCode::kNotAllowedInState,
          "there is no consultation in step \"" + s_.current().id + "\"",
          "Bước " + quoted(state_title_vi(s_.current())) + " không có hoạt động lấy ý kiến");
    const auto it = std::find_if(s_.invitees.begin(), s_.invitees.end(), [this](const Invitee& i) {
      return i.participant.user == actor_.user;
    });
    if (it == s_.invitees.end())
      return user_error(
          ErrorCode::kForbiddenRole, "you are not invited to this consultation",
          "Bạn không thuộc danh sách đại biểu được mời góp ý trong đợt lấy ý kiến này");
    if (it->responded)
      return user_error(ErrorCode::kInvalidState,
                        "you have already said you have no further comments",
                        "Bạn đã xác nhận không còn ý kiến góp ý");
    emit(ReviewFinished{});
    return {};
  }

  Status operator()(const TakeAction& a) {
    if (auto e = require_created()) return *e;
    const StateDef& st = s_.current();
    const auto index = st.transition_index(a.action);
    if (!index) {
      if (def_.has_action(a.action))
        return user_error(ErrorCode::kNotAllowedInState,
                          "action \"" + a.action + "\" is not available in step \"" + st.id + "\"",
                          "Không thể thực hiện thao tác " +
                              quoted(action_title_vi(def_, a.action)) + " ở bước " +
                              quoted(state_title_vi(st)),
                          a.action);
      return user_error(
          ErrorCode::kUnknownAction,
          "workflow \"" + def_.id + "\" has no action \"" + a.action + "\"",
          "Quy trình " + quoted(workflow_title_vi(def_)) + " không có thao tác " + quoted(a.action),
          a.action);
    }
    const TransitionDef& t = st.transitions[*index];
    if (!(t.roles & s_.roles_of(actor_.user)))
      return user_error(
          ErrorCode::kForbiddenRole, "only " + role_list(def_, t.roles) + " may " + a.action,
          t.roles ? "Chỉ " + role_list_vi(def_, t.roles) + " được thực hiện thao tác " +
                        quoted(transition_title_vi(t))
                  : "Thao tác " + quoted(transition_title_vi(t)) + " không dành cho vai trò nào",
          a.action);
    if (auto e = check_inputs(t, a.inputs)) return *e;
    for (Guard g : t.guards)
      if (!guard_holds(s_, g, now_)) {
        LocalizedText why = guard_failure(s_, g, now_);
        // The guard's name is for developers; Vietnamese readers get the reason alone.
        return user_error(ErrorCode::kGuardFailed, std::string(guard_name(g)) + ": " + why.en,
                          std::move(why.vi), guard_name(g));
      }
    return take(*index, a.inputs, 0);
  }

  Status operator()(const FireTimer& f) {
    if (auto e = require_created()) return *e;
    if (actor_.user != kSystemUser)
      return user_error(ErrorCode::kForbiddenRole, "only the timer service fires timers",
                        "Chỉ dịch vụ hẹn giờ của hệ thống được kích hoạt bộ hẹn giờ");
    const Timer* timer = s_.find_timer(f.timer_id);
    if (!timer)
      return user_error(
          ErrorCode::kNotFound, "timer " + std::to_string(f.timer_id) + " is not pending",
          "Bộ hẹn giờ số " + std::to_string(f.timer_id) + " không còn chờ kích hoạt", "timer_id");
    if (timer->at > now_)
      return user_error(
          ErrorCode::kInvalidState,
          "timer " + std::to_string(f.timer_id) + " is not due until " + format_time(timer->at),
          "Bộ hẹn giờ số " + std::to_string(f.timer_id) + " chưa đến hạn kích hoạt (" +
              format_time_vi(timer->at) + ")",
          "timer_id");
    if (timer->kind == TimerKind::kReminder) {
      emit(ReminderSent{timer->id, reminder_recipients()});
      return {};
    }
    if (timer->kind == TimerKind::kFollowUp) return decide_follow_up(s_, *timer, now_, out_);
    // The definition itself named this action for the deadline, so it is
    // taken without a role; its guards would only leave the dossier stuck.
    return take(*s_.current().deadline->on_expiry, {}, timer->id);
  }

  Status operator()(const SignDocument& c) {
    if (auto e = require_created()) return *e;
    if (actor_.user != kSystemUser)
      return user_error(ErrorCode::kForbiddenRole,
                        "only the server signs issued documents, with the signer's key",
                        "Chỉ hệ thống được ký số văn bản đã ban hành, bằng khóa của người ký");
    if (!s_.issued || !s_.frozen)
      return user_error(ErrorCode::kInvalidState, "the document has not been issued",
                        "Văn bản chưa được ban hành nên chưa thể ký số");
    if (s_.signed_by)
      return user_error(ErrorCode::kInvalidState, "the issued document is already signed",
                        "Văn bản đã được ký số");
    if (s_.id == 0)
      return user_error(ErrorCode::kInvalidState, "the dossier's id is not known here",
                        "Không xác định được mã hồ sơ để ký số");
    if (c.signer == kSystemUser || !s_.roles_of(c.signer))
      return invalid(
          "signer", "user " + std::to_string(c.signer) + " takes no part in the dossier",
          "Người ký (người dùng " + std::to_string(c.signer) + ") không tham gia hồ sơ này");
    auto hex_of = [](const std::string& text, size_t bytes) {
      const auto raw = from_hex(text);
      return raw && raw->size() == bytes;
    };
    if (!hex_of(c.public_key, 32))
      return invalid("public_key", "must be 32 bytes in lower-case hex",
                     field_vi("public_key") + " phải là 32 byte viết ở dạng hex");
    if (!hex_of(c.signature, 64))
      return invalid("signature", "must be 64 bytes in lower-case hex",
                     field_vi("signature") + " phải là 64 byte viết ở dạng hex");
    const auto content = signed_content_of(s_, c.signer);
    if (!content || c.digest != to_hex(signed_content_digest(*content)))
      return invalid("digest", "is not the digest of the issued document",
                     "Mã băm được ký không khớp với nội dung văn bản đã ban hành");
    emit(DocumentSigned{c.signer, std::string(kSignatureAlgorithm), c.public_key, c.digest,
                        c.signature});
    return {};
  }

  // The meeting's commands (engine/meeting.h).
  template <class MeetingCommand>
  Status operator()(const MeetingCommand& c) {
    return decide_meeting(s_, c, actor_, now_, out_);
  }

  Status operator()(const MarkDirectiveDone& m) {
    if (auto e = require_created()) return *e;
    return decide_directive_done(s_, m, actor_, now_, out_);
  }

  Status operator()(const IssueConclusionNotice& c) {
    if (auto e = require_created()) return *e;
    return decide_conclusion_notice(s_, c, actor_, now_, out_, numbers_);
  }

  Status operator()(const AddImplementationTask& c) {
    if (auto e = require_created()) return *e;
    return decide_add_task(s_, c, actor_, now_, out_);
  }

  Status operator()(const ReportProgress& c) {
    if (auto e = require_created()) return *e;
    return decide_report_progress(s_, c, actor_, now_, out_);
  }

  Status operator()(const SetCampaign& c) {
    if (auto e = require_created()) return *e;
    return decide_set_campaign(s_, c, actor_, now_, out_);
  }

 private:
  void emit(EventBody body) { out_->push_back(Event{now_, actor_.user, std::move(body)}); }

  std::string unknown_role_vi(const std::string& role) const {
    return "Quy trình " + quoted(workflow_title_vi(def_)) + " không có vai trò " + quoted(role);
  }

  std::optional<Error> require_created() const {
    if (!s_.created)
      return user_error(ErrorCode::kInvalidState, "the dossier does not exist yet",
                        "Hồ sơ chưa được tạo");
    return std::nullopt;
  }

  std::optional<Error> require_manager() const {
    if (actor_.admin || (s_.roles_of(actor_.user) & def_.participant_managers)) return std::nullopt;
    return user_error(
        ErrorCode::kForbiddenRole,
        "only " + role_list(def_, def_.participant_managers) +
            " or an administrator may change who takes part",
        "Chỉ " +
            (def_.participant_managers
                 ? role_list_vi(def_, def_.participant_managers) + " hoặc quản trị hệ thống"
                 : std::string("quản trị hệ thống")) +
            " được thay đổi thành phần tham gia hồ sơ");
  }

  // changeable_comments() (guards.cpp) offers exactly what passes this.
  std::optional<Error> require_changeable(std::uint32_t id) const {
    if (auto e = require_created()) return e;
    if (id == 0 || id > s_.comments.size())
      return user_error(ErrorCode::kNotFound, "there is no comment " + std::to_string(id),
                        "Không tìm thấy ý kiến số " + std::to_string(id), "comment_id");
    const CommentInfo& c = s_.comments[id - 1];
    if (c.author != actor_.user)
      return user_error(
          ErrorCode::kForbiddenRole, "only its author may change comment " + std::to_string(id),
          "Chỉ người góp ý được sửa hoặc rút ý kiến số " + std::to_string(id), "comment_id");
    if (c.withdrawn)
      return user_error(ErrorCode::kInvalidState,
                        "comment " + std::to_string(id) + " was withdrawn",
                        "Ý kiến số " + std::to_string(id) + " đã được rút", "comment_id");
    if (c.state_entry != s_.state_entries)
      return user_error(
          ErrorCode::kNotAllowedInState,
          "comment " + std::to_string(id) + " was made in an earlier step and can no longer change",
          "Ý kiến số " + std::to_string(id) +
              " được đưa ra ở bước trước, không thể sửa hoặc rút nữa",
          "comment_id");
    return require_operation(Operation::kComment);
  }

  // A comment may point at a block of the latest version, or at a passage
  // of its text. The quote is taken as the client read it: the state keeps
  // no texts to compare it with, and locate_anchor() finds it again anyway.
  std::optional<Error> check_anchor(const Anchor& a) const {
    if (a.kind == AnchorKind::kDocument) return std::nullopt;
    const BlockPrints& prints = *s_.last_prints;
    const BlockPrint* block = nullptr;
    for (std::size_t i = 0; i < prints.size() && !block; ++i)
      if (prints[i].id == a.block) block = &prints[i];
    if (!block)
      return user_error(ErrorCode::kNotFound,
                        "anchor/block: the latest version has no block " + std::to_string(a.block),
                        "Phiên bản dự thảo mới nhất không có khối nội dung số " +
                            std::to_string(a.block) + " để góp ý",
                        "anchor/block");
    if (a.kind == AnchorKind::kBlock) return std::nullopt;
    if (block->kind == BlockKind::kTable)
      return invalid("anchor/kind", "a table is commented on as a whole: use kind \"block\"",
                     "Góp ý về bảng được gắn với cả bảng, không gắn với đoạn trích");
    if (auto e = check_text(a.quote, "anchor/", "quote", kMaxQuoteBytes, true, kQuoteVi)) return e;
    if (a.end <= a.start || a.end - a.start != code_point_count(a.quote))
      return invalid("anchor/end",
                     "start and end must span the quote's " +
                         std::to_string(code_point_count(a.quote)) + " code points",
                     "Vị trí đầu và cuối của đoạn trích không khớp với độ dài đoạn trích (" +
                         std::to_string(code_point_count(a.quote)) + " ký tự)");
    return std::nullopt;
  }

  // allowed_operations() (guards.cpp) offers exactly what passes this check,
  // the frozen check of SubmitVersion and the invitation checks of
  // NoFurtherComments: a change here belongs there too.
  std::optional<Error> require_operation(Operation op) const {
    return planflow::require_operation(s_, op, actor_.user);
  }

  std::optional<Error> check_participant(const Participant& p, const std::string& field) const {
    if (p.user == kSystemUser)
      return invalid(field + "/user", "needs a user id",
                     field_vi(field + "/user") + " thiếu mã người dùng");
    if (p.unit == 0)
      return invalid(field + "/unit", "needs the unit the user speaks for",
                     field_vi(field + "/unit") + " thiếu cơ quan, đơn vị mà người dùng đại diện");
    return std::nullopt;
  }

  UnitId unit_of_actor() const {
    for (const Binding& b : s_.bindings)
      if (b.participant.user == actor_.user) return b.participant.unit;
    return actor_.unit;
  }

  std::optional<Error> check_inputs(const TransitionDef& t, const ActionInputs& inputs) const {
    for (size_t i = 0; i < inputs.size(); ++i) {
      const InputValue& in = inputs[i];
      const auto spec = std::find_if(t.inputs.begin(), t.inputs.end(),
                                     [&in](const InputDef& d) { return d.name == in.name; });
      if (spec == t.inputs.end())
        return invalid("inputs/" + in.name,
                       "action \"" + t.action + "\" takes no input \"" + in.name + "\"",
                       "Thao tác " + quoted(transition_title_vi(t)) +
                           " không có trường thông tin " + quoted(in.name));
      for (size_t k = 0; k < i; ++k)
        if (inputs[k].name == in.name)
          return invalid("inputs/" + in.name, "given twice",
                         field_vi("inputs/" + in.name, spec->title.vi) + " được nhập hai lần");
      if (auto e = check_input_value(*spec, in)) return e;
    }
    for (const InputDef& spec : t.inputs)
      if (spec.required && !find_input(inputs, spec.name))
        return invalid("inputs/" + spec.name, "is required",
                       field_vi("inputs/" + spec.name, spec.title.vi) + " là bắt buộc");
    return std::nullopt;
  }

  std::optional<Error> check_input_value(const InputDef& spec, const InputValue& in) const {
    auto field = [&in] { return "inputs/" + in.name; };
    // Built only when refusing: this runs on every action taken.
    auto field_named = [&] { return field_vi(field(), spec.title.vi); };
    switch (spec.type) {
      case InputType::kText: {
        const auto* text = std::get_if<std::string>(&in.value);
        if (!text) return invalid(field(), "must be text", field_named() + " phải là văn bản");
        return check_text(*text, "inputs/", in.name, kMaxInputTextBytes, spec.required,
                          spec.title.vi);
      }
      case InputType::kTime: {
        const auto* time = std::get_if<Time>(&in.value);
        if (!time)
          return invalid(field(), "must be a time",
                         field_named() + " phải là một thời điểm (ngày, giờ)");
        if ((spec.name == kDeadlineInput || spec.name == kRevisionDeadlineInput) && *time <= now_)
          return invalid(field(), "must be in the future (now " + format_time(now_) + ")",
                         field_named() + " phải là một thời điểm trong tương lai (hiện tại: " +
                             format_time_vi(now_) + ")");
        return std::nullopt;
      }
      case InputType::kParticipants: {
        const auto* list = std::get_if<std::vector<Participant>>(&in.value);
        if (!list)
          return invalid(field(), "must be a list of participants",
                         field_named() + " phải là danh sách người tham gia");
        if (list->size() > kMaxParticipants)
          return invalid(field(), "too many participants",
                         field_named() + " có quá nhiều người tham gia (tối đa " +
                             std::to_string(kMaxParticipants) + ")");
        for (size_t i = 0; i < list->size(); ++i) {
          const Participant& p = (*list)[i];
          if (p.user == kSystemUser || p.unit == 0)
            return check_participant(p, field() + "/" + std::to_string(i));
          for (size_t k = 0; k < i; ++k)
            if ((*list)[k].user == (*list)[i].user)
              return invalid(field() + "/" + std::to_string(i),
                             "user " + std::to_string((*list)[i].user) + " is listed twice",
                             "Người dùng " + std::to_string((*list)[i].user) +
                                 " bị trùng trong danh sách " +
                                 quoted(spec.title.vi.empty() ? field() : spec.title.vi));
        }
        return std::nullopt;
      }
      case InputType::kDirectives:
        return check_directives_input(s_, spec, in);
    }
    return std::nullopt;
  }

  std::vector<UserId> reminder_recipients() const {
    std::vector<UserId> out;
    auto add = [&out](UserId u) {
      if (std::find(out.begin(), out.end(), u) == out.end()) out.push_back(u);
    };
    for (const OpenTask& t : s_.tasks) {
      if (t.assignee != 0) {
        add(t.assignee);
        continue;
      }
      for (const Binding& b : s_.bindings)
        if (b.role == t.role) add(b.participant.user);
    }
    return out;
  }

  Status take(std::uint16_t index, const ActionInputs& inputs, std::uint32_t timer_id) {
    const StateDef& st = s_.current();
    const TransitionDef& t = st.transitions[index];
    const StateDef& target = def_.states[t.to];
    // In declaration order, so the event reads back from JSON unchanged.
    ActionInputs ordered;
    for (const InputDef& spec : t.inputs)
      if (const InputValue* in = find_input(inputs, spec.name)) ordered.push_back(*in);
    ActionTaken taken{s_.state, index, t.to, std::move(ordered), timer_id, std::nullopt};
    std::vector<Participant> new_invitees;
    if (target.consultation) {
      const auto invitees = consultation_invitees(s_, *target.consultation, inputs);
      const auto& c = *target.consultation;
      if (invitees.size() < c.quorum.min_invitees())
        return invalid(
            std::string("inputs/") + std::string(kInviteesInput),
            "the consultation needs at least " + std::to_string(c.quorum.min_invitees()) +
                " invitee(s) for its quorum; " + std::to_string(invitees.size()) + " given",
            "Cần mời ít nhất " + std::to_string(c.quorum.min_invitees()) +
                " đại biểu để đợt lấy ý kiến có thể đủ số đại biểu góp ý theo quy định; mới chọn " +
                std::to_string(invitees.size()));
      if (c.max_invitees && invitees.size() > c.max_invitees)
        return invalid(std::string("inputs/") + std::string(kInviteesInput),
                       "at most " + std::to_string(c.max_invitees) + " invitees",
                       "Chỉ được mời tối đa " + std::to_string(c.max_invitees) +
                           " đại biểu; đã chọn " + std::to_string(invitees.size()));
      for (const Participant& p : invitees)
        if (!s_.plays(p.user, c.consultee_role)) new_invitees.push_back(p);
    }
    for (const EffectDef& effect : target.on_enter) {
      if (effect.kind != EffectKind::kAllocateNumber) continue;
      if (!numbers_)
        return user_error(ErrorCode::kInvalidState, "no register of official numbers is available",
                          "Không có sổ đăng ký văn bản để cấp số, ký hiệu");
      const int year = to_vietnam_time(now_).year;
      const std::string series = fill_pattern(effect.series, s_, 0, year);
      const std::uint32_t number = numbers_->next_number(s_.issuer.id, series, year);
      taken.issued =
          IssuedNumber{number, year, series, fill_pattern(effect.symbol, s_, number, year)};
    }
    if (target.consultation)
      for (const Participant& p : new_invitees)
        emit(RoleBound{target.consultation->consultee_role, p});
    emit(std::move(taken));
    return {};
  }

  const DossierState& s_;
  const Definition& def_;
  const Actor& actor_;
  Time now_;
  std::vector<Event>* out_;
  const NumberSource* numbers_;
};

}  // namespace

Status decide(const DossierState& state, const Command& command, const Actor& actor, Time now,
              std::vector<Event>* out, const NumberSource* numbers) {
  return std::visit(Decider(state, actor, now, out, numbers), command);
}

}  // namespace planflow
