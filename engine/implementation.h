// Carrying out an issued plan: its implementation tasks, the campaign window
// they may share, the lead units' progress reports, and what is derived
// from them at a moment (percentages, status, roll-ups per plan and per
// unit), never typed by hand. decide() and evolve() route here.
//
// Who may do what is the definition's `allow`: `manage_tasks` adds tasks and
// sets the campaign; `report_progress` reports, and only for a task whose
// lead unit the reporter speaks for in this dossier.
#pragma once

#include <optional>
#include <vector>

#include "engine/decide.h"

namespace planflow {

Status decide_add_task(const DossierState& state, const AddImplementationTask& command,
                       const Actor& actor, Time now, std::vector<Event>* out);
Status decide_report_progress(const DossierState& state, const ReportProgress& command,
                              const Actor& actor, Time now, std::vector<Event>* out);
Status decide_set_campaign(const DossierState& state, const SetCampaign& command,
                           const Actor& actor, Time now, std::vector<Event>* out);

Status apply_task_added(DossierState& state, const ImplementationTaskAdded& event, Time at);
Status apply_progress_reported(DossierState& state, const ProgressReported& event);
Status apply_campaign_set(DossierState& state, const CampaignSet& event);

// One task as it stands at `now`.
struct TaskStanding {
  TaskStatus status = TaskStatus::kNotStarted;
  std::optional<double> percent;  // of the goal, with a target; 100 once declared done
  std::optional<double> planned;  // the value the plan expects by now, with a target
};
TaskStanding task_standing(const TrackedTask& task, Time now);

// The plan's progress: each task's percent (0 without a report; for a task
// without a target 100 once done), weighted where every task has a weight.
// `lead_unit` 0 rolls up every task, otherwise only those that unit leads.
double plan_progress(const DossierState& state, Time now, UnitId lead_unit = 0);

// Whether `user` may add tasks now; whether they may report on `task` now
// (the same checks decide() makes before what a command carries).
bool may_manage_tasks(const DossierState& state, UserId user);
bool may_report_progress(const DossierState& state, UserId user, std::uint32_t task);

}  // namespace planflow
