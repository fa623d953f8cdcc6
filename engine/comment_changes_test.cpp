// Comments pointing into the draft, and their authors' edits and
// withdrawals: what decide() takes, what it refuses, and what evolve()
// makes of them.
#include <catch2/catch.hpp>

#include "engine/guards.h"
#include "engine/plan_fixture.h"

using namespace planflow;
using namespace planflow::testing;

namespace {

// The consultation's draft: block 1 a heading, 2 a paragraph, 3 a table.
void consult(Dossier& d) {
  d.ok(kDrafter, plan_dossier());
  d.ok(kDrafter, SubmitVersion{{heading(1, "I.", "MỤC ĐÍCH, YÊU CẦU"),
                                para("Đẩy mạnh tinh giản biên chế năm 2014"),
                                table({{"Chỉ tiêu", "Năm 2015"}, {"Giảm biên chế", "687"}})},
                               "v1"});
  d.ok(kDrafter, action("open_consultation"));
}

AddComment on(Anchor anchor, std::string text = "Đề nghị làm rõ chỉ tiêu.") {
  return AddComment{std::move(text), 0, std::move(anchor)};
}

const CommentAdded& last_added(const Dossier& d) {
  return std::get<CommentAdded>(d.history.back().body);
}

}  // namespace

TEST_CASE("a comment points at the document, a block or a passage of the latest version",
          "[comments][anchor]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  consult(d);
  d.ok(kDelegateA, on({}));
  CHECK(last_added(d).anchor == Anchor{});
  d.ok(kDelegateA, on({AnchorKind::kBlock, 3, 0, 0, ""}));
  CHECK(last_added(d).anchor.block == 3);
  const Anchor passage{AnchorKind::kPassage, 2, 9, 27, "tinh giản biên chế"};
  d.ok(kDelegateB, on(passage));
  CHECK(last_added(d).anchor == passage);
}

TEST_CASE("anchors that do not fit the draft are refused by their field", "[comments][anchor]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  consult(d);
  CHECK(d.refused(kDelegateA, on({AnchorKind::kBlock, 4, 0, 0, ""}), ErrorCode::kNotFound).detail ==
        "anchor/block");
  CHECK(
      d.refused(kDelegateA, on({AnchorKind::kPassage, 3, 0, 3, "687"}), ErrorCode::kInvalidArgument)
          .detail == "anchor/kind");
  CHECK(d.refused(kDelegateA, on({AnchorKind::kPassage, 2, 9, 9, ""}), ErrorCode::kInvalidArgument)
            .detail == "anchor/quote");
  // 18 code points, though 26 bytes.
  const Error e = d.refused(kDelegateA, on({AnchorKind::kPassage, 2, 9, 35, "tinh giản biên chế"}),
                            ErrorCode::kInvalidArgument);
  CHECK(e.detail == "anchor/end");
  CHECK(e.message_vi.find("18 ký tự") != std::string::npos);
  d.ok(kDelegateA, on({}));
  CHECK(d.refused(kDelegateB, AddComment{"Nhất trí.", 1, {AnchorKind::kBlock, 2, 0, 0, ""}},
                  ErrorCode::kInvalidArgument)
            .detail == "anchor");
}

TEST_CASE("the author edits or withdraws a comment while its step lasts", "[comments]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  consult(d);
  d.ok(kDelegateA, on({}, "Đề nghị bổ sung chỉ tiêu"));
  d.ok(kDelegateB, on({}));
  CHECK(changeable_comments(d.state, kDelegateA) == std::vector<std::uint32_t>{1});
  CHECK(changeable_comments(d.state, kDelegateB) == std::vector<std::uint32_t>{2});
  CHECK(changeable_comments(d.state, kChair).empty());

  d.ok(kDelegateA, EditComment{1, "Đề nghị bổ sung chỉ tiêu 1.240 công chức"});
  CHECK(std::get<CommentEdited>(d.history.back().body).text ==
        "Đề nghị bổ sung chỉ tiêu 1.240 công chức");
  CHECK(d.refused(kDelegateB, EditComment{1, "Sửa hộ"}, ErrorCode::kForbiddenRole).detail ==
        "comment_id");
  CHECK(d.refused(kDelegateA, EditComment{1, "  "}, ErrorCode::kInvalidArgument).detail == "text");
  d.refused(kDelegateA, EditComment{9, "Không có"}, ErrorCode::kNotFound);

  CHECK(d.state.undisposed_comments == 2);
  d.ok(kDelegateB, WithdrawComment{2});
  CHECK(d.state.comments[1].withdrawn);
  CHECK(d.state.undisposed_comments == 1);
  CHECK(changeable_comments(d.state, kDelegateB).empty());
  d.refused(kDelegateB, WithdrawComment{2}, ErrorCode::kInvalidState);
  d.refused(kDelegateB, EditComment{2, "Lại"}, ErrorCode::kInvalidState);
  d.refused(kDelegateA, AddComment{"Trả lời ý kiến đã rút", 2, {}}, ErrorCode::kInvalidState);

  // Once the step is over, what was said stays said.
  close_consultation(d);
  d.ok(kChair, action("revise", {text_input("conclusion", "Tiếp thu, hoàn thiện dự thảo.")}));
  CHECK(d.refused(kDelegateA, EditComment{1, "Muộn"}, ErrorCode::kNotAllowedInState).detail ==
        "comment_id");
  d.refused(kDrafter, DisposeComment{2, Disposition::kAccepted, ""}, ErrorCode::kInvalidState);
  // Only comment 1 asks for a disposition: the withdrawn one does not hold
  // the revision up.
  d.ok(kDrafter, DisposeComment{1, Disposition::kAccepted, "Đã bổ sung."});
  CHECK(d.state.undisposed_comments == 0);
}

TEST_CASE("comments made in an earlier round of a loop stay as they were", "[comments]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  consult(d);
  d.ok(kDrafter, on({}, "Ý kiến của cơ quan soạn thảo ở vòng đầu"));
  close_consultation(d);
  d.ok(kChair, action("revise", {text_input("conclusion", "Lấy ý kiến lại.")}));
  d.ok(kDrafter, DisposeComment{1, Disposition::kNoted, ""});
  d.ok(kDrafter, SubmitVersion{blocks_from_text("Dự thảo lần 2"), "v2"});
  d.ok(kDrafter, action("consult_again"));
  // Back in consultation, but in a new entry of it.
  d.refused(kDrafter, EditComment{1, "Sửa ý kiến cũ"}, ErrorCode::kNotAllowedInState);
  CHECK(changeable_comments(d.state, kDrafter).empty());
}

TEST_CASE("evolve refuses changes to comments that no decision could have made",
          "[comments][evolve]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  consult(d);
  d.ok(kDelegateA, on({}));
  auto refused = [&](UserId actor, EventBody body) {
    DossierState s = d.state;
    CHECK_FALSE(evolve(s, Event{d.now, actor, std::move(body)}).ok());
    CHECK(s == d.state);
  };
  refused(kDelegateB, CommentEdited{1, "Sửa hộ"});
  refused(kDelegateA, CommentEdited{2, "Không có"});
  refused(kDelegateA, CommentWithdrawn{0});
  d.ok(kDelegateA, WithdrawComment{1});
  refused(kDelegateA, CommentWithdrawn{1});
  refused(kDrafter, CommentDisposed{1, Disposition::kAccepted, ""});
}
