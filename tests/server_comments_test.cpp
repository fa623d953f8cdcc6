// Comments in the dossier reply, over a real WebSocket: the anchor each was
// made on and where it stands now (or that it is outdated, with what it was
// about), the edits, withdrawals, who spoke for which unit, what the reader
// may still change, the dispositions and the blocks that took a comment in.
#include <algorithm>

#include "tests/server_test_support.h"

using namespace planflow;
using namespace planflow::testing;

namespace {

json error_of(Client& who, const json& request) {
  const json reply = who.call(request);
  INFO(reply.dump());
  REQUIRE(reply.contains("error"));
  return reply["error"];
}

json comment(const json& dossier, int id) {
  for (const json& c : dossier["comments"])
    if (c["id"] == id) return c;
  FAIL("no comment " << id << " in " << dossier["comments"].dump());
  return nullptr;
}

json paragraph_json(const std::string& text) {
  return {{"kind", "paragraph"}, {"text", text}};
}

// The id planflow gave the latest version's block with `text`.
int block_id(const json& dossier, const std::string& text) {
  json blocks;
  for (const json& h : dossier["history"])
    if (h["event"]["type"] == "version_submitted") blocks = h["event"]["data"]["blocks"];
  for (const json& b : blocks)
    if (b["text"] == text) return b["id"];
  FAIL("no block \"" << text << "\" in " << blocks.dump());
  return 0;
}

constexpr const char* kPassageBlock = "Đẩy mạnh tinh giản biên chế năm 2014";

// v1 is a heading (block 1) and two paragraphs (2, 3); the delegate (user 2)
// speaks for SNV, the outsider (user 3) for UBND (unit 2).
DossierId consulting(Client& drafter) {
  const DossierId id = create_plan(drafter);
  ok(drafter, command(id, "v1",
                      {{"type", "submit_version"},
                       {"blocks", json::array({{{"kind", "heading"},
                                                {"level", 1},
                                                {"marker", "I."},
                                                {"text", "MỤC ĐÍCH, YÊU CẦU"}},
                                               paragraph_json(kPassageBlock),
                                               paragraph_json("Rà soát vị trí việc làm")})}}));
  ok(drafter,
     command(id, "open",
             {{"type", "take_action"},
              {"action", "open_consultation"},
              {"inputs",
               {{"invitees", json::array({{{"user", 2}, {"unit", 1}}, {{"user", 3}, {"unit", 2}}})},
                {"deadline", wall_clock_now() + 10 * 86400}}}}));
  return id;
}

}  // namespace

TEST_CASE("the reply shows each comment's anchor, place, edits, author and unit",
          "[server][comments]") {
  Running s;
  Client drafter(s.port(), sign_in(s.port(), "drafter"), s.origin);
  Client delegate(s.port(), sign_in(s.port(), "delegate"), s.origin);
  Client outsider(s.port(), sign_in(s.port(), "outsider"), s.origin);
  const DossierId id = consulting(drafter);

  const json passage = {{"kind", "passage"},
                        {"block", 2},
                        {"start", 9},
                        {"end", 27},
                        {"quote", "tinh giản biên chế"}};
  ok(outsider,
     command(id, "c1",
             {{"type", "add_comment"}, {"text", "Làm rõ chỉ tiêu"}, {"anchor", passage}}));
  ok(delegate, command(id, "c2",
                       {{"type", "add_comment"},
                        {"text", "Bổ sung thời hạn"},
                        {"anchor", {{"kind", "block"}, {"block", 3}}}}));
  ok(delegate, command(id, "c3", {{"type", "add_comment"}, {"text", "Nhất trí chung"}}));
  ok(delegate, command(id, "c4", {{"type", "add_comment"}, {"text", "Đồng ý"}, {"reply_to", 1}}));
  ok(outsider,
     command(id, "e1",
             {{"type", "edit_comment"}, {"comment_id", 1}, {"text", "Làm rõ chỉ tiêu 2015"}}));
  ok(outsider,
     command(id, "e2",
             {{"type", "edit_comment"}, {"comment_id", 1}, {"text", "Làm rõ chỉ tiêu năm 2015"}}));
  ok(delegate, command(id, "w3", {{"type", "withdraw_comment"}, {"comment_id", 3}}));

  const json seen = dossier_of(outsider, id);
  INFO(seen["comments"].dump());
  REQUIRE(seen["comments"].size() == 4);
  const json c1 = comment(seen, 1);
  CHECK(c1["author"] == 3);
  CHECK(c1["unit"] == 2);  // the unit the outsider speaks for, not the account's
  CHECK(c1["reply_to"] == 0);
  CHECK(c1["on_version"] == 1);
  CHECK(c1["anchor"] == passage);
  CHECK(c1["place"] == json{{"outdated", false}, {"block", 2}, {"start", 9}, {"end", 27}});
  CHECK(c1["text"] == "Làm rõ chỉ tiêu năm 2015");
  REQUIRE(c1["edits"].size() == 2);
  CHECK(c1["edits"][0]["text"] == "Làm rõ chỉ tiêu");
  CHECK(c1["edits"][1]["text"] == "Làm rõ chỉ tiêu 2015");
  CHECK(c1["edits"][0]["at"] == c1["at"]);
  CHECK(c1["edited_at"].is_number());
  CHECK(c1["edited_at"] >= c1["edits"][1]["at"]);
  CHECK(c1["withdrawn"] == false);
  CHECK(c1["disposition"].is_null());
  CHECK(c1["changeable"] == true);

  const json c2 = comment(seen, 2);
  CHECK(c2["anchor"] == json{{"kind", "block"}, {"block", 3}});
  CHECK(c2["place"] == json{{"outdated", false}, {"block", 3}});
  CHECK(c2["edits"] == json::array());
  CHECK(c2["edited_at"].is_null());
  CHECK(c2["changeable"] == false);  // the delegate's, not the outsider's
  const json c3 = comment(seen, 3);
  CHECK(c3["anchor"] == json{{"kind", "document"}});
  CHECK(c3["place"] == json{{"outdated", false}, {"block", nullptr}});
  CHECK(c3["withdrawn"] == true);
  CHECK(c3["withdrawn_at"].is_number());
  CHECK(comment(seen, 4)["reply_to"] == 1);
  CHECK(seen["changeable_comments"] == json::array({1}));
  // Comments 1 and 2 wait for an answer: not the withdrawn one, not the reply.
  CHECK(seen["undisposed_comments"] == 2);

  const json by_delegate = dossier_of(delegate, id);
  CHECK(by_delegate["changeable_comments"] == json::array({2, 4}));
  CHECK(comment(by_delegate, 1)["changeable"] == false);
  CHECK(dossier_of(drafter, id)["changeable_comments"] == json::array());
}

TEST_CASE("changing a comment is refused for others, after the step, and for unknown ids",
          "[server][comments]") {
  Running s;
  Client drafter(s.port(), sign_in(s.port(), "drafter"), s.origin);
  Client delegate(s.port(), sign_in(s.port(), "delegate"), s.origin);
  Client outsider(s.port(), sign_in(s.port(), "outsider"), s.origin);
  const DossierId id = consulting(drafter);
  ok(outsider, command(id, "c1", {{"type", "add_comment"}, {"text", "Làm rõ chỉ tiêu"}}));

  json e = error_of(
      delegate, command(id, "x1", {{"type", "edit_comment"}, {"comment_id", 1}, {"text", "Sửa"}}));
  CHECK(e["code"] == "forbidden");
  CHECK(e["message"] == "Chỉ người góp ý được sửa hoặc rút ý kiến số 1");
  e = error_of(delegate, command(id, "x2", {{"type", "withdraw_comment"}, {"comment_id", 1}}));
  CHECK(e["code"] == "forbidden");
  e = error_of(outsider,
               command(id, "x3", {{"type", "edit_comment"}, {"comment_id", 9}, {"text", "Sửa"}}));
  CHECK(e["code"] == "not_found");
  CHECK(e["message"] == "Không tìm thấy ý kiến số 9");
  e = error_of(
      drafter,
      command(id, "x4",
              {{"type", "dispose_comment"}, {"comment_id", 9}, {"disposition", "accepted"}}));
  CHECK(e["code"] == "not_found");

  ok(delegate, command(id, "n2", {{"type", "no_further_comments"}}));
  ok(outsider, command(id, "n3", {{"type", "no_further_comments"}}));
  ok(drafter, command(id, "close", {{"type", "take_action"}, {"action", "close_consultation"}}));
  e = error_of(outsider,
               command(id, "x5", {{"type", "edit_comment"}, {"comment_id", 1}, {"text", "Muộn"}}));
  CHECK(e["code"] == "invalid_state");
  CHECK(e["message"] == "Ý kiến số 1 được đưa ra ở bước trước, không thể sửa hoặc rút nữa");
  const json seen = dossier_of(outsider, id);
  CHECK(comment(seen, 1)["changeable"] == false);
  CHECK(seen["changeable_comments"] == json::array());
  CHECK(comment(seen, 1)["text"] == "Làm rõ chỉ tiêu");
}

TEST_CASE("a passage removed by a new version is outdated, and its disposition names the blocks",
          "[server][comments][disposition]") {
  Running s;
  Client drafter(s.port(), sign_in(s.port(), "drafter"), s.origin);
  Client delegate(s.port(), sign_in(s.port(), "delegate"), s.origin);
  Client outsider(s.port(), sign_in(s.port(), "outsider"), s.origin);
  const DossierId id = consulting(drafter);
  ok(outsider, command(id, "c1",
                       {{"type", "add_comment"},
                        {"text", "Làm rõ chỉ tiêu"},
                        {"anchor",
                         {{"kind", "passage"},
                          {"block", 2},
                          {"start", 9},
                          {"end", 27},
                          {"quote", "tinh giản biên chế"}}}}));
  ok(delegate,
     command(
         id, "c2",
         {{"type", "add_comment"},
          {"text", "Bổ sung thời hạn"},
          {"anchor",
           {{"kind", "passage"}, {"block", 3}, {"start", 0}, {"end", 7}, {"quote", "Rà soát"}}}}));
  ok(delegate, command(id, "n2", {{"type", "no_further_comments"}}));
  ok(outsider, command(id, "n3", {{"type", "no_further_comments"}}));
  ok(drafter, command(id, "close", {{"type", "take_action"}, {"action", "close_consultation"}}));
  ok(drafter, command(id, "revise",
                      {{"type", "take_action"},
                       {"action", "revise"},
                       {"inputs", {{"conclusion", "Tiếp thu, hoàn thiện dự thảo."}}}}));
  // v2 drops the passage's paragraph and moves "Rà soát" into a new block.
  ok(drafter, command(id, "v2",
                      {{"type", "submit_version"},
                       {"blocks",
                        json::array({{{"kind", "heading"},
                                      {"level", 1},
                                      {"marker", "I."},
                                      {"text", "MỤC ĐÍCH, YÊU CẦU"}},
                                     {{"kind", "item"},
                                      {"level", 2},
                                      {"marker", "2.3."},
                                      {"text", "Giảm 1.240 biên chế đến năm 2015"}},
                                     paragraph_json("Trước hết, Rà soát vị trí việc làm hằng năm "
                                                    "theo hướng dẫn của Bộ Nội vụ và Ủy ban")})}}));
  json d = dossier_of(drafter, id);
  const int absorbing = block_id(d, "Giảm 1.240 biên chế đến năm 2015");
  const int moved = block_id(d,
                             "Trước hết, Rà soát vị trí việc làm hằng năm theo hướng dẫn của "
                             "Bộ Nội vụ và Ủy ban");
  CHECK(comment(d, 1)["place"] == json{{"outdated", true},
                                       {"block", 2},
                                       {"quote", "tinh giản biên chế"},
                                       {"block_marker", ""},
                                       {"block_text", kPassageBlock}});
  CHECK(comment(d, 2)["place"] ==
        json{{"outdated", false}, {"block", moved}, {"start", 11}, {"end", 18}});
  CHECK(d["undisposed_comments"] == 2);

  // The refusal of the revision says how many answers are missing.
  json e = error_of(drafter,
                    command(id, "early", {{"type", "take_action"}, {"action", "submit_revision"}}));
  CHECK(e["code"] == "guard_failed");
  CHECK(e["message"].get<std::string>().find("Còn 2 ý kiến góp ý chưa được tiếp thu, giải trình") !=
        std::string::npos);

  // Block 2 is in v1 only.
  e = error_of(drafter, command(id, "d0",
                                {{"type", "dispose_comment"},
                                 {"comment_id", 1},
                                 {"disposition", "accepted"},
                                 {"absorbed_in", json::array({absorbing, 2})}}));
  CHECK(e["code"] == "not_found");
  CHECK(e["message"].get<std::string>().find("khối nội dung số 2") != std::string::npos);
  e = error_of(drafter, command(id, "d0b",
                                {{"type", "dispose_comment"},
                                 {"comment_id", 1},
                                 {"disposition", "accepted"},
                                 {"absorbed_in", "2.3"}}));
  CHECK(e["code"] == "bad_request");
  CHECK(e["pointer"] == "/command/absorbed_in");
  ok(drafter, command(id, "d1",
                      {{"type", "dispose_comment"},
                       {"comment_id", 1},
                       {"disposition", "accepted"},
                       {"explanation", "Đã cụ thể hóa chỉ tiêu."},
                       {"absorbed_in", json::array({absorbing, moved})}}));
  d = dossier_of(outsider, id);
  const json disposition = comment(d, 1)["disposition"];
  INFO(disposition.dump());
  CHECK(disposition["disposition"] == "accepted");
  CHECK(disposition["explanation"] == "Đã cụ thể hóa chỉ tiêu.");
  CHECK(disposition["by"] == 1);
  CHECK(disposition["absorbed_in"] ==
        json::array({{{"block", absorbing},
                      {"current", true},
                      {"kind", "item"},
                      {"marker", "2.3."},
                      {"excerpt", "Giảm 1.240 biên chế đến năm 2015"}},
                     {{"block", moved},
                      {"current", true},
                      {"kind", "paragraph"},
                      {"marker", ""},
                      {"excerpt", "Trước hết, Rà soát vị trí việc làm hằng năm theo hướng…"}}}));
  CHECK(d["undisposed_comments"] == 1);
  // The history carries the blocks as the engine stored them.
  const json& last = d["history"].back()["event"];
  CHECK(last["type"] == "comment_disposed");
  CHECK(last["data"]["absorbed_in"] == json::array({absorbing, moved}));

  ok(drafter, command(id, "d2",
                      {{"type", "dispose_comment"},
                       {"comment_id", 2},
                       {"disposition", "not_accepted"},
                       {"explanation", "Đã có trong kế hoạch năm."}}));
  d = dossier_of(drafter, id);
  CHECK(d["undisposed_comments"] == 0);
  CHECK(comment(d, 2)["disposition"]["absorbed_in"] == json::array());
  ok(drafter, command(id, "submit", {{"type", "take_action"}, {"action", "submit_revision"}}));
}
