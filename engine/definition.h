// A workflow definition, compiled: the JSON of workflows/*.json after
// validation, with every name resolved to an index so the engine's hot path
// compares integers, not strings. See docs/workflow-format.md for the JSON.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/duration.h"

namespace planflow {

struct WorkingCalendar;  // engine/working_calendar.h

using RoleId = std::uint8_t;
using RoleMask = std::uint32_t;  // bit r set: role r
using StateId = std::uint16_t;

inline constexpr std::size_t kMaxRoles = 32;

struct LocalizedText {
  std::string vi;
  std::string en;
};

// What a participant may do inside a state without leaving it. Which roles
// may do each is the state's "allow" map.
enum class Operation : std::uint8_t {
  kSubmitVersion,      // submit a new draft version
  kComment,            // add a comment or reply to one
  kDisposeComment,     // answer a comment: accepted, partly, not accepted, noted
  kNoFurtherComments,  // an invited consultee is done (counts toward the quorum)
  kManageTasks,        // set the implementation's tasks and campaign window
  kReportProgress,     // report a task's progress, for the unit that leads it
};
inline constexpr std::size_t kOperationCount = 6;
const char* operation_name(Operation op);
std::optional<Operation> operation_from_name(std::string_view name);

// Named conditions a transition may require. They read only the dossier state.
enum class Guard : std::uint8_t {
  kHasDraftVersion,      // at least one draft version was submitted
  kNewVersionInState,    // a version was submitted since the current state was entered
  kAllCommentsDisposed,  // every comment (not reply) has a disposition
  kQuorumMet,            // the consultation's quorum rule holds
  kDeadlinePassed,       // the state's deadline has passed
  kAllDirectivesDone,    // every directive of the latest conclusion is marked done
};
inline constexpr std::size_t kGuardCount = 6;
const char* guard_name(Guard g);
std::optional<Guard> guard_from_name(std::string_view name);

enum class InputType : std::uint8_t { kText, kTime, kParticipants, kDirectives };
const char* input_type_name(InputType t);

// Input names with a meaning to the engine: "invitees" chooses the consultees
// of the consultation being opened, "deadline" overrides its default deadline.
inline constexpr std::string_view kInviteesInput = "invitees";
inline constexpr std::string_view kDeadlineInput = "deadline";

struct InputDef {
  std::string name;
  InputType type = InputType::kText;
  bool required = false;
  LocalizedText title;  // what the form calls it ("Kết luận"); empty: the name
};

struct TransitionDef {
  std::string action;
  LocalizedText title;
  StateId to = 0;
  RoleMask roles = 0;
  std::vector<Guard> guards;
  std::vector<InputDef> inputs;
  bool confirm = false;  // cannot be undone: the UI asks before sending it
};

struct TaskDef {
  std::string id;
  RoleId role = 0;
  LocalizedText title;
  std::optional<Duration> due;  // absent: due at the state's deadline, if any
  std::uint8_t done_on = 0;     // bit per Operation: doing it completes the task
};

enum class QuorumRule : std::uint8_t { kAll, kAny, kNOfM, kFraction };

struct Quorum {
  QuorumRule rule = QuorumRule::kAll;
  std::uint32_t n = 0;            // kNOfM
  std::uint32_t numerator = 0;    // kFraction
  std::uint32_t denominator = 1;  // kFraction

  // Whether `responded` of `invited` consultees satisfy the rule.
  bool met(std::uint32_t responded, std::uint32_t invited) const;
  // The fewest invitees for which the rule can ever be met.
  std::uint32_t min_invitees() const;
  // The fewest responses of `invited` consultees that meet the rule, so
  // people can be told how far the consultation is from closing. With no
  // invitees the rule is never met, whatever this says.
  std::uint32_t needed(std::uint32_t invited) const;
};

struct ConsultationDef {
  RoleId consultee_role = 0;
  Quorum quorum;
  std::uint32_t max_invitees = 0;  // 0: no limit
  TaskDef task;                    // opened once per invitee, due at the deadline
};

struct DeadlineDef {
  Duration due;                            // from entering the state
  std::vector<Duration> reminders;         // each fires this long before the deadline
  std::optional<std::uint16_t> on_expiry;  // transition index taken when it passes
};

enum class EffectKind : std::uint8_t { kAllocateNumber, kFreezeDocument };

struct EffectDef {
  EffectKind kind = EffectKind::kFreezeDocument;
  std::string symbol;  // kAllocateNumber: "{number}/{type}-{issuer}", "{number}/UBND-{unit}"
  std::string series;  // kAllocateNumber: the register series, may use {type}
};

// A state whose conclusion the office may issue as a notice, numbered from
// the register: "conclusion_notice" in the JSON.
struct NoticeDef {
  RoleMask roles = 0;
  std::string series;  // "TB"
  std::string symbol;  // "{number}/TB-{issuer}"
};

// Following up an issued plan's tasks (đôn đốc): reminders to each task's
// lead unit before its deadline and after it is missed, progress reports
// asked for on a schedule, and an overdue task escalated to the roles that
// monitor and chair. Each is an inbox task (engine/follow_up.h).
enum class FollowUpKind : std::uint8_t { kReminder, kOverdue, kEscalation, kReportRequest };
inline constexpr std::size_t kFollowUpKinds = 4;
const char* follow_up_kind_name(FollowUpKind k);  // "reminder", "overdue", ...
std::optional<FollowUpKind> follow_up_kind_from_name(std::string_view name);

enum class ReportSchedule : std::uint8_t { kNone, kMonthly, kQuarterly };

struct FollowUpDef {
  // Day counts are working days (the definition's calendar), and every
  // duration is whole days; instants fall at the start of office hours.
  bool working_days = false;
  std::vector<Duration> remind_before;     // before a task's due
  std::vector<Duration> remind_after;      // after a missed due
  std::optional<Duration> escalate_after;  // after a missed due, to `escalate_to`
  RoleMask escalate_to = 0;
  ReportSchedule reports = ReportSchedule::kNone;
  int report_day = 1;      // of the month (of the quarter's last month) a request opens
  Duration report_within;  // a request is due this long after it opens
  // The inbox items, indexed by FollowUpKind: their ids and titles. `role`
  // and `due` are not used: who gets each and when it is due follow from
  // the task.
  std::array<TaskDef, kFollowUpKinds> tasks;
};

struct StateDef {
  std::string id;
  LocalizedText title;
  bool final = false;
  std::vector<TransitionDef> transitions;
  std::vector<TaskDef> tasks;
  std::optional<DeadlineDef> deadline;
  std::optional<ConsultationDef> consultation;
  std::vector<EffectDef> on_enter;
  std::array<RoleMask, kOperationCount> allow{};
  std::optional<NoticeDef> conclusion_notice;
  std::optional<FollowUpDef> follow_up;

  // nullopt when the state has no transition for this action.
  std::optional<std::uint16_t> transition_index(std::string_view action) const;
};

struct RoleDef {
  std::string id;
  LocalizedText title;
};

struct Definition {
  std::string id;
  int version = 0;
  LocalizedText title;
  LocalizedText description;  // optional prose for people choosing a workflow; empty when absent
  std::vector<RoleDef> roles;
  std::vector<std::string> document_types;  // Annex III abbreviations, first is the default
  RoleMask participant_managers = 0;        // roles that may bind and unbind participants
  StateId initial = 0;
  std::vector<StateDef> states;
  // The working days a `follow_up` counts in: the fixed public holidays and
  // each year's announced ones (workflows/calendar/holidays.json), which the
  // shell that loads definitions gives them. Null: the fixed holidays alone.
  std::shared_ptr<const WorkingCalendar> calendar;

  std::optional<RoleId> role_index(std::string_view id) const;
  std::optional<StateId> state_index(std::string_view id) const;
  // Whether any state has a transition for this action.
  bool has_action(std::string_view action) const;
};

}  // namespace planflow
