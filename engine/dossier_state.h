// The state of one dossier: the fold of its events under the definition
// version it started with. Only what decisions need is kept here; texts
// (comments, drafts) stay in the events and the store's read views. Of the
// latest draft only its blocks' prints are kept, which is what giving the
// next version's ids needs. The timer service reads `timers`, the inbox
// reads `tasks`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/definition.h"
#include "engine/event.h"
#include "engine/implementation_state.h"
#include "engine/meeting_state.h"
#include "engine/signature_content.h"

namespace planflow {

struct Binding {
  RoleId role = 0;
  Participant participant;
  friend bool operator==(const Binding&, const Binding&) = default;
};

// A task waiting for someone. `assignee` 0 means any holder of `role`.
struct OpenTask {
  std::uint32_t id = 0;
  // Index in the state's tasks; kConsultationTask for invitees;
  // follow_up_task(kind) for the state's follow-ups.
  std::uint16_t task = 0;
  RoleId role = 0;
  UserId assignee = 0;
  // A follow-up's implementation task; 0 otherwise. 16 bits (a plan has at
  // most kMaxImplementationTasks) fill what would be padding: a live
  // dossier holds several open tasks.
  std::uint16_t subject = 0;
  Time opened_at = 0;
  std::optional<Time> due_at;
  friend bool operator==(const OpenTask&, const OpenTask&) = default;
};
inline constexpr std::uint16_t kConsultationTask = 0xFFFF;
inline constexpr std::uint16_t kFirstFollowUpTask = 0xFFF0;
constexpr std::uint16_t follow_up_task(FollowUpKind kind) {
  return static_cast<std::uint16_t>(kFirstFollowUpTask + static_cast<std::uint16_t>(kind));
}
// The definition of an open task of state `st`.
const TaskDef& task_def(const StateDef& st, const OpenTask& task);

enum class TimerKind : std::uint8_t { kReminder, kExpiry, kFollowUp };

struct Timer {
  std::uint32_t id = 0;
  TimerKind kind = TimerKind::kReminder;
  // kFollowUp: the implementation task it follows up; 16 bits keep a timer
  // at 16 bytes.
  std::uint16_t subject = 0;
  Time at = 0;
  friend bool operator==(const Timer&, const Timer&) = default;
};

struct Invitee {
  Participant participant;
  bool responded = false;
  friend bool operator==(const Invitee&, const Invitee&) = default;
};

struct CommentInfo {
  UserId author = 0;
  std::uint32_t reply_to = 0;
  std::uint32_t state_entry = 0;  // the dossier's state_entries when it was made
  Disposition disposition = Disposition::kNone;
  bool withdrawn = false;
  friend bool operator==(const CommentInfo&, const CommentInfo&) = default;
};

class DossierState {
 public:
  explicit DossierState(const Definition& definition) : definition_(&definition) {}

  const Definition& definition() const { return *definition_; }
  const StateDef& current() const { return definition_->states[state]; }

  // The roles `user` plays in this dossier.
  RoleMask roles_of(UserId user) const;
  bool plays(UserId user, RoleId role) const { return roles_of(user) & (1u << role); }
  std::uint32_t responded_count() const;
  bool quorum_met() const;
  // How many invitees must respond for the current consultation's quorum; 0
  // when the current state holds no consultation.
  std::uint32_t quorum_needed() const;
  const Timer* find_timer(std::uint32_t id) const;
  // The earliest pending timer, for the timer service.
  std::optional<Time> next_timer_at() const;

  // The dossier's id in the store, which sets it (0 in states built without
  // a store): signatures name the dossier they sign.
  // Fields are grouped by size so that a state held for every live dossier
  // wastes no padding (bench/engine_bench.cpp counts its bytes).
  std::uint64_t id = 0;
  std::uint64_t version = 0;  // events applied
  Time entered_at = 0;
  StateId state = 0;
  bool created = false;
  bool frozen = false;
  std::uint32_t state_entries = 0;  // counts every entry, so loops are told apart
  std::string document_type;
  UnitRef issuer;
  UnitRef drafting_unit;
  std::vector<Binding> bindings;
  std::vector<OpenTask> tasks;
  std::vector<Timer> timers;
  std::optional<Time> deadline_at;
  std::vector<Invitee> invitees;
  std::uint32_t consultation_rounds = 0;
  std::uint32_t versions = 0;
  std::uint32_t last_version_entry = 0;  // state_entries when the last version came in
  std::uint32_t next_block_id = 1;       // above every block id given so far
  SharedPrints last_prints;              // of the latest version's blocks
  std::vector<CommentInfo> comments;     // comment id n is comments[n - 1]
  std::optional<IssuedNumber> issued;
  Time issued_at = 0;  // when the number was given
  // SHA-256 of the latest version (version_digest()): what a signature on
  // the issued document covers, without keeping its text.
  Sha256 last_version_digest{};
  std::optional<UserId> signed_by;  // the issued document's signer, once signed
  std::uint32_t next_task_id = 1;
  std::uint32_t next_timer_id = 1;
  std::uint32_t undisposed_comments = 0;  // comments (not replies) without a disposition
  std::uint32_t directives_version = 0;   // the version the latest directives were concluded on
  std::uint32_t notice_entry = 0;         // state_entries when a conclusion notice was last issued
  MeetingState meeting;                   // the latest meeting (engine/meeting.h)
  // The directives of the latest conclusion that gave any
  // (engine/directives.h): whether each is marked done.
  std::vector<bool> directives_done;
  // The issued plan's implementation (engine/implementation.h): task id n is
  // implementation_tasks[n - 1]; a campaign's window is every task's.
  std::vector<TrackedTask> implementation_tasks;
  std::optional<TaskWindow> campaign;

  // Equal states decide alike: replaying a history must reproduce the state.
  friend bool operator==(const DossierState&, const DossierState&) = default;

 private:
  const Definition* definition_;
};

}  // namespace planflow
