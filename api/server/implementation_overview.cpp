#include "api/server/implementation_overview.h"

#include <string>

#include "api/server/implementation_view.h"

namespace planflow {

using nlohmann::json;

Result<json, StoreError> implementation_overview(Store& store, Queries& queries, UserId user,
                                                 Time now) {
  auto dossiers = queries.dossiers_of(user);
  if (!dossiers.ok()) return dossiers.error();
  json plans = json::array(), tasks = json::array();
  for (const DossierSummary& d : dossiers.value()) {
    auto history = store.history_of(d.id);
    if (!history.ok()) {
      // The store's own words name no dossier; the monitor needs to know which.
      const std::string n = std::to_string(d.id);
      return StoreError{StoreErrorCode::kUnavailable,
                        "dossier " + n + " cannot be read: " + history.error().message,
                        "Không đọc được hồ sơ số " + n,
                        {},
                        {}};
    }
    const DossierState& state = history.value().state;
    if (!has_implementation_tasks(state)) continue;
    plans.push_back(overview_plan_json(
        d, implementation_json(state, history.value().events, user, now), &tasks));
  }
  sort_overview_tasks(&tasks);
  return json{{"as_of", now}, {"plans", std::move(plans)}, {"tasks", std::move(tasks)}};
}

}  // namespace planflow
