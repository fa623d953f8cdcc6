#include "engine/definition.h"

namespace planflow {

namespace {

constexpr std::array<const char*, kOperationCount> kOperationNames = {
    "submit_version",      "comment",      "dispose_comment",
    "no_further_comments", "manage_tasks", "report_progress"};
constexpr std::array<const char*, kGuardCount> kGuardNames = {
    "has_draft_version", "new_version_in_state", "all_comments_disposed",
    "quorum_met",        "deadline_passed",      "all_directives_done"};

constexpr std::array<const char*, kFollowUpKinds> kFollowUpKindNames = {
    "reminder", "overdue", "escalation", "report_request"};

}  // namespace

const char* follow_up_kind_name(FollowUpKind k) {
  return kFollowUpKindNames[static_cast<size_t>(k)];
}

std::optional<FollowUpKind> follow_up_kind_from_name(std::string_view name) {
  for (size_t i = 0; i < kFollowUpKindNames.size(); ++i)
    if (name == kFollowUpKindNames[i]) return static_cast<FollowUpKind>(i);
  return std::nullopt;
}

const char* operation_name(Operation op) {
  return kOperationNames[static_cast<size_t>(op)];
}

std::optional<Operation> operation_from_name(std::string_view name) {
  for (size_t i = 0; i < kOperationNames.size(); ++i)
    if (name == kOperationNames[i]) return static_cast<Operation>(i);
  return std::nullopt;
}

const char* guard_name(Guard g) {
  return kGuardNames[static_cast<size_t>(g)];
}

std::optional<Guard> guard_from_name(std::string_view name) {
  for (size_t i = 0; i < kGuardNames.size(); ++i)
    if (name == kGuardNames[i]) return static_cast<Guard>(i);
  return std::nullopt;
}

const char* input_type_name(InputType t) {
  switch (t) {
    case InputType::kText:
      return "text";
    case InputType::kTime:
      return "time";
    case InputType::kParticipants:
      return "participants";
    case InputType::kDirectives:
      return "directives";
  }
  return "text";
}

bool Quorum::met(std::uint32_t responded, std::uint32_t invited) const {
  if (invited == 0) return false;
  switch (rule) {
    case QuorumRule::kAll:
      return responded >= invited;
    case QuorumRule::kAny:
      return responded >= 1;
    case QuorumRule::kNOfM:
      return responded >= n;
    case QuorumRule::kFraction:
      // Integer cross-multiplication: "two thirds of 9" is exactly 6.
      return static_cast<std::uint64_t>(responded) * denominator >=
             static_cast<std::uint64_t>(invited) * numerator;
  }
  return false;
}

std::uint32_t Quorum::min_invitees() const {
  return rule == QuorumRule::kNOfM ? n : 1;
}

std::uint32_t Quorum::needed(std::uint32_t invited) const {
  switch (rule) {
    case QuorumRule::kAll:
      return invited;
    case QuorumRule::kAny:
      return 1;
    case QuorumRule::kNOfM:
      return n;
    case QuorumRule::kFraction:
      // Rounded up, as met() compares: two thirds of 10 is 7 people.
      return static_cast<std::uint32_t>(
          (static_cast<std::uint64_t>(invited) * numerator + denominator - 1) / denominator);
  }
  return invited;
}

std::optional<std::uint16_t> StateDef::transition_index(std::string_view action) const {
  for (size_t i = 0; i < transitions.size(); ++i)
    if (transitions[i].action == action) return static_cast<std::uint16_t>(i);
  return std::nullopt;
}

std::optional<RoleId> Definition::role_index(std::string_view id) const {
  for (size_t i = 0; i < roles.size(); ++i)
    if (roles[i].id == id) return static_cast<RoleId>(i);
  return std::nullopt;
}

std::optional<StateId> Definition::state_index(std::string_view id) const {
  for (size_t i = 0; i < states.size(); ++i)
    if (states[i].id == id) return static_cast<StateId>(i);
  return std::nullopt;
}

bool Definition::has_action(std::string_view action) const {
  for (const StateDef& s : states)
    if (s.transition_index(action)) return true;
  return false;
}

}  // namespace planflow
