// A consultation's meeting: scheduled by those who manage the dossier,
// run by its chair and the secretary, closed by the chair; every refusal
// names what is wrong and leaves the state as it was.
#include "engine/meeting.h"

#include <catch2/catch.hpp>

#include "engine/command_json.h"
#include "engine/event_json.h"
#include "engine/plan_fixture.h"

using namespace planflow;
using namespace planflow::testing;
using nlohmann::json;

namespace {

// The consultation open on a draft of two blocks, with a meeting secretary.
Dossier consulting(const Definition& def) {
  Dossier d(def);
  open_consultation(d);
  d.ok(kChair, BindRole{"secretary", {kSecretary, 50}});
  return d;
}

ScheduleMeeting schedule(const Dossier& d) {
  return ScheduleMeeting{d.now + kDay, "Phòng họp số 2, UBND tỉnh", kChair};
}

Dossier meeting_open(const Definition& def) {
  Dossier d = consulting(def);
  d.ok(kDrafter, schedule(d));
  d.ok(kChair, OpenMeeting{});
  return d;
}

std::uint32_t block(const Dossier& d, std::size_t i) {
  return (*d.state.last_prints)[i].id;
}

}  // namespace

TEST_CASE("a meeting is scheduled during a consultation by the drafter or the chair", "[meeting]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  d.ok(kDrafter, plan_dossier());
  d.ok(kDrafter, SubmitVersion{blocks_from_text("Một\nHai"), ""});
  d.ok(kChair, BindRole{"secretary", {kSecretary, 50}});
  CHECK(d.refused(kDrafter, schedule(d), ErrorCode::kNotAllowedInState).message_vi ==
        "Chỉ tổ chức cuộc họp trong bước lấy ý kiến, không thể ở bước “Dự thảo”");
  d.ok(kDrafter, action("open_consultation"));

  d.refused(kDelegateA, schedule(d), ErrorCode::kForbiddenRole);
  d.refused(kSecretary, schedule(d), ErrorCode::kForbiddenRole);
  CHECK(
      d.refused(kDrafter, ScheduleMeeting{d.now, "Phòng họp", kChair}, ErrorCode::kInvalidArgument)
          .detail == "starts_at");
  CHECK(
      d.refused(kDrafter, ScheduleMeeting{d.now + kDay, "  ", kChair}, ErrorCode::kInvalidArgument)
          .message_vi == "Trường “Địa điểm” không được để trống");
  CHECK(d.refused(kDrafter, ScheduleMeeting{d.now + kDay, "Phòng họp", 0},
                  ErrorCode::kInvalidArgument)
            .detail == "chaired_by");
  CHECK(d.refused(kDrafter, ScheduleMeeting{d.now + kDay, "Phòng họp", kOutsider},
                  ErrorCode::kNotFound)
            .message_vi == "Người dùng 9 không tham gia hồ sơ này");
  CHECK(d.refused(kDrafter, ScheduleMeeting{d.now + kDay, "Phòng họp", kDelegateA},
                  ErrorCode::kInvalidArgument)
            .message_vi ==
        "Người dùng 2 không giữ vai trò “Chủ tọa” nên không thể chủ trì cuộc họp");

  d.ok(kDrafter, schedule(d));
  CHECK(d.state.meeting.number == 1);
  CHECK(d.state.meeting.status == MeetingStatus::kScheduled);
  // Moved before it opens: still the first meeting.
  d.ok(kChair, ScheduleMeeting{d.now + 2 * kDay, "Hội trường tầng 3", kChair});
  CHECK(d.state.meeting.number == 1);
  CHECK(meeting_current(d.state));
}

TEST_CASE("the chair or the secretary opens the meeting and moves the presented block",
          "[meeting]") {
  const Definition def = load_workflow("plan.json");
  Dossier d = consulting(def);
  CHECK(d.refused(kChair, OpenMeeting{}, ErrorCode::kInvalidState).message_vi ==
        "Chưa có cuộc họp nào được lên lịch trong đợt lấy ý kiến này");
  CHECK(d.refused(kChair, PresentBlock{block(d, 1)}, ErrorCode::kInvalidState).message_vi ==
        "Chưa có cuộc họp nào được lên lịch");
  d.ok(kDrafter, schedule(d));
  d.refused(kDelegateA, OpenMeeting{}, ErrorCode::kForbiddenRole);
  // The drafter may schedule it but does not run it.
  d.refused(kDrafter, OpenMeeting{}, ErrorCode::kForbiddenRole);
  CHECK(d.refused(kChair, PresentBlock{block(d, 1)}, ErrorCode::kInvalidState).message_vi ==
        "Cuộc họp chưa được khai mạc");
  d.ok(kSecretary, OpenMeeting{});
  CHECK(d.state.meeting.status == MeetingStatus::kOpen);
  CHECK(d.state.meeting.presented_block == block(d, 0));
  d.refused(kChair, OpenMeeting{}, ErrorCode::kInvalidState);
  d.refused(kDrafter, schedule(d), ErrorCode::kInvalidState);

  d.ok(kChair, PresentBlock{block(d, 1)});
  CHECK(d.state.meeting.presented_block == block(d, 1));
  d.ok(kSecretary, PresentBlock{block(d, 0)});
  const Error unknown = d.refused(kChair, PresentBlock{999}, ErrorCode::kNotFound);
  CHECK(unknown.detail == "block_id");
  CHECK(unknown.message_vi == "Phiên bản dự thảo mới nhất không có khối nội dung số 999");
  d.refused(kChair, PresentBlock{block(d, 0)}, ErrorCode::kInvalidState);
  CHECK(d.refused(kDelegateA, PresentBlock{block(d, 1)}, ErrorCode::kForbiddenRole).message_vi ==
        "Chỉ Chủ tọa cuộc họp hoặc Thư ký cuộc họp được chuyển khối nội dung đang trình bày");
}

TEST_CASE("attendance is taken for people of the dossier, with their unit", "[meeting]") {
  const Definition def = load_workflow("plan.json");
  Dossier d = consulting(def);
  d.refused(kSecretary, RecordAttendance{kDelegateA, true}, ErrorCode::kInvalidState);
  d.ok(kDrafter, schedule(d));
  d.ok(kSecretary, RecordAttendance{kDelegateA, true});
  const auto& a = std::get<AttendanceRecorded>(d.history.back().body);
  CHECK(a.unit == 20);
  CHECK(a.present);
  d.ok(kChair, OpenMeeting{});
  d.ok(kChair, RecordAttendance{kDelegateB, false});
  CHECK(d.refused(kSecretary, RecordAttendance{kOutsider, true}, ErrorCode::kNotFound).detail ==
        "user");
  d.refused(kDelegateA, RecordAttendance{kDelegateB, true}, ErrorCode::kForbiddenRole);
  d.ok(kChair, CloseMeeting{});
  CHECK(d.refused(kSecretary, RecordAttendance{kDelegateC, true}, ErrorCode::kInvalidState)
            .message_vi == "Cuộc họp đã kết thúc");
}

TEST_CASE("the secretary records a delegate's spoken remark as the delegate's", "[meeting]") {
  const Definition def = load_workflow("plan.json");
  Dossier d = consulting(def);
  AddComment remark{
      "Đề nghị bổ sung chỉ tiêu", 0, {AnchorKind::kBlock, block(d, 1), 0, 0, ""}, kDelegateB};
  d.ok(kDrafter, schedule(d));
  CHECK(d.refused(kSecretary, remark, ErrorCode::kInvalidState).message_vi ==
        "Cuộc họp chưa được khai mạc");
  d.ok(kChair, OpenMeeting{});

  CHECK(d.refused(kChair, remark, ErrorCode::kForbiddenRole).message_vi ==
        "Chỉ Thư ký cuộc họp được ghi ý kiến thay đại biểu");
  d.refused(kDelegateA, remark, ErrorCode::kForbiddenRole);
  AddComment unknown = remark;
  unknown.on_behalf_of = kOutsider;
  CHECK(d.refused(kSecretary, unknown, ErrorCode::kNotFound).detail == "on_behalf_of");
  AddComment not_delegate = remark;
  not_delegate.on_behalf_of = kDrafter;
  CHECK(d.refused(kSecretary, not_delegate, ErrorCode::kInvalidArgument).message_vi ==
        "Người dùng 1 không phải là “Đại biểu góp ý” nên không thể ghi ý kiến thay");
  AddComment blank = remark;
  blank.text = " ";
  d.refused(kSecretary, blank, ErrorCode::kInvalidArgument);
  AddComment bad_block = remark;
  bad_block.anchor.block = 999;
  d.refused(kSecretary, bad_block, ErrorCode::kNotFound);
  // Without on_behalf_of the secretary comments as anyone else would: the
  // step takes no comments from secretaries.
  d.refused(kSecretary, AddComment{"Ý kiến riêng", 0, {}}, ErrorCode::kForbiddenRole);

  d.ok(kSecretary, remark);
  const Event& e = d.history.back();
  CHECK(e.actor == kSecretary);
  const auto& added = std::get<CommentAdded>(e.body);
  CHECK(added.on_behalf_of == kDelegateB);
  CHECK(added.unit == 30);
  CHECK(d.state.comments.back().author == kDelegateB);
  // The delegate may correct what the secretary wrote; the secretary may not.
  d.refused(kSecretary, EditComment{added.comment_id, "Sửa"}, ErrorCode::kForbiddenRole);
  d.ok(kDelegateB, EditComment{added.comment_id, "Đề nghị bổ sung chỉ tiêu cụ thể"});
}

TEST_CASE("only the chair closes the meeting; a closed meeting takes nothing more", "[meeting]") {
  const Definition def = load_workflow("plan.json");
  Dossier d = meeting_open(def);
  d.refused(kSecretary, CloseMeeting{"Kết luận"}, ErrorCode::kForbiddenRole);
  d.refused(kDrafter, CloseMeeting{}, ErrorCode::kForbiddenRole);
  d.refused(kChair, CloseMeeting{std::string(kMaxInputTextBytes + 1, 'a')},
            ErrorCode::kInvalidArgument);
  d.ok(kChair, CloseMeeting{"Giao Sở Nội vụ tiếp thu, hoàn thiện dự thảo."});
  CHECK(d.state.meeting.status == MeetingStatus::kClosed);
  CHECK(d.refused(kChair, PresentBlock{block(d, 1)}, ErrorCode::kInvalidState).message_vi ==
        "Cuộc họp đã kết thúc");
  d.refused(kChair, CloseMeeting{}, ErrorCode::kInvalidState);
  d.refused(kSecretary, AddComment{"x", 0, {}, kDelegateA}, ErrorCode::kInvalidState);
  // Delegates still comment from their own devices after the meeting.
  d.ok(kDelegateA, AddComment{"Bổ sung sau cuộc họp", 0, {}});
  // A second meeting may follow in the same consultation.
  d.ok(kChair, schedule(d));
  CHECK(d.state.meeting.number == 2);
  CHECK(d.state.meeting.status == MeetingStatus::kScheduled);
}

TEST_CASE("a meeting left open when its consultation ends can only be closed", "[meeting]") {
  const Definition def = load_workflow("plan.json");
  Dossier d = meeting_open(def);
  close_consultation(d);
  CHECK_FALSE(meeting_current(d.state));
  CHECK(d.refused(kChair, PresentBlock{block(d, 1)}, ErrorCode::kInvalidState).detail == "meeting");
  d.refused(kSecretary, RecordAttendance{kDelegateA, true}, ErrorCode::kInvalidState);
  d.refused(kChair, schedule(d), ErrorCode::kNotAllowedInState);
  d.ok(kChair, CloseMeeting{});
}

TEST_CASE("meeting rights offer what decide() accepts", "[meeting]") {
  const Definition def = load_workflow("plan.json");
  Dossier d = consulting(def);
  CHECK(meeting_rights(d.state, kDrafter).schedule);
  CHECK_FALSE(meeting_rights(d.state, kDelegateA).schedule);
  CHECK_FALSE(meeting_rights(d.state, kChair).open);
  d.ok(kDrafter, schedule(d));
  CHECK(meeting_rights(d.state, kSecretary).open);
  CHECK(meeting_rights(d.state, kSecretary).attendance);
  CHECK_FALSE(meeting_rights(d.state, kSecretary).record_remarks);
  d.ok(kChair, OpenMeeting{});
  const MeetingRights chair = meeting_rights(d.state, kChair);
  CHECK((chair.present && chair.attendance && chair.close && !chair.record_remarks && !chair.open));
  const MeetingRights secretary = meeting_rights(d.state, kSecretary);
  CHECK((secretary.present && secretary.record_remarks && !secretary.close));
  const MeetingRights delegate = meeting_rights(d.state, kDelegateA);
  CHECK_FALSE((delegate.present || delegate.attendance || delegate.record_remarks ||
               delegate.close || delegate.schedule || delegate.open));
}

TEST_CASE("a meeting's history replays to the same state", "[meeting]") {
  const Definition def = load_workflow("plan.json");
  Dossier d = meeting_open(def);
  d.ok(kSecretary, RecordAttendance{kDelegateA, true});
  d.ok(kChair, PresentBlock{block(d, 1)});
  d.ok(kSecretary, AddComment{"Phát biểu", 0, {}, kDelegateC});
  d.ok(kChair, CloseMeeting{"Kết luận"});
  std::vector<Event> read;
  for (const Event& e : d.history) {
    auto back = event_from_json(def, json::parse(event_to_json(def, e).dump()));
    REQUIRE(back.ok());
    read.push_back(back.value());
  }
  auto replayed = replay(def, read);
  REQUIRE(replayed.ok());
  CHECK(replayed.value() == d.state);
}

TEST_CASE("histories that break the meeting's order are refused", "[meeting]") {
  const Definition def = load_workflow("plan.json");
  Dossier d = consulting(def);
  auto rejected = [&d](const Event& e) {
    DossierState copy = d.state;
    CHECK_FALSE(evolve(copy, e).ok());
  };
  rejected(Event{0, kChair, MeetingOpened{1}});
  rejected(Event{0, kChair, BlockPresented{1}});
  rejected(Event{0, kChair, MeetingClosed{}});
  rejected(Event{0, kChair, AttendanceRecorded{kDelegateA, 20, true}});
  d.ok(kDrafter, schedule(d));
  d.ok(kChair, OpenMeeting{});
  rejected(Event{0, kSecretary, MeetingClosed{}});
  rejected(Event{0, kDrafter, MeetingScheduled{d.now + kDay, "x", kChair}});
}

TEST_CASE("a comment stored before secretaries recorded remarks reads unchanged",
          "[meeting][event_json]") {
  const Definition def = load_workflow("plan.json");
  const json old = json::parse(
      R"({"type":"comment_added","at":5,"actor":2,"data":{"comment_id":1,"reply_to":0,"text":"x","unit":20}})");
  auto e = event_from_json(def, old);
  REQUIRE(e.ok());
  CHECK(std::get<CommentAdded>(e.value().body).on_behalf_of == 0);
  CHECK(canonical_event_bytes(def, e.value()) == old.dump());
  const json bad = json::parse(
      R"({"type":"attendance_recorded","at":5,"actor":2,"data":{"user":2,"unit":20,"present":"yes"}})");
  auto refused = event_from_json(def, bad);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message == "data/present: must be true or false");
}

TEST_CASE("meeting commands from JSON are refused naming the field", "[meeting][command_json]") {
  const Definition def = load_workflow("plan.json");
  auto refused = [&def](const char* text) {
    auto c = command_from_json(json::parse(text), &def);
    REQUIRE_FALSE(c.ok());
    CHECK_FALSE(c.error().message_vi.empty());
    return c.error();
  };
  CHECK(refused(R"({"type":"schedule_meeting","place":"P","chaired_by":5})").detail ==
        "/starts_at");
  CHECK(refused(R"({"type":"schedule_meeting","starts_at":"mai","place":"P","chaired_by":5})")
            .detail == "/starts_at");
  CHECK(refused(R"({"type":"schedule_meeting","starts_at":"2024-03-25T08:00","chaired_by":5})")
            .detail == "/place");
  CHECK(refused(R"({"type":"present_block"})").detail == "/block_id");
  CHECK(refused(R"({"type":"present_block","block_id":0})").detail == "/block_id");
  CHECK(refused(R"({"type":"open_meeting","block_id":1})").detail == "/block_id");
  CHECK(refused(R"({"type":"record_attendance","user":2,"present":"có"})").detail == "/present");
  CHECK(refused(R"({"type":"record_attendance","user":2})").detail == "/present");
  CHECK(refused(R"({"type":"add_comment","text":"x","on_behalf_of":-1})").detail ==
        "/on_behalf_of");
  CHECK(refused(R"({"type":"close_meeting","conclusion":5})").detail == "/conclusion");
  auto ok = command_from_json(
      json::parse(
          R"({"type":"schedule_meeting","starts_at":"2024-03-25T08:00","place":"Phòng họp","chaired_by":5})"),
      &def);
  REQUIRE(ok.ok());
  const auto& m = std::get<ScheduleMeeting>(ok.value());
  CHECK(m.starts_at == 1711328400);
  CHECK(m.chaired_by == 5);
}
