#include "engine/guards.h"

#include <algorithm>

#include "engine/directives.h"

namespace planflow {

bool guard_holds(const DossierState& s, Guard g, Time now) {
  switch (g) {
    case Guard::kHasDraftVersion:
      return s.versions > 0;
    case Guard::kNewVersionInState:
      return s.versions > 0 && s.last_version_entry == s.state_entries;
    case Guard::kAllCommentsDisposed:
      return s.undisposed_comments == 0;
    case Guard::kQuorumMet:
      return s.quorum_met();
    case Guard::kDeadlinePassed:
      return s.deadline_at && now >= *s.deadline_at;
    case Guard::kAllDirectivesDone:
      return all_directives_done(s);
  }
  return false;
}

LocalizedText guard_failure(const DossierState& s, Guard g, Time now) {
  switch (g) {
    case Guard::kHasDraftVersion:
      return {"Chưa có phiên bản dự thảo nào được gửi", "no draft version has been submitted yet"};
    case Guard::kNewVersionInState:
      return {"Chưa gửi phiên bản dự thảo mới ở bước này",
              "no new draft version has been submitted in this step"};
    case Guard::kAllCommentsDisposed: {
      const std::string count = std::to_string(s.undisposed_comments);
      return {"Còn " + count + " ý kiến góp ý chưa được tiếp thu, giải trình",
              count + (s.undisposed_comments == 1 ? " comment still has" : " comments still have") +
                  " no disposition"};
    }
    case Guard::kQuorumMet: {
      const auto invited = static_cast<std::uint32_t>(s.invitees.size());
      const std::string responded = std::to_string(s.responded_count());
      const std::string of = std::to_string(invited);
      const std::string needed =
          std::to_string(s.current().consultation ? s.quorum_needed() : invited);
      return {"Chưa đủ số đại biểu góp ý: " + responded + "/" + of + " đại biểu đã góp ý, cần " +
                  needed,
              "quorum not met: " + responded + " of " + of + " invitees have responded, " + needed +
                  " needed"};
    }
    case Guard::kDeadlinePassed:
      if (!s.deadline_at) return {"Bước này không có thời hạn", "this step has no deadline"};
      return {"Chưa hết thời hạn " + format_time_vi(*s.deadline_at) +
                  " (hiện tại: " + format_time_vi(now) + ")",
              "the deadline " + format_time(*s.deadline_at) + " has not passed (now " +
                  format_time(now) + ")"};
    case Guard::kAllDirectivesDone:
      return directives_failure(s);
  }
  return {"Điều kiện để thực hiện thao tác chưa được đáp ứng", "guard does not hold"};
}

std::vector<std::uint16_t> available_actions(const DossierState& s, UserId user, Time now) {
  std::vector<std::uint16_t> out;
  if (!s.created) return out;
  const RoleMask roles = s.roles_of(user);
  const auto& transitions = s.current().transitions;
  for (size_t i = 0; i < transitions.size(); ++i) {
    const TransitionDef& t = transitions[i];
    if (!(t.roles & roles)) continue;
    if (std::all_of(t.guards.begin(), t.guards.end(),
                    [&](Guard g) { return guard_holds(s, g, now); }))
      out.push_back(static_cast<std::uint16_t>(i));
  }
  return out;
}

std::vector<Operation> allowed_operations(const DossierState& s, UserId user) {
  std::vector<Operation> out;
  if (!s.created) return out;
  // The same checks, in the same terms, as decide()'s refusals on role,
  // state and invitation; the checks of what a command carries stay there.
  const RoleMask roles = s.roles_of(user);
  for (Operation op : {Operation::kSubmitVersion, Operation::kComment, Operation::kDisposeComment,
                       Operation::kManageTasks, Operation::kReportProgress}) {
    if (op == Operation::kSubmitVersion && s.frozen) continue;
    if (s.current().allow[static_cast<size_t>(op)] & roles) out.push_back(op);
  }
  if (s.current().consultation &&
      std::any_of(s.invitees.begin(), s.invitees.end(),
                  [user](const Invitee& i) { return i.participant.user == user && !i.responded; }))
    out.push_back(Operation::kNoFurtherComments);
  return out;
}

std::vector<std::uint32_t> changeable_comments(const DossierState& s, UserId user) {
  std::vector<std::uint32_t> out;
  if (!s.created ||
      !(s.current().allow[static_cast<size_t>(Operation::kComment)] & s.roles_of(user)))
    return out;
  for (std::size_t i = 0; i < s.comments.size(); ++i) {
    const CommentInfo& c = s.comments[i];
    if (c.author == user && !c.withdrawn && c.state_entry == s.state_entries)
      out.push_back(static_cast<std::uint32_t>(i + 1));
  }
  return out;
}

}  // namespace planflow
