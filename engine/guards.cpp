#include "engine/guards.h"

#include <algorithm>

namespace planflow {

namespace {

std::uint32_t quorum_needed(const Quorum& q, std::uint32_t invited) {
  switch (q.rule) {
    case QuorumRule::kAll:
      return invited;
    case QuorumRule::kAny:
      return 1;
    case QuorumRule::kNOfM:
      return q.n;
    case QuorumRule::kFraction:
      return static_cast<std::uint32_t>(
          (static_cast<std::uint64_t>(invited) * q.numerator + q.denominator - 1) / q.denominator);
  }
  return invited;
}

}  // namespace

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
      const auto& c = s.current().consultation;
      const std::string responded = std::to_string(s.responded_count());
      const std::string of = std::to_string(invited);
      const std::string needed = std::to_string(c ? quorum_needed(c->quorum, invited) : invited);
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

}  // namespace planflow
