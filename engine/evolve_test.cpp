// evolve() refuses histories that cannot have happened, and leaves the state
// untouched when it does; dossiers keep the definition version they began with.
#include <catch2/catch.hpp>

#include "engine/definition_set.h"
#include "engine/plan_fixture.h"

using namespace planflow;
using namespace planflow::testing;

namespace {

void expect_rejected(DossierState& s, const Event& e, const std::string& message) {
  const DossierState before = s;
  Status status = evolve(s, e);
  REQUIRE_FALSE(status.ok());
  CHECK(status.error().message == "history does not follow: " + message);
  CHECK(s == before);
}

}  // namespace

TEST_CASE("evolve refuses events that cannot follow", "[evolve]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  expect_rejected(d.state, Event{0, kDrafter, VersionSubmitted{1, "", {}}},
                  "version_submitted before the dossier was created");
  open_consultation(d);
  expect_rejected(d.state, Event{0, kDrafter, DossierCreated{"plan", 1, "x", "KH", {}, {}, {}}},
                  "dossier created twice");
  expect_rejected(d.state, Event{0, kDrafter, VersionSubmitted{5, "", {}}},
                  "version numbers out of order");
  expect_rejected(d.state, Event{0, kDelegateA, CommentAdded{3, 0, "x", 20, {}}},
                  "comment ids out of order");
  expect_rejected(d.state, Event{0, kDelegateA, CommentAdded{1, 4, "x", 20, {}}},
                  "reply to an unknown comment");
  expect_rejected(d.state, Event{0, kDrafter, CommentDisposed{1, Disposition::kAccepted, ""}},
                  "unknown comment");
  expect_rejected(d.state, Event{0, kChair, ActionTaken{0, 0, 1, {}, 0, std::nullopt}},
                  "action taken from a state the dossier is not in");
  expect_rejected(d.state, Event{0, kChair, ActionTaken{d.state.state, 9, 2, {}, 0, std::nullopt}},
                  "unknown transition");
  expect_rejected(d.state, Event{0, kChair, ActionTaken{d.state.state, 0, 0, {}, 0, std::nullopt}},
                  "transition target differs");
  expect_rejected(d.state, Event{0, kChair, ActionTaken{d.state.state, 0, 2, {}, 77, std::nullopt}},
                  "unknown deadline timer");
  expect_rejected(d.state, Event{0, kOutsider, ReviewFinished{}},
                  "review finished twice or by a non-invitee");
  expect_rejected(d.state, Event{0, kSystemUser, ReminderSent{42, {}}}, "unknown reminder");
  expect_rejected(d.state, Event{0, kChair, RoleBound{99, {kOutsider, 90}}}, "unknown role index");
  expect_rejected(d.state, Event{0, kChair, RoleBound{0, {kDrafter, 10}}}, "role bound twice");
  expect_rejected(d.state, Event{0, kChair, RoleUnbound{0, kOutsider}},
                  "unbinding a role not held");
}

TEST_CASE("an issuing event must carry its number", "[evolve]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  open_consultation(d);
  close_consultation(d);
  d.ok(kChair, action("approve"));
  const auto issue = *d.state.current().transition_index("issue");
  expect_rejected(
      d.state,
      Event{0, kClerk,
            ActionTaken{
                d.state.state, issue, *def.state_index("implementation"), {}, 0, std::nullopt}},
      "official number missing or unexpected");
  std::vector<Event> events;
  CHECK(
      decide(d.state, action("issue"), Actor{kClerk, 60, false}, d.now, &events).error().message ==
      "no register of official numbers is available");
}

TEST_CASE("a dossier keeps the definition version it started with", "[evolve][versions]") {
  DefinitionSet set;
  const std::string v1_text = read_source_file("workflows/plan.json");
  std::string v2_text = v1_text;
  v2_text.replace(v2_text.find("\"version\": 1"), 12, "\"version\": 2");
  v2_text.replace(v2_text.find("\"due\": \"P14D\""), 13, "\"due\": \"P20D\"");
  REQUIRE(set.add(load_definition(v1_text).value()).ok());
  const Definition* v1 = set.latest("plan");
  Dossier old_dossier(*v1);
  old_dossier.ok(kDrafter, plan_dossier());

  REQUIRE(set.add(load_definition(v2_text).value()).ok());
  CHECK_FALSE(set.add(load_definition(v2_text).value()).ok());  // same id and version twice
  const Definition* v2 = set.latest("plan");
  REQUIRE(v2->version == 2);
  CHECK(set.find("plan", 1) == v1);  // still there, unmoved
  // What people choose from: each workflow once, at its latest version.
  REQUIRE(set.add(load_workflow("official-letter.json")).ok());
  const std::vector<const Definition*> latest = set.latest_versions();
  REQUIRE(latest.size() == 2);
  CHECK(latest[0]->id == "official-letter");
  CHECK(latest[1] == v2);

  // The old dossier replays under v1 and keeps its 14-day task.
  auto replayed = replay(*set.find("plan", 1), old_dossier.history);
  REQUIRE(replayed.ok());
  CHECK(replayed.value().tasks[0].due_at == old_dossier.now + 14 * kDay);
  // Its history cannot be replayed under v2 by mistake.
  auto wrong = replay(*v2, old_dossier.history);
  REQUIRE_FALSE(wrong.ok());
  CHECK(wrong.error().message ==
        "history does not follow: created under plan v1, replayed under plan v2");
  // New dossiers start with v2.
  Dossier new_dossier(*v2);
  new_dossier.ok(kDrafter, plan_dossier());
  CHECK(new_dossier.state.tasks[0].due_at == new_dossier.now + 20 * kDay);
}
