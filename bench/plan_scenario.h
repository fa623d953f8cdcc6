// The plan process as the benchmarks drive it: the definition read from
// workflows/plan.json, a register of official numbers in memory, the cast,
// every command built once up front (so the loops time the engine, not
// command construction), and one step = decide + evolve, fatal on refusal.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "engine/decide.h"

namespace planflow::bench {

// Reads and compiles the definition at `path`; prints every problem and
// exits when it cannot, since no figure means anything without it.
Definition load_definition_file(const std::string& path);

// What the store will do: answer the next free number of a series, and count
// it as taken once the issuing event has been applied.
class MemoryRegister final : public NumberSource {
 public:
  std::uint32_t next_number(UnitId issuer, std::string_view series, int year) const override;
  void record(UnitId issuer, const IssuedNumber& n);

 private:
  std::map<std::tuple<UnitId, std::string, int>, std::uint32_t, std::less<>> last_;
};

inline constexpr std::size_t kDelegates = 5;

// Who takes part: Sở Nội vụ drafts, five delegates comment, the chairman of
// the People's Committee concludes, its clerk issues, agencies carry it out.
struct Cast {
  Actor drafter{101, 11, false};
  std::array<Actor, kDelegates> delegates{
      {{201, 21, false}, {202, 22, false}, {203, 23, false}, {204, 24, false}, {205, 25, false}}};
  Actor chair{301, 1, false};
  Actor clerk{302, 1, false};
  Actor implementer{401, 41, false};
  Actor monitor{501, 51, false};
};

// The texts the commands carry. decide() checks each one's size and copies
// it into its event, so their sizes move the per-command figures.
struct PlanTexts {
  std::string draft;  // each version's text
  std::string comment;
  std::string conclusion;
};

// The built-in texts: a ~1 KiB section of a plan, or, with `draft_bytes`
// non-zero, that section repeated and cut (on a character boundary) to size.
PlanTexts plan_texts(std::size_t draft_bytes = 0);

// Every command of the plan process, built once.
struct PlanCommands {
  PlanCommands(const Cast& cast, const PlanTexts& texts);

  Command create;
  Command submit_draft;  // SubmitVersion; the engine numbers it, so one serves every version
  Command submit_revised;
  Command open_consultation;
  std::array<Command, kDelegates> comment;  // each delegate's comment
  Command no_further_comments;
  Command close_consultation;
  Command revise;
  std::array<Command, kDelegates> dispose;  // comment ids 1..5
  Command submit_revision;
  Command approve;
  Command issue;
  Command close;
};

// A refusal or an inconsistent event ends the run: a benchmark that carried
// on would be timing the error path.
[[noreturn]] void die_refused(const DossierState& s, const Command& c, const Actor& a,
                              const Error& e);
[[noreturn]] void die_corrupt(const DossierState& s, const Event& ev, const Error& e);

// Decides `c` for `a` at `now`, applies every event, records any number
// issued. `events` is the caller's scratch vector, cleared and reused so the
// loop does not pay for its allocation. Returns the events yielded.
inline std::size_t step(DossierState& s, const Command& c, const Actor& a, Time now,
                        std::vector<Event>& events, MemoryRegister& numbers) {
  events.clear();
  if (Status st = decide(s, c, a, now, &events, &numbers); !st.ok()) [[unlikely]]
    die_refused(s, c, a, st.error());
  for (const Event& ev : events) {
    if (Status st = evolve(s, ev); !st.ok()) [[unlikely]]
      die_corrupt(s, ev, st.error());
    if (const auto* taken = std::get_if<ActionTaken>(&ev.body); taken && taken->issued)
      numbers.record(s.issuer.id, *taken->issued);
  }
  return events.size();
}

// Runs a dossier through the plan process, counting what it did. Each method
// is one stage; the benchmarks compose them.
class PlanDriver {
 public:
  PlanDriver(const PlanCommands& commands, const Cast& cast, MemoryRegister& numbers)
      : cmd_(commands), cast_(cast), numbers_(numbers) {
    events_.reserve(32);
  }

  // Create (10 participants) and submit v1: the dossier stays in drafting.
  void create_with_draft(DossierState& s);
  // drafting --open_consultation--> consultation, inviting the 5 delegates.
  void open_consultation(DossierState& s);
  // The first `n` delegates comment (comment ids follow their order).
  void delegates_comment(DossierState& s, std::size_t n);
  // Every delegate says it has no further comments.
  void delegates_finish(DossierState& s);
  // consultation --close_consultation--> conclusion --revise--> revision.
  void close_and_revise(DossierState& s);
  // The drafter disposes of comments 1..n and submits the next version.
  void dispose_and_resubmit(DossierState& s, std::size_t n);
  // revision --submit_revision--> conclusion.
  void submit_revision(DossierState& s);
  // conclusion --approve--> issuance --issue--> implementation --close--> closed.
  void approve_issue_close(DossierState& s);

  // The whole process, created to closed.
  void full_process(DossierState& s);

  // One turn of the steady loop, from conclusion back to conclusion:
  // revise, the drafter submits a version, submit_revision.
  void revision_cycle(DossierState& s);

  std::uint64_t commands() const { return commands_; }
  std::uint64_t transitions() const { return transitions_; }
  std::uint64_t events() const { return events_count_; }
  std::vector<Event>& scratch() { return events_; }

 private:
  void run(DossierState& s, const Command& c, const Actor& a) {
    now_ += 60;  // a minute per command keeps the times realistic and ordered
    events_count_ += step(s, c, a, now_, events_, numbers_);
    ++commands_;
    transitions_ += std::holds_alternative<TakeAction>(c);
  }

  const PlanCommands& cmd_;
  const Cast& cast_;
  MemoryRegister& numbers_;
  std::vector<Event> events_;
  Time now_ = 1709514000;  // 2024-03-04 08:00 in Hà Nội
  std::uint64_t commands_ = 0;
  std::uint64_t transitions_ = 0;
  std::uint64_t events_count_ = 0;
};

}  // namespace planflow::bench
