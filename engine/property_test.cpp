// Random command sequences (fixed seeds): whatever decide() accepts, evolve()
// applies, and replaying the events rebuilds exactly the same state; whatever
// it refuses, it explains in Vietnamese as well as in English.
#include <catch2/catch.hpp>
#include <random>

#include "engine/event_json.h"
#include "engine/plan_fixture.h"
#include "engine/text.h"
#include "engine/unicode_nfc.h"

using namespace planflow;
using namespace planflow::testing;

namespace {

class RandomCommands {
 public:
  RandomCommands(const Definition& def, std::uint64_t seed) : def_(def), rng_(seed) {
    for (const StateDef& s : def.states)
      for (const TransitionDef& t : s.transitions)
        actions_.push_back(t.action);
    actions_.push_back("publish");  // in no definition
    for (const StateDef& s : def.states) {
      has_directives_ = has_directives_ || s.conclusion_notice.has_value();
      for (const TransitionDef& t : s.transitions)
        for (const InputDef& in : t.inputs)
          has_directives_ = has_directives_ || in.type == InputType::kDirectives;
    }
  }

  UserId user() { return static_cast<UserId>(pick(12)); }  // 0 is the timer service

  // Mostly a unit someone in the dossier speaks for, so reports get through.
  UnitId unit(const DossierState& s) {
    if (!s.bindings.empty() && chance(85))
      return s.bindings[pick(s.bindings.size())].participant.unit;
    return static_cast<UnitId>(pick(5));
  }

  double figure() { return chance(10) ? -1.0 * pick(100) : static_cast<double>(pick(2000)) / 4; }

  std::pair<Actor, Command> implementation(const DossierState& s, Time now, RoleMask managers,
                                           RoleMask reporters) {
    const auto tasks = s.implementation_tasks.size();
    switch (pick(7)) {
      case 6: {
        std::uint32_t id = static_cast<std::uint32_t>(pick(20));
        for (const Timer& t : s.timers)
          if (t.kind == TimerKind::kFollowUp && chance(60)) id = t.id;
        return {Actor{chance(90) ? kSystemUser : user(), 0, false}, FireTimer{id}};
      }
      case 0: {
        const Time starts = chance(70) ? now - static_cast<Time>(pick(30 * kDay)) : 0;
        return {actor_for(s, managers),
                SetCampaign{starts, starts + static_cast<Time>(pick(90 * kDay))}};
      }
      case 1:
      case 2: {
        ImplementationTaskSpec t;
        t.title = chance(95) ? text() : "";
        t.lead_unit = unit(s);
        for (const Binding& b : s.bindings)
          if ((reporters & (1u << b.role)) && chance(70)) t.lead_unit = b.participant.unit;
        if (chance(30)) t.supporting_units.push_back(unit(s));
        t.starts = chance(50) ? now - static_cast<Time>(pick(60 * kDay)) : 0;
        t.due = chance(90) ? now + static_cast<Time>(pick(200 * kDay)) - 20 * kDay : 0;
        t.weight = chance(50) ? static_cast<double>(pick(5)) : 0;
        if (chance(60)) {
          TaskTarget g{{figure(), figure(), {}}, chance(50) ? "người" : "", 2015};
          if (chance(40))
            g.value.milestones.push_back({now + static_cast<Time>(pick(60 * kDay)), figure()});
          t.target = g;
        }
        return {actor_for(s, managers), AddImplementationTask{std::move(t)}};
      }
      default: {
        ProgressReport r;
        r.task =
            static_cast<std::uint32_t>(chance(85) && tasks ? 1 + pick(tasks) : pick(tasks + 2));
        r.as_of = chance(70) ? 0 : now - static_cast<Time>(pick(10 * kDay));
        const TrackedTask* t =
            r.task >= 1 && r.task <= tasks ? &s.implementation_tasks[r.task - 1] : nullptr;
        if ((t && t->target) ? chance(90) : chance(10)) r.value = figure();
        r.completed = chance(20);
        if (chance(70)) r.narrative = text();
        // Someone who speaks for the lead unit, mostly.
        Actor actor = actor_for(s, reporters);
        if (t && chance(70))
          for (const Binding& b : s.bindings)
            if (b.participant.unit == t->lead_unit && (reporters & (1u << b.role)))
              actor = Actor{b.participant.user, b.participant.unit, false};
        return {actor, ReportProgress{std::move(r)}};
      }
    }
  }
  // Mostly minutes apart, sometimes days, so deadlines and reminders fall
  // due; now and then just past a pending follow-up, which falls weeks away.
  Time step(const DossierState& s, Time now) {
    for (const Timer& t : s.timers)
      if (t.kind == TimerKind::kFollowUp && t.at > now && chance(6))
        return t.at - now + static_cast<Time>(pick(chance(70) ? 3600 : 20 * kDay));
    return static_cast<Time>(chance(90) ? pick(3600) : pick(6 * kDay));
  }
  bool chance(int percent) { return static_cast<int>(pick(100)) < percent; }

  Actor actor_for(const DossierState& s, RoleMask roles) {
    // Most of the time someone who may act, so sequences get somewhere.
    if (chance(80))
      for (const Binding& b : s.bindings)
        if ((roles & (1u << b.role)) && chance(60))
          return Actor{b.participant.user, b.participant.unit, false};
    return Actor{user(), static_cast<UnitId>(pick(5)), chance(5)};
  }

  // `last_draft`: the latest version's blocks, from the history, since the
  // state keeps only their prints.
  std::pair<Actor, Command> next(const DossierState& s, const std::vector<Block>& last_draft,
                                 Time now) {
    if (!s.created || chance(2)) return {Actor{user(), 1, chance(20)}, create()};
    if (chance(45) && !s.current().transitions.empty()) {
      // Endings are rare, so most walks get through the whole process first.
      const auto& ts = s.current().transitions;
      const TransitionDef* t = &ts[pick(ts.size())];
      for (int tries = 0; tries < 4 && def_.states[t->to].final && !chance(3); ++tries)
        t = &ts[pick(ts.size())];
      // A step whose only way on is its end (implementation: close) is
      // left rarely, or walks through it would stop short.
      if (!def_.states[t->to].final || ts.size() > 1 || chance(5))
        return {actor_for(s, t->roles), TakeAction{t->action, inputs(*t, now, last_draft)}};
    }
    const auto& allow = s.current().allow;
    const RoleMask managers = allow[static_cast<size_t>(Operation::kManageTasks)];
    const RoleMask reporters = allow[static_cast<size_t>(Operation::kReportProgress)];
    if ((managers || reporters) && chance(50)) return implementation(s, now, managers, reporters);
    // Workflows without directives keep the walk they had before directives.
    switch (pick(has_directives_ ? 14 : 12)) {
      case 0:
        return {actor_for(s, def_.participant_managers), BindRole{role_name(), {user(), 7}}};
      case 1:
        return {actor_for(s, def_.participant_managers), UnbindRole{role_name(), user()}};
      case 2:
        return {actor_for(s, s.current().allow[0]),
                SubmitVersion{document(last_draft), chance(50) ? "" : "tóm tắt"}};
      case 3:
        return {actor_for(s, s.current().allow[1]),
                AddComment{text(),
                           chance(60) ? 0 : static_cast<std::uint32_t>(pick(s.comments.size() + 2)),
                           anchor(last_draft)}};
      case 4:
        return {actor_for(s, s.current().allow[2]),
                DisposeComment{static_cast<std::uint32_t>(pick(s.comments.size() + 2)),
                               static_cast<Disposition>(pick(5)), chance(70) ? "giải trình" : ""}};
      case 5: {
        Actor a{user(), 1, false};
        if (!s.invitees.empty() && chance(80))
          a.user = s.invitees[pick(s.invitees.size())].participant.user;
        return {a, NoFurtherComments{}};
      }
      case 7:
      case 8: {
        const auto id = static_cast<std::uint32_t>(pick(s.comments.size() + 2));
        // Mostly the author, so edits and withdrawals happen.
        Actor a = actor_for(s, s.current().allow[1]);
        if (id >= 1 && id <= s.comments.size() && chance(70)) a.user = s.comments[id - 1].author;
        if (chance(50)) return {a, WithdrawComment{id}};
        return {a, EditComment{id, text()}};
      }
      case 6:
      case 9: {
        std::uint32_t id = static_cast<std::uint32_t>(pick(20));
        if (!s.timers.empty() && chance(80)) id = s.timers[pick(s.timers.size())].id;
        return {Actor{chance(85) ? kSystemUser : user(), 0, false}, FireTimer{id}};
      }
      case 12: {
        std::vector<std::uint32_t> blocks;
        if (!last_draft.empty() && chance(70))
          blocks.push_back(last_draft[pick(last_draft.size())].id);
        return {
            actor_for(s, s.current().allow[0]),
            MarkDirectiveDone{static_cast<std::uint32_t>(chance(80) && !s.directives_done.empty()
                                                             ? 1 + pick(s.directives_done.size())
                                                             : pick(s.directives_done.size() + 2)),
                              blocks, chance(50) ? "" : text()}};
      }
      case 13:
        return {Actor{user(), 1, false}, IssueConclusionNotice{text(), "TL. CHỦ TỊCH", text(), ""}};
      default: {
        ActionInputs in;
        if (chance(50)) in.push_back(text_input("reason", text()));
        return {Actor{user(), 1, chance(5)}, TakeAction{actions_[pick(actions_.size())], in}};
      }
    }
  }

 private:
  std::uint64_t pick(std::uint64_t n) { return n == 0 ? 0 : rng_() % n; }

  std::string role_name() {
    if (chance(10)) return "auditor";
    return def_.roles[pick(def_.roles.size())].id;
  }

  // Mostly a fitting anchor into the latest version, sometimes one that
  // does not fit, so decide()'s checks are crossed both ways.
  Anchor anchor(const std::vector<Block>& draft) {
    if (draft.empty() || chance(40)) return {};
    const Block& b = draft[pick(draft.size())];
    const std::uint32_t block = chance(90) ? b.id : static_cast<std::uint32_t>(pick(50));
    if (chance(40) || b.text.empty()) return {AnchorKind::kBlock, block, 0, 0, ""};
    const std::string quote = b.text.substr(0, b.text.find(' '));
    const std::uint32_t start = static_cast<std::uint32_t>(pick(3));
    const std::uint32_t end = start + code_point_count(quote) + (chance(90) ? 0 : 1);
    return {AnchorKind::kPassage, block, start, end, quote};
  }

  std::string text() {
    switch (pick(10)) {
      case 0:
        return "";
      case 1:
        return "\xC3\x28";  // not UTF-8
      case 2:
        return "   ";
      default:
        return "Nội dung số " + std::to_string(pick(1000));
    }
  }

  // Mostly the last version edited a little, so ids carry over; sometimes
  // plain text, nothing at all or a block of a shape the edge would refuse.
  std::vector<Block> document(const std::vector<Block>& last) {
    if (chance(20)) return blocks_from_text(text() + "\n" + text());
    std::vector<Block> blocks = last;
    for (Block& b : blocks)
      b.id = 0;
    const int edits = static_cast<int>(pick(4));
    for (int i = 0; i < edits || blocks.empty(); ++i) {
      const std::size_t at = pick(blocks.size() + 1);
      switch (pick(6)) {
        case 0:
          blocks.insert(blocks.begin() + static_cast<std::ptrdiff_t>(at),
                        Block{0, BlockKind::kParagraph, 0, {}, text(), {}});
          break;
        case 1:
          blocks.insert(blocks.begin() + static_cast<std::ptrdiff_t>(at),
                        Block{0,
                              BlockKind::kHeading,
                              static_cast<std::uint8_t>(pick(4)),
                              std::to_string(pick(9)) + ".",
                              text(),
                              {}});
          break;
        case 2:
          blocks.insert(blocks.begin() + static_cast<std::ptrdiff_t>(at),
                        Block{0, BlockKind::kTable, 0, {}, {}, {{text(), "ô"}, {text()}}});
          break;
        case 3:
          if (at < blocks.size()) blocks.erase(blocks.begin() + static_cast<std::ptrdiff_t>(at));
          break;
        case 4:
          if (at < blocks.size() && blocks[at].kind != BlockKind::kTable)
            blocks[at].text += " " + std::to_string(pick(10));
          break;
        default:
          if (at < blocks.size()) std::swap(blocks[at], blocks[pick(blocks.size())]);
          break;
      }
    }
    return blocks;
  }

  CreateDossier create() {
    CreateDossier c;
    c.title = chance(90) ? "Kế hoạch " + std::to_string(pick(100)) : "";
    if (!def_.document_types.empty() && chance(30))
      c.document_type = def_.document_types[pick(def_.document_types.size())];
    c.issuer = {50, chance(95) ? "UBND" : ""};
    c.drafting_unit = {10, "NC"};
    for (RoleId r = 0; r < def_.roles.size(); ++r) {
      const int holders = chance(95) ? 1 + static_cast<int>(pick(2)) : 0;
      for (int h = 0; h < holders; ++h)
        c.bindings.push_back(
            {def_.roles[r].id,
             {static_cast<UserId>(1 + pick(11)), static_cast<UnitId>(1 + pick(4))}});
    }
    return c;
  }

  ActionInputs inputs(const TransitionDef& t, Time now, const std::vector<Block>& last_draft) {
    ActionInputs in;
    for (const InputDef& d : t.inputs) {
      if (!d.required && chance(50)) continue;
      switch (d.type) {
        case InputType::kText:
          in.push_back({d.name, text()});
          break;
        case InputType::kTime:
          in.push_back({d.name, now + static_cast<Time>(pick(40 * kDay)) - 2 * kDay});
          break;
        case InputType::kParticipants: {
          std::vector<Participant> list;
          const auto n = pick(5);
          for (std::uint64_t i = 0; i < n; ++i)
            list.push_back({static_cast<UserId>(pick(12)), static_cast<UnitId>(pick(4))});
          in.push_back({d.name, list});
          break;
        }
        case InputType::kDirectives: {
          Directives list;
          const auto n = pick(4);
          for (std::uint64_t i = 0; i < n; ++i) {
            Directive item{text(), {}, {}};
            if (!last_draft.empty() && chance(50))
              item.blocks.push_back(chance(90) ? last_draft[pick(last_draft.size())].id
                                               : static_cast<std::uint32_t>(pick(50)));
            if (chance(30)) item.comments.push_back(static_cast<std::uint32_t>(pick(6)));
            list.push_back(std::move(item));
          }
          in.push_back({d.name, list});
          break;
        }
      }
    }
    return in;
  }

  const Definition& def_;
  std::mt19937_64 rng_;
  bool has_directives_ = false;
  std::vector<std::string> actions_;
};

void check_invariants(const DossierState& s, std::uint64_t events) {
  REQUIRE(s.version == events);
  std::uint32_t undisposed = 0;
  for (const CommentInfo& c : s.comments)
    undisposed += c.reply_to == 0 && c.disposition == Disposition::kNone && !c.withdrawn;
  REQUIRE(s.undisposed_comments == undisposed);
  if (s.current().final) {
    REQUIRE(s.tasks.empty());
    REQUIRE(s.timers.empty());
  }
  std::vector<int> follow_up_timers(s.implementation_tasks.size());
  for (const Timer& t : s.timers) {
    REQUIRE(t.at >= s.entered_at);
    if (t.kind != TimerKind::kFollowUp) continue;
    // One pending follow-up per task at most: a plan of 500 tasks has no
    // more than 500 timers.
    REQUIRE(t.subject >= 1);
    REQUIRE(t.subject <= s.implementation_tasks.size());
    REQUIRE(++follow_up_timers[t.subject - 1] == 1);
  }
  REQUIRE(s.invitees.size() <= kMaxParticipants);
}

struct Coverage {
  int sequences = 0, accepted = 0, refused = 0, finished = 0, issued = 0, timers_fired = 0;
  int notices = 0, directives_done = 0, tasks_added = 0, reports = 0, follow_ups = 0;
  int late_follow_ups = 0;  // sent for a later slot than the timer's: the server was "down"
  unsigned codes = 0;       // bit per ErrorCode refused with
};

// What the Vietnamese-first UI shows: a sentence of its own (not the English
// copied over), valid UTF-8, in NFC like every other text planflow keeps.
// Checked without an assertion per refusal: there are hundreds of thousands.
bool has_vietnamese(const Error& e) {
  if (e.message_vi.empty() || e.message_vi == e.message || !is_valid_utf8(e.message_vi))
    return false;
  const auto nfc = normalize_nfc(e.message_vi);
  return nfc.ok() && nfc.value() == e.message_vi;
}

// `prepare`, when given, carries each dossier somewhere first (its events
// are part of the history replayed), so a walk can start from there.
void run_sequences(const Definition& def, std::uint64_t seed, int count, int length, Coverage& cov,
                   void (*prepare)(Dossier&) = nullptr) {
  for (int n = 0; n < count; ++n) {
    RandomCommands gen(def, seed + static_cast<std::uint64_t>(n));
    Dossier d(def, 1375000000 + static_cast<Time>(n) * 3600);
    SharedBlocks last_draft;
    if (prepare) {
      prepare(d);
      for (const Event& e : d.history)
        if (const auto* v = std::get_if<VersionSubmitted>(&e.body)) last_draft = v->blocks;
    }
    for (int i = 0; i < length; ++i) {
      d.now += gen.step(d.state, d.now);
      auto [actor, command] = gen.next(d.state, *last_draft, d.now);
      std::vector<Event> events;
      Time fired_at = 0;
      if (const auto* f = std::get_if<FireTimer>(&command))
        if (const Timer* t = d.state.find_timer(f->timer_id)) fired_at = t->at;
      Status status = decide(d.state, command, actor, d.now, &events, &d.numbers);
      if (!status.ok()) {
        REQUIRE(events.empty());
        if (!has_vietnamese(status.error())) {
          INFO("seed " << seed + n << " step " << i << ": " << error_code_name(status.error().code)
                       << ": " << status.error().message);
          CHECK(status.error().message_vi == "a Vietnamese sentence, in NFC");
          FAIL("a refusal without a proper Vietnamese message");
        }
        cov.codes |= 1u << static_cast<unsigned>(status.error().code);
        ++cov.refused;
        continue;
      }
      ++cov.accepted;
      for (const Event& e : events) {
        Status applied = evolve(d.state, e);
        INFO("seed " << seed + n << " step " << i << ": " << event_type_name(e.body) << ": "
                     << (applied.ok() ? "" : applied.error().message));
        REQUIRE(applied.ok());
        auto stored = event_from_json(def, event_to_json(def, e));
        REQUIRE(stored.ok());
        REQUIRE(stored.value() == e);
        if (const auto* a = std::get_if<ActionTaken>(&e.body)) {
          if (a->issued) {
            d.numbers.record(d.state.issuer.id, *a->issued);
            ++cov.issued;
          }
          if (a->timer_id) ++cov.timers_fired;
        }
        if (std::holds_alternative<ReminderSent>(e.body)) ++cov.timers_fired;
        if (const auto* n = std::get_if<ConclusionNoticeIssued>(&e.body)) {
          d.numbers.record(d.state.issuer.id, n->issued);
          ++cov.notices;
        }
        if (std::holds_alternative<DirectiveDone>(e.body)) ++cov.directives_done;
        if (std::holds_alternative<ImplementationTaskAdded>(e.body)) ++cov.tasks_added;
        if (std::holds_alternative<ProgressReported>(e.body)) ++cov.reports;
        if (const auto* f = std::get_if<FollowUpSent>(&e.body)) {
          ++cov.follow_ups;
          cov.late_follow_ups += f->scheduled_at > fired_at;
        }
        if (const auto* v = std::get_if<VersionSubmitted>(&e.body)) last_draft = v->blocks;
        d.history.push_back(e);
      }
      check_invariants(d.state, d.history.size());
    }
    auto replayed = replay(def, d.history);
    REQUIRE(replayed.ok());
    REQUIRE(replayed.value() == d.state);
    ++cov.sequences;
    cov.finished += d.state.created && d.state.current().final;
  }
}

}  // namespace

TEST_CASE(
    "random command sequences never yield an event evolve refuses, and replay and store exactly",
    "[property][vietnamese]") {
  for (const char* name : {"plan.json", "official-letter.json"}) {
    INFO(name);
    const Definition def = load_workflow(name);
    Coverage cov;
    run_sequences(def, 20261123, 2500, 120, cov);
    UNSCOPED_INFO("accepted " << cov.accepted << ", refused " << cov.refused << ", finished "
                              << cov.finished << ", issued " << cov.issued << ", timers fired "
                              << cov.timers_fired << ", notices " << cov.notices
                              << ", directives done " << cov.directives_done << ", tasks "
                              << cov.tasks_added << ", reports " << cov.reports << ", follow-ups "
                              << cov.follow_ups << " (" << cov.late_follow_ups << " late)");
    CHECK(cov.sequences == 2500);
    // The walk must reach the interesting places, or it proves little.
    CHECK(cov.accepted > 2500 * 5);
    CHECK(cov.refused > 2500 * 5);
    CHECK(cov.finished > 100);
    CHECK(cov.issued > 50);
    CHECK(cov.timers_fired > 20);
    if (std::string_view(name) == "plan.json") {
      CHECK(cov.notices > 20);
      CHECK(cov.directives_done > 20);
      CHECK(cov.tasks_added > 200);
      CHECK(cov.reports > 100);
      CHECK(cov.follow_ups > 50);
    }
    // Every kind of refusal was met, each in Vietnamese.
    CHECK(cov.codes == (1u << (static_cast<unsigned>(ErrorCode::kInvalidState) + 1)) - 1);
  }
}

TEST_CASE("random walks through an issued plan's implementation follow up every task, and replay",
          "[property][follow_up]") {
  const Definition def = load_workflow("plan.json");
  Coverage cov;
  run_sequences(def, 20261207, 300, 150, cov, to_implementation);
  UNSCOPED_INFO("accepted " << cov.accepted << ", tasks " << cov.tasks_added << ", reports "
                            << cov.reports << ", follow-ups " << cov.follow_ups << " ("
                            << cov.late_follow_ups << " late)");
  CHECK(cov.sequences == 300);
  CHECK(cov.tasks_added > 300);
  CHECK(cov.reports > 300);
  CHECK(cov.follow_ups > 300);
  // Some follow-ups went out for a later slot than their timer's, as after
  // a server was down: only the latest due is sent.
  CHECK(cov.late_follow_ups > 50);
}
