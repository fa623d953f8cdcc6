// An issued plan's implementation as the reply shows it (docs/protocol.md):
// each task with its title, units, period and target, the lead unit's
// reports as its timeline, and what is derived at the server's clock
// (status, percent, the planned value), with roll-ups per plan and per lead
// unit. Titles and reports' words live in the event history, the rest in
// the state; no read view is needed.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "engine/dossier_state.h"
#include "engine/store/queries.h"
#include "engine/store/store.h"

namespace planflow {

// The dossier reply's `implementation`: null while the current step allows
// neither task management nor reports and the plan has no tasks.
nlohmann::json implementation_json(const DossierState& state,
                                   const std::vector<StoredEvent>& events, UserId user, Time now);

// Whether the dossier has any implementation task, so the overview reads
// the history of those dossiers only.
bool has_implementation_tasks(const DossierState& state);

// One plan's entry in the monitor's overview, and its tasks' entries
// (appended to `tasks`), from the dossier's reply form `implementation`.
nlohmann::json overview_plan_json(const DossierSummary& summary,
                                  const nlohmann::json& implementation, nlohmann::json* tasks);

// Most urgent first: overdue, at risk, not started, on track, done; then by
// deadline.
void sort_overview_tasks(nlohmann::json* tasks);

}  // namespace planflow
