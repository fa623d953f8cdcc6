// Events to JSON and back: every event type round-trips exactly, the
// canonical bytes are stable, and malformed stored events are refused by field.
#include "engine/event_json.h"

#include <catch2/catch.hpp>
#include <set>

#include "engine/plan_fixture.h"

using namespace planflow;
using namespace planflow::testing;
using nlohmann::json;

namespace {

// A history with every event type: the plan through two rounds, a reminder,
// a deadline, issuance and a change of participants.
std::vector<Event> full_history(const Definition& def) {
  Dossier d(def);
  d.state.id = 7;
  d.ok(kDrafter, plan_dossier());
  d.ok(kDrafter,
       SubmitVersion{blocks_from_text("I. MỤC ĐÍCH\n\"Trích dẫn\" và ký tự đặc biệt \\ / <b>"),
                     "bản đầu"});
  d.ok(
      kDrafter,
      action("open_consultation",
             {InputValue{"invitees", std::vector<Participant>{{kDelegateA, 20}, {kOutsider, 90}}},
              InputValue{"deadline", d.now + 10 * kDay}, text_input("meeting", "Phòng họp số 1")}));
  d.ok(kDelegateA, AddComment{"Điều chỉnh mục tiêu", 0, {}});
  d.ok(kOutsider, AddComment{"Đồng ý", 1, {}});
  d.ok(kOutsider, AddComment{"Đoạn này", 0, {AnchorKind::kPassage, 2, 1, 8, "Trích d"}});
  d.ok(kOutsider, AddComment{"Mục này", 0, {AnchorKind::kBlock, 1, 0, 0, ""}});
  d.ok(kOutsider, EditComment{3, "Đoạn này cần viết lại"});
  d.ok(kOutsider, WithdrawComment{4});
  d.ok(kChair, BindRole{"secretary", {kSecretary, 50}});
  d.ok(kChair, ScheduleMeeting{d.now + kDay, "Phòng họp số 1", kChair});
  d.ok(kSecretary, RecordAttendance{kDelegateA, false});
  d.ok(kChair, OpenMeeting{});
  d.ok(kChair, PresentBlock{2});
  d.ok(kSecretary, AddComment{"Phát biểu tại cuộc họp", 0, {}, kOutsider});
  d.ok(kChair, CloseMeeting{"Thống nhất nội dung."});
  d.ok(kDelegateA, NoFurtherComments{});
  d.now += 9 * kDay;
  d.ok(kSystemUser, FireTimer{d.state.timers.front().id});
  d.now += 2 * kDay;
  d.ok(kSystemUser, FireTimer{d.state.timers.back().id});
  d.ok(kChair,
       action("revise", {text_input("conclusion", "Bổ sung nhiệm vụ."),
                         InputValue{"directives", Directives{{"Điều chỉnh chỉ tiêu", {1}, {1}}}},
                         InputValue{"revision_deadline", d.now + 5 * kDay}}));
  d.ok(kClerk, IssueConclusionNotice{"Hà Giang", "TL. CHỦ TỊCH", "Nguyễn Văn A", "Lưu: VT."});
  d.ok(kDrafter, DisposeComment{1, Disposition::kPartlyAccepted, "Tiếp thu một phần."});
  d.ok(kDrafter, DisposeComment{3, Disposition::kNoted, ""});
  d.ok(kDrafter, DisposeComment{5, Disposition::kAccepted, ""});
  d.ok(kDrafter, SubmitVersion{{heading(1, "I.", "MỤC ĐÍCH"), item("a)", "Ý thứ nhất", 2),
                                table({{"Nhiệm vụ", "Thời hạn"}, {"Rà soát"}})},
                               ""});
  d.ok(kDrafter, MarkDirectiveDone{1, {ids_of(*d.state.last_prints).front()}, "Đã điều chỉnh"});
  d.ok(kDrafter, action("submit_revision"));
  d.ok(kChair, action("approve"));
  d.ok(kClerk, action("issue"));
  d.ok(kSystemUser, SignDocument{kChair, std::string(64, 'a'),
                                 to_hex(signed_content_digest(*signed_content_of(d.state, kChair))),
                                 std::string(128, 'b')});
  d.ok(kChair, BindRole{"implementer", {kOutsider, 90}});
  d.ok(kDrafter, SetCampaign{d.now, d.now + 60 * kDay});
  ImplementationTaskSpec task = sample_task(90, 0);
  task.due = 0;  // the campaign's
  task.target->value.milestones.clear();
  d.ok(kDrafter, AddImplementationTask{task});
  d.now += kDay;
  d.ok(kOutsider, sample_report(1, d.now, 649.5));
  d.now = d.state.timers.front().at;
  d.ok(kSystemUser, FireTimer{d.state.timers.front().id});
  d.ok(kChair, UnbindRole{"implementer", kOutsider});
  return d.history;
}

}  // namespace

TEST_CASE("every event type round-trips through JSON", "[event_json]") {
  const Definition def = load_workflow("plan.json");
  const std::vector<Event> history = full_history(def);
  std::set<std::string> types;
  for (const Event& e : history) {
    const json j = event_to_json(def, e);
    INFO(j.dump());
    types.insert(j["type"].get<std::string>());
    auto back = event_from_json(def, json::parse(j.dump()));
    REQUIRE(back.ok());
    CHECK(back.value() == e);
    CHECK(canonical_event_bytes(def, back.value()) == canonical_event_bytes(def, e));
  }
  CHECK(types.size() == std::variant_size_v<EventBody>);
}

TEST_CASE("canonical bytes: sorted keys, no white space, UTF-8 kept", "[event_json]") {
  const Definition def = load_workflow("plan.json");
  const Event e{1376539200, kDelegateA, CommentAdded{1, 0, "Tăng cường tuyên truyền", 20, {}}};
  CHECK(
      canonical_event_bytes(def, e) ==
      R"({"actor":2,"at":1376539200,"data":{"comment_id":1,"reply_to":0,"text":"Tăng cường tuyên truyền","unit":20},"type":"comment_added"})");
  const Event bad{0, 1, CommentAdded{1, 0, "\xC3\x28", 20, {}}};
  CHECK_THROWS(canonical_event_bytes(def, bad));  // decide() never lets such text in
}

TEST_CASE("a comment on the whole document is stored as before anchors existed",
          "[event_json][anchor]") {
  // So the hashes of comments stored earlier still verify.
  const Definition def = load_workflow("plan.json");
  const Event passage{1376539200, kDelegateA,
                      CommentAdded{2, 0, "Sửa", 20, {AnchorKind::kPassage, 3, 0, 4, "tinh"}}};
  CHECK(
      canonical_event_bytes(def, passage) ==
      R"({"actor":2,"at":1376539200,"data":{"anchor":{"block":3,"end":4,"kind":"passage","quote":"tinh","start":0},"comment_id":2,"reply_to":0,"text":"Sửa","unit":20},"type":"comment_added"})");
  const Event block{1376539200, kDelegateA,
                    CommentAdded{2, 0, "Sửa", 20, {AnchorKind::kBlock, 3, 0, 0, ""}}};
  CHECK(event_to_json(def, block)["data"]["anchor"] == json{{"kind", "block"}, {"block", 3}});
}

TEST_CASE("malformed stored events are refused, naming the field", "[event_json]") {
  const Definition def = load_workflow("plan.json");
  auto error_of = [&def](const std::string& text) {
    auto e = event_from_json(def, json::parse(text));
    REQUIRE_FALSE(e.ok());
    return e.error().message;
  };
  CHECK(error_of("[]") == "/: must be an object");
  CHECK(error_of(R"({"type":"comment_added","at":1,"actor":2})") ==
        "data: is required (an object)");
  CHECK(error_of(R"({"type":"comment_liked","at":1,"actor":2,"data":{}})") ==
        "type: unknown event type \"comment_liked\"");
  CHECK(error_of(R"({"type":"comment_added","at":"yesterday","actor":2,"data":{}})") ==
        "at: must be a whole number");
  CHECK(error_of(R"({"type":"comment_added","at":1,"actor":-2,"data":{}})") ==
        "actor: must be between 0 and 4294967295");
  CHECK(
      error_of(
          R"({"type":"comment_added","at":1,"actor":2,"data":{"comment_id":1,"reply_to":0,"unit":20}})") ==
      "data/text: is required (a string)");
  CHECK(
      error_of(
          R"({"type":"role_bound","at":1,"actor":2,"data":{"role":"auditor","user":3,"unit":4}})") ==
      "data/role: \"auditor\" is not a role of plan");
  CHECK(
      error_of(
          R"({"type":"comment_disposed","at":1,"actor":2,"data":{"comment_id":1,"disposition":"maybe","explanation":""}})") ==
      "data/disposition: unknown disposition \"maybe\"");
  CHECK(
      error_of(
          R"({"type":"action_taken","at":1,"actor":2,"data":{"from":"drafting","action":"approve","to":"issuance"}})") ==
      "data/action: no action \"approve\" in state \"drafting\"");
  CHECK(
      error_of(
          R"({"type":"action_taken","at":1,"actor":2,"data":{"from":"drafting","action":"withdraw","to":"closed"}})") ==
      "data/to: action \"withdraw\" leads to \"withdrawn\", not \"closed\"");
  CHECK(
      error_of(
          R"({"type":"action_taken","at":1,"actor":2,"data":{"from":"drafting","action":"withdraw","to":"withdrawn","inputs":{"why":"x"}}})") ==
      "data/inputs/why: is not an input of withdraw");
  CHECK(
      error_of(
          R"({"type":"action_taken","at":1,"actor":2,"data":{"from":"drafting","action":"open_consultation","to":"consultation","inputs":{"invitees":[{"user":3}]}}})") ==
      "data/inputs/invitees/0/unit: is required (a whole number)");
  CHECK(
      error_of(
          R"({"type":"dossier_created","at":1,"actor":2,"data":{"definition_id":"plan","definition_version":1,"title":"t","document_type":"KH","issuer":{"id":1},"drafting_unit":{"id":2,"code":"NC"}}})") ==
      "data/issuer/code: is required (a string)");
}

TEST_CASE("a version's blocks are stored with their ids, rows only for tables",
          "[event_json][blocks]") {
  const Definition def = load_workflow("plan.json");
  std::vector<Block> blocks = {heading(1, "I.", "MỤC ĐÍCH"), table({{"a", "b"}, {"c"}})};
  blocks[0].id = 1;
  blocks[1].id = 4;
  const VersionSubmitted v{2, "Bổ sung", SharedBlocks(std::move(blocks))};
  const json data = event_data_to_json(def, v);
  CHECK(data == json::parse(R"({"number":2,"summary":"Bổ sung","blocks":[
                 {"id":1,"kind":"heading","level":1,"marker":"I.","text":"MỤC ĐÍCH"},
                 {"id":4,"kind":"table","level":0,"marker":"","text":"","rows":[["a","b"],["c"]]}]})"));
  auto back = event_data_from_json(def, "version_submitted", data);
  REQUIRE(back.ok());
  CHECK(std::get<VersionSubmitted>(back.value()) == v);

  auto error_of = [&def](const char* text) {
    auto e = event_data_from_json(def, "version_submitted", json::parse(text));
    REQUIRE_FALSE(e.ok());
    return e.error().message;
  };
  CHECK(error_of(R"({"number":1,"summary":"","blocks":[{"kind":"heading","level":1,
                    "marker":"","text":"x"}]})") ==
        "data/blocks/0/id: is required (a whole number)");
  CHECK(error_of(R"({"number":1,"summary":"","blocks":[{"id":1,"kind":"list","level":0,
                    "marker":"","text":"x"}]})") ==
        "data/blocks/0/kind: unknown block kind \"list\"");
  CHECK(error_of(R"({"number":1,"summary":"","blocks":[{"id":1,"kind":"table","level":0,
                    "marker":"","text":"","rows":[["a",1]]}]})") ==
        "data/blocks/0/rows/0: must be an array of strings");
  CHECK(error_of(R"({"number":1,"summary":"","blocks":{}})") == "data/blocks: must be an array");
  CHECK(error_of(R"({"number":1,"summary":""})") == "data/text: is required (a string)");
}

TEST_CASE("a version stored before drafts had blocks reads as numbered paragraphs",
          "[event_json][blocks]") {
  const Definition def = load_workflow("plan.json");
  const json stored = json::parse(
      R"({"type":"version_submitted","at":1706115600,"actor":1,
          "data":{"number":1,"summary":"v1","text":"I. MỤC ĐÍCH\n\n  1. Nội dung  \n"}})");
  auto e = event_from_json(def, stored);
  REQUIRE(e.ok());
  const auto& v = std::get<VersionSubmitted>(e.value().body);
  REQUIRE(v.blocks->size() == 2);
  CHECK((*v.blocks)[0] == Block{1, BlockKind::kParagraph, 0, "", "I. MỤC ĐÍCH", {}});
  CHECK((*v.blocks)[1] == Block{2, BlockKind::kParagraph, 0, "", "1. Nội dung", {}});
  // Written back, it takes the new form; the hash chain covers the stored one.
  CHECK(event_to_json(def, e.value())["data"].contains("blocks"));
  CHECK(
      canonical_event_bytes("version_submitted", 1706115600, 1, stored["data"]) ==
      R"({"actor":1,"at":1706115600,"data":{"number":1,"summary":"v1","text":"I. MỤC ĐÍCH\n\n  1. Nội dung  \n"},"type":"version_submitted"})");
  CHECK(canonical_event_bytes("version_submitted", 1706115600, 1,
                              event_data_to_json(def, e.value().body)) ==
        canonical_event_bytes(def, e.value()));

  // A dossier whose versions were stored so replays, and its next version's
  // ids follow on from them.
  Dossier d(def);
  d.ok(kDrafter, plan_dossier());
  std::vector<Event> history = d.history;
  for (const char* text : {R"({"number":1,"summary":"","text":"Một\nHai\nBa"})",
                           R"({"number":2,"summary":"","text":"Hai\nBa"})"}) {
    auto body = event_data_from_json(def, "version_submitted", json::parse(text));
    REQUIRE(body.ok());
    history.push_back(Event{d.now, kDrafter, body.value()});
  }
  auto replayed = replay(def, history);
  REQUIRE(replayed.ok());
  CHECK(ids_of(*replayed.value().last_prints) == std::vector<std::uint32_t>{1, 2});
  CHECK(replayed.value().next_block_id == 4);
  d.state = replayed.value();
  d.ok(kDrafter, SubmitVersion{blocks_from_text("Hai\nBa\nBốn"), ""});
  CHECK(ids_of(std::get<VersionSubmitted>(d.history.back().body).blocks) ==
        std::vector<std::uint32_t>{1, 2, 4});
}
