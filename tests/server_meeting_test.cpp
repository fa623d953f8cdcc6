// A consultation's meeting over the WebSocket: what the chair presents
// reaches every subscribed participant, the secretary records remarks and
// attendance, the reply carries the meeting and its minutes, and each
// refusal comes back with its code and the field at fault.
#include <catch2/catch.hpp>

#include "tests/server_test_support.h"

using namespace planflow;
using namespace planflow::testing;

namespace {

json error_of(const json& reply) {
  INFO(reply.dump());
  REQUIRE(reply.contains("error"));
  return reply["error"];
}

// A plan of three blocks in consultation: user 1 drafts and chairs, user 2
// is the delegate, user 3 ("outsider") the meeting's secretary.
DossierId plan_with_secretary(Client& chair) {
  const DossierId id = create_plan(chair);
  result_of(chair.call(
      command(id, "v1",
              {{"type", "submit_version"}, {"text", "I. MỤC ĐÍCH\nII. NHIỆM VỤ\nIII. TỔ CHỨC"}})));
  result_of(
      chair.call(command(id, "open", {{"type", "take_action"}, {"action", "open_consultation"}})));
  result_of(chair.call(command(
      id, "sec", {{"type", "bind_role"}, {"role", "secretary"}, {"user", 3}, {"unit", 1}})));
  return id;
}

json schedule() {
  return {{"type", "schedule_meeting"},
          {"starts_at", "2099-03-25T08:00"},
          {"place", "Phòng họp số 2, UBND tỉnh"},
          {"chaired_by", 1}};
}

// Subscribes and reads the history already there.
void follow(Client& who, DossierId id) {
  const json subscribed = result_of(who.call({{"op", "subscribe"}, {"dossier", id}, {"after", 0}}));
  const std::size_t missed = subscribed["missed"];
  for (std::size_t i = 0; i < missed; ++i)
    who.next_event();
}

}  // namespace

TEST_CASE("the presented block reaches every participant following the dossier",
          "[server][meeting]") {
  Running s;
  Client chair(s.port(), sign_in(s.port(), "drafter"), s.origin);
  const DossierId id = plan_with_secretary(chair);
  result_of(chair.call(command(id, "m1", schedule())));
  Client delegate(s.port(), sign_in(s.port(), "delegate"), s.origin);
  follow(delegate, id);

  result_of(chair.call(command(id, "m2", {{"type", "open_meeting"}})));
  json pushed = delegate.next_event();
  CHECK(pushed["event"]["type"] == "meeting_opened");
  CHECK(pushed["event"]["data"]["block_id"] == 1);
  result_of(chair.call(command(id, "m3", {{"type", "present_block"}, {"block_id", 2}})));
  pushed = delegate.next_event();
  CHECK(pushed["event"]["type"] == "block_presented");
  CHECK(pushed["event"]["data"]["block_id"] == 2);

  const json reply = result_of(delegate.call({{"op", "dossier"}, {"dossier", id}}));
  REQUIRE(reply["meetings"].size() == 1);
  const json& m = reply["meetings"][0];
  CHECK(m["status"] == "open");
  CHECK(m["presented_block"] == 2);
  CHECK(m["place"] == "Phòng họp số 2, UBND tỉnh");
  CHECK(m["chair"] == 1);
  CHECK(m["current"] == true);
  CHECK(m["secretaries"] == json::array({3}));
  // The delegate follows, but runs nothing.
  CHECK(reply["meeting_rights"]["present"] == false);
  CHECK(reply["meeting_rights"]["close"] == false);
  const json chair_view = result_of(chair.call({{"op", "dossier"}, {"dossier", id}}));
  CHECK(chair_view["meeting_rights"]["present"] == true);
  CHECK(chair_view["meeting_rights"]["close"] == true);
}

TEST_CASE("remarks, attendance and the conclusion make the meeting's minutes",
          "[server][meeting]") {
  Running s;
  Client chair(s.port(), sign_in(s.port(), "drafter"), s.origin);
  const DossierId id = plan_with_secretary(chair);
  Client delegate(s.port(), sign_in(s.port(), "delegate"), s.origin);
  Client secretary(s.port(), sign_in(s.port(), "outsider"), s.origin);
  result_of(chair.call(command(id, "m1", schedule())));
  result_of(secretary.call(
      command(id, "a1", {{"type", "record_attendance"}, {"user", 2}, {"present", true}})));
  result_of(secretary.call(
      command(id, "a2", {{"type", "record_attendance"}, {"user", 1}, {"present", false}})));
  result_of(secretary.call(
      command(id, "a3", {{"type", "record_attendance"}, {"user", 1}, {"present", true}})));
  result_of(chair.call(command(id, "m2", {{"type", "open_meeting"}})));
  result_of(chair.call(command(id, "m3", {{"type", "present_block"}, {"block_id", 2}})));
  result_of(
      delegate.call(command(id, "c1", {{"type", "add_comment"}, {"text", "Bổ sung chỉ tiêu"}})));
  result_of(secretary.call(command(id, "c2",
                                   {{"type", "add_comment"},
                                    {"text", "Đề nghị làm rõ thời hạn"},
                                    {"on_behalf_of", 2},
                                    {"anchor", {{"kind", "block"}, {"block", 3}}}})));
  result_of(chair.call(
      command(id, "m4", {{"type", "close_meeting"}, {"conclusion", "Giao Sở Nội vụ tiếp thu."}})));

  const json reply = result_of(chair.call({{"op", "dossier"}, {"dossier", id}}));
  const json& m = reply["meetings"][0];
  CHECK(m["status"] == "closed");
  CHECK(m["conclusion"] == "Giao Sở Nội vụ tiếp thu.");
  CHECK(m["current"] == false);
  REQUIRE(m["attendance"].size() == 2);
  CHECK(m["attendance"][0]["user"] == 2);
  CHECK(m["attendance"][1]["user"] == 1);
  CHECK(m["attendance"][1]["present"] == true);  // the later record counts
  REQUIRE(m["remarks"].size() == 2);
  CHECK(m["remarks"][0]["author"] == 2);
  CHECK(m["remarks"][0]["block"] == 2);  // on the block presented then
  CHECK(m["remarks"][0]["recorded_by"].is_null());
  CHECK(m["remarks"][1]["author"] == 2);
  CHECK(m["remarks"][1]["recorded_by"] == 3);
  CHECK(m["remarks"][1]["block"] == 3);
  CHECK(m["remarks"][1]["text"] == "Đề nghị làm rõ thời hạn");
  // The history names the secretary as the one who acted.
  const json& last_comment = reply["history"][reply["history"].size() - 2]["event"];
  CHECK(last_comment["type"] == "comment_added");
  CHECK(last_comment["actor"] == 3);
  CHECK(last_comment["data"]["on_behalf_of"] == 2);
  CHECK(reply["meeting_rights"]["schedule"] == true);
}

TEST_CASE("meeting commands are refused with their code and field", "[server][meeting]") {
  Running s;
  Client chair(s.port(), sign_in(s.port(), "drafter"), s.origin);
  const DossierId id = plan_with_secretary(chair);
  Client delegate(s.port(), sign_in(s.port(), "delegate"), s.origin);
  Client secretary(s.port(), sign_in(s.port(), "outsider"), s.origin);

  CHECK(error_of(chair.call(command(
            id, "r1", {{"type", "present_block"}, {"block_id", 2}})))["code"] == "invalid_state");
  json bad = schedule();
  bad["starts_at"] = "ngày mai";
  CHECK(error_of(chair.call(command(id, "r2", bad)))["pointer"] == "/command/starts_at");
  bad = schedule();
  bad["starts_at"] = "2001-01-01T08:00";
  CHECK(error_of(chair.call(command(id, "r3", bad)))["pointer"] == "/command/starts_at");
  bad = schedule();
  bad["chaired_by"] = 2;
  CHECK(error_of(chair.call(command(id, "r4", bad)))["pointer"] == "/command/chaired_by");
  CHECK(error_of(delegate.call(command(id, "r5", schedule())))["code"] == "forbidden");
  result_of(chair.call(command(id, "m1", schedule())));
  CHECK(error_of(delegate.call(command(id, "r6", {{"type", "open_meeting"}})))["code"] ==
        "forbidden");
  result_of(secretary.call(command(id, "m2", {{"type", "open_meeting"}})));

  json e = error_of(chair.call(command(id, "r7", {{"type", "present_block"}, {"block_id", 99}})));
  CHECK(e["code"] == "not_found");
  CHECK(e["message"] == "Phiên bản dự thảo mới nhất không có khối nội dung số 99");
  CHECK(error_of(delegate.call(command(
            id, "r8", {{"type", "present_block"}, {"block_id", 2}})))["code"] == "forbidden");
  CHECK(
      error_of(secretary.call(command(
          id, "r9", {{"type", "record_attendance"}, {"user", 2}, {"present", "có"}})))["pointer"] ==
      "/command/present");
  CHECK(
      error_of(secretary.call(command(
          id, "r10", {{"type", "record_attendance"}, {"user", 77}, {"present", true}})))["code"] ==
      "not_found");

  json remark = {{"type", "add_comment"}, {"text", "Ý kiến"}, {"on_behalf_of", 2}};
  CHECK(error_of(chair.call(command(id, "r11", remark)))["code"] == "forbidden");
  remark["on_behalf_of"] = 77;
  CHECK(error_of(secretary.call(command(id, "r12", remark)))["code"] == "not_found");
  remark["on_behalf_of"] = 1;
  e = error_of(secretary.call(command(id, "r13", remark)));
  CHECK(e["code"] == "bad_request");
  CHECK(e["pointer"] == "/command/on_behalf_of");

  CHECK(error_of(secretary.call(command(id, "r14", {{"type", "close_meeting"}})))["code"] ==
        "forbidden");
  result_of(chair.call(command(id, "m3", {{"type", "close_meeting"}})));
  e = error_of(chair.call(command(id, "r15", {{"type", "present_block"}, {"block_id", 2}})));
  CHECK(e["code"] == "invalid_state");
  CHECK(e["message"] == "Cuộc họp đã kết thúc");
}
