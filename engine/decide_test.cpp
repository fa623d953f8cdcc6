// decide() and evolve() on the shipped plan process: the whole path of the
// seeds, each guard both ways, and every kind of refusal.
#include "engine/decide.h"

#include <catch2/catch.hpp>

#include "engine/guards.h"
#include "engine/plan_fixture.h"

using namespace planflow;
using namespace planflow::testing;

TEST_CASE("a plan goes from draft to issued number and closes", "[decide][plan]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  open_consultation(d);
  CHECK(d.state_id() == "consultation");
  REQUIRE(d.state.invitees.size() == 3);

  d.ok(kDelegateA, AddComment{"Cần điều chỉnh mục tiêu sát thực tiễn.", 0, {}});
  d.ok(kDelegateB, AddComment{"Bổ sung nhiệm vụ phân loại chất lượng cán bộ.", 0, {}});
  d.ok(kDrafter, AddComment{"Xin tiếp thu.", 1, {}});  // a reply needs no disposition
  d.ok(kDelegateA, NoFurtherComments{});
  d.ok(kDelegateB, NoFurtherComments{});
  d.ok(kChair, action("close_consultation"));
  CHECK(d.state_id() == "conclusion");

  d.ok(kChair, action("revise", {text_input("conclusion",
                                            "Điều chỉnh mục tiêu; bổ sung thi tuyển lãnh đạo.")}));
  CHECK(d.state_id() == "revision");
  d.ok(kDrafter, DisposeComment{1, Disposition::kAccepted, ""});
  d.ok(kDrafter, DisposeComment{2, Disposition::kPartlyAccepted, "Đưa vào nhiệm vụ năm 2014."});
  d.ok(kDrafter,
       SubmitVersion{blocks_from_text("I. MỤC ĐÍCH (đã tiếp thu)"), "Tiếp thu ý kiến đại biểu"});
  d.ok(kDrafter, action("submit_revision"));
  CHECK(d.state_id() == "conclusion");

  d.ok(kChair, action("approve"));
  CHECK(d.state_id() == "issuance");
  d.numbers.set_last(50, "QĐ", 2024, 2300);
  d.numbers.set_last(50, "KH", 2024, 19);
  d.ok(kClerk, action("issue"));
  CHECK(d.state_id() == "implementation");
  REQUIRE(d.state.issued.has_value());
  CHECK(d.state.issued->symbol == "20/KH-UBND");
  CHECK(d.state.issued->number == 20);
  CHECK(d.state.issued->year == 2024);
  CHECK(d.state.frozen);
  // The issued text cannot change any more.
  d.refused(kDrafter, SubmitVersion{blocks_from_text("sửa sau ban hành"), ""},
            ErrorCode::kInvalidState);

  d.ok(kMonitor, action("close", {text_input("summary", "Hoàn thành 100 %.")}));
  CHECK(d.state_id() == "closed");
  CHECK(d.state.current().final);
  CHECK(d.state.tasks.empty());
  CHECK(d.state.timers.empty());

  auto replayed = replay(def, d.history);
  REQUIRE(replayed.ok());
  CHECK(replayed.value() == d.state);
}

TEST_CASE("numbers take a leading zero below 10 and restart each calendar year", "[decide][plan]") {
  const Definition def = load_workflow("plan.json");
  // 31/12/2013 20:00 UTC is already 1/1/2014 03:00 in Vietnam.
  Dossier d(def, from_vietnam_time({2014, 1, 1, 3, 0, 0}));
  d.numbers.set_last(50, "QĐ", 2013, 2301);
  d.ok(kDrafter, plan_dossier("QĐ"));
  d.ok(kDrafter, SubmitVersion{blocks_from_text("Nội dung"), ""});
  d.ok(kDrafter, action("open_consultation"));
  for (UserId u : {kDelegateA, kDelegateB, kDelegateC})
    d.ok(u, NoFurtherComments{});
  d.ok(kChair, action("close_consultation"));
  d.ok(kChair, action("approve"));
  d.ok(kClerk, action("issue"));
  REQUIRE(d.state.issued.has_value());
  CHECK(d.state.issued->symbol == "01/QĐ-UBND");
  CHECK(d.state.issued->series == "QĐ");
  CHECK(d.state.issued->year == 2014);
}

TEST_CASE("has_draft_version holds only after a version", "[decide][guards]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  d.ok(kDrafter, plan_dossier());
  const Error e = d.refused(kDrafter, action("open_consultation"), ErrorCode::kGuardFailed);
  CHECK(e.detail == "has_draft_version");
  CHECK(e.message == "has_draft_version: no draft version has been submitted yet");
  d.ok(kDrafter, SubmitVersion{blocks_from_text("Dự thảo"), ""});
  d.ok(kDrafter, action("open_consultation"));
}

TEST_CASE("quorum_met follows the two-thirds rule at its boundary", "[decide][guards][quorum]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  open_consultation(d);
  d.ok(kDelegateA, NoFurtherComments{});
  const Error e = d.refused(kDrafter, action("close_consultation"), ErrorCode::kGuardFailed);
  CHECK(e.detail == "quorum_met");
  CHECK(e.message == "quorum_met: quorum not met: 1 of 3 invitees have responded, 2 needed");
  d.refused(kDelegateA, NoFurtherComments{}, ErrorCode::kInvalidState);
  d.ok(kDelegateC, NoFurtherComments{});
  CHECK(d.state.quorum_met());
  d.ok(kDrafter, action("close_consultation"));
}

TEST_CASE("new_version_in_state needs a version in this very step", "[decide][guards]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  open_consultation(d);
  close_consultation(d);
  d.ok(kChair, action("revise", {text_input("conclusion", "Chỉnh sửa.")}));
  // The version from drafting does not count as the revision.
  Error e = d.refused(kDrafter, action("submit_revision"), ErrorCode::kGuardFailed);
  CHECK(e.detail == "new_version_in_state");
  d.ok(kDrafter, SubmitVersion{blocks_from_text("v2"), ""});
  CHECK(d.state.versions == 2);
  d.ok(kDrafter, action("submit_revision"));
  // Back in revision a second time: again a new version is needed.
  d.ok(kChair, action("revise", {text_input("conclusion", "Chỉnh sửa lần nữa.")}));
  e = d.refused(kDrafter, action("consult_again"), ErrorCode::kGuardFailed);
  CHECK(e.detail == "new_version_in_state");
}

TEST_CASE("a draft's blocks get ids that carry over from version to version", "[decide][blocks]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  d.ok(kDrafter, plan_dossier());
  const std::string goal = "Nâng cao chất lượng đội ngũ cán bộ, công chức cấp xã";
  d.ok(kDrafter, SubmitVersion{{heading(1, "I.", "MỤC ĐÍCH, YÊU CẦU"), para(goal),
                                table({{"Nhiệm vụ", "Thời hạn"}, {"Rà soát", "2014"}})},
                               "v1"});
  const auto& v1 = std::get<VersionSubmitted>(d.history.back().body);
  CHECK(v1.number == 1);
  CHECK(v1.summary == "v1");
  CHECK(ids_of(v1.blocks) == std::vector<std::uint32_t>{1, 2, 3});
  CHECK(d.state.last_prints == v1.blocks.prints());
  CHECK(*d.state.last_prints == BlockPrints(*v1.blocks));
  CHECK(d.state.next_block_id == 4);

  // A paragraph inserted, the goal edited by a word: the goal keeps its id.
  d.ok(kDrafter, SubmitVersion{{heading(1, "I.", "MỤC ĐÍCH, YÊU CẦU"),
                                para("Căn cứ Nghị quyết số 30c."), para(goal + " và cấp huyện"),
                                table({{"Nhiệm vụ", "Thời hạn"}, {"Rà soát", "2014"}})},
                               ""});
  CHECK(ids_of(std::get<VersionSubmitted>(d.history.back().body).blocks) ==
        std::vector<std::uint32_t>{1, 4, 2, 3});
  // The inserted paragraph deleted, a new one added: its id is not given again.
  d.ok(kDrafter, SubmitVersion{{heading(1, "I.", "MỤC ĐÍCH, YÊU CẦU"), para(goal + " và cấp huyện"),
                                table({{"Nhiệm vụ", "Thời hạn"}, {"Rà soát", "2014"}}),
                                item("1.", "Tổ chức thực hiện")},
                               ""});
  CHECK(ids_of(std::get<VersionSubmitted>(d.history.back().body).blocks) ==
        std::vector<std::uint32_t>{1, 2, 3, 5});
  CHECK(d.state.versions == 3);
  CHECK(d.state.next_block_id == 6);

  // The ids are in the events: replaying them gives the same state.
  auto replayed = replay(def, d.history);
  REQUIRE(replayed.ok());
  CHECK(replayed.value() == d.state);
  CHECK(*replayed.value().last_prints == *d.state.last_prints);
}

TEST_CASE("an empty, oversized or misshapen draft is refused in both languages",
          "[decide][blocks][vietnamese]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  d.ok(kDrafter, plan_dossier());
  for (const std::vector<Block>& blank :
       {std::vector<Block>{}, std::vector<Block>{para(" \n "), table({{"", "\xC2\xA0"}})}}) {
    const Error e = d.refused(kDrafter, SubmitVersion{blank, ""}, ErrorCode::kInvalidArgument);
    CHECK(e.detail == "blocks");
    CHECK(e.message == "blocks: must not be empty");
    CHECK(e.message_vi == "Trường “Nội dung dự thảo” không được để trống");
  }

  const std::string half(kMaxDraftBytes / 2, 'a');
  Error e = d.refused(kDrafter, SubmitVersion{{para(half), table({{half, "b"}})}, ""},
                      ErrorCode::kInvalidArgument);
  CHECK(e.detail == "blocks");
  CHECK(e.message == "blocks: is 2000001 bytes, more than the 2000000 allowed");
  CHECK(e.message_vi ==
        "Trường “Nội dung dự thảo” dài 2000001 byte, vượt quá giới hạn 2000000 byte cho phép");
  d.ok(kDrafter, SubmitVersion{{para(half), table({{half}})}, ""});  // exactly the limit

  e = d.refused(kDrafter, SubmitVersion{std::vector<Block>(kMaxBlocks + 1, para("x")), ""},
                ErrorCode::kInvalidArgument);
  CHECK(e.message == "blocks: has 10001 blocks, more than the 10000 allowed");
  CHECK(e.message_vi ==
        "Trường “Nội dung dự thảo” có 10001 khối nội dung, vượt quá giới hạn 10000 khối cho phép");

  e = d.refused(kDrafter, SubmitVersion{{para("x"), heading(0, "I.", "MỤC ĐÍCH")}, ""},
                ErrorCode::kInvalidArgument);
  CHECK(e.detail == "blocks/1/level");
  CHECK(e.message == "blocks/1/level: must be from 1 to 3 for a heading");
  CHECK(e.message_vi == "Trường “blocks/1/level” phải từ 1 đến 3 đối với đề mục");
  Block captioned = table({{"a"}});
  captioned.text = "Bảng 1";
  e = d.refused(kDrafter, SubmitVersion{{captioned}, ""}, ErrorCode::kInvalidArgument);
  CHECK(e.detail == "blocks/0/text");
  CHECK(e.message_vi ==
        "Trường “blocks/0/text” phải để trống đối với bảng; nội dung của bảng nằm trong các hàng "
        "(rows)");
}

TEST_CASE("evolve refuses a version whose block ids decide() could not have given",
          "[decide][blocks]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  d.ok(kDrafter, plan_dossier());
  auto version = [](std::vector<std::uint32_t> ids) {
    std::vector<Block> blocks;
    for (std::uint32_t id : ids) {
      blocks.push_back(para("x"));
      blocks.back().id = id;
    }
    return Event{0, kDrafter, VersionSubmitted{1, "", SharedBlocks(std::move(blocks))}};
  };
  for (const auto& ids : {std::vector<std::uint32_t>{1, 0}, std::vector<std::uint32_t>{3, 2, 3},
                          std::vector<std::uint32_t>{0xFFFFFFFFu}}) {
    DossierState s = d.state;
    const Status status = evolve(s, version(ids));
    REQUIRE_FALSE(status.ok());
    CHECK(status.error().message == "history does not follow: block ids missing or repeated");
    CHECK(s == d.state);
  }
  DossierState s = d.state;
  REQUIRE(evolve(s, version({7, 2})).ok());
  CHECK(s.next_block_id == 8);
}

TEST_CASE("all_comments_disposed counts comments, not replies", "[decide][guards]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  open_consultation(d);
  d.ok(kDelegateA, AddComment{"Góp ý 1", 0, {}});
  d.ok(kDelegateB, AddComment{"Góp ý 2", 0, {}});
  d.ok(kDelegateA, AddComment{"Trả lời góp ý 2", 2, {}});
  CHECK(d.state.undisposed_comments == 2);
  close_consultation(d);
  // Approving straight away is blocked while comments are unanswered.
  Error e = d.refused(kChair, action("approve"), ErrorCode::kGuardFailed);
  CHECK(e.message == "all_comments_disposed: 2 comments still have no disposition");
  d.ok(kChair, action("revise", {text_input("conclusion", "Tiếp thu ý kiến.")}));
  d.ok(kDrafter, SubmitVersion{blocks_from_text("v2"), ""});
  d.ok(kDrafter, DisposeComment{1, Disposition::kNotAccepted, "Không phù hợp quy định."});
  e = d.refused(kDrafter, action("submit_revision"), ErrorCode::kGuardFailed);
  CHECK(e.message == "all_comments_disposed: 1 comment still has no disposition");
  d.refused(kDrafter, DisposeComment{3, Disposition::kAccepted, ""}, ErrorCode::kInvalidArgument);
  // Changing an answer does not count a comment twice.
  d.ok(kDrafter, DisposeComment{1, Disposition::kNoted, ""});
  d.ok(kDrafter, DisposeComment{2, Disposition::kAccepted, ""});
  CHECK(d.state.undisposed_comments == 0);
  d.ok(kDrafter, action("submit_revision"));
}

TEST_CASE("deadline_passed and the deadline timer", "[decide][guards][deadline]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  const Time opened = d.now;
  open_consultation(d);
  REQUIRE(d.state.deadline_at == opened + 15 * kDay);
  Error e = d.refused(kChair, action("close_at_deadline"), ErrorCode::kGuardFailed);
  CHECK(e.detail == "deadline_passed");
  d.now = opened + 15 * kDay;
  d.ok(kChair, action("close_at_deadline"));
  CHECK(d.state_id() == "conclusion");
}

TEST_CASE("reminders and the deadline are computed from the time of entry", "[decide][deadline]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  d.ok(kDrafter, plan_dossier());
  REQUIRE(d.state.tasks.size() == 1);
  CHECK(d.state.tasks[0].due_at == d.now + 14 * kDay);  // write_draft: P14D
  d.ok(kDrafter, SubmitVersion{blocks_from_text("Dự thảo"), ""});
  CHECK(d.state.tasks.empty());  // done_on submit_version

  d.now += 2 * kDay;
  const Time opened = d.now;
  d.ok(kDrafter, action("open_consultation"));
  const Time deadline = opened + 15 * kDay;
  REQUIRE(d.state.deadline_at == deadline);
  REQUIRE(d.state.timers.size() == 3);
  CHECK(d.state.timers[0].kind == TimerKind::kReminder);
  CHECK(d.state.timers[0].at == deadline - 3 * kDay);
  CHECK(d.state.timers[1].at == deadline - 1 * kDay);
  CHECK(d.state.timers[2].kind == TimerKind::kExpiry);
  CHECK(d.state.timers[2].at == deadline);
  CHECK(d.state.next_timer_at() == deadline - 3 * kDay);
  for (const OpenTask& t : d.state.tasks) {
    CHECK(t.due_at == deadline);
    CHECK(t.task == kConsultationTask);
  }

  // Too early, or fired by a person: refused.
  const std::uint32_t first = d.state.timers[0].id;
  d.refused(kSystemUser, FireTimer{first}, ErrorCode::kInvalidState);
  d.now = deadline - 3 * kDay;
  d.refused(kChair, FireTimer{first}, ErrorCode::kForbiddenRole);
  d.ok(kDelegateA, NoFurtherComments{});
  d.ok(kSystemUser, FireTimer{first});
  const auto& sent = std::get<ReminderSent>(d.history.back().body);
  CHECK(sent.recipients == std::vector<UserId>{kDelegateB, kDelegateC});
  d.refused(kSystemUser, FireTimer{first}, ErrorCode::kNotFound);  // fires once

  // The deadline passes while the server was down: the expiry still fires,
  // and the reminder that fell due before it is no longer needed.
  d.now = deadline + 3 * kDay;
  const std::uint32_t expiry = d.state.timers.back().id;
  d.ok(kSystemUser, FireTimer{expiry});
  CHECK(d.state_id() == "conclusion");
  CHECK(std::get<ActionTaken>(d.history.back().body).timer_id == expiry);
  CHECK(d.state.timers.empty());
  REQUIRE(d.state.tasks.size() == 1);
  CHECK(d.state.tasks[0].due_at == d.now + 5 * kDay);  // conclude: P5D from entry
}

TEST_CASE("a deadline given when opening overrides the default", "[decide][deadline]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  d.ok(kDrafter, plan_dossier());
  d.ok(kDrafter, SubmitVersion{blocks_from_text("Dự thảo"), ""});
  d.refused(kDrafter, action("open_consultation", {InputValue{"deadline", d.now}}),
            ErrorCode::kInvalidArgument);
  const Time soon = d.now + 2 * kDay;
  d.ok(kDrafter, action("open_consultation", {InputValue{"deadline", soon}}));
  CHECK(d.state.deadline_at == soon);
  // P3D before a deadline two days away would be in the past: not scheduled.
  REQUIRE(d.state.timers.size() == 2);
  CHECK(d.state.timers[0].at == soon - kDay);
  CHECK(d.state.timers[1].at == soon);
}

TEST_CASE("invitees chosen when opening are bound as delegates", "[decide][consultation]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  d.ok(kDrafter, plan_dossier());
  d.ok(kDrafter, SubmitVersion{blocks_from_text("Dự thảo"), ""});
  const std::vector<Participant> invited = {{kDelegateA, 20}, {kOutsider, 90}};
  d.ok(kDrafter, action("open_consultation", {InputValue{"invitees", invited}}));
  CHECK(d.state.invitees.size() == 2);
  CHECK(d.state.plays(kOutsider, *def.role_index("delegate")));
  d.ok(kOutsider, AddComment{"Ý kiến của đơn vị 90", 0, {}});
  d.refused(kDelegateB, NoFurtherComments{}, ErrorCode::kForbiddenRole);
  const auto twice = std::vector<Participant>{{kDelegateA, 20}, {kDelegateA, 20}};
  Dossier again(def);
  again.ok(kDrafter, plan_dossier());
  again.ok(kDrafter, SubmitVersion{blocks_from_text("Dự thảo"), ""});
  const Error e =
      again.refused(kDrafter, action("open_consultation", {InputValue{"invitees", twice}}),
                    ErrorCode::kInvalidArgument);
  CHECK(e.detail == "inputs/invitees/1");
}

TEST_CASE("actions are refused with the reason that applies", "[decide][errors]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  d.refused(kDrafter, SubmitVersion{blocks_from_text("x"), ""},
            ErrorCode::kInvalidState);  // no dossier yet
  d.ok(kDrafter, plan_dossier());
  d.refused(kDrafter, plan_dossier(), ErrorCode::kInvalidState);
  Error e = d.refused(kDrafter, action("publish"), ErrorCode::kUnknownAction);
  CHECK(e.message == "workflow \"plan\" has no action \"publish\"");
  e = d.refused(kChair, action("approve"), ErrorCode::kNotAllowedInState);
  CHECK(e.message == "action \"approve\" is not available in step \"drafting\"");
  e = d.refused(kDelegateA, SubmitVersion{blocks_from_text("x"), ""}, ErrorCode::kForbiddenRole);
  CHECK(e.message == "only drafter may submit_version in step \"drafting\"");
  d.refused(kDelegateA, AddComment{"x", 0, {}}, ErrorCode::kNotAllowedInState);
  d.refused(kDelegateA, NoFurtherComments{}, ErrorCode::kNotAllowedInState);
  d.refused(kDrafter, SubmitVersion{blocks_from_text("  \n "), ""}, ErrorCode::kInvalidArgument);
  d.refused(kDrafter, SubmitVersion{blocks_from_text(std::string(kMaxDraftBytes + 1, 'a')), ""},
            ErrorCode::kInvalidArgument);
  e = d.refused(kDrafter, action("withdraw"), ErrorCode::kInvalidArgument);
  CHECK(e.detail == "inputs/reason");
  CHECK(e.message == "inputs/reason: is required");
  e = d.refused(kDrafter, action("withdraw", {text_input("reason", "")}),
                ErrorCode::kInvalidArgument);
  CHECK(e.message == "inputs/reason: must not be empty");
  e = d.refused(kDrafter, action("withdraw", {InputValue{"reason", Time{5}}}),
                ErrorCode::kInvalidArgument);
  CHECK(e.message == "inputs/reason: must be text");
  e = d.refused(kDrafter, action("withdraw", {text_input("reason", "a"), text_input("note", "b")}),
                ErrorCode::kInvalidArgument);
  CHECK(e.message == "inputs/note: action \"withdraw\" takes no input \"note\"");
  e = d.refused(kDrafter,
                action("withdraw", {text_input("reason", "a"), text_input("reason", "b")}),
                ErrorCode::kInvalidArgument);
  CHECK(e.message == "inputs/reason: given twice");
  d.refused(kOutsider, action("withdraw", {text_input("reason", "a")}), ErrorCode::kForbiddenRole);
  d.ok(kDrafter, action("withdraw", {text_input("reason", "Không còn phù hợp.")}));
  CHECK(d.state_id() == "withdrawn");
  d.refused(kDrafter, action("open_consultation"), ErrorCode::kNotAllowedInState);
  d.refused(kDrafter, BindRole{"delegate", {kOutsider, 90}}, ErrorCode::kInvalidState);
}

TEST_CASE("comments and dispositions check what they refer to", "[decide][errors]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  open_consultation(d);
  d.refused(kDelegateA, AddComment{"trả lời", 1, {}}, ErrorCode::kNotFound);
  d.refused(kDelegateA, AddComment{"", 0, {}}, ErrorCode::kInvalidArgument);
  d.refused(kOutsider, AddComment{"xin góp ý", 0, {}}, ErrorCode::kForbiddenRole);
  d.ok(kDelegateA, AddComment{"Góp ý", 0, {}});
  CHECK(std::get<CommentAdded>(d.history.back().body).unit == 20);
  d.ok(kDelegateB, AddComment{"Trả lời", 1, {}});
  d.refused(kDelegateA, DisposeComment{1, Disposition::kAccepted, ""}, ErrorCode::kForbiddenRole);
  d.refused(kDrafter, DisposeComment{7, Disposition::kAccepted, ""}, ErrorCode::kNotFound);
  d.refused(kDrafter, DisposeComment{0, Disposition::kAccepted, ""}, ErrorCode::kNotFound);
  d.refused(kDrafter, DisposeComment{2, Disposition::kAccepted, ""}, ErrorCode::kInvalidArgument);
  d.refused(kDrafter, DisposeComment{1, Disposition::kNone, ""}, ErrorCode::kInvalidArgument);
  // Not accepting a comment needs a reason (giải trình).
  const Error e = d.refused(kDrafter, DisposeComment{1, Disposition::kNotAccepted, " "},
                            ErrorCode::kInvalidArgument);
  CHECK(e.detail == "explanation");
  d.ok(kDrafter, DisposeComment{1, Disposition::kNotAccepted, "Đã có trong Điều 3."});
}

TEST_CASE("creating a dossier checks its fields and who creates it", "[decide][errors]") {
  const Definition def = load_workflow("plan.json");
  auto create_error = [&def](UserId user, CreateDossier c, bool admin = false) {
    DossierState s(def);
    std::vector<Event> events;
    Status st = decide(s, c, Actor{user, 0, admin}, 0, &events);
    REQUIRE_FALSE(st.ok());
    CHECK(events.empty());
    return st.error();
  };
  CreateDossier c = plan_dossier();
  c.title = " ";
  CHECK(create_error(kDrafter, c).detail == "title");
  c = plan_dossier("TB");
  CHECK(create_error(kDrafter, c).message ==
        "document_type: \"TB\" is not a document type of workflow \"plan\"");
  c = plan_dossier();
  c.issuer.code = "UB ND";
  CHECK(create_error(kDrafter, c).detail == "issuer");
  c = plan_dossier();
  c.bindings.push_back({"drafter", {kDrafter, 10}});
  CHECK(create_error(kDrafter, c).detail == "bindings/8");
  c = plan_dossier();
  c.bindings.push_back({"treasurer", {kOutsider, 90}});
  CHECK(create_error(kDrafter, c).message == "bindings/8/role: unknown role \"treasurer\"");
  c = plan_dossier();
  c.bindings.erase(c.bindings.begin());
  CHECK(create_error(kChair, c).message ==
        "bindings: no one plays \"drafter\", needed in the first step \"drafting\"");
  const Error forbidden = create_error(kOutsider, plan_dossier());
  CHECK(forbidden.code == ErrorCode::kForbiddenRole);
  CHECK(forbidden.message == "to create a dossier, take part in it as drafter, chair");
  // An administrator may set up a dossier for others.
  DossierState s(def);
  std::vector<Event> events;
  CHECK(decide(s, plan_dossier(), Actor{kOutsider, 0, true}, 0, &events).ok());
  CHECK(events.size() == 9);  // created + eight bindings
  // The document type defaults to the definition's first.
  events.clear();
  CHECK(decide(s, plan_dossier(""), Actor{kDrafter, 10, false}, 0, &events).ok());
  CHECK(std::get<DossierCreated>(events[0].body).document_type == "KH");
}

TEST_CASE("participants are managed by drafter, chair or an administrator", "[decide][roles]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  open_consultation(d);
  d.refused(kDelegateA, BindRole{"delegate", {kOutsider, 90}}, ErrorCode::kForbiddenRole);
  d.refused(kChair, BindRole{"auditor", {kOutsider, 90}}, ErrorCode::kInvalidArgument);
  d.refused(kChair, BindRole{"delegate", {kDelegateA, 20}}, ErrorCode::kInvalidArgument);
  d.ok(kChair, BindRole{"implementer", {kOutsider, 90}});
  CHECK(d.state.plays(kOutsider, *def.role_index("implementer")));
  // An invitee with an open consultation task cannot be removed mid-step.
  d.refused(kChair, UnbindRole{"delegate", kDelegateA}, ErrorCode::kInvalidState);
  d.refused(kChair, UnbindRole{"delegate", kOutsider}, ErrorCode::kNotFound);
  d.ok(kChair, UnbindRole{"implementer", kOutsider});
  CHECK_FALSE(d.state.plays(kOutsider, *def.role_index("implementer")));
}

TEST_CASE("available_actions offers what the user may take now", "[decide][guards]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  d.ok(kDrafter, plan_dossier());
  auto names = [&](UserId u) {
    std::vector<std::string> out;
    for (auto i : available_actions(d.state, u, d.now))
      out.push_back(d.state.current().transitions[i].action);
    return out;
  };
  CHECK(names(kDrafter) == std::vector<std::string>{"withdraw"});
  d.ok(kDrafter, SubmitVersion{blocks_from_text("Dự thảo"), ""});
  CHECK(names(kDrafter) == std::vector<std::string>{"open_consultation", "withdraw"});
  CHECK(names(kChair) == std::vector<std::string>{"withdraw"});
  CHECK(names(kDelegateA).empty());
}

TEST_CASE("refusals read in Vietnamese with the definition's titles", "[decide][vietnamese]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  open_consultation(d);
  d.ok(kDelegateA, NoFurtherComments{});

  Error e = d.refused(kDrafter, action("close_consultation"), ErrorCode::kGuardFailed);
  CHECK(e.message_vi == "Chưa đủ số đại biểu góp ý: 1/3 đại biểu đã góp ý, cần 2");
  e = d.refused(kDelegateB, action("close_consultation"), ErrorCode::kForbiddenRole);
  CHECK(e.message == "only drafter, chair may close_consultation");
  CHECK(e.message_vi ==
        "Chỉ Cơ quan chủ trì soạn thảo hoặc Chủ tọa được thực hiện thao tác “Kết thúc lấy ý "
        "kiến”");
  e = d.refused(kDelegateA, NoFurtherComments{}, ErrorCode::kInvalidState);
  CHECK(e.message_vi == "Bạn đã xác nhận không còn ý kiến góp ý");
  e = d.refused(kChair, action("approve"), ErrorCode::kNotAllowedInState);
  CHECK(e.message_vi == "Không thể thực hiện thao tác “Thông qua” ở bước “Lấy ý kiến góp ý”");
  e = d.refused(kChair, action("publish"), ErrorCode::kUnknownAction);
  CHECK(e.message_vi ==
        "Quy trình “Xây dựng, ban hành và triển khai kế hoạch” không có thao tác “publish”");
  e = d.refused(kDrafter, SubmitVersion{blocks_from_text("v2"), ""}, ErrorCode::kNotAllowedInState);
  CHECK(e.message_vi == "Không thể gửi phiên bản dự thảo mới ở bước “Lấy ý kiến góp ý”");
  e = d.refused(kChair, action("withdraw"), ErrorCode::kInvalidArgument);
  CHECK(e.message_vi == "Trường “Lý do” là bắt buộc");

  d.ok(kDelegateB, NoFurtherComments{});
  d.ok(kChair, action("close_consultation"));
  d.ok(kChair, action("approve"));
  d.ok(kClerk, action("issue"));
  REQUIRE(d.state_id() == "implementation");
  // A title with a comma of its own sets the list apart with semicolons.
  e = d.refused(kOutsider, AddComment{"Góp ý", 0, {}}, ErrorCode::kForbiddenRole);
  CHECK(e.message_vi ==
        "Chỉ Cơ quan chủ trì soạn thảo; Chủ tọa; Cơ quan thực hiện hoặc Cơ quan theo dõi, đôn đốc "
        "được góp ý ở bước “Triển khai thực hiện”");
  e = d.refused(kDrafter, SubmitVersion{blocks_from_text("sửa sau ban hành"), ""},
                ErrorCode::kInvalidState);
  CHECK(e.message_vi == "Văn bản đã được ban hành, không thể sửa đổi");

  d.ok(kMonitor, action("close", {text_input("summary", "Hoàn thành.")}));
  e = d.refused(kChair, BindRole{"implementer", {kOutsider, 90}}, ErrorCode::kInvalidState);
  CHECK(e.message == "the dossier is closed");
  CHECK(e.message_vi == "Hồ sơ đã kết thúc");
}

TEST_CASE("Vietnamese messages give times as Vietnamese write them", "[decide][vietnamese]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);  // 00:00 25/1/2024 in Hà Nội
  d.ok(kDrafter, plan_dossier());
  d.ok(kDrafter, SubmitVersion{blocks_from_text("Dự thảo"), ""});
  Error e = d.refused(kDrafter, action("open_consultation", {InputValue{"deadline", d.now - 3600}}),
                      ErrorCode::kInvalidArgument);
  CHECK(e.message_vi ==
        "Trường “Hạn góp ý” phải là một thời điểm trong tương lai (hiện tại: 00:00 "
        "25/1/2024)");
  d.ok(kDrafter, action("open_consultation", {InputValue{"deadline", Time{1711360800}}}));
  e = d.refused(kChair, action("close_at_deadline"), ErrorCode::kGuardFailed);
  CHECK(e.message ==
        "deadline_passed: the deadline 2024-03-25T17:00:00+07:00 has not passed (now "
        "2024-01-25T00:00:00+07:00)");
  CHECK(e.message_vi == "Chưa hết thời hạn 17:00 25/3/2024 (hiện tại: 00:00 25/1/2024)");
}

TEST_CASE("creating a dossier is refused in Vietnamese too", "[decide][vietnamese]") {
  const Definition def = load_workflow("plan.json");
  auto create_error = [&def](UserId user, const CreateDossier& c) {
    DossierState s(def);
    std::vector<Event> events;
    Status st = decide(s, c, Actor{user, 10, false}, 0, &events);
    REQUIRE_FALSE(st.ok());
    return st.error();
  };
  CHECK(create_error(kOutsider, plan_dossier()).message_vi ==
        "Người tạo hồ sơ phải tham gia hồ sơ với vai trò Cơ quan chủ trì soạn thảo hoặc Chủ tọa");
  CreateDossier c = plan_dossier();
  c.bindings.erase(c.bindings.begin());
  CHECK(create_error(kChair, c).message_vi ==
        "Chưa phân công ai giữ vai trò “Cơ quan chủ trì soạn thảo”, vai trò cần có ở bước đầu "
        "tiên “Dự thảo”");
  c = plan_dossier();
  c.title = " ";
  CHECK(create_error(kDrafter, c).message_vi == "Trường “Tên hồ sơ” không được để trống");
  c = plan_dossier("TB");
  CHECK(create_error(kDrafter, c).message_vi ==
        "Loại văn bản “TB” không thuộc quy trình “Xây dựng, ban hành và triển khai kế hoạch”");
}
