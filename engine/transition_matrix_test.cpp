// Every transition of every shipped definition, taken by each role that may
// take it and refused for every other role. The dossier is driven to each
// state along a shortest path, satisfying guards the way participants would.
#include <catch2/catch.hpp>
#include <deque>

#include "engine/engine_test_support.h"
#include "engine/guards.h"

using namespace planflow;
using namespace planflow::testing;

namespace {

constexpr UserId kNobody = 999;
UserId user_of(RoleId r) {
  return 100 + r;
}
UnitId unit_of(RoleId r) {
  return 200 + r;
}

UserId first_user(RoleMask mask) {
  for (RoleId r = 0; r < kMaxRoles; ++r)
    if (mask & (1u << r)) return user_of(r);
  FAIL("no role in mask");
  return kNobody;
}

class Driver {
 public:
  explicit Driver(const Definition& def) : def_(def), d_(def) {
    CreateDossier c;
    c.title = "Hồ sơ kiểm thử";
    c.issuer = {900, "UBND"};
    c.drafting_unit = {901, "NC"};
    for (RoleId r = 0; r < def.roles.size(); ++r)
      c.bindings.push_back({def.roles[r].id, {user_of(r), unit_of(r)}});
    d_.ok(first_user(def.participant_managers), c);
  }

  Dossier& dossier() { return d_; }

  // Transition indices leading from the initial state to `target`.
  std::vector<std::pair<StateId, std::uint16_t>> path_to(StateId target) const {
    std::vector<std::optional<std::pair<StateId, std::uint16_t>>> parent(def_.states.size());
    std::vector<bool> seen(def_.states.size(), false);
    std::deque<StateId> queue{def_.initial};
    seen[def_.initial] = true;
    while (!queue.empty()) {
      const StateId s = queue.front();
      queue.pop_front();
      const auto& ts = def_.states[s].transitions;
      for (std::uint16_t i = 0; i < ts.size(); ++i) {
        if (seen[ts[i].to]) continue;
        seen[ts[i].to] = true;
        parent[ts[i].to] = std::make_pair(s, i);
        queue.push_back(ts[i].to);
      }
    }
    REQUIRE(seen[target]);
    std::vector<std::pair<StateId, std::uint16_t>> path;
    for (StateId s = target; s != def_.initial; s = parent[s]->first)
      path.insert(path.begin(), *parent[s]);
    return path;
  }

  void go_to(StateId target) {
    for (const auto& [from, index] : path_to(target)) {
      REQUIRE(d_.state.state == from);
      const TransitionDef& t = def_.states[from].transitions[index];
      satisfy(t);
      d_.ok(first_user(t.roles), TakeAction{t.action, inputs_for(t)});
    }
    REQUIRE(d_.state.state == target);
  }

  void satisfy(const TransitionDef& t) {
    const StateDef& st = d_.state.current();
    for (Guard g : t.guards) {
      switch (g) {
        case Guard::kHasDraftVersion:
          if (d_.state.versions == 0) submit_version(st);
          break;
        case Guard::kNewVersionInState:
          submit_version(st);
          break;
        case Guard::kAllCommentsDisposed:
          for (std::uint32_t id = 1; id <= d_.state.comments.size(); ++id)
            if (d_.state.comments[id - 1].reply_to == 0)
              d_.ok(first_user(st.allow[size_t(Operation::kDisposeComment)]),
                    DisposeComment{id, Disposition::kAccepted, ""});
          break;
        case Guard::kQuorumMet:
          for (const Invitee& i : std::vector<Invitee>(d_.state.invitees))
            if (!i.responded) d_.ok(i.participant.user, NoFurtherComments{});
          break;
        case Guard::kDeadlinePassed:
          d_.now = *d_.state.deadline_at;
          break;
        case Guard::kAllDirectivesDone:
          for (std::uint32_t n = 1; n <= d_.state.directives_done.size(); ++n)
            if (!d_.state.directives_done[n - 1])
              d_.ok(first_user(st.allow[size_t(Operation::kSubmitVersion)]),
                    MarkDirectiveDone{n, {}, "Đã thực hiện"});
          break;
      }
      REQUIRE(guard_holds(d_.state, g, d_.now));
    }
  }

  ActionInputs inputs_for(const TransitionDef& t) const {
    ActionInputs inputs;
    for (const InputDef& in : t.inputs) {
      if (!in.required) continue;
      switch (in.type) {
        case InputType::kText:
          inputs.push_back({in.name, std::string("Nội dung ") + in.name});
          break;
        case InputType::kTime:
          inputs.push_back({in.name, d_.now + 30 * kDay});
          break;
        case InputType::kParticipants:
          inputs.push_back({in.name, std::vector<Participant>{{user_of(0), unit_of(0)}}});
          break;
        case InputType::kDirectives:
          inputs.push_back({in.name, Directives{{"Chỉ đạo " + in.name, {}, {}}}});
          break;
      }
    }
    return inputs;
  }

 private:
  void submit_version(const StateDef& st) {
    d_.ok(first_user(st.allow[size_t(Operation::kSubmitVersion)]),
          SubmitVersion{blocks_from_text("Dự thảo"), ""});
  }

  const Definition& def_;
  Dossier d_;
};

void check_every_transition(const Definition& def) {
  size_t checked = 0;
  for (StateId s = 0; s < def.states.size(); ++s) {
    const StateDef& st = def.states[s];
    for (std::uint16_t i = 0; i < st.transitions.size(); ++i) {
      const TransitionDef& t = st.transitions[i];
      INFO("workflow " << def.id << ", state " << st.id << ", action " << t.action);
      Driver driver(def);
      driver.go_to(s);
      driver.satisfy(t);
      Dossier& d = driver.dossier();
      const ActionInputs inputs = driver.inputs_for(t);
      for (RoleId r = 0; r < def.roles.size(); ++r) {
        INFO("role " << def.roles[r].id);
        std::vector<Event> events;
        Status status = decide(d.state, TakeAction{t.action, inputs},
                               Actor{user_of(r), unit_of(r), false}, d.now, &events, &d.numbers);
        if (t.roles & (1u << r)) {
          CHECK(status.ok());
          CHECK_FALSE(events.empty());
        } else {
          REQUIRE_FALSE(status.ok());
          CHECK(status.error().code == ErrorCode::kForbiddenRole);
          CHECK(events.empty());
        }
      }
      std::vector<Event> events;
      Status outsider = decide(d.state, TakeAction{t.action, inputs}, Actor{kNobody, 1, true},
                               d.now, &events, &d.numbers);
      CHECK(outsider.error().code == ErrorCode::kForbiddenRole);  // an admin is no participant
      d.ok(first_user(t.roles), TakeAction{t.action, inputs});
      CHECK(d.state.state == t.to);
      ++checked;
    }
  }
  size_t total = 0;
  for (const StateDef& st : def.states)
    total += st.transitions.size();
  CHECK(checked == total);
}

void check_every_operation(const Definition& def) {
  for (StateId s = 0; s < def.states.size(); ++s) {
    const StateDef& st = def.states[s];
    for (Operation op : {Operation::kSubmitVersion, Operation::kComment}) {
      INFO("workflow " << def.id << ", state " << st.id << ", " << operation_name(op));
      Driver driver(def);
      driver.go_to(s);
      Dossier& d = driver.dossier();
      const Command command = op == Operation::kComment
                                  ? Command(AddComment{"Góp ý", 0, {}})
                                  : Command(SubmitVersion{blocks_from_text("Bản mới"), ""});
      const RoleMask allowed = st.allow[size_t(op)];
      for (RoleId r = 0; r < def.roles.size(); ++r) {
        std::vector<Event> events;
        Status status =
            decide(d.state, command, Actor{user_of(r), unit_of(r), false}, d.now, &events);
        if (d.state.frozen && op == Operation::kSubmitVersion) {
          // Once issued, the text is closed to everyone, whatever the step allows.
          REQUIRE_FALSE(status.ok());
          CHECK(status.error().code == ErrorCode::kInvalidState);
        } else if (allowed & (1u << r)) {
          CHECK(status.ok());
        } else {
          REQUIRE_FALSE(status.ok());
          CHECK(status.error().code ==
                (allowed ? ErrorCode::kForbiddenRole : ErrorCode::kNotAllowedInState));
        }
      }
    }
  }
}

}  // namespace

TEST_CASE("every transition of plan.json: allowed roles take it, others are refused",
          "[matrix][plan]") {
  check_every_transition(load_workflow("plan.json"));
}

TEST_CASE("every transition of official-letter.json: allowed roles take it, others are refused",
          "[matrix][letter]") {
  check_every_transition(load_workflow("official-letter.json"));
}

TEST_CASE("every in-step operation is open to its roles only", "[matrix]") {
  check_every_operation(load_workflow("plan.json"));
  check_every_operation(load_workflow("official-letter.json"));
}
