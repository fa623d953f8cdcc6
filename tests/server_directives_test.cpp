// The chairperson's directives over the WebSocket: sending the draft back
// with numbered directives and a deadline, the drafting unit marking each
// done in the revised version, the guard that holds the revision back, the
// conclusion notice numbered from the register, and every refusal with its
// code, leaving the history as it was.
#include <catch2/catch.hpp>

#include "engine/time.h"
#include "tests/server_test_support.h"

using namespace planflow;
using namespace planflow::testing;

namespace {

json error_of(const json& reply) {
  INFO(reply.dump());
  REQUIRE(reply.contains("error"));
  return reply["error"];
}

// A plan of three blocks at the conclusion, with comment 1 from the
// delegate. User 1 drafts and chairs, user 2 is the delegate.
DossierId to_conclusion(Client& chair, Client& delegate, const std::string& tag = "") {
  const DossierId id = create_plan(chair, tag);
  ok(chair,
     command(id, tag + "v1",
             {{"type", "submit_version"},
              {"text", "I. MỤC ĐÍCH\nNâng cao chất lượng đội ngũ công chức\nII. NHIỆM VỤ"}}));
  ok(chair, command(id, tag + "open",
                    {{"type", "take_action"},
                     {"action", "open_consultation"},
                     {"inputs", {{"invitees", json::array({{{"user", 2}, {"unit", 1}}})}}}}));
  ok(delegate,
     command(id, tag + "c1", {{"type", "add_comment"}, {"text", "Chỉ tiêu chưa sát thực tế."}}));
  ok(delegate, command(id, tag + "done", {{"type", "no_further_comments"}}));
  ok(chair,
     command(id, tag + "close", {{"type", "take_action"}, {"action", "close_consultation"}}));
  return id;
}

json directives() {
  return json::array({{{"text", "Điều chỉnh lại các chỉ tiêu"},
                       {"blocks", json::array({2})},
                       {"comments", json::array({1})}},
                      {{"text", "Bổ sung nhiệm vụ phân loại chất lượng công chức"}}});
}

// Each call its own request id: a refused attempt must not shadow the next.
json send_back(DossierId id, json list, Time deadline) {
  static int attempt = 0;
  return command(id, "revise-" + std::to_string(++attempt),
                 {{"type", "take_action"},
                  {"action", "revise"},
                  {"inputs",
                   {{"conclusion", "Cơ bản thống nhất; giao Sở Nội vụ tiếp thu, hoàn thiện."},
                    {"directives", std::move(list)},
                    {"revision_deadline", format_time(deadline)}}}});
}

void revise_draft(Client& drafter, DossierId id, const std::string& tag = "") {
  ok(drafter, command(id, tag + "d1",
                      {{"type", "dispose_comment"},
                       {"comment_id", 1},
                       {"disposition", "accepted"},
                       {"explanation", "Đã điều chỉnh"}}));
  ok(drafter, command(id, tag + "v2",
                      {{"type", "submit_version"},
                       {"text",
                        "I. MỤC ĐÍCH\nNâng cao chất lượng đội ngũ công chức, 95 % đạt chuẩn\n"
                        "II. NHIỆM VỤ\nPhân loại chất lượng công chức hằng năm"}}));
}

}  // namespace

TEST_CASE("the conclusion's directives reach the reply and are marked done in the revision",
          "[server][directives]") {
  Running s;
  Client chair(s.port(), sign_in(s.port(), "drafter"), s.origin);
  Client delegate(s.port(), sign_in(s.port(), "delegate"), s.origin);
  const DossierId id = to_conclusion(chair, delegate);
  const Time deadline = wall_clock_now() + 7 * 86400;
  ok(chair, send_back(id, directives(), deadline));

  json reply = dossier_of(chair, id);
  REQUIRE(reply["conclusions"].size() == 1);
  const json& c = reply["conclusions"][0];
  CHECK(c["action"] == "revise");
  CHECK(c["step"] == "conclusion");
  CHECK(c["text"] == "Cơ bản thống nhất; giao Sở Nội vụ tiếp thu, hoàn thiện.");
  CHECK(c["version"] == 1);
  // Times go over the wire in whole seconds; the input was given in minutes.
  CHECK(c["revision_deadline"].get<Time>() / 60 == deadline / 60);
  REQUIRE(c["directives"].size() == 2);
  CHECK(c["directives"][0] == json{{"number", 1},
                                   {"text", "Điều chỉnh lại các chỉ tiêu"},
                                   {"blocks", {2}},
                                   {"comments", {1}},
                                   {"done", nullptr}});
  CHECK(c["directives"][1]["blocks"] == json::array());
  CHECK(c["notices"] == json::array());
  CHECK(reply["open_directives"] == 2);
  CHECK(reply["directive_rights"] == json{{"mark_done", true}, {"issue_notice", true}});
  CHECK(dossier_of(delegate, id)["directive_rights"] ==
        json{{"mark_done", false}, {"issue_notice", false}});

  // Nothing to mark before the revised version exists.
  json e = error_of(chair.call(command(
      id, "early", {{"type", "mark_directive_done"}, {"directive", 1}, {"note", "Đã sửa"}})));
  CHECK(e["code"] == "invalid_state");
  revise_draft(chair, id);
  e = error_of(
      chair.call(command(id, "guard", {{"type", "take_action"}, {"action", "submit_revision"}})));
  CHECK(e["code"] == "guard_failed");
  CHECK(e["message"] == "Còn 2 chỉ đạo trong kết luận chưa được đánh dấu đã thực hiện (số 1, 2)");

  e = error_of(chair.call(
      command(id, "r1", {{"type", "mark_directive_done"}, {"directive", 3}, {"note", "Đã sửa"}})));
  CHECK(e["code"] == "not_found");
  CHECK(e["message"] == "Kết luận không có chỉ đạo số 3 (từ 1 đến 2)");
  e = error_of(chair.call(
      command(id, "r2", {{"type", "mark_directive_done"}, {"directive", 1}, {"blocks", {2, 99}}})));
  CHECK(e["code"] == "not_found");
  CHECK(e["message"] == "Phiên bản dự thảo mới nhất (v2) không có khối nội dung số 99");
  e = error_of(chair.call(
      command(id, "r3", {{"type", "mark_directive_done"}, {"directive", 1}, {"note", "   "}})));
  CHECK(e["code"] == "bad_request");
  e = error_of(chair.call(
      command(id, "r4", {{"type", "mark_directive_done"}, {"directive", "một"}, {"note", "x"}})));
  CHECK(e["code"] == "bad_request");
  CHECK(e["pointer"] == "/command/directive");
  e = error_of(delegate.call(
      command(id, "r5", {{"type", "mark_directive_done"}, {"directive", 1}, {"note", "Đã sửa"}})));
  CHECK(e["code"] == "forbidden");
  const std::size_t before = dossier_of(chair, id)["history"].size();

  ok(chair, command(id, "m1",
                    {{"type", "mark_directive_done"},
                     {"directive", 1},
                     {"blocks", {2}},
                     {"note", "Điều chỉnh chỉ tiêu: 95 % đạt chuẩn."}}));
  ok(chair, command(id, "m2",
                    {{"type", "mark_directive_done"},
                     {"directive", 2},
                     {"note", "Bổ sung nhiệm vụ tại mục II."}}));
  reply = dossier_of(chair, id);
  CHECK(reply["history"].size() == before + 2);
  CHECK(reply["history"].back()["event"]["type"] == "directive_done");
  CHECK(reply["open_directives"] == 0);
  const json& done = reply["conclusions"][0]["directives"][0]["done"];
  CHECK(done["by"] == 1);
  CHECK(done["blocks"] == json::array({2}));
  CHECK(done["note"] == "Điều chỉnh chỉ tiêu: 95 % đạt chuẩn.");
  CHECK(done["version"] == 2);
  CHECK(reply["conclusions"][0]["directives"][1]["done"]["blocks"] == json::array());
  ok(chair, command(id, "back", {{"type", "take_action"}, {"action", "submit_revision"}}));
  CHECK(dossier_of(chair, id)["directive_rights"]["mark_done"] == false);
}

TEST_CASE("directives that point nowhere or say nothing are refused and nothing is recorded",
          "[server][directives][errors]") {
  Running s;
  Client chair(s.port(), sign_in(s.port(), "drafter"), s.origin);
  Client delegate(s.port(), sign_in(s.port(), "delegate"), s.origin);
  const DossierId id = to_conclusion(chair, delegate);
  const Time deadline = wall_clock_now() + 7 * 86400;
  const json history = dossier_of(chair, id)["history"];

  json e = error_of(chair.call(send_back(id, json::array({{{"text", " "}}}), deadline)));
  CHECK(e["code"] == "bad_request");
  CHECK(e["pointer"] == "/command/inputs/directives/0/text");
  e = error_of(
      chair.call(send_back(id, json::array({{{"text", "Sửa"}, {"blocks", {7}}}}), deadline)));
  CHECK(e["code"] == "not_found");
  e = error_of(
      chair.call(send_back(id, json::array({{{"text", "Sửa"}, {"comments", {9}}}}), deadline)));
  CHECK(e["code"] == "not_found");
  CHECK(e["message"] == "Không tìm thấy ý kiến số 9");
  e = error_of(
      chair.call(send_back(id, json::array({{{"text", "Sửa"}, {"ghi_chu", 1}}}), deadline)));
  CHECK(e["code"] == "bad_request");
  CHECK(e["pointer"] == "/command/inputs/directives/0/ghi_chu");
  e = error_of(chair.call(send_back(id, json{{"text", "Sửa"}}, deadline)));
  CHECK(e["code"] == "bad_request");
  CHECK(e["pointer"] == "/command/inputs/directives");
  json many = json::array();
  for (int i = 0; i < 51; ++i)
    many.push_back({{"text", "Chỉ đạo " + std::to_string(i + 1)}});
  e = error_of(chair.call(send_back(id, many, deadline)));
  CHECK(e["code"] == "bad_request");
  e = error_of(chair.call(send_back(id, directives(), wall_clock_now() - 86400)));
  CHECK(e["code"] == "bad_request");
  CHECK(e["pointer"] == "/command/inputs/revision_deadline");
  e = error_of(delegate.call(send_back(id, directives(), deadline)));
  CHECK(e["code"] == "forbidden");

  const json after = dossier_of(chair, id);
  CHECK(after["history"] == history);
  CHECK(after["conclusions"] == json::array());
  CHECK(after["dossier"]["state"] == "conclusion");
}

TEST_CASE("the conclusion is issued as a TB notice numbered apart from the plan",
          "[server][directives][notice]") {
  Running s;
  Client chair(s.port(), sign_in(s.port(), "drafter"), s.origin);
  Client delegate(s.port(), sign_in(s.port(), "delegate"), s.origin);
  const DossierId first = to_conclusion(chair, delegate, "a-");
  const json notice = {{"type", "issue_conclusion_notice"},
                       {"place", "Hà Giang"},
                       {"authority", "TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG"},
                       {"signer", "Nguyễn Văn A"},
                       {"recipients", "- Sở Nội vụ;\n- Lưu: VT."}};
  json e = error_of(chair.call(command(first, "early", notice)));
  CHECK(e["code"] == "invalid_state");
  ok(chair, send_back(first, directives(), wall_clock_now() + 7 * 86400));
  e = error_of(delegate.call(command(first, "n0", notice)));
  CHECK(e["code"] == "forbidden");
  json too_long = notice;
  too_long["signer"] = std::string(100000, 'a');
  e = error_of(chair.call(command(first, "n1", too_long)));
  CHECK(e["code"] == "bad_request");
  CHECK(e["pointer"] == "/command/signer");

  ok(chair, command(first, "n2", notice));
  json reply = dossier_of(chair, first);
  REQUIRE(reply["conclusions"][0]["notices"].size() == 1);
  const json& n = reply["conclusions"][0]["notices"][0];
  CHECK(n["symbol"] == "01/TB-UBND");
  CHECK(n["series"] == "TB");
  CHECK(n["number"] == 1);
  CHECK(n["place"] == "Hà Giang");
  CHECK(n["authority"] == "TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG");
  CHECK(n["recipients"] == "- Sở Nội vụ;\n- Lưu: VT.");
  CHECK(reply["directive_rights"]["issue_notice"] == false);
  e = error_of(chair.call(command(first, "n3", notice)));
  CHECK(e["code"] == "invalid_state");
  CHECK(dossier_of(chair, first)["conclusions"][0]["notices"].size() == 1);

  // The register gives the next dossier's notice the next TB number.
  const DossierId second = to_conclusion(chair, delegate, "b-");
  ok(chair, send_back(second, json::array(), wall_clock_now() + 7 * 86400));
  ok(chair, command(second, "n4", notice));
  CHECK(dossier_of(chair, second)["conclusions"][0]["notices"][0]["symbol"] == "02/TB-UBND");

  // The plan itself is numbered in its own series, from 1.
  revise_draft(chair, first, "a-");
  ok(chair,
     command(first, "m1", {{"type", "mark_directive_done"}, {"directive", 1}, {"blocks", {2}}}));
  ok(chair, command(first, "m2",
                    {{"type", "mark_directive_done"}, {"directive", 2}, {"note", "Mục II."}}));
  ok(chair, command(first, "back", {{"type", "take_action"}, {"action", "submit_revision"}}));
  ok(chair, command(first, "approve", {{"type", "take_action"}, {"action", "approve"}}));
  ok(chair,
     command(first, "clerk", {{"type", "bind_role"}, {"role", "clerk"}, {"user", 1}, {"unit", 1}}));
  ok(chair, command(first, "issue", {{"type", "take_action"}, {"action", "issue"}}));
  reply = dossier_of(chair, first);
  CHECK(reply["issued"]["number"] == 1);
  CHECK(reply["issued"]["series"] != "TB");
}
