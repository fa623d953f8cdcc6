// Implementation tasks and progress reports as JSON, the one form both the
// commands that carry them and the events that record them use:
//
//   {"title": "Tinh giản biên chế", "lead_unit": 3, "supporting_units": [1, 4],
//    "starts": t, "due": t, "weight": 2,
//    "target": {"baseline": 27100, "baseline_year": 2015, "goal": 24390,
//               "measure": "người", "milestones": [{"due": t, "value": 26413}]}}
//   {"task": 1, "as_of": t, "value": 649, "completed": false, "narrative": "…",
//    "difficulties": "…", "proposals": "…"}
//
// Optional fields are left out when they hold their default. Commands write
// times as text (format_time), events as whole seconds.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "engine/implementation_task.h"
#include "engine/json_reader.h"

namespace planflow {

using TimeToJson = nlohmann::json (*)(Time);

nlohmann::json task_spec_to_json(const ImplementationTaskSpec& task, TimeToJson time);
nlohmann::json progress_report_to_json(const ProgressReport& report, TimeToJson time);

// Reading the forms events store (times as whole seconds); errors go to `r`.
ImplementationTaskSpec task_spec_from_event_json(JsonReader& r, const nlohmann::json& task,
                                                 const std::string& path);
ProgressReport progress_report_from_event_json(JsonReader& r);

}  // namespace planflow
