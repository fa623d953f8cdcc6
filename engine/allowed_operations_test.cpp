// allowed_operations() against decide(): what the UI offers inside a step
// must be exactly what decide() would not refuse on role, state or
// invitation, for every participant, along the plan's path.
#include <algorithm>
#include <catch2/catch.hpp>

#include "engine/guards.h"
#include "engine/plan_fixture.h"

using namespace planflow;
using namespace planflow::testing;

namespace {

using Ops = std::vector<Operation>;

constexpr Operation kAllOperations[] = {Operation::kSubmitVersion,  Operation::kComment,
                                        Operation::kDisposeComment, Operation::kNoFurtherComments,
                                        Operation::kManageTasks,    Operation::kReportProgress};

// A task led by kImplementer's unit, without a target, due in 2100.
ImplementationTaskSpec implementation_task() {
  ImplementationTaskSpec t;
  t.title = "Rà soát vị trí việc làm";
  t.lead_unit = 70;
  t.due = 4102444800;
  return t;
}
constexpr UserId kEveryone[] = {kDrafter, kDelegateA,   kDelegateB, kDelegateC, kChair,
                                kClerk,   kImplementer, kMonitor,   kOutsider};

// A command of the operation that nothing but role, state or invitation can
// refuse: its texts are filled in and it disposes of a comment that exists.
Command valid_command(const DossierState& s, Operation op) {
  switch (op) {
    case Operation::kSubmitVersion:
      return SubmitVersion{blocks_from_text("II. NHIỆM VỤ, GIẢI PHÁP"), "Bổ sung nhiệm vụ"};
    case Operation::kComment:
      return AddComment{"Đề nghị làm rõ lộ trình thực hiện.", 0, {}};
    case Operation::kDisposeComment: {
      std::uint32_t id = 1;
      for (std::uint32_t i = 0; i < s.comments.size(); ++i)
        if (s.comments[i].reply_to == 0) {
          id = i + 1;
          break;
        }
      return DisposeComment{id, Disposition::kAccepted, "Xin tiếp thu."};
    }
    case Operation::kNoFurtherComments:
      return NoFurtherComments{};
    case Operation::kManageTasks:
      return AddImplementationTask{implementation_task()};
    case Operation::kReportProgress:
      return ReportProgress{{1, 0, std::nullopt, true, "Đã hoàn thành", "", ""}};
  }
  return NoFurtherComments{};
}

bool refused_for_who_or_when(ErrorCode code) {
  return code == ErrorCode::kForbiddenRole || code == ErrorCode::kNotAllowedInState ||
         code == ErrorCode::kInvalidState;
}

// For every participant and operation: listed means decide() accepts a
// valid command of it; not listed means decide() refuses it for who the
// user is or where the dossier stands.
void check_against_decide(const Dossier& d) {
  for (UserId user : kEveryone) {
    const Ops allowed = allowed_operations(d.state, user);
    for (Operation op : kAllOperations) {
      const bool listed = std::find(allowed.begin(), allowed.end(), op) != allowed.end();
      std::vector<Event> events;
      const Status s =
          decide(d.state, valid_command(d.state, op), Actor{user, 0, false}, d.now, &events);
      INFO("step " << d.state_id() << ", user " << user << ", " << operation_name(op) << ": "
                   << (s.ok() ? "accepted" : s.error().message));
      if (listed) {
        CHECK(s.ok());
      } else {
        REQUIRE_FALSE(s.ok());
        CHECK(refused_for_who_or_when(s.error().code));
      }
    }
  }
}

}  // namespace

TEST_CASE("the operations offered along a plan's path are those decide() accepts",
          "[guards][allowed_operations]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  for (UserId user : kEveryone)
    CHECK(allowed_operations(d.state, user).empty());  // no dossier yet
  check_against_decide(d);

  d.ok(kDrafter, plan_dossier());
  REQUIRE(d.state_id() == "drafting");
  CHECK(allowed_operations(d.state, kDrafter) == Ops{Operation::kSubmitVersion});
  CHECK(allowed_operations(d.state, kChair).empty());
  CHECK(allowed_operations(d.state, kDelegateA).empty());
  CHECK(allowed_operations(d.state, kOutsider).empty());
  check_against_decide(d);

  d.ok(kDrafter, SubmitVersion{blocks_from_text("I. MỤC ĐÍCH, YÊU CẦU"), "v1"});
  d.ok(kDrafter, action("open_consultation"));
  REQUIRE(d.state_id() == "consultation");
  CHECK(allowed_operations(d.state, kDrafter) ==
        Ops{Operation::kComment, Operation::kDisposeComment});
  CHECK(allowed_operations(d.state, kChair) == Ops{Operation::kComment});
  CHECK(allowed_operations(d.state, kDelegateA) ==
        Ops{Operation::kComment, Operation::kNoFurtherComments});
  CHECK(allowed_operations(d.state, kClerk).empty());
  CHECK(allowed_operations(d.state, kOutsider).empty());
  d.ok(kDelegateA, AddComment{"Cần điều chỉnh mục tiêu sát thực tiễn.", 0, {}});
  check_against_decide(d);
  // A delegate who is done may still comment, but is done only once.
  d.ok(kDelegateA, NoFurtherComments{});
  CHECK(allowed_operations(d.state, kDelegateA) == Ops{Operation::kComment});
  CHECK(allowed_operations(d.state, kDelegateB) ==
        Ops{Operation::kComment, Operation::kNoFurtherComments});
  check_against_decide(d);

  d.ok(kDelegateB, NoFurtherComments{});
  d.ok(kChair, action("close_consultation"));
  REQUIRE(d.state_id() == "conclusion");
  for (UserId user : kEveryone)
    CHECK(allowed_operations(d.state, user).empty());
  check_against_decide(d);

  d.ok(kChair, action("revise", {text_input("conclusion", "Điều chỉnh mục tiêu.")}));
  REQUIRE(d.state_id() == "revision");
  CHECK(allowed_operations(d.state, kDrafter) ==
        Ops{Operation::kSubmitVersion, Operation::kComment, Operation::kDisposeComment});
  CHECK(allowed_operations(d.state, kChair) == Ops{Operation::kComment});
  // The consultation is over: its invitees are no longer asked to respond.
  CHECK(allowed_operations(d.state, kDelegateC).empty());
  check_against_decide(d);

  d.ok(kDrafter, DisposeComment{1, Disposition::kAccepted, ""});
  d.ok(kDrafter, SubmitVersion{blocks_from_text("I. MỤC ĐÍCH (đã tiếp thu)"), "v2"});
  d.ok(kDrafter, action("submit_revision"));
  d.ok(kChair, action("approve"));
  d.ok(kClerk, action("issue"));
  REQUIRE(d.state_id() == "implementation");
  REQUIRE(d.state.frozen);
  CHECK(allowed_operations(d.state, kImplementer) ==
        Ops{Operation::kComment, Operation::kReportProgress});
  CHECK(allowed_operations(d.state, kMonitor) == Ops{Operation::kComment, Operation::kManageTasks});
  CHECK(allowed_operations(d.state, kClerk).empty());
  d.ok(kMonitor, AddImplementationTask{implementation_task()});
  check_against_decide(d);

  d.ok(kMonitor, action("close", {text_input("summary", "Hoàn thành.")}));
  REQUIRE(d.state_id() == "closed");
  for (UserId user : kEveryone)
    CHECK(allowed_operations(d.state, user).empty());
  check_against_decide(d);
}

TEST_CASE("an issued document is not offered for a new version, even where the step allows it",
          "[guards][allowed_operations]") {
  Definition def = load_workflow("plan.json");
  const StateId implementation = *def.state_index("implementation");
  def.states[implementation].allow[static_cast<size_t>(Operation::kSubmitVersion)] =
      1u << *def.role_index("drafter");
  Dossier d(def);
  open_consultation(d);
  close_consultation(d);
  d.ok(kChair, action("approve"));
  d.ok(kClerk, action("issue"));
  REQUIRE(d.state.frozen);
  CHECK(allowed_operations(d.state, kDrafter) == Ops{Operation::kComment, Operation::kManageTasks});
  d.ok(kDrafter, AddImplementationTask{implementation_task()});
  check_against_decide(d);
}
