// The meeting's decisions: each command first asks whether the dossier has
// a meeting in the state the command needs, then whether the actor has the
// part in it the command needs, then whether what it carries is valid.
#include "engine/meeting.h"

#include <algorithm>
#include <optional>
#include <string>

#include "engine/document.h"
#include "engine/refusals.h"
#include "engine/text.h"

namespace planflow {

namespace {

std::string user_vi(UserId user) {
  return "Người dùng " + std::to_string(user);
}

std::optional<RoleId> chair_role(const Definition& def) {
  return def.role_index(kChairRole);
}

std::optional<RoleId> secretary_role(const Definition& def) {
  return def.role_index(kSecretaryRole);
}

std::string role_title_vi(const Definition& def, std::optional<RoleId> role,
                          std::string_view fallback) {
  if (!role) return std::string(fallback);
  const RoleDef& r = def.roles[*role];
  return r.title.vi.empty() ? r.id : r.title.vi;
}

bool is_secretary(const DossierState& s, UserId user) {
  const auto role = secretary_role(s.definition());
  return role && s.plays(user, *role);
}

// The meeting's chair and its secretaries run it: they open it, move the
// presented block and take attendance.
bool runs_meeting(const DossierState& s, UserId user) {
  return user != kSystemUser && (user == s.meeting.chair || is_secretary(s, user));
}

UnitId unit_in_role(const DossierState& s, UserId user, std::optional<RoleId> preferred) {
  UnitId any = 0;
  for (const Binding& b : s.bindings) {
    if (b.participant.user != user) continue;
    if (preferred && b.role == *preferred) return b.participant.unit;
    if (!any) any = b.participant.unit;
  }
  return any;
}

std::optional<Error> require_created(const DossierState& s) {
  if (!s.created)
    return user_error(ErrorCode::kInvalidState, "the dossier does not exist yet",
                      "Hồ sơ chưa được tạo");
  return std::nullopt;
}

std::optional<Error> require_consultation(const DossierState& s) {
  if (auto e = require_created(s)) return e;
  if (!s.current().consultation) {
    const StateDef& st = s.current();
    return user_error(ErrorCode::kNotAllowedInState,
                      "meetings are held during a consultation, not in step \"" + st.id + "\"",
                      "Chỉ tổ chức cuộc họp trong bước lấy ý kiến, không thể ở bước " +
                          quoted(st.title.vi.empty() ? st.id : st.title.vi),
                      "meeting");
  }
  return std::nullopt;
}

// The latest meeting is open, in this consultation round (`current`) or,
// for closing only, in any.
std::optional<Error> require_open(const DossierState& s, bool current) {
  if (auto e = require_created(s)) return e;
  switch (s.meeting.status) {
    case MeetingStatus::kNone:
      return user_error(ErrorCode::kInvalidState, "no meeting has been scheduled",
                        "Chưa có cuộc họp nào được lên lịch", "meeting");
    case MeetingStatus::kScheduled:
      return user_error(ErrorCode::kInvalidState, "the meeting has not been opened yet",
                        "Cuộc họp chưa được khai mạc", "meeting");
    case MeetingStatus::kClosed:
      return user_error(ErrorCode::kInvalidState, "the meeting is closed", "Cuộc họp đã kết thúc",
                        "meeting");
    case MeetingStatus::kOpen:
      break;
  }
  if (current && !meeting_current(s))
    return user_error(ErrorCode::kInvalidState,
                      "the consultation this meeting belongs to has ended; the chair can only "
                      "close it",
                      "Đợt lấy ý kiến của cuộc họp này đã kết thúc; Chủ tọa chỉ còn có thể kết "
                      "thúc cuộc họp",
                      "meeting");
  return std::nullopt;
}

std::optional<Error> require_runs(const DossierState& s, UserId user, std::string_view what,
                                  std::string_view what_vi) {
  if (runs_meeting(s, user)) return std::nullopt;
  const Definition& def = s.definition();
  return user_error(ErrorCode::kForbiddenRole,
                    "only the meeting's chair (user " + std::to_string(s.meeting.chair) +
                        ") or a " + std::string(kSecretaryRole) + " may " + std::string(what),
                    "Chỉ " + role_title_vi(def, chair_role(def), "Chủ tọa") + " cuộc họp hoặc " +
                        role_title_vi(def, secretary_role(def), "Thư ký cuộc họp") + " được " +
                        std::string(what_vi));
}

std::optional<Error> can_schedule(const DossierState& s, UserId user) {
  if (auto e = require_consultation(s)) return e;
  if (s.meeting.status == MeetingStatus::kOpen && meeting_current(s))
    return user_error(ErrorCode::kInvalidState,
                      "the meeting is under way; it can be rescheduled only before it opens",
                      "Cuộc họp đang diễn ra; chỉ có thể đổi lịch trước khi khai mạc", "meeting");
  const Definition& def = s.definition();
  if (!(s.roles_of(user) & def.participant_managers)) {
    std::string titles;
    for (std::size_t r = 0; r < def.roles.size(); ++r)
      if (def.participant_managers & (1u << r)) {
        if (!titles.empty()) titles += " hoặc ";
        titles += role_title_vi(def, static_cast<RoleId>(r), "");
      }
    return user_error(ErrorCode::kForbiddenRole,
                      "only those who manage the dossier's participants may schedule its meeting",
                      "Chỉ " + (titles.empty() ? std::string("người quản lý hồ sơ") : titles) +
                          " được lên lịch cuộc họp");
  }
  return std::nullopt;
}

std::optional<Error> can_open(const DossierState& s, UserId user) {
  if (auto e = require_consultation(s)) return e;
  if (s.meeting.status == MeetingStatus::kOpen && meeting_current(s))
    return user_error(ErrorCode::kInvalidState, "the meeting is already open",
                      "Cuộc họp đã được khai mạc", "meeting");
  if (s.meeting.status != MeetingStatus::kScheduled || !meeting_current(s))
    return user_error(ErrorCode::kInvalidState, "no meeting is scheduled in this consultation",
                      "Chưa có cuộc họp nào được lên lịch trong đợt lấy ý kiến này", "meeting");
  return require_runs(s, user, "open the meeting", "khai mạc cuộc họp");
}

std::optional<Error> can_present(const DossierState& s, UserId user) {
  if (auto e = require_open(s, true)) return e;
  return require_runs(s, user, "move the presented block", "chuyển khối nội dung đang trình bày");
}

std::optional<Error> can_take_attendance(const DossierState& s, UserId user) {
  if (auto e = require_created(s)) return e;
  if (s.meeting.status == MeetingStatus::kClosed)
    return user_error(ErrorCode::kInvalidState, "the meeting is closed", "Cuộc họp đã kết thúc",
                      "meeting");
  if (!meeting_current(s))
    return user_error(ErrorCode::kInvalidState, "no meeting is scheduled in this consultation",
                      "Chưa có cuộc họp nào được lên lịch trong đợt lấy ý kiến này", "meeting");
  return require_runs(s, user, "record attendance", "điểm danh đại biểu dự họp");
}

std::optional<Error> can_close(const DossierState& s, UserId user) {
  if (auto e = require_open(s, false)) return e;
  if (user != s.meeting.chair) {
    const Definition& def = s.definition();
    return user_error(
        ErrorCode::kForbiddenRole,
        "only the meeting's chair (user " + std::to_string(s.meeting.chair) + ") may close it",
        "Chỉ " + role_title_vi(def, chair_role(def), "Chủ tọa") +
            " cuộc họp được kết thúc cuộc họp");
  }
  return std::nullopt;
}

std::optional<Error> can_record(const DossierState& s, UserId user) {
  if (auto e = require_created(s)) return e;
  const Definition& def = s.definition();
  if (!is_secretary(s, user))
    return user_error(
        ErrorCode::kForbiddenRole,
        "only a " + std::string(kSecretaryRole) + " may record a remark on a delegate's behalf",
        "Chỉ " + role_title_vi(def, secretary_role(def), "Thư ký cuộc họp") +
            " được ghi ý kiến thay đại biểu",
        "on_behalf_of");
  return require_open(s, true);
}

void emit(std::vector<Event>* out, Time now, const Actor& actor, EventBody body) {
  out->push_back(Event{now, actor.user, std::move(body)});
}

}  // namespace

bool meeting_current(const DossierState& s) {
  return s.current().consultation && s.meeting.round == s.consultation_rounds &&
         (s.meeting.status == MeetingStatus::kScheduled ||
          s.meeting.status == MeetingStatus::kOpen);
}

Status decide_meeting(const DossierState& s, const ScheduleMeeting& c, const Actor& actor, Time now,
                      std::vector<Event>* out) {
  if (auto e = can_schedule(s, actor.user)) return *e;
  if (c.starts_at <= now)
    return invalid("starts_at", "must be in the future (now " + format_time(now) + ")",
                   "Thời gian họp phải là một thời điểm trong tương lai (hiện tại: " +
                       format_time_vi(now) + ")");
  if (auto e = check_text_field(c.place, "place", "Địa điểm", kMaxPlaceBytes, true)) return *e;
  if (c.chaired_by == kSystemUser)
    return invalid("chaired_by", "needs the user who chairs the meeting",
                   "Chưa chọn người chủ trì cuộc họp");
  if (!s.roles_of(c.chaired_by))
    return user_error(ErrorCode::kNotFound,
                      "user " + std::to_string(c.chaired_by) + " takes no part in the dossier",
                      user_vi(c.chaired_by) + " không tham gia hồ sơ này", "chaired_by");
  const Definition& def = s.definition();
  const auto chair = chair_role(def);
  const RoleMask may_chair = chair ? (1u << *chair) : def.participant_managers;
  if (!(s.roles_of(c.chaired_by) & may_chair))
    return invalid("chaired_by",
                   "user " + std::to_string(c.chaired_by) + " does not play \"" +
                       (chair ? def.roles[*chair].id : std::string("a managing role")) + "\"",
                   user_vi(c.chaired_by) + " không giữ vai trò " +
                       quoted(role_title_vi(def, chair, "Chủ tọa")) +
                       " nên không thể chủ trì cuộc họp");
  emit(out, now, actor, MeetingScheduled{c.starts_at, c.place, c.chaired_by});
  return {};
}

Status decide_meeting(const DossierState& s, const OpenMeeting&, const Actor& actor, Time now,
                      std::vector<Event>* out) {
  if (auto e = can_open(s, actor.user)) return *e;
  if (s.last_prints->size() == 0)
    return user_error(ErrorCode::kInvalidState, "there is no draft to present",
                      "Chưa có dự thảo để trình bày tại cuộc họp");
  emit(out, now, actor, MeetingOpened{(*s.last_prints)[0].id});
  return {};
}

Status decide_meeting(const DossierState& s, const PresentBlock& c, const Actor& actor, Time now,
                      std::vector<Event>* out) {
  if (auto e = can_present(s, actor.user)) return *e;
  const BlockPrints& prints = *s.last_prints;
  bool known = false;
  for (std::size_t i = 0; i < prints.size() && !known; ++i)
    known = prints[i].id == c.block_id;
  if (!known)
    return user_error(
        ErrorCode::kNotFound,
        "block_id: the latest version has no block " + std::to_string(c.block_id),
        "Phiên bản dự thảo mới nhất không có khối nội dung số " + std::to_string(c.block_id),
        "block_id");
  if (c.block_id == s.meeting.presented_block)
    return user_error(ErrorCode::kInvalidState,
                      "block " + std::to_string(c.block_id) + " is already being presented",
                      "Khối nội dung số " + std::to_string(c.block_id) + " đang được trình bày",
                      "block_id");
  emit(out, now, actor, BlockPresented{c.block_id});
  return {};
}

Status decide_meeting(const DossierState& s, const RecordAttendance& c, const Actor& actor,
                      Time now, std::vector<Event>* out) {
  if (auto e = can_take_attendance(s, actor.user)) return *e;
  if (c.user == kSystemUser || !s.roles_of(c.user))
    return user_error(ErrorCode::kNotFound,
                      "user " + std::to_string(c.user) + " takes no part in the dossier",
                      user_vi(c.user) + " không tham gia hồ sơ này", "user");
  const auto delegate = s.current().consultation->consultee_role;
  emit(out, now, actor, AttendanceRecorded{c.user, unit_in_role(s, c.user, delegate), c.present});
  return {};
}

Status decide_meeting(const DossierState& s, const CloseMeeting& c, const Actor& actor, Time now,
                      std::vector<Event>* out) {
  if (auto e = can_close(s, actor.user)) return *e;
  if (auto e = check_text_field(c.conclusion, "conclusion", "Kết luận của Chủ tọa",
                                kMaxInputTextBytes, false))
    return *e;
  emit(out, now, actor, MeetingClosed{c.conclusion});
  return {};
}

Result<UnitId> remark_unit(const DossierState& s, const Actor& actor, UserId delegate) {
  if (auto e = can_record(s, actor.user)) return *e;
  if (!s.roles_of(delegate))
    return user_error(
        ErrorCode::kNotFound,
        "on_behalf_of: user " + std::to_string(delegate) + " takes no part in the dossier",
        user_vi(delegate) + " không tham gia hồ sơ này", "on_behalf_of");
  const RoleId role = s.current().consultation->consultee_role;
  if (!s.plays(delegate, role))
    return invalid(
        "on_behalf_of",
        "user " + std::to_string(delegate) + " is not a " + s.definition().roles[role].id,
        user_vi(delegate) + " không phải là " +
            quoted(role_title_vi(s.definition(), role, "Đại biểu")) +
            " nên không thể ghi ý kiến thay");
  return unit_in_role(s, delegate, role);
}

Status evolve_meeting(DossierState& s, const Event&, const MeetingScheduled& m) {
  if (!s.current().consultation) return history_corrupt("meeting scheduled outside a consultation");
  if (s.meeting.status == MeetingStatus::kOpen && meeting_current(s))
    return history_corrupt("meeting rescheduled while open");
  if (m.chaired_by == kSystemUser) return history_corrupt("meeting without a chair");
  if (!(s.meeting.status == MeetingStatus::kScheduled && meeting_current(s))) {
    ++s.meeting.number;
    s.meeting.round = s.consultation_rounds;
    s.meeting.status = MeetingStatus::kScheduled;
    s.meeting.presented_block = 0;
  }
  s.meeting.chair = m.chaired_by;
  return {};
}

Status evolve_meeting(DossierState& s, const Event&, const MeetingOpened& m) {
  if (s.meeting.status != MeetingStatus::kScheduled || !meeting_current(s))
    return history_corrupt("meeting opened that is not scheduled");
  s.meeting.status = MeetingStatus::kOpen;
  s.meeting.presented_block = m.block_id;
  return {};
}

Status evolve_meeting(DossierState& s, const Event&, const BlockPresented& m) {
  if (s.meeting.status != MeetingStatus::kOpen)
    return history_corrupt("block presented with no meeting");
  s.meeting.presented_block = m.block_id;
  return {};
}

Status evolve_meeting(DossierState& s, const Event&, const AttendanceRecorded& m) {
  if (!meeting_current(s)) return history_corrupt("attendance recorded with no meeting");
  if (m.user == kSystemUser) return history_corrupt("attendance of no one");
  return {};
}

Status evolve_meeting(DossierState& s, const Event& e, const MeetingClosed&) {
  if (s.meeting.status != MeetingStatus::kOpen)
    return history_corrupt("meeting closed that is not open");
  if (e.actor != s.meeting.chair) return history_corrupt("meeting closed by someone but its chair");
  s.meeting.status = MeetingStatus::kClosed;
  return {};
}

MeetingRights meeting_rights(const DossierState& s, UserId user) {
  MeetingRights r;
  r.schedule = !can_schedule(s, user);
  r.open = !can_open(s, user);
  r.present = !can_present(s, user);
  r.attendance = !can_take_attendance(s, user);
  r.record_remarks = !can_record(s, user);
  r.close = !can_close(s, user);
  return r;
}

}  // namespace planflow
