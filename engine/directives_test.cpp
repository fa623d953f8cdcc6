// The chairperson's conclusion with numbered directives: sending the draft
// back with them, the drafting unit marking each done in the revised
// version, the guards holding the revision and the approval back until they
// are, and the conclusion issued as a notice numbered from the register.
#include "engine/directives.h"

#include <catch2/catch.hpp>
#include <functional>

#include "engine/command_json.h"
#include "engine/event_json.h"
#include "engine/guards.h"
#include "engine/plan_fixture.h"

using namespace planflow;
using namespace planflow::testing;
using nlohmann::json;

namespace {

InputValue directives_input(Directives list) {
  return InputValue{"directives", std::move(list)};
}

// v1 holds blocks 1 ("I. MỤC ĐÍCH, YÊU CẦU") and 2; delegate A commented (comment 1).
void to_conclusion(Dossier& d, bool second_comment = false) {
  open_consultation(d);
  d.ok(kDelegateA, AddComment{"Chỉ tiêu chưa sát thực tế.", 0, {}});
  if (second_comment) d.ok(kDelegateB, AddComment{"Ý kiến thêm.", 0, {}});
  close_consultation(d);
  REQUIRE(d.state_id() == "conclusion");
}

Directives two_directives() {
  return {{"Điều chỉnh lại các chỉ tiêu", {2}, {1}},
          {"Bổ sung nhiệm vụ phân loại chất lượng công chức", {1}, {}}};
}

void send_back(Dossier& d, Directives list = two_directives()) {
  d.ok(kChair, action("revise", {text_input("conclusion", "Cơ bản thống nhất với dự thảo."),
                                 directives_input(std::move(list)),
                                 InputValue{"revision_deadline", d.now + 7 * kDay}}));
  REQUIRE(d.state_id() == "revision");
}

// The revised draft: block 2 changed, a new block 3 added.
void revise_draft(Dossier& d) {
  d.ok(kDrafter, DisposeComment{1, Disposition::kAccepted, ""});
  d.ok(kDrafter, SubmitVersion{blocks_from_text("I. MỤC ĐÍCH, YÊU CẦU\n1. Xây dựng nền công vụ "
                                                "chuyên nghiệp, 95 % công chức đạt chuẩn.\n"
                                                "2. Phân loại chất lượng công chức hằng năm."),
                               "Tiếp thu kết luận"});
}

}  // namespace

TEST_CASE("a conclusion's directives are marked done before the revision goes back",
          "[directives][plan]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  to_conclusion(d);
  const Time concluded_at = d.now;
  send_back(d);
  CHECK(d.state.directives_done == std::vector<bool>{false, false});
  CHECK(d.state.directives_version == 1);
  // The chair's deadline is when the drafting unit's revision is due.
  REQUIRE(d.state.tasks.size() == 1);
  CHECK(d.state.tasks[0].due_at == concluded_at + 7 * kDay);

  revise_draft(d);
  CHECK(ids_of(*d.state.last_prints) == std::vector<std::uint32_t>{1, 2, 3});
  const Error early = d.refused(kDrafter, action("submit_revision"), ErrorCode::kGuardFailed);
  CHECK(early.detail == "all_directives_done");
  CHECK(early.message_vi ==
        "Còn 2 chỉ đạo trong kết luận chưa được đánh dấu đã thực hiện (số 1, 2)");
  CHECK(guard_failure(d.state, Guard::kAllDirectivesDone, d.now).en ==
        "2 directives of the conclusion not marked done (1, 2)");

  CHECK(may_mark_directives(d.state, kDrafter));
  CHECK_FALSE(may_mark_directives(d.state, kChair));
  d.ok(kDrafter, MarkDirectiveDone{1, {2}, "Điều chỉnh chỉ tiêu xuống 95 %."});
  const Error one_left = d.refused(kDrafter, action("consult_again"), ErrorCode::kGuardFailed);
  CHECK(one_left.message_vi ==
        "Còn 1 chỉ đạo trong kết luận chưa được đánh dấu đã thực hiện (số 2)");
  d.ok(kDrafter, MarkDirectiveDone{2, {3}, ""});
  // Marking again replaces the pointer; the directive stays done.
  d.ok(kDrafter, MarkDirectiveDone{2, {2, 3}, "Bổ sung mục 2."});
  CHECK(d.state.directives_done == std::vector<bool>{true, true});
  d.ok(kDrafter, action("submit_revision"));
  d.ok(kChair, action("approve"));
  CHECK(d.state_id() == "issuance");

  auto replayed = replay(def, d.history);
  REQUIRE(replayed.ok());
  CHECK(replayed.value() == d.state);
  // Every event, directives and all, reads back from its JSON unchanged.
  for (const Event& e : d.history) {
    auto back = event_from_json(def, json::parse(event_to_json(def, e).dump()));
    INFO(event_to_json(def, e).dump());
    REQUIRE(back.ok());
    CHECK(back.value() == e);
  }
}

TEST_CASE("a later conclusion replaces the directives; one without any clears them",
          "[directives][plan]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  to_conclusion(d);
  send_back(d);
  revise_draft(d);
  d.ok(kDrafter, MarkDirectiveDone{1, {2}, "Đã điều chỉnh."});
  d.ok(kDrafter, MarkDirectiveDone{2, {3}, "Đã bổ sung."});
  d.ok(kDrafter, action("submit_revision"));
  d.ok(kChair, action("revise", {text_input("conclusion", "Hoàn thiện thêm.")}));
  CHECK(d.state.directives_done.empty());
  CHECK(d.state.directives_version == 2);
  d.refused(kDrafter, MarkDirectiveDone{1, {1}, "x"}, ErrorCode::kNotAllowedInState);
  d.ok(kDrafter, SubmitVersion{blocks_from_text("Bản hoàn thiện"), ""});
  d.ok(kDrafter, action("submit_revision"));
  d.ok(kChair, action("revise", {text_input("conclusion", "Sửa lần 3."),
                                 directives_input({{"Rà soát lại toàn bộ", {}, {}}})}));
  CHECK(d.state.directives_done == std::vector<bool>{false});
  CHECK(d.state.directives_version == 3);
}

TEST_CASE("directives are refused when they point nowhere, say nothing or are too many",
          "[directives][errors]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  to_conclusion(d, true);
  auto revise = [&](Directives list) {
    return action("revise",
                  {text_input("conclusion", "Kết luận."), directives_input(std::move(list))});
  };
  Error e = d.refused(kChair, revise({{"Sửa mục 9", {9}, {}}}), ErrorCode::kNotFound);
  CHECK(e.detail == "inputs/directives/0/blocks/0");
  CHECK(e.message_vi == "Phiên bản dự thảo mới nhất (v1) không có khối nội dung số 9");
  e = d.refused(kChair, revise({{"Một", {1}, {}}, {"Hai", {}, {7}}}), ErrorCode::kNotFound);
  CHECK(e.detail == "inputs/directives/1/comments/0");
  CHECK(e.message_vi == "Không tìm thấy ý kiến số 7");
  e = d.refused(kChair, revise({{"  ", {1}, {}}}), ErrorCode::kInvalidArgument);
  CHECK(e.detail == "inputs/directives/0/text");
  CHECK(e.message_vi == "Trường “Chỉ đạo số 1” không được để trống");
  e = d.refused(kChair, revise({{std::string(kMaxDirectiveBytes + 1, 'a'), {}, {}}}),
                ErrorCode::kInvalidArgument);
  CHECK(e.message.find("more than the 4000 allowed") != std::string::npos);
  e = d.refused(kChair, revise({{"Một", {1, 1}, {}}}), ErrorCode::kInvalidArgument);
  CHECK(e.message_vi == "Khối nội dung số 1 được chọn hai lần");
  e = d.refused(kChair, revise(Directives(kMaxDirectives + 1, Directive{"Một", {}, {}})),
                ErrorCode::kInvalidArgument);
  CHECK(e.message_vi == "Kết luận có 51 chỉ đạo, vượt quá giới hạn 50 chỉ đạo cho phép");
  e = d.refused(kChair,
                revise({{"Một", std::vector<std::uint32_t>(kMaxDirectivePointers + 1, 1), {}}}),
                ErrorCode::kInvalidArgument);
  CHECK(e.detail == "inputs/directives/0/blocks");
  // A withdrawn comment asks nothing of anyone.
  d.state.comments[1].withdrawn = true;
  e = d.refused(kChair, revise({{"Một", {}, {2}}}), ErrorCode::kInvalidState);
  CHECK(e.message_vi == "Ý kiến số 2 đã được rút");
  d.state.comments[1].withdrawn = false;
  // Text where directives belong, and a deadline already past.
  e = d.refused(kChair,
                action("revise", {text_input("conclusion", "K"), text_input("directives", "x")}),
                ErrorCode::kInvalidArgument);
  CHECK(e.message_vi == "Trường “Các nội dung chỉ đạo” phải là danh sách các chỉ đạo");
  e = d.refused(kChair,
                action("revise", {text_input("conclusion", "K"),
                                  InputValue{"revision_deadline", d.now - kDay}}),
                ErrorCode::kInvalidArgument);
  CHECK(e.detail == "inputs/revision_deadline");
  CHECK(e.message_vi.rfind("Trường “Hạn hoàn thiện dự thảo” phải là một thời điểm trong tương lai",
                           0) == 0);
}

TEST_CASE("marking a directive done is the drafting unit's, in the revised version",
          "[directives][errors]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  to_conclusion(d);
  d.refused(kDrafter, MarkDirectiveDone{1, {1}, "x"}, ErrorCode::kNotAllowedInState);
  send_back(d);
  Error e = d.refused(kChair, MarkDirectiveDone{1, {1}, "x"}, ErrorCode::kForbiddenRole);
  CHECK(e.message_vi ==
        "Chỉ cơ quan, người được gửi phiên bản dự thảo mới ở bước “Tiếp thu, giải trình” được "
        "đánh dấu chỉ đạo đã thực hiện");
  e = d.refused(kDrafter, MarkDirectiveDone{1, {1}, "x"}, ErrorCode::kInvalidState);
  CHECK(e.message_vi ==
        "Vui lòng gửi phiên bản dự thảo đã chỉnh sửa trước: phiên bản mới nhất vẫn là v1, phiên "
        "bản đã được kết luận");
  revise_draft(d);
  e = d.refused(kDrafter, MarkDirectiveDone{3, {1}, "x"}, ErrorCode::kNotFound);
  CHECK(e.message_vi == "Kết luận không có chỉ đạo số 3 (từ 1 đến 2)");
  d.refused(kDrafter, MarkDirectiveDone{0, {1}, "x"}, ErrorCode::kNotFound);
  e = d.refused(kDrafter, MarkDirectiveDone{1, {4}, "x"}, ErrorCode::kNotFound);
  CHECK(e.detail == "blocks/0");
  CHECK(e.message_vi == "Phiên bản dự thảo mới nhất (v2) không có khối nội dung số 4");
  e = d.refused(kDrafter, MarkDirectiveDone{1, {}, "  "}, ErrorCode::kInvalidArgument);
  CHECK(e.message_vi ==
        "Vui lòng chọn khối nội dung đã chỉnh sửa hoặc ghi rõ cách thực hiện chỉ "
        "đạo");
  e = d.refused(kDrafter, MarkDirectiveDone{1, {}, std::string(kMaxDirectiveNoteBytes + 1, 'a')},
                ErrorCode::kInvalidArgument);
  CHECK(e.detail == "note");
  // A removal leaves no block to point at: the note says it.
  d.ok(kDrafter, MarkDirectiveDone{1, {}, "Bỏ chỉ tiêu không khả thi."});
}

TEST_CASE("evolve refuses directive events that decide() could not have made",
          "[directives][evolve]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  to_conclusion(d);
  DossierState s = d.state;
  CHECK_FALSE(evolve(s, Event{d.now, kDrafter, DirectiveDone{1, {1}, "x"}}).ok());
  CHECK_FALSE(evolve(s, Event{d.now, kClerk, ConclusionNoticeIssued{}}).ok());
  send_back(d);
  s = d.state;
  CHECK_FALSE(evolve(s, Event{d.now, kDrafter, DirectiveDone{3, {1}, "x"}}).ok());
  CHECK_FALSE(evolve(s, Event{d.now, kChair, DirectiveDone{1, {1}, "x"}}).ok());
  CHECK(s == d.state);
}

TEST_CASE("approval waits for every directive of the conclusion", "[directives][guards]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  to_conclusion(d);
  send_back(d);
  revise_draft(d);
  d.ok(kDrafter, MarkDirectiveDone{1, {2}, "Đã điều chỉnh."});
  d.ok(kDrafter, MarkDirectiveDone{2, {3}, "Đã bổ sung."});
  d.ok(kDrafter, action("submit_revision"));
  // A history where a directive is still open at the conclusion, as a
  // workflow without the revision's guard would leave it.
  d.state.directives_done[1] = false;
  CHECK_FALSE(guard_holds(d.state, Guard::kAllDirectivesDone, d.now));
  const Error e = d.refused(kChair, action("approve"), ErrorCode::kGuardFailed);
  CHECK(e.detail == "all_directives_done");
  CHECK(e.message == "all_directives_done: 1 directive of the conclusion not marked done (2)");
  d.state.directives_done[1] = true;
  d.ok(kChair, action("approve"));
}

TEST_CASE("the conclusion is issued as a TB notice with a number of its own",
          "[directives][notice]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  to_conclusion(d);
  const IssueConclusionNotice notice{"Hà Giang", "TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG", "Nguyễn Văn A",
                                     "- Sở Nội vụ;\n- Lưu: VT."};
  Error e = d.refused(kClerk, notice, ErrorCode::kNotAllowedInState);
  CHECK(e.message_vi == "Không thể ban hành thông báo kết luận ở bước “Kết luận”");
  send_back(d);
  e = d.refused(kDrafter, notice, ErrorCode::kForbiddenRole);
  CHECK(e.message_vi == "Chỉ Chủ tọa hoặc Văn thư được ban hành thông báo kết luận");
  CHECK_FALSE(may_issue_conclusion_notice(d.state, kDrafter));
  CHECK(may_issue_conclusion_notice(d.state, kClerk));
  e = d.refused(kClerk, IssueConclusionNotice{std::string(kMaxTitleBytes + 1, 'a'), "", "", ""},
                ErrorCode::kInvalidArgument);
  CHECK(e.detail == "place");
  {
    std::vector<Event> out;
    const Status none = decide(d.state, Command(notice), Actor{kClerk, 0, false}, d.now, &out);
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().message_vi == "Không có sổ đăng ký văn bản để cấp số, ký hiệu");
  }
  d.numbers.set_last(50, "TB", 2024, 14);
  d.ok(kClerk, notice);
  const auto& issued = std::get<ConclusionNoticeIssued>(d.history.back().body);
  CHECK(issued.issued.symbol == "15/TB-UBND");
  CHECK(issued.issued.series == "TB");
  CHECK(issued.issued.number == 15);
  CHECK(issued.place == "Hà Giang");
  CHECK_FALSE(d.state.issued.has_value());  // the plan's own number is still to come
  e = d.refused(kChair, notice, ErrorCode::kInvalidState);
  CHECK(e.message_vi == "Thông báo kết luận đã được ban hành");
  CHECK_FALSE(may_issue_conclusion_notice(d.state, kClerk));

  auto replayed = replay(def, d.history);
  REQUIRE(replayed.ok());
  CHECK(replayed.value() == d.state);
  const Event& last = d.history.back();
  auto back = event_from_json(def, json::parse(event_to_json(def, last).dump()));
  REQUIRE(back.ok());
  CHECK(back.value() == last);
}

TEST_CASE("directives and the new commands read from clients' JSON", "[directives][json]") {
  const Definition def = load_workflow("plan.json");
  const json revise = {
      {"type", "take_action"},
      {"action", "revise"},
      {"inputs",
       {{"conclusion", "Kết luận"},
        {"directives",
         {{{"text", "Điều chỉnh lại các chỉ tiêu"}, {"blocks", {2, 5}}, {"comments", {1}}},
          {{"text", "Bổ sung nhiệm vụ"}}}},
        {"revision_deadline", "2024-03-25T17:00"}}}};
  auto c = command_from_json(revise, &def);
  REQUIRE(c.ok());
  const auto& a = std::get<TakeAction>(c.value());
  const InputValue* list = nullptr;
  for (const InputValue& in : a.inputs)
    if (in.name == "directives") list = &in;
  REQUIRE(list);
  CHECK(std::get<Directives>(list->value) ==
        Directives{{"Điều chỉnh lại các chỉ tiêu", {2, 5}, {1}}, {"Bổ sung nhiệm vụ", {}, {}}});
  auto back = command_from_json(json::parse(command_to_json(c.value()).dump()), &def);
  REQUIRE(back.ok());
  CHECK(back.value() == c.value());

  const json mark = {
      {"type", "mark_directive_done"}, {"directive", 2}, {"blocks", {3}}, {"note", "Đã bổ sung"}};
  auto m = command_from_json(mark, &def);
  REQUIRE(m.ok());
  CHECK(std::get<MarkDirectiveDone>(m.value()) == MarkDirectiveDone{2, {3}, "Đã bổ sung"});
  CHECK(command_to_json(m.value()) == mark);
  const json notice = {{"type", "issue_conclusion_notice"}, {"place", "Hà Giang"}};
  auto n = command_from_json(notice, &def);
  REQUIRE(n.ok());
  CHECK(command_to_json(n.value()) == notice);

  struct Case {
    json command;
    std::string pointer;
  };
  auto with_directives = [&](json value) {
    json j = revise;
    j["inputs"]["directives"] = std::move(value);
    return j;
  };
  const std::vector<Case> cases = {
      {with_directives("Sửa"), "/inputs/directives"},
      {with_directives({"Sửa"}), "/inputs/directives/0"},
      {with_directives({{{"blocks", {1}}}}), "/inputs/directives/0/text"},
      {with_directives({{{"text", "a"}, {"owner", 1}}}), "/inputs/directives/0/owner"},
      {with_directives({{{"text", "a"}, {"blocks", {0}}}}), "/inputs/directives/0/blocks/0"},
      {with_directives({{{"text", "a"}, {"comments", "1"}}}), "/inputs/directives/0/comments"},
      {with_directives(json(std::vector<json>(kMaxDirectives + 1, {{"text", "a"}}))),
       "/inputs/directives"},
      {{{"type", "mark_directive_done"}, {"blocks", {1}}}, "/directive"},
      {{{"type", "mark_directive_done"}, {"directive", -1}}, "/directive"},
      {{{"type", "mark_directive_done"}, {"directive", 1}, {"blocks", {"a"}}}, "/blocks/0"},
      {{{"type", "mark_directive_done"}, {"directive", 1}, {"by", 1}}, "/by"},
      {{{"type", "issue_conclusion_notice"}, {"place", 5}}, "/place"},
      {{{"type", "issue_conclusion_notice"}, {"number", 15}}, "/number"},
  };
  for (const Case& k : cases) {
    INFO(k.command.dump());
    auto refused = command_from_json(k.command, &def);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().detail == k.pointer);
    CHECK_FALSE(refused.error().message_vi.empty());
  }
}

TEST_CASE("definitions declare directives and the conclusion notice soundly",
          "[directives][definition]") {
  using J = nlohmann::ordered_json;
  auto problems = [](const std::function<void(J&)>& change) {
    J doc = J::parse(read_source_file("workflows/plan.json"));
    change(doc);
    auto def = load_definition(doc.dump());
    std::vector<std::string> out;
    if (!def.ok())
      for (const auto& p : def.error())
        out.push_back(p.pointer + ": " + p.message);
    return out;
  };
  const Definition def = load_workflow("plan.json");
  const StateDef& revision = def.states[*def.state_index("revision")];
  REQUIRE(revision.conclusion_notice.has_value());
  CHECK(revision.conclusion_notice->symbol == "{number}/TB-{issuer}");
  CHECK(problems([](J&) {}).empty());
  CHECK(problems([](J& d) {
          d["states"]["revision"]["conclusion_notice"]["symbol"] = "TB-{issuer}";
        }) == std::vector<std::string>{"/states/revision/conclusion_notice/symbol: a symbol must "
                                       "contain {number} exactly once, e.g. \"{number}/QĐ-UBND\""});
  CHECK(problems([](J& d) {
          d["states"]["revision"]["conclusion_notice"]["roles"] = {"boss"};
        }).size() == 1);
  const auto unknown =
      problems([](J& d) { d["states"]["revision"]["conclusion_notice"]["when"] = 1; });
  REQUIRE(unknown.size() == 1);
  CHECK(unknown[0].rfind("/states/revision/conclusion_notice/when: unknown key \"when\"", 0) == 0);
  CHECK(problems([](J& d) {
          d["states"]["conclusion"]["transitions"][0]["inputs"]["revision_deadline"]["type"] =
              "text";
        }) == std::vector<std::string>{"/states/conclusion/transitions/0/inputs/revision_deadline/"
                                       "type: \"revision_deadline\" must have type \"time\""});
  CHECK(problems([](J& d) {
          d["states"]["conclusion"]["transitions"][0]["inputs"]["more"] = {{"type", "directives"}};
        }) == std::vector<std::string>{"/states/conclusion/transitions/0/inputs/more: an action "
                                       "takes at most one input of type \"directives\""});
}
