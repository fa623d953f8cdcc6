// Commands from clients' JSON: every command type round-trips, inputs take
// the types their definition declares, text arrives in NFC, and every
// malformed command is refused naming the field by its JSON pointer.
#include "engine/command_json.h"

#include <catch2/catch.hpp>
#include <set>

#include "engine/plan_fixture.h"
#include "engine/text.h"
#include "engine/unicode_nfc.h"

using namespace planflow;
using namespace planflow::testing;
using nlohmann::json;

namespace {

// For INFO: a dump that survives the invalid UTF-8 some tests build.
std::string show(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Command round_trip(const Command& c, const Definition* def) {
  const json j = command_to_json(c);
  INFO(show(j));
  auto back = command_from_json(json::parse(j.dump()), def);
  INFO((back.ok() ? std::string() : back.error().message));
  REQUIRE(back.ok());
  return back.value();
}

Command parsed(const json& j, const Definition* def) {
  INFO(show(j));
  auto c = command_from_json(j, def);
  INFO((c.ok() ? std::string() : c.error().message));
  REQUIRE(c.ok());
  return c.value();
}

Command parsed(const char* text, const Definition* def) {
  return parsed(json::parse(text), def);
}

// The UI is Vietnamese first: each refusal is a Vietnamese sentence of its
// own (not the English copied), valid UTF-8 and in NFC.
void check_vietnamese(const Error& e) {
  INFO(e.message);
  CHECK_FALSE(e.message_vi.empty());
  CHECK(e.message_vi != e.message);
  REQUIRE(is_valid_utf8(e.message_vi));
  const auto nfc = normalize_nfc(e.message_vi);
  REQUIRE(nfc.ok());
  CHECK(nfc.value() == e.message_vi);
}

// Every refusal in this file passes through here, so every one is checked
// for its Vietnamese message as well.
Error refused(const json& j, const Definition* def) {
  INFO(show(j));
  auto c = command_from_json(j, def);
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().code == ErrorCode::kInvalidArgument);
  check_vietnamese(c.error());
  return c.error();
}

struct RefusedCase {
  const char* json;
  const char* pointer;
  const char* message;
};

void check_refusals(const std::vector<RefusedCase>& cases, const Definition* def) {
  for (const RefusedCase& c : cases) {
    INFO(c.json);
    const Error e = refused(json::parse(c.json), def);
    CHECK(e.detail == c.pointer);
    CHECK(e.message == c.message);
  }
}

// "Việt Nam" with the diacritics of ệ typed as combining marks, as some
// keyboards and systems send them, and as one precomposed letter (U+1EC7).
const std::string kDecomposed = "Vie\xCC\xA3\xCC\x82t Nam";
const std::string kComposed = "Vi\xE1\xBB\x87t Nam";

}  // namespace

TEST_CASE("every command type a client sends round-trips through JSON", "[command_json]") {
  const Definition def = load_workflow("plan.json");
  CreateDossier no_type = plan_dossier("");
  const std::vector<Command> commands = {
      plan_dossier(),
      no_type,
      BindRole{"implementer", {kOutsider, 90}},
      UnbindRole{"implementer", kOutsider},
      SubmitVersion{blocks_from_text("I. MỤC ĐÍCH\n\"Trích dẫn\" và ký tự đặc biệt \\ / <b>"),
                    "bản đầu"},
      SubmitVersion{blocks_from_text("v2"), ""},
      SubmitVersion{{heading(1, "I.", "MỤC ĐÍCH"), heading(3, "", "Yêu cầu"), para(""),
                     item("a)", "Ý thứ nhất"), item("–", "Ý con", 3),
                     table({{"Nhiệm vụ", "Thời hạn"}, {"Rà soát"}, {}})},
                    "đủ loại khối"},
      AddComment{"Điều chỉnh mục tiêu", 0, {}},
      AddComment{"Đồng ý", 1, {}},
      AddComment{"Về mục này", 0, {AnchorKind::kBlock, 7, 0, 0, ""}},
      AddComment{"Về đoạn này", 0, {AnchorKind::kPassage, 7, 0, 18, "tinh giản biên chế"}},
      EditComment{1, "Điều chỉnh mục tiêu cho sát thực tiễn"},
      WithdrawComment{4294967295u},
      DisposeComment{1, Disposition::kAccepted, ""},
      DisposeComment{2, Disposition::kPartlyAccepted, "Tiếp thu một phần."},
      DisposeComment{3, Disposition::kNotAccepted, "Không phù hợp."},
      DisposeComment{4294967295u, Disposition::kNoted, ""},
      NoFurtherComments{},
      // Inputs in name order, as command_from_json gives them.
      action("open_consultation",
             {InputValue{"deadline", Time{1707127200}},
              InputValue{"invitees", std::vector<Participant>{{kDelegateA, 20}, {kOutsider, 90}}},
              text_input("meeting", "Phòng họp số 1")}),
      action("open_consultation", {InputValue{"invitees", std::vector<Participant>{}}}),
      action("withdraw", {text_input("reason", "Không còn cần thiết")}),
      action("approve", {text_input("conclusion", "")}),
      action("issue"),
      AddComment{"Ý kiến phát biểu", 0, {AnchorKind::kBlock, 2, 0, 0, ""}, kDelegateB},
      ScheduleMeeting{1707127200, "Phòng họp số 1, UBND tỉnh", kChair},
      OpenMeeting{},
      PresentBlock{2},
      RecordAttendance{kDelegateA, true},
      RecordAttendance{kDelegateB, false},
      CloseMeeting{"Giao Sở Nội vụ tiếp thu."},
      CloseMeeting{""},
      MarkDirectiveDone{1, {2, 3}, "Đã điều chỉnh chỉ tiêu."},
      MarkDirectiveDone{2, {}, "Bổ sung mục 2."},
      IssueConclusionNotice{"Quảng Nam", "TL. CHỦ TỊCH", "Nguyễn Văn A", "Sở Nội vụ\nLưu: VT"},
      IssueConclusionNotice{},
      AddImplementationTask{sample_task(70, 1706115600)},
      AddImplementationTask{{"Rà soát", 70, {}, 0, 1706115600, 0, std::nullopt}},
      sample_report(1, 1706115600, 52.34),
      ReportProgress{{2, 0, std::nullopt, true, "", "", ""}},
      SetCampaign{1706115600, 1711357200},
  };
  std::set<std::string> types;
  for (const Command& c : commands) {
    types.insert(command_to_json(c)["type"].get<std::string>());
    CHECK(round_trip(c, &def) == c);
  }
  // All but fire_timer and sign_document, which clients may not send.
  CHECK(types.size() == std::variant_size_v<Command> - 2);
}

TEST_CASE("command_to_json writes the documented forms", "[command_json]") {
  CHECK(command_to_json(AddComment{"Đồng ý", 0, {}}) ==
        json::parse(R"({"type":"add_comment","text":"Đồng ý"})"));
  CHECK(command_to_json(AddComment{"Đồng ý", 3, {}}) ==
        json::parse(R"({"type":"add_comment","text":"Đồng ý","reply_to":3})"));
  CHECK(command_to_json(DisposeComment{2, Disposition::kNotAccepted, "Không phù hợp"}) ==
        json::parse(R"({"type":"dispose_comment","comment_id":2,"disposition":"not_accepted",
                        "explanation":"Không phù hợp"})"));
  CHECK(command_to_json(UnbindRole{"delegate", 4}) ==
        json::parse(R"({"type":"unbind_role","role":"delegate","user":4})"));
  CHECK(command_to_json(NoFurtherComments{}) == json::parse(R"({"type":"no_further_comments"})"));
  CHECK(command_to_json(action("issue")) ==
        json::parse(R"({"type":"take_action","action":"issue"})"));
  CHECK(command_to_json(action("open_consultation",
                               {InputValue{"deadline", Time{1711360800}},
                                InputValue{"invitees", std::vector<Participant>{{2, 20}}}})) ==
        json::parse(R"({"type":"take_action","action":"open_consultation",
                        "inputs":{"deadline":"2024-03-25T17:00:00+07:00",
                                  "invitees":[{"user":2,"unit":20}]}})"));
  CHECK(command_to_json(FireTimer{7}) == json::parse(R"({"type":"fire_timer","timer_id":7})"));
  CHECK(command_to_json(SubmitVersion{
            {heading(2, "1.", "Mục tiêu"), para("Nội dung"), table({{"a", "b"}})}, "v1"}) ==
        json::parse(R"({"type":"submit_version","summary":"v1","blocks":[
                          {"kind":"heading","level":2,"marker":"1.","text":"Mục tiêu"},
                          {"kind":"paragraph","text":"Nội dung"},
                          {"kind":"table","rows":[["a","b"]]}]})"));
}

TEST_CASE("a draft comes as blocks, or as plain text of one paragraph a line",
          "[command_json][blocks]") {
  const Definition def = load_workflow("plan.json");
  // A marker "a)" would end a raw string of the usual kind.
  CHECK(parsed(R"j({"type":"submit_version","summary":"v1","blocks":[
                   {"kind":"heading","level":2,"marker":"I.","text":"MỤC ĐÍCH"},
                   {"kind":"paragraph","text":"Nội dung","level":0,"marker":"","rows":null},
                   {"kind":"item","level":1,"marker":"a)","text":"Ý"},
                   {"kind":"table","rows":[["a","b"],["c"]],"text":""}]})j",
               &def) == Command(SubmitVersion{{heading(2, "I.", "MỤC ĐÍCH"), para("Nội dung"),
                                               item("a)", "Ý"), table({{"a", "b"}, {"c"}})},
                                              "v1"}));
  CHECK(parsed(R"({"type":"submit_version","text":" I. MỤC ĐÍCH\n\n Nội dung \n"})", &def) ==
        Command(SubmitVersion{{para("I. MỤC ĐÍCH"), para("Nội dung")}, ""}));
  // Empty is for decide() to refuse, with the dossier in view.
  CHECK(parsed(R"({"type":"submit_version","blocks":[]})", &def) == Command(SubmitVersion{{}, ""}));
  CHECK(parsed(R"({"type":"submit_version","text":"","blocks":null})", &def) ==
        Command(SubmitVersion{{}, ""}));
  // Every text of a block arrives in NFC: text, marker and cells.
  const Command c = parsed(
      json{{"type", "submit_version"},
           {"blocks",
            {{{"kind", "item"},
              {"level", 1},
              {"marker", "\xCC\x81"},  // a lone combining acute
              {"text", kDecomposed}},
             {{"kind", "table"}, {"rows", json::array({json::array({kDecomposed, "x"})})}}}}},
      &def);
  const auto& blocks = std::get<SubmitVersion>(c).blocks;
  CHECK(blocks[0].text == kComposed);
  CHECK(blocks[1].rows[0][0] == kComposed);
  // A marker's limit holds for its composed bytes too.
  std::string marker;
  for (int i = 0; i < 5; ++i)
    marker += "e\xCC\x82";  // "ê" decomposed: 3 bytes, composed 2
  CHECK(std::get<SubmitVersion>(
            parsed(json{{"type", "submit_version"},
                        {"blocks", {{{"kind", "item"}, {"level", 1}, {"marker", marker}}}}},
                   &def))
            .blocks[0]
            .marker.size() == 10);
}

TEST_CASE("malformed blocks are refused naming the field", "[command_json][blocks]") {
  const Definition def = load_workflow("plan.json");
  check_refusals(
      {
          {R"({"type":"submit_version"})", "/blocks",
           "/blocks: is required (an array of blocks), unless the draft comes as plain "
           "\"text\""},
          {R"({"type":"submit_version","blocks":null,"text":null})", "/blocks",
           "/blocks: is required (an array of blocks), unless the draft comes as plain "
           "\"text\""},
          {R"({"type":"submit_version","blocks":[],"text":"x"})", "/text",
           "/text: give the draft as \"blocks\" or as \"text\", not both"},
          {R"({"type":"submit_version","blocks":"I. MỤC ĐÍCH"})", "/blocks",
           "/blocks: must be an array"},
          {R"({"type":"submit_version","blocks":["I. MỤC ĐÍCH"]})", "/blocks/0",
           "/blocks/0: must be an object"},
          {R"({"type":"submit_version","blocks":[{"text":"x"}]})", "/blocks/0/kind",
           "/blocks/0/kind: is required (a string)"},
          {R"({"type":"submit_version","blocks":[{"kind":"paragraph","text":"x"},
                                                  {"kind":"list","text":"x"}]})",
           "/blocks/1/kind",
           "/blocks/1/kind: unknown block kind \"list\"; use heading, paragraph, item or table"},
          {R"({"type":"submit_version","blocks":[{"kind":"Paragraph","text":"x"}]})",
           "/blocks/0/kind",
           "/blocks/0/kind: unknown block kind \"Paragraph\"; use heading, paragraph, item or "
           "table"},
          {R"({"type":"submit_version","blocks":[{"kind":"paragraph","text":"x","id":3}]})",
           "/blocks/0/id",
           "/blocks/0/id: block ids are given by planflow, not by clients; leave \"id\" out"},
          {R"({"type":"submit_version","blocks":[{"kind":"paragraph","txt":"x"}]})",
           "/blocks/0/txt", "/blocks/0/txt: is not a field of a block"},
          {R"({"type":"submit_version","blocks":[{"kind":"heading","text":"x"}]})",
           "/blocks/0/level", "/blocks/0/level: must be from 1 to 3 for a heading"},
          {R"({"type":"submit_version","blocks":[{"kind":"heading","level":4,"text":"x"}]})",
           "/blocks/0/level", "/blocks/0/level: must be from 1 to 3 for a heading"},
          {R"({"type":"submit_version","blocks":[{"kind":"item","level":-1,"text":"x"}]})",
           "/blocks/0/level", "/blocks/0/level: must be from 1 to 3 for an item"},
          {R"({"type":"submit_version","blocks":[{"kind":"item","level":256,"text":"x"}]})",
           "/blocks/0/level", "/blocks/0/level: must be from 1 to 3 for an item"},
          {R"({"type":"submit_version","blocks":[{"kind":"item","level":1.5,"text":"x"}]})",
           "/blocks/0/level", "/blocks/0/level: must be a whole number"},
          {R"({"type":"submit_version","blocks":[{"kind":"paragraph","level":1,"text":"x"}]})",
           "/blocks/0/level", "/blocks/0/level: must be 0 or left out for a paragraph"},
          {R"({"type":"submit_version","blocks":[{"kind":"table","level":2,"rows":[["x"]]}]})",
           "/blocks/0/level", "/blocks/0/level: must be 0 or left out for a table"},
          {R"({"type":"submit_version","blocks":[{"kind":"item","level":1,"marker":5}]})",
           "/blocks/0/marker", "/blocks/0/marker: must be a string"},
          {R"({"type":"submit_version","blocks":[{"kind":"item","level":1,
                                                  "marker":"12345678901234567"}]})",
           "/blocks/0/marker", "/blocks/0/marker: is 17 bytes, more than the 16 allowed"},
          {R"({"type":"submit_version","blocks":[{"kind":"paragraph","text":"x","rows":[["a"]]}]})",
           "/blocks/0/rows", "/blocks/0/rows: belongs to tables only, not to a paragraph"},
          {R"({"type":"submit_version","blocks":[{"kind":"table","text":"Bảng 1","rows":[["a"]]}]})",
           "/blocks/0/text",
           "/blocks/0/text: must be empty for a table, whose text is in its rows"},
          {R"({"type":"submit_version","blocks":[{"kind":"table"}]})", "/blocks/0/rows",
           "/blocks/0/rows: a table needs at least one row"},
          {R"({"type":"submit_version","blocks":[{"kind":"table","rows":[]}]})", "/blocks/0/rows",
           "/blocks/0/rows: a table needs at least one row"},
          {R"({"type":"submit_version","blocks":[{"kind":"table","rows":["a","b"]}]})",
           "/blocks/0/rows/0", "/blocks/0/rows/0: must be an array"},
          {R"({"type":"submit_version","blocks":[{"kind":"table","rows":[["a"],["b",2]]}]})",
           "/blocks/0/rows/1/1", "/blocks/0/rows/1/1: must be a string"},
          {R"({"type":"submit_version","blocks":[{"kind":"paragraph","text":["x"]}]})",
           "/blocks/0/text", "/blocks/0/text: must be a string"},
      },
      &def);
}

TEST_CASE("a draft's blocks are held to the limits of document.h and command.h",
          "[command_json][blocks]") {
  const Definition def = load_workflow("plan.json");
  auto submit = [](json blocks) {
    return json{{"type", "submit_version"}, {"blocks", std::move(blocks)}};
  };
  json many = json::array();
  for (size_t i = 0; i < kMaxBlocks; ++i)
    many.push_back({{"kind", "paragraph"}, {"text", "x"}});
  CHECK(std::get<SubmitVersion>(parsed(submit(many), &def)).blocks.size() == kMaxBlocks);
  many.push_back({{"kind", "paragraph"}, {"text", "x"}});
  Error e = refused(submit(many), &def);
  CHECK(e.detail == "/blocks");
  CHECK(e.message == "/blocks: has 10001 entries, more than the 10000 allowed");
  std::string lines;
  for (size_t i = 0; i <= kMaxBlocks; ++i)
    lines += "x\n\n";
  e = refused({{"type", "submit_version"}, {"text", lines}}, &def);
  CHECK(e.detail == "/text");
  CHECK(e.message == "/text: has 10001 lines, more than the 10000 blocks a draft may have");
  CHECK(e.message_vi ==
        "Trường “/text” có 10001 dòng, vượt quá giới hạn 10000 khối nội dung của một bản dự "
        "thảo");

  json cells = json::array({json::array()});
  for (size_t i = 0; i < kMaxTableCells / 2; ++i)
    cells[0].push_back("ô");
  cells.push_back(cells[0]);
  CHECK(std::get<SubmitVersion>(parsed(submit({{{"kind", "table"}, {"rows", cells}}}), &def))
            .blocks[0]
            .rows.size() == 2);
  cells.push_back(json::array({"một ô nữa"}));
  e = refused(submit({{{"kind", "table"}, {"rows", cells}}}), &def);
  CHECK(e.detail == "/blocks/0/rows");
  CHECK(e.message == "/blocks/0/rows: has 10001 cells, more than the 10000 a table may have");
  CHECK(e.message_vi ==
        "Trường “/blocks/0/rows” có 10001 ô, vượt quá giới hạn 10000 ô của một bảng");

  const std::string half(kMaxDraftBytes / 2, 'a');
  CHECK_NOTHROW(parsed(submit({{{"kind", "paragraph"}, {"text", half}},
                               {{"kind", "table"}, {"rows", json::array({json::array({half})})}}}),
                       &def));
  e = refused(submit({{{"kind", "paragraph"}, {"text", half}},
                      {{"kind", "table"}, {"rows", json::array({json::array({half, "b"})})}},
                      {{"kind", "paragraph"}, {"text", "c"}}}),
              &def);
  CHECK(e.detail == "/blocks");
  CHECK(e.message == "/blocks: holds more than the 2000000 bytes of text a draft may have");
  CHECK(e.message_vi ==
        "Trường “/blocks” chứa nhiều hơn 2000000 byte nội dung, vượt quá giới hạn của một bản dự "
        "thảo");
  e = refused(submit({{{"kind", "paragraph"}, {"text", std::string(kMaxDraftBytes + 1, 'a')}}}),
              &def);
  CHECK(e.message == "/blocks/0/text: is 2000001 bytes, more than the 2000000 allowed");
}

TEST_CASE("malformed blocks are refused in Vietnamese", "[command_json][blocks][vietnamese]") {
  const Definition def = load_workflow("plan.json");
  auto vi = [&def](const char* text) { return refused(json::parse(text), &def).message_vi; };
  CHECK(vi(R"({"type":"submit_version","blocks":[{"kind":"paragraph","text":"x","id":3}]})") ==
        "Trường “/blocks/0/id” là mã khối do hệ thống cấp, không được gửi kèm; vui lòng bỏ trường "
        "này");
  CHECK(vi(R"({"type":"submit_version","blocks":[{"kind":"list"}]})") ==
        "Loại khối nội dung “list” không hợp lệ; vui lòng dùng heading (đề mục), paragraph (đoạn "
        "văn), item (mục liệt kê) hoặc table (bảng)");
  CHECK(vi(R"({"type":"submit_version","blocks":[{"kind":"item","level":7}]})") ==
        "Trường “/blocks/0/level” phải từ 1 đến 3 đối với mục liệt kê");
  CHECK(vi(R"({"type":"submit_version","blocks":[{"kind":"paragraph","rows":[["a"]]}]})") ==
        "Trường “/blocks/0/rows” chỉ dùng cho bảng, không dùng cho đoạn văn");
  CHECK(vi(R"({"type":"submit_version","blocks":[{"kind":"table","rows":[]}]})") ==
        "Trường “/blocks/0/rows” phải có ít nhất một hàng đối với bảng");
  CHECK(vi(R"({"type":"submit_version","blocks":[{"kind":"paragraph","colour":"red"}]})") ==
        "Trường “/blocks/0/colour” không thuộc khối nội dung");
  CHECK(vi(R"({"type":"submit_version","blocks":[],"text":"x"})") ==
        "Chỉ gửi nội dung dự thảo ở một dạng: “blocks” (các khối nội dung) hoặc “text” (văn bản "
        "thuần), không gửi cả hai");
  CHECK(vi(R"({"type":"submit_version"})") ==
        "Trường “/blocks” là bắt buộc (mảng các khối nội dung), trừ khi nội dung dự thảo được gửi "
        "dạng văn bản thuần trong trường “text”");
  const std::string bad = "\xC3\x28";
  const Error e =
      refused(json{{"type", "submit_version"},
                   {"blocks",
                    {{{"kind", "table"}, {"rows", json::array({json::array({"a", "b" + bad})})}}}}},
              &def);
  CHECK(e.detail == "/blocks/0/rows/0/1");
  CHECK(e.message_vi == "Trường “/blocks/0/rows/0/1” không phải là văn bản UTF-8 hợp lệ");
}

TEST_CASE("time inputs: ISO text in Vietnam time or with an offset, or whole seconds",
          "[command_json]") {
  const Definition def = load_workflow("plan.json");
  auto deadline = [&def](const json& value) {
    const Command c = parsed(json{{"type", "take_action"},
                                  {"action", "open_consultation"},
                                  {"inputs", {{"deadline", value}}}},
                             &def);
    const auto& inputs = std::get<TakeAction>(c).inputs;
    REQUIRE(inputs.size() == 1);
    CHECK(inputs[0].name == "deadline");
    return std::get<Time>(inputs[0].value);
  };
  CHECK(deadline("2024-03-25") == 1711299600);  // midnight in Hà Nội
  CHECK(deadline("2024-03-25T17:00") == 1711360800);
  CHECK(deadline("2024-03-25T17:00:00") == 1711360800);
  CHECK(deadline("2024-03-25T17:00:00+07:00") == 1711360800);
  CHECK(deadline("2024-03-25T10:00Z") == 1711360800);
  CHECK(deadline(1711360800) == 1711360800);
  CHECK(deadline(json(std::int64_t{1711360800})) == 1711360800);  // signed, as code builds it
  CHECK(deadline(-2208988800) == -2208988800);                    // the earliest: 1900
  CHECK(deadline(253402300799) == 253402300799);                  // the latest: 9999
  CHECK(deadline("9999-12-31T23:59:59Z") == 253402300799);
}

TEST_CASE("a participants input and an action without inputs", "[command_json]") {
  const Definition def = load_workflow("plan.json");
  CHECK(parsed(R"({"type":"take_action","action":"open_consultation",
                   "inputs":{"invitees":[{"user":2,"unit":20},{"user":9,"unit":90}]}})",
               &def) ==
        Command(action("open_consultation",
                       {InputValue{"invitees", std::vector<Participant>{{2, 20}, {9, 90}}}})));
  CHECK(parsed(R"({"type":"take_action","action":"issue"})", &def) == Command(action("issue")));
  CHECK(parsed(R"({"type":"take_action","action":"issue","inputs":{}})", &def) ==
        Command(action("issue")));
  // Without a definition there are no types to read inputs by, but none are needed here.
  CHECK(parsed(R"({"type":"take_action","action":"issue"})", nullptr) == Command(action("issue")));
}

TEST_CASE("null counts as absent", "[command_json]") {
  const Definition def = load_workflow("plan.json");
  CHECK(parsed(R"({"type":"add_comment","text":"Đồng ý","reply_to":null})", &def) ==
        Command(AddComment{"Đồng ý", 0, {}}));
  CHECK(parsed(R"({"type":"take_action","action":"withdraw","inputs":{"reason":null}})", &def) ==
        Command(action("withdraw")));
  CHECK(refused(json::parse(R"({"type":"add_comment","text":null})"), &def).message ==
        "/text: is required (a string)");
}

TEST_CASE("text arrives in Unicode NFC whichever way the diacritics were typed", "[command_json]") {
  const Definition def = load_workflow("plan.json");
  REQUIRE(kDecomposed != kComposed);
  CHECK(parsed(json{{"type", "add_comment"}, {"text", kDecomposed}}, &def) ==
        Command(AddComment{kComposed, 0, {}}));
  CHECK(parsed(json{{"type", "add_comment"}, {"text", kComposed}}, &def) ==
        Command(AddComment{kComposed, 0, {}}));
  const Command create = parsed(json{{"type", "create_dossier"},
                                     {"title", "Kế hoạch " + kDecomposed},
                                     {"issuer", {{"id", 50}, {"code", "UBND"}}},
                                     {"drafting_unit", {{"id", 10}, {"code", "SNV"}}},
                                     {"bindings", json::array()}},
                                &def);
  CHECK(std::get<CreateDossier>(create).title == "Kế hoạch " + kComposed);
  const Command withdraw = parsed(
      json{{"type", "take_action"}, {"action", "withdraw"}, {"inputs", {{"reason", kDecomposed}}}},
      &def);
  CHECK(withdraw == Command(action("withdraw", {text_input("reason", kComposed)})));
  // Hangul syllables decomposed into jamo compose again, as any NFC does.
  CHECK(parsed(json{{"type", "submit_version"}, {"text", "\xE1\x84\x92\xE1\x85\xA1"}}, &def) ==
        Command(SubmitVersion{blocks_from_text("\xED\x95\x98"), ""}));
}

TEST_CASE("commands read from JSON drive a dossier; decide() names unknown actions and inputs",
          "[command_json]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  d.ok(kDrafter, round_trip(plan_dossier(), &def));
  d.ok(kDrafter, parsed(R"({"type":"submit_version","text":"I. MỤC ĐÍCH","summary":"v1"})", &def));
  CHECK(d.refused(kDrafter,
                  parsed(R"({"type":"take_action","action":"open_consultation",
                             "inputs":{"agenda":[1,2,3]}})",
                         &def),
                  ErrorCode::kInvalidArgument)
            .message == "inputs/agenda: action \"open_consultation\" takes no input \"agenda\"");
  CHECK(d.refused(kDrafter,
                  parsed(R"({"type":"take_action","action":"publish",
                                       "inputs":{"where":{"site":"web"}}})",
                         &def),
                  ErrorCode::kUnknownAction)
            .message == "workflow \"plan\" has no action \"publish\"");
  d.ok(kDrafter, parsed(R"({"type":"take_action","action":"open_consultation",
                            "inputs":{"deadline":"2024-02-05T17:00",
                                      "invitees":[{"user":2,"unit":20},{"user":3,"unit":30}],
                                      "meeting":"Phòng họp số 1"}})",
                        &def));
  CHECK(d.state_id() == "consultation");
  CHECK(d.state.invitees.size() == 2);
  d.ok(kDelegateA, parsed(R"({"type":"add_comment","text":"Điều chỉnh mục tiêu"})", &def));
  d.ok(kDelegateB, parsed(R"({"type":"add_comment","text":"Đồng ý","reply_to":1})", &def));
  d.ok(kDelegateA, parsed(R"({"type":"no_further_comments"})", &def));
}

TEST_CASE("malformed commands are refused naming the field", "[command_json]") {
  const Definition def = load_workflow("plan.json");
  check_refusals(
      {
          // The command itself and its type.
          {"[]", "", "command: must be an object"},
          {"\"add_comment\"", "", "command: must be an object"},
          {"{}", "/type", "/type: is required (a string)"},
          {R"({"type":5})", "/type", "/type: must be a string"},
          {R"({"type":"delete_dossier"})", "/type",
           "/type: unknown command type \"delete_dossier\""},
          {R"({"type":"fire_timer","timer_id":1})", "/type",
           "/type: fire_timer is sent by the timer service, not by clients"},
          // Missing fields and wrong types.
          {R"({"type":"add_comment"})", "/text", "/text: is required (a string)"},
          {R"({"type":"add_comment","text":5})", "/text", "/text: must be a string"},
          {R"({"type":"add_comment","text":["a"]})", "/text", "/text: must be a string"},
          // Anchors.
          {R"({"type":"add_comment","text":"t","anchor":"block"})", "/anchor",
           "/anchor: must be an object"},
          {R"({"type":"add_comment","text":"t","anchor":{}})", "/anchor/kind",
           "/anchor/kind: is required (a string)"},
          {R"({"type":"add_comment","text":"t","anchor":{"kind":"line"}})", "/anchor/kind",
           "/anchor/kind: unknown anchor kind \"line\"; use document, block or passage"},
          {R"({"type":"add_comment","text":"t","anchor":{"kind":"block"}})", "/anchor/block",
           "/anchor/block: is required (a whole number)"},
          {R"({"type":"add_comment","text":"t","anchor":{"kind":"block","block":2,"page":1}})",
           "/anchor/page", "/anchor/page: is not a field of an anchor"},
          {R"({"type":"add_comment","text":"t","anchor":{"kind":"passage","block":2,"end":3,"quote":"abc"}})",
           "/anchor/start", "/anchor/start: is required (a whole number)"},
          {R"({"type":"add_comment","text":"t","anchor":{"kind":"passage","block":2,"start":-1,"end":3,"quote":"abc"}})",
           "/anchor/start", "/anchor/start: must be a whole number from 0 to 4294967295"},
          {R"({"type":"add_comment","text":"t","anchor":{"kind":"passage","block":2,"start":0,"end":3}})",
           "/anchor/quote", "/anchor/quote: is required (a string)"},
          // An author's changes.
          {R"({"type":"edit_comment","text":"t"})", "/comment_id",
           "/comment_id: is required (a whole number)"},
          {R"({"type":"edit_comment","comment_id":1})", "/text", "/text: is required (a string)"},
          {R"({"type":"withdraw_comment","comment_id":0})", "/comment_id",
           "/comment_id: must be a whole number from 1 to 4294967295"},
          {R"({"type":"submit_version","text":"v","summary":false})", "/summary",
           "/summary: must be a string"},
          {R"({"type":"bind_role","role":"delegate","user":2})", "/unit",
           "/unit: is required (a whole number)"},
          {R"({"type":"unbind_role","user":2})", "/role", "/role: is required (a string)"},
          {R"({"type":"dispose_comment","disposition":"noted"})", "/comment_id",
           "/comment_id: is required (a whole number)"},
          {R"({"type":"dispose_comment","comment_id":1})", "/disposition",
           "/disposition: is required (a string)"},
          {R"({"type":"take_action"})", "/action", "/action: is required (a string)"},
          {R"({"type":"take_action","action":"issue","inputs":[]})", "/inputs",
           "/inputs: must be an object"},
          {R"({"type":"create_dossier","title":"t","drafting_unit":{"id":1,"code":"SNV"},
               "bindings":[]})",
           "/issuer", "/issuer: is required (an object)"},
          {R"({"type":"create_dossier","title":"t","issuer":"UBND"})", "/issuer",
           "/issuer: must be an object"},
          {R"({"type":"create_dossier","title":"t","issuer":{"id":50},
               "drafting_unit":{"id":1,"code":"SNV"},"bindings":[]})",
           "/issuer/code", "/issuer/code: is required (a string)"},
          {R"({"type":"create_dossier","title":"t","issuer":{"id":50,"code":"UBND"},
               "drafting_unit":{"id":1,"code":"SNV"}})",
           "/bindings", "/bindings: is required (an array)"},
          {R"({"type":"create_dossier","title":"t","issuer":{"id":50,"code":"UBND"},
               "drafting_unit":{"id":1,"code":"SNV"},"bindings":{}})",
           "/bindings", "/bindings: must be an array"},
          {R"({"type":"create_dossier","title":"t","issuer":{"id":50,"code":"UBND"},
               "drafting_unit":{"id":1,"code":"SNV"},
               "bindings":[{"role":"drafter","user":1,"unit":10},
                           {"role":"chair","user":5,"unit":50},{"user":2,"unit":20}]})",
           "/bindings/2/role", "/bindings/2/role: is required (a string)"},
          {R"({"type":"create_dossier","title":"t","issuer":{"id":50,"code":"UBND"},
               "drafting_unit":{"id":1,"code":"SNV"},"bindings":["drafter"]})",
           "/bindings/0", "/bindings/0: must be an object"},
          // Unknown fields, before any missing one.
          {R"({"type":"add_comment","txt":"Đồng ý"})", "/txt",
           "/txt: is not a field of add_comment"},
          {R"({"type":"no_further_comments","reason":"done"})", "/reason",
           "/reason: is not a field of no_further_comments"},
          {R"({"type":"no_further_comments","a/b~c":1})", "/a~1b~0c",
           "/a~1b~0c: is not a field of no_further_comments"},
          {R"({"type":"take_action","action":"issue","actor":1})", "/actor",
           "/actor: is not a field of take_action"},
          {R"({"type":"create_dossier","title":"t","issuer":{"id":50,"code":"UBND","name":"x"},
               "drafting_unit":{"id":1,"code":"SNV"},"bindings":[]})",
           "/issuer/name", "/issuer/name: is not a field of a unit"},
          {R"({"type":"create_dossier","title":"t","issuer":{"id":50,"code":"UBND"},
               "drafting_unit":{"id":1,"code":"SNV"},
               "bindings":[{"role":"drafter","user":1,"unit":10,"admin":true}]})",
           "/bindings/0/admin", "/bindings/0/admin: is not a field of a role binding"},
          {R"({"type":"take_action","action":"open_consultation",
               "inputs":{"invitees":[{"user":2,"unit":20,"role":"chair"}]}})",
           "/inputs/invitees/0/role", "/inputs/invitees/0/role: is not a field of a participant"},
          // Dispositions.
          {R"({"type":"dispose_comment","comment_id":1,"disposition":"maybe"})", "/disposition",
           "/disposition: unknown disposition \"maybe\"; choose accepted, partly_accepted, "
           "not_accepted or noted"},
          {R"({"type":"dispose_comment","comment_id":1,"disposition":"none"})", "/disposition",
           "/disposition: unknown disposition \"none\"; choose accepted, partly_accepted, "
           "not_accepted or noted"},
          {R"({"type":"dispose_comment","comment_id":1,"disposition":"Accepted"})", "/disposition",
           "/disposition: unknown disposition \"Accepted\"; choose accepted, partly_accepted, "
           "not_accepted or noted"},
          // Ids.
          {R"({"type":"unbind_role","role":"delegate","user":0})", "/user",
           "/user: must be a whole number from 1 to 4294967295"},
          {R"({"type":"unbind_role","role":"delegate","user":-2})", "/user",
           "/user: must be a whole number from 1 to 4294967295"},
          {R"({"type":"unbind_role","role":"delegate","user":4294967296})", "/user",
           "/user: must be a whole number from 1 to 4294967295"},
          {R"({"type":"unbind_role","role":"delegate","user":18446744073709551615})", "/user",
           "/user: must be a whole number from 1 to 4294967295"},
          {R"({"type":"unbind_role","role":"delegate","user":2.5})", "/user",
           "/user: must be a whole number"},
          {R"({"type":"unbind_role","role":"delegate","user":2.0})", "/user",
           "/user: must be a whole number"},
          {R"({"type":"unbind_role","role":"delegate","user":"2"})", "/user",
           "/user: must be a whole number"},
          {R"({"type":"add_comment","text":"Đồng ý","reply_to":0})", "/reply_to",
           "/reply_to: must be a whole number from 1 to 4294967295"},
          {R"({"type":"dispose_comment","comment_id":-1,"disposition":"noted"})", "/comment_id",
           "/comment_id: must be a whole number from 1 to 4294967295"},
          {R"({"type":"create_dossier","title":"t","issuer":{"id":0,"code":"UBND"},
               "drafting_unit":{"id":1,"code":"SNV"},"bindings":[]})",
           "/issuer/id", "/issuer/id: must be a whole number from 1 to 4294967295"},
          {R"({"type":"take_action","action":"open_consultation",
               "inputs":{"invitees":[{"user":2,"unit":20},{"user":3,"unit":0}]}})",
           "/inputs/invitees/1/unit",
           "/inputs/invitees/1/unit: must be a whole number from 1 to 4294967295"},
          // Inputs of the wrong JSON type for their declaration.
          {R"({"type":"take_action","action":"open_consultation","inputs":{"meeting":5}})",
           "/inputs/meeting", "/inputs/meeting: must be a string"},
          {R"({"type":"take_action","action":"open_consultation","inputs":{"invitees":"all"}})",
           "/inputs/invitees", "/inputs/invitees: must be an array of participants"},
          {R"({"type":"take_action","action":"open_consultation","inputs":{"invitees":[2,3]}})",
           "/inputs/invitees/0", "/inputs/invitees/0: must be an object"},
          {R"({"type":"take_action","action":"open_consultation","inputs":{"deadline":true}})",
           "/inputs/deadline",
           "/inputs/deadline: must be a time: a string such as \"2024-03-25T17:00\" or whole "
           "seconds"},
          {R"({"type":"take_action","action":"open_consultation","inputs":{"deadline":1.5e9}})",
           "/inputs/deadline",
           "/inputs/deadline: must be a time: a string such as \"2024-03-25T17:00\" or whole "
           "seconds"},
          // Times that are not times.
          {R"({"type":"take_action","action":"open_consultation","inputs":{"deadline":"25/03/2024"}})",
           "/inputs/deadline",
           "/inputs/deadline: must be a date or time such as \"2024-03-25\" or "
           "\"2024-03-25T17:00\" (Vietnam time unless an offset such as \"+07:00\" or \"Z\" "
           "follows)"},
          {R"({"type":"take_action","action":"open_consultation","inputs":{"deadline":"2024-02-30"}})",
           "/inputs/deadline",
           "/inputs/deadline: must be a date or time such as \"2024-03-25\" or "
           "\"2024-03-25T17:00\" (Vietnam time unless an offset such as \"+07:00\" or \"Z\" "
           "follows)"},
          {R"({"type":"take_action","action":"open_consultation",
               "inputs":{"deadline":"2024-03-25T17:00+7"}})",
           "/inputs/deadline",
           "/inputs/deadline: must be a date or time such as \"2024-03-25\" or "
           "\"2024-03-25T17:00\" (Vietnam time unless an offset such as \"+07:00\" or \"Z\" "
           "follows)"},
          {R"({"type":"take_action","action":"open_consultation","inputs":{"deadline":""}})",
           "/inputs/deadline",
           "/inputs/deadline: must be a date or time such as \"2024-03-25\" or "
           "\"2024-03-25T17:00\" (Vietnam time unless an offset such as \"+07:00\" or \"Z\" "
           "follows)"},
          {R"({"type":"take_action","action":"open_consultation","inputs":{"deadline":253402300800}})",
           "/inputs/deadline", "/inputs/deadline: must be a time between the years 1900 and 9999"},
          {R"({"type":"take_action","action":"open_consultation",
               "inputs":{"deadline":-9223372036854775808}})",
           "/inputs/deadline", "/inputs/deadline: must be a time between the years 1900 and 9999"},
          {R"({"type":"take_action","action":"open_consultation",
               "inputs":{"deadline":18446744073709551615}})",
           "/inputs/deadline", "/inputs/deadline: must be a time between the years 1900 and 9999"},
          {R"({"type":"take_action","action":"open_consultation",
               "inputs":{"deadline":"1899-12-31T23:59:59Z"}})",
           "/inputs/deadline", "/inputs/deadline: must be a time between the years 1900 and 9999"},
      },
      &def);
}

TEST_CASE("inputs cannot be read without a definition", "[command_json]") {
  const Error e =
      refused(json::parse(R"({"type":"take_action","action":"withdraw","inputs":{"reason":"x"}})"),
              nullptr);
  CHECK(e.detail == "/inputs");
  CHECK(e.message == "/inputs: cannot be read without the dossier's workflow definition");
}

TEST_CASE("invalid UTF-8 built in code is refused wherever it hides", "[command_json]") {
  const Definition def = load_workflow("plan.json");
  const std::string bad = "\xC3\x28";            // a lead byte without its continuation
  const std::string surrogate = "\xED\xA0\x80";  // U+D800 in UTF-8 form
  auto error_of = [&def](const json& j) { return refused(j, &def); };

  Error e = error_of({{"type", "add_comment"}, {"text", "Đồng ý " + bad}});
  CHECK(e.detail == "/text");
  CHECK(e.message == "/text: is not valid UTF-8");
  e = error_of({{"type", "submit_version"}, {"text", "v"}, {"summary", surrogate}});
  CHECK(e.message == "/summary: is not valid UTF-8");
  e = error_of({{"type", bad}});
  CHECK(e.message == "/type: is not valid UTF-8");
  e = error_of({{"type", "bind_role"}, {"role", bad}, {"user", 2}, {"unit", 20}});
  CHECK(e.message == "/role: is not valid UTF-8");
  e = error_of({{"type", "create_dossier"},
                {"title", "t"},
                {"issuer", {{"id", 50}, {"code", "UB" + bad}}},
                {"drafting_unit", {{"id", 1}, {"code", "SNV"}}},
                {"bindings", json::array()}});
  CHECK(e.detail == "/issuer/code");
  CHECK(e.message == "/issuer/code: is not valid UTF-8");
  e = error_of(
      {{"type", "take_action"}, {"action", "withdraw"}, {"inputs", {{"reason", "Lý do " + bad}}}});
  CHECK(e.message == "/inputs/reason: is not valid UTF-8");
  // A bad name cannot go into the pointer, so the object holding it is named.
  e = error_of({{"type", "no_further_comments"}, {"x" + bad, 1}});
  CHECK(e.detail == "");
  CHECK(e.message == "command: has a field whose name is not valid UTF-8");
  e = error_of({{"type", "take_action"}, {"action", "withdraw"}, {"inputs", {{bad, "x"}}}});
  CHECK(e.detail == "/inputs");
  CHECK(e.message == "/inputs: has an input name that is not valid UTF-8");
}

TEST_CASE("text over the engine's limits is refused at the edge", "[command_json]") {
  const Definition def = load_workflow("plan.json");
  auto create = [](std::string title, json bindings) {
    return json{{"type", "create_dossier"},
                {"title", std::move(title)},
                {"issuer", {{"id", 50}, {"code", "UBND"}}},
                {"drafting_unit", {{"id", 10}, {"code", "SNV"}}},
                {"bindings", std::move(bindings)}};
  };
  auto too_long = [](const char* pointer, size_t size, size_t max) {
    return std::string(pointer) + ": is " + std::to_string(size) + " bytes, more than the " +
           std::to_string(max) + " allowed";
  };

  CHECK_NOTHROW(parsed(create(std::string(kMaxTitleBytes, 'a'), json::array()), &def));
  Error e = refused(create(std::string(kMaxTitleBytes + 1, 'a'), json::array()), &def);
  CHECK(e.detail == "/title");
  CHECK(e.message == too_long("/title", kMaxTitleBytes + 1, kMaxTitleBytes));

  // Bytes are counted, not letters: "ệ" is three.
  const std::string title = std::string(kMaxTitleBytes - 1, 'a') + "\xE1\xBB\x87";
  CHECK(refused(create(title, json::array()), &def).message ==
        too_long("/title", kMaxTitleBytes + 2, kMaxTitleBytes));
  // The limit holds for the composed text: typed decomposed, the same title fits.
  std::string decomposed, composed;
  for (int i = 0; i < 90; ++i) {
    decomposed += kDecomposed;
    composed += kComposed;
  }
  REQUIRE(decomposed.size() > kMaxTitleBytes);
  REQUIRE(composed.size() <= kMaxTitleBytes);
  CHECK(std::get<CreateDossier>(parsed(create(decomposed, json::array()), &def)).title == composed);

  CHECK(refused({{"type", "submit_version"}, {"text", std::string(kMaxDraftBytes + 1, 'x')}}, &def)
            .message == too_long("/text", kMaxDraftBytes + 1, kMaxDraftBytes));
  CHECK(refused({{"type", "submit_version"},
                 {"text", "v"},
                 {"summary", std::string(kMaxTitleBytes + 1, 'x')}},
                &def)
            .message == too_long("/summary", kMaxTitleBytes + 1, kMaxTitleBytes));
  CHECK(refused({{"type", "add_comment"}, {"text", std::string(kMaxCommentBytes + 1, 'x')}}, &def)
            .message == too_long("/text", kMaxCommentBytes + 1, kMaxCommentBytes));
  CHECK(refused({{"type", "dispose_comment"},
                 {"comment_id", 1},
                 {"disposition", "not_accepted"},
                 {"explanation", std::string(kMaxCommentBytes + 1, 'x')}},
                &def)
            .message == too_long("/explanation", kMaxCommentBytes + 1, kMaxCommentBytes));
  CHECK(refused({{"type", "take_action"},
                 {"action", "withdraw"},
                 {"inputs", {{"reason", std::string(kMaxInputTextBytes + 1, 'x')}}}},
                &def)
            .message == too_long("/inputs/reason", kMaxInputTextBytes + 1, kMaxInputTextBytes));
  // Far over the limit, text is refused by its size before it is scanned.
  CHECK(refused({{"type", "add_comment"}, {"text", std::string(4 * kMaxCommentBytes + 1, '\xFF')}},
                &def)
            .message == too_long("/text", 4 * kMaxCommentBytes + 1, kMaxCommentBytes));
  CHECK(
      refused({{"type", "add_comment"}, {"text", std::string(kMaxCommentBytes + 1, '\xFF')}}, &def)
          .message == "/text: is not valid UTF-8");
  // Names are identifiers in a definition; a name of a megabyte is none.
  CHECK(refused({{"type", "take_action"}, {"action", std::string(1000000, 'a')}}, &def).message ==
        too_long("/action", 1000000, 256));

  json people = json::array();
  for (UserId u = 1; u <= kMaxParticipants + 1; ++u)
    people.push_back({{"user", u}, {"unit", 10}});
  CHECK(refused({{"type", "take_action"},
                 {"action", "open_consultation"},
                 {"inputs", {{"invitees", people}}}},
                &def)
            .message == "/inputs/invitees: has 501 entries, more than the 500 allowed");
  json bindings = json::array();
  for (const json& p : people)
    bindings.push_back({{"role", "delegate"}, {"user", p["user"]}, {"unit", p["unit"]}});
  e = refused(create("t", bindings), &def);
  CHECK(e.detail == "/bindings");
  CHECK(e.message == "/bindings: has 501 entries, more than the 500 allowed");
  bindings.erase(bindings.begin());
  CHECK(std::get<CreateDossier>(parsed(create("t", bindings), &def)).bindings.size() ==
        kMaxParticipants);
}

TEST_CASE("every malformed command is refused in Vietnamese as well",
          "[command_json][vietnamese]") {
  const Definition def = load_workflow("plan.json");
  const std::string bad = "\xC3\x28";
  const std::vector<json> malformed = {
      // Wrong types.
      json::array(),
      json(42),
      json(nullptr),
      {{"type", true}},
      {{"type", "add_comment"}, {"text", 3.5}},
      {{"type", "add_comment"}, {"text", json::object()}},
      {{"type", "add_comment"}, {"text", "Đồng ý"}, {"reply_to", "1"}},
      {{"type", "bind_role"}, {"role", 7}, {"user", 2}, {"unit", 20}},
      {{"type", "bind_role"}, {"role", "delegate"}, {"user", -1}, {"unit", 20}},
      {{"type", "dispose_comment"}, {"comment_id", 1}, {"disposition", "tiếp thu"}},
      {{"type", "take_action"}, {"action", "withdraw"}, {"inputs", "lý do"}},
      {{"type", "take_action"}, {"action", "withdraw"}, {"inputs", {{"reason", 5}}}},
      {{"type", "take_action"}, {"action", "open_consultation"}, {"inputs", {{"invitees", 2}}}},
      {{"type", "take_action"},
       {"action", "open_consultation"},
       {"inputs", {{"invitees", {{{"user", 2}}}}}}},
      {{"type", "create_dossier"}, {"title", "t"}, {"issuer", json::array()}},
      // Unknown fields and types.
      {{"type", "remove_dossier"}},
      {{"type", "fire_timer"}, {"timer_id", 1}},
      {{"type", "submit_version"}, {"text", "v"}, {"sumary", "x"}},
      {{"type", "unbind_role"}, {"role", "delegate"}, {"user", 2}, {"unit", 20}},
      {{"type", "add_comment"}, {"text", "x"}, {"x" + bad, 1}},
      // Missing fields.
      json::object(),
      {{"type", "submit_version"}},
      {{"type", "take_action"}, {"inputs", json::object()}},
      {{"type", "create_dossier"},
       {"title", "t"},
       {"issuer", {{"id", 50}, {"code", "UBND"}}},
       {"drafting_unit", {{"code", "SNV"}}},
       {"bindings", json::array()}},
      // Bad times.
      {{"type", "take_action"}, {"action", "open_consultation"}, {"inputs", {{"deadline", "mai"}}}},
      {{"type", "take_action"},
       {"action", "open_consultation"},
       {"inputs", {{"deadline", "2024-13-01"}}}},
      {{"type", "take_action"}, {"action", "open_consultation"}, {"inputs", {{"deadline", 2.5}}}},
      {{"type", "take_action"},
       {"action", "open_consultation"},
       {"inputs", {{"deadline", "10000-01-01"}}}},
      {{"type", "take_action"},
       {"action", "open_consultation"},
       {"inputs", {{"deadline", -2208988801}}}},
      // Invalid UTF-8 and text over the limits.
      {{"type", bad}},
      {{"type", "add_comment"}, {"text", "Ý kiến " + bad}},
      {{"type", "take_action"}, {"action", "withdraw"}, {"inputs", {{"reason", bad}}}},
      {{"type", "take_action"}, {"action", "withdraw"}, {"inputs", {{bad, "x"}}}},
      {{"type", "take_action"}, {"action", "withdraw"}, {"inputs", {{std::string(300, 'r'), "x"}}}},
      {{"type", "add_comment"}, {"text", std::string(kMaxCommentBytes + 1, 'x')}},
  };
  for (const json& j : malformed)
    refused(j, &def);
  // Inputs need the dossier's definition to be read at all.
  refused({{"type", "take_action"}, {"action", "withdraw"}, {"inputs", {{"reason", "x"}}}},
          nullptr);

  CHECK(refused({{"type", "add_comment"}, {"text", 5}}, &def).message_vi ==
        "Trường “/text” phải là chuỗi ký tự");
  CHECK(refused({{"type", "add_comment"}}, &def).message_vi ==
        "Trường “/text” là bắt buộc (chuỗi ký tự)");
  CHECK(refused({{"type", "add_comment"}, {"txt", "Đồng ý"}}, &def).message_vi ==
        "Trường “/txt” không thuộc lệnh “add_comment”");
  CHECK(refused(json::array(), &def).message_vi == "Lệnh phải là một đối tượng JSON");
  CHECK(refused({{"type", "add_comment"}, {"text", bad}}, &def).message_vi ==
        "Trường “/text” không phải là văn bản UTF-8 hợp lệ");
  CHECK(refused({{"type", "unbind_role"}, {"role", "delegate"}, {"user", 0}}, &def).message_vi ==
        "Trường “/user” phải là số nguyên từ 1 đến 4294967295");
  CHECK(refused({{"type", "take_action"},
                 {"action", "open_consultation"},
                 {"inputs", {{"deadline", "25/03/2024"}}}},
                &def)
            .message_vi ==
        "Trường “/inputs/deadline” phải là ngày hoặc thời điểm, ví dụ “2024-03-25” hoặc "
        "“2024-03-25T17:00” (giờ Việt Nam, trừ khi có độ lệch múi giờ như “+07:00” hoặc “Z” "
        "theo sau)");
}
