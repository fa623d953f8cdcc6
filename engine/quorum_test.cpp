// Quorum rules at their boundaries, alone and inside a consultation.
#include <catch2/catch.hpp>

#include "engine/engine_test_support.h"

using namespace planflow;
using namespace planflow::testing;

TEST_CASE("quorum rules hold exactly at their boundary", "[quorum]") {
  const Quorum all{QuorumRule::kAll};
  CHECK_FALSE(all.met(4, 5));
  CHECK(all.met(5, 5));
  const Quorum any{QuorumRule::kAny};
  CHECK_FALSE(any.met(0, 5));
  CHECK(any.met(1, 5));
  const Quorum three{QuorumRule::kNOfM, 3};
  CHECK_FALSE(three.met(2, 7));
  CHECK(three.met(3, 7));
  CHECK(three.min_invitees() == 3);
  const Quorum two_thirds{QuorumRule::kFraction, 0, 2, 3};
  CHECK_FALSE(two_thirds.met(5, 9));
  CHECK(two_thirds.met(6, 9));  // exactly two thirds
  CHECK_FALSE(two_thirds.met(6, 10));
  CHECK(two_thirds.met(7, 10));  // the next whole person above 6,67
  const Quorum half{QuorumRule::kFraction, 0, 1, 2};
  CHECK(half.met(2, 4));
  CHECK_FALSE(half.met(2, 5));
  for (const Quorum& q : {all, any, three, two_thirds})
    CHECK_FALSE(q.met(0, 0));
}

TEST_CASE("the responses a quorum needs are the fewest that meet it", "[quorum]") {
  const Quorum two_thirds{QuorumRule::kFraction, 0, 2, 3};
  CHECK(two_thirds.needed(9) == 6);
  CHECK(two_thirds.needed(10) == 7);
  CHECK(Quorum{QuorumRule::kAll}.needed(5) == 5);
  CHECK(Quorum{QuorumRule::kAny}.needed(5) == 1);
  CHECK(Quorum{QuorumRule::kNOfM, 3}.needed(7) == 3);
  for (const Quorum& q :
       {Quorum{QuorumRule::kAll}, Quorum{QuorumRule::kAny}, Quorum{QuorumRule::kNOfM, 3},
        two_thirds, Quorum{QuorumRule::kFraction, 0, 1, 2}, Quorum{QuorumRule::kFraction, 0, 3, 4}})
    for (std::uint32_t invited = 1; invited <= 12; ++invited) {
      const std::uint32_t needed = q.needed(invited);
      INFO("rule " << static_cast<int>(q.rule) << ", " << invited << " invited");
      CHECK(q.met(needed, invited));
      if (needed > 0) CHECK_FALSE(q.met(needed - 1, invited));
    }
}

namespace {

Definition consultation_definition(const std::string& quorum, int max_invitees = 0) {
  std::string text = R"({
    "id": "consult", "version": 1, "title": {"vi": "Lấy ý kiến", "en": "Consult"},
    "roles": {"drafter": {"title": {"vi": "Soạn thảo", "en": "Drafter"}},
              "delegate": {"title": {"vi": "Đại biểu", "en": "Delegate"}}},
    "participant_managers": ["drafter"],
    "initial": "open",
    "states": {
      "open": {"title": {"vi": "Mở", "en": "Open"}, "transitions": [
        {"action": "consult", "to": "consulting", "roles": ["drafter"], "title": {"vi": "Lấy ý kiến", "en": "Consult"},
         "inputs": {"invitees": {"type": "participants"}}}]},
      "consulting": {"title": {"vi": "Đang lấy ý kiến", "en": "Consulting"},
        "consultation": {"consultees": "delegate", "quorum": QUORUM MAX
          "task": {"id": "reply", "title": {"vi": "Trả lời", "en": "Reply"}}},
        "deadline": {"due": "P7D"},
        "transitions": [{"action": "close", "to": "done", "roles": ["drafter"], "guards": ["quorum_met"],
                         "title": {"vi": "Đóng", "en": "Close"}}]},
      "done": {"title": {"vi": "Xong", "en": "Done"}, "final": true}}})";
  text.replace(text.find("QUORUM"), 6, quorum);
  text.replace(text.find("MAX"), 3,
               max_invitees ? ", \"max_invitees\": " + std::to_string(max_invitees) + "," : ",");
  auto def = load_definition(text);
  if (!def.ok())
    for (const auto& p : def.error())
      UNSCOPED_INFO(p.pointer << ": " << p.message);
  REQUIRE(def.ok());
  return std::move(def).value();
}

std::vector<Participant> delegates(int n) {
  std::vector<Participant> out;
  for (int i = 0; i < n; ++i)
    out.push_back({static_cast<UserId>(10 + i), static_cast<UnitId>(100 + i)});
  return out;
}

// Opens a consultation of `invited` delegates, lets `responding` of them
// respond, and reports whether the drafter may close it.
bool closes_after(const Definition& def, int invited, int responding) {
  Dossier d(def);
  d.ok(1, CreateDossier{"Hồ sơ", "", {5, "UBND"}, {1, "SNV"}, {{"drafter", {1, 1}}}});
  d.ok(1, TakeAction{"consult", {InputValue{"invitees", delegates(invited)}}});
  for (int i = 0; i < responding; ++i)
    d.ok(static_cast<UserId>(10 + i), NoFurtherComments{});
  std::vector<Event> events;
  return decide(d.state, TakeAction{"close", {}}, Actor{1, 1, false}, d.now, &events).ok();
}

}  // namespace

TEST_CASE("a consultation closes when its quorum is met, not before", "[quorum][consultation]") {
  const Definition all = consultation_definition(R"("all")");
  CHECK_FALSE(closes_after(all, 4, 3));
  CHECK(closes_after(all, 4, 4));
  const Definition any = consultation_definition(R"("any")");
  CHECK_FALSE(closes_after(any, 4, 0));
  CHECK(closes_after(any, 4, 1));
  const Definition three = consultation_definition(R"({"n_of_m": 3})");
  CHECK_FALSE(closes_after(three, 5, 2));
  CHECK(closes_after(three, 5, 3));
  const Definition two_thirds = consultation_definition(R"({"fraction": [2, 3]})");
  CHECK_FALSE(closes_after(two_thirds, 9, 5));
  CHECK(closes_after(two_thirds, 9, 6));
}

TEST_CASE("a consultation's state says how many responses its quorum needs",
          "[quorum][consultation]") {
  const Definition two_thirds = consultation_definition(R"({"fraction": [2, 3]})");
  Dossier d(two_thirds);
  d.ok(1, CreateDossier{"Hồ sơ", "", {5, "UBND"}, {1, "SNV"}, {{"drafter", {1, 1}}}});
  CHECK(d.state.quorum_needed() == 0);  // no consultation in this step
  d.ok(1, TakeAction{"consult", {InputValue{"invitees", delegates(10)}}});
  CHECK(d.state.quorum_needed() == 7);
  for (int i = 0; i < 6; ++i)
    d.ok(static_cast<UserId>(10 + i), NoFurtherComments{});
  CHECK_FALSE(d.state.quorum_met());
  d.ok(16, NoFurtherComments{});
  CHECK(d.state.quorum_met());
  CHECK(d.state.quorum_needed() == 7);
}

TEST_CASE("a consultation that could never reach its quorum is not opened",
          "[quorum][consultation]") {
  const Definition three = consultation_definition(R"({"n_of_m": 3})", 4);
  Dossier d(three);
  d.ok(1, CreateDossier{"Hồ sơ", "", {5, "UBND"}, {1, "SNV"}, {{"drafter", {1, 1}}}});
  Error e = d.refused(1, TakeAction{"consult", {InputValue{"invitees", delegates(2)}}},
                      ErrorCode::kInvalidArgument);
  CHECK(e.message ==
        "inputs/invitees: the consultation needs at least 3 invitee(s) for its quorum; 2 given");
  e = d.refused(1, TakeAction{"consult", {InputValue{"invitees", delegates(5)}}},
                ErrorCode::kInvalidArgument);
  CHECK(e.message == "inputs/invitees: at most 4 invitees");
  // No invitees given and no delegate bound: nobody to consult.
  e = d.refused(1, TakeAction{"consult", {}}, ErrorCode::kInvalidArgument);
  CHECK(e.detail == "inputs/invitees");
  d.ok(1, TakeAction{"consult", {InputValue{"invitees", delegates(3)}}});
}
