#include "engine/dossier_state.h"

#include <algorithm>

namespace planflow {

const TaskDef& task_def(const StateDef& st, const OpenTask& task) {
  if (task.task == kConsultationTask) return st.consultation->task;
  if (task.task >= kFirstFollowUpTask) return st.follow_up->tasks[task.task - kFirstFollowUpTask];
  return st.tasks[task.task];
}

RoleMask DossierState::roles_of(UserId user) const {
  RoleMask mask = 0;
  for (const Binding& b : bindings)
    if (b.participant.user == user) mask |= 1u << b.role;
  return mask;
}

std::uint32_t DossierState::responded_count() const {
  return static_cast<std::uint32_t>(std::count_if(invitees.begin(), invitees.end(),
                                                  [](const Invitee& i) { return i.responded; }));
}

bool DossierState::quorum_met() const {
  const auto& c = current().consultation;
  return c && c->quorum.met(responded_count(), static_cast<std::uint32_t>(invitees.size()));
}

std::uint32_t DossierState::quorum_needed() const {
  const auto& c = current().consultation;
  return c ? c->quorum.needed(static_cast<std::uint32_t>(invitees.size())) : 0;
}

const Timer* DossierState::find_timer(std::uint32_t id) const {
  for (const Timer& t : timers)
    if (t.id == id) return &t;
  return nullptr;
}

std::optional<Time> DossierState::next_timer_at() const {
  std::optional<Time> next;
  for (const Timer& t : timers)
    if (!next || t.at < *next) next = t.at;
  return next;
}

}  // namespace planflow
