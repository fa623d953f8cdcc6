#include "api/server/protocol.h"

namespace planflow {

ProtocolError protocol_error(const StoreError& e) {
  const LocalizedText message = localized(e);
  switch (e.code) {
    case StoreErrorCode::kRejected:
      return e.engine ? protocol_error(*e.engine, "/command")
                      : ProtocolError{"bad_request", message, ""};
    case StoreErrorCode::kConflict:
      return {"conflict", message, "/version"};
    case StoreErrorCode::kNotFound:
      return {"not_found", message, ""};
    case StoreErrorCode::kInvalid:
      return {"bad_request", message, ""};
    case StoreErrorCode::kFull:
      return {"internal", message, ""};
    case StoreErrorCode::kUnavailable:
      return {"unavailable", message, ""};
  }
  return {"internal", message, ""};
}

ProtocolError protocol_error(const Error& error, const std::string& prefix) {
  const LocalizedText e = localized(error);
  switch (error.code) {
    case ErrorCode::kUnknownAction:
      return {"bad_request", e, prefix + "/action"};
    case ErrorCode::kNotAllowedInState:
      return {"invalid_state", e, ""};
    case ErrorCode::kForbiddenRole:
      return {"forbidden", e, ""};
    case ErrorCode::kGuardFailed:
      return {"guard_failed", e, ""};
    case ErrorCode::kInvalidArgument: {
      // Engine details name fields as "inputs/reason" or "/text"; make them pointers.
      std::string field = error.detail;
      if (!field.empty() && field.front() != '/') field = "/" + field;
      return {"bad_request", e, prefix + field};
    }
    case ErrorCode::kNotFound:
      return {"not_found", e, ""};
    case ErrorCode::kInvalidState:
      return {"invalid_state", e, ""};
  }
  return {"internal", e, ""};
}

bool json_too_deep(const std::string& text, int max) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > max) return true;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return false;
}

nlohmann::json summary_json(const DossierSummary& d) {
  nlohmann::json j = {{"id", d.id},
                      {"workflow", d.workflow},
                      {"workflow_version", d.workflow_version},
                      {"title", d.title},
                      {"document_type", d.document_type},
                      {"state", d.state},
                      {"version", d.version},
                      {"created_at", d.created_at},
                      {"updated_at", d.updated_at},
                      {"my_roles", d.my_roles}};
  j["symbol"] = d.symbol ? nlohmann::json(*d.symbol) : nlohmann::json(nullptr);
  j["deadline_at"] = d.deadline_at ? nlohmann::json(*d.deadline_at) : nlohmann::json(nullptr);
  return j;
}

nlohmann::json inbox_json(const InboxTask& t, const DefinitionSet& definitions) {
  nlohmann::json title = nullptr, role_title = nullptr;
  if (const Definition* def = definitions.find(t.workflow, t.workflow_version)) {
    if (auto r = def->role_index(t.role))
      role_title = {{"vi", def->roles[*r].title.vi}, {"en", def->roles[*r].title.en}};
    if (auto s = def->state_index(t.state)) {
      const StateDef& st = def->states[*s];
      const TaskDef* task = nullptr;
      for (const TaskDef& td : st.tasks)
        if (td.id == t.task) task = &td;
      if (!task && st.consultation && st.consultation->task.id == t.task)
        task = &st.consultation->task;
      if (!task && st.follow_up)
        for (const TaskDef& td : st.follow_up->tasks)
          if (td.id == t.task) task = &td;
      if (task) title = {{"vi", task->title.vi}, {"en", task->title.en}};
    }
  }
  return {{"dossier", t.dossier},
          {"dossier_title", t.dossier_title},
          {"workflow", t.workflow},
          {"state", t.state},
          {"task", t.task},
          {"title", title},
          {"role", t.role},
          {"role_title", role_title},
          {"personal", t.assignee.has_value()},
          {"opened_at", t.opened_at},
          {"due_at", t.due_at ? nlohmann::json(*t.due_at) : nlohmann::json(nullptr)},
          {"subject", t.subject ? nlohmann::json(*t.subject) : nlohmann::json(nullptr)},
          {"detail", t.subject ? nlohmann::json(t.detail) : nlohmann::json(nullptr)}};
}

}  // namespace planflow
