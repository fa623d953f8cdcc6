// Evaluating the named guards of transitions, and what a participant may do
// now (the actions and operations a UI should offer, no more).
#pragma once

#include <string>
#include <vector>

#include "engine/dossier_state.h"

namespace planflow {

bool guard_holds(const DossierState& state, Guard guard, Time now);

// Why a guard does not hold, with the figures involved, in English ("quorum
// not met: 2 of 5 invitees have responded, 4 needed") and in Vietnamese
// ("Chưa đủ số đại biểu góp ý: 2/5 đại biểu đã góp ý, cần 4").
LocalizedText guard_failure(const DossierState& state, Guard guard, Time now);

// Indices of the current state's transitions that `user` may take now:
// they play an allowed role and every guard holds.
std::vector<std::uint16_t> available_actions(const DossierState& state, UserId user, Time now);

// The operations inside the current state (engine/definition.h) that
// decide() would not refuse `user` for want of a role, for the state or for
// not being an open invitee; what a command carries (a comment's text, the
// comment disposed of) is still checked when it comes. In the order of
// Operation.
std::vector<Operation> allowed_operations(const DossierState& state, UserId user);

// The comments `user` may edit or withdraw now: their own, not withdrawn,
// made in the step as it was entered this time, which still takes comments
// from them. In id order.
std::vector<std::uint32_t> changeable_comments(const DossierState& state, UserId user);

}  // namespace planflow
