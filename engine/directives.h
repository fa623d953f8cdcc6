// The chairperson's conclusion and its directives: what the revision must
// do, the drafting unit marking each done, the guard that holds approval and
// the revision back until they are, and the conclusion issued as a notice.
// decide(), evolve() and the guards call in here, so their own files only
// route to it.
#pragma once

#include <optional>
#include <vector>

#include "engine/decide.h"

namespace planflow {

// decide(): a `directives` input, checked against the version being
// concluded on (its blocks) and the dossier's comments.
std::optional<Error> check_directives_input(const DossierState& state, const InputDef& spec,
                                            const InputValue& value);

Status decide_directive_done(const DossierState& state, const MarkDirectiveDone& command,
                             const Actor& actor, Time now, std::vector<Event>* out);

Status decide_conclusion_notice(const DossierState& state, const IssueConclusionNotice& command,
                                const Actor& actor, Time now, std::vector<Event>* out,
                                const NumberSource* numbers);

// evolve(): after entering the state an action led to. An action that
// declares a `directives` input replaces the directives (with none when
// none were given); a `revision_deadline` sets when the tasks of the state
// entered are due.
void apply_conclusion(DossierState& state, const TransitionDef& transition,
                      const ActionInputs& inputs);
Status apply_directive_done(DossierState& state, const DirectiveDone& event, UserId actor);
Status apply_conclusion_notice(DossierState& state, const ConclusionNoticeIssued& event);

// The guard all_directives_done, and why it fails.
bool all_directives_done(const DossierState& state);
LocalizedText directives_failure(const DossierState& state);

// What a UI should offer `user`: exactly what decide() would not refuse
// for want of a role or of the step, before what the command carries.
bool may_mark_directives(const DossierState& state, UserId user);
bool may_issue_conclusion_notice(const DossierState& state, UserId user);

}  // namespace planflow
