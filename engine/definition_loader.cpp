#include "engine/definition_loader.h"

#include "engine/definition_graph.h"

#include <algorithm>
#include <deque>
#include <initializer_list>
#include <limits>
#include <set>
#include <utility>

#include "engine/directive.h"
#include "engine/document_types.h"
#include "engine/json_document.h"
#include "engine/spelling.h"

namespace planflow {

namespace {

using J = nlohmann::ordered_json;

enum class Kind { kString, kInteger, kBool, kObject, kArray };

const char* kind_name(Kind k) {
  switch (k) {
    case Kind::kString:
      return "a string";
    case Kind::kInteger:
      return "an integer";
    case Kind::kBool:
      return "true or false";
    case Kind::kObject:
      return "an object";
    case Kind::kArray:
      return "an array";
  }
  return "a value";
}

const char* type_of(const J& j) {
  if (j.is_object()) return "an object";
  if (j.is_array()) return "an array";
  if (j.is_string()) return "a string";
  if (j.is_boolean()) return "true/false";
  if (j.is_number_float()) return "a fractional number";
  if (j.is_number()) return "a number";
  return "null";
}

bool has_kind(const J& j, Kind k) {
  switch (k) {
    case Kind::kString:
      return j.is_string();
    case Kind::kInteger:
      return j.is_number_integer();
    case Kind::kBool:
      return j.is_boolean();
    case Kind::kObject:
      return j.is_object();
    case Kind::kArray:
      return j.is_array();
  }
  return false;
}

std::string quote(std::string_view s) {
  return "\"" + std::string(s) + "\"";
}

bool is_identifier(std::string_view s, bool allow_dash) {
  if (s.empty() || s.size() > 64 || s[0] < 'a' || s[0] > 'z') return false;
  return std::all_of(s.begin(), s.end(), [allow_dash](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || (allow_dash && c == '-');
  });
}

constexpr std::string_view kSystemRole = "system";

class Compiler {
 public:
  Problems problems;

  Definition compile(const J& root) {
    Definition def;
    if (!root.is_object()) {
      add("", std::string("a workflow definition must be a JSON object, found ") + type_of(root));
      return def;
    }
    check_keys(root, "",
               {"id", "version", "title", "description", "roles", "document",
                "participant_managers", "initial", "states"});
    if (const J* id = required(root, "", "id", Kind::kString)) {
      def.id = id->get<std::string>();
      if (!is_identifier(def.id, true))
        add("/id", "must be lower-case letters, digits, '_' or '-', starting with a letter");
    }
    if (const J* version = required(root, "", "version", Kind::kInteger)) {
      if (*version < 1 || *version > 1000000) {
        add("/version", "must be a whole number from 1 to 1000000");
      } else {
        def.version = version->get<int>();
      }
    }
    if (auto title = localized(root, "", "title", true)) def.title = *title;
    if (auto description = localized(root, "", "description", false))
      def.description = *description;
    compile_roles(root, def);
    compile_document(root, def);
    if (const J* managers = optional(root, "", "participant_managers", Kind::kArray))
      def.participant_managers = role_mask(*managers, "/participant_managers", def, true);
    compile_states(root, def);
    return def;
  }

 private:
  void add(std::string pointer, std::string message) {
    problems.push_back({std::move(pointer), std::move(message)});
  }

  void check_keys(const J& obj, const std::string& ptr,
                  std::initializer_list<std::string> allowed) {
    const std::vector<std::string> names(allowed);
    for (const auto& [key, value] : obj.items()) {
      if (std::find(names.begin(), names.end(), key) == names.end())
        add(json_pointer_append(ptr, key), "unknown key " + quote(key) + did_you_mean(key, names));
    }
  }

  const J* optional(const J& obj, const std::string& ptr, const std::string& key, Kind kind) {
    auto it = obj.find(key);
    if (it == obj.end()) return nullptr;
    if (!has_kind(*it, kind)) {
      add(json_pointer_append(ptr, key),
          std::string("must be ") + kind_name(kind) + ", found " + type_of(*it));
      return nullptr;
    }
    return &*it;
  }

  const J* required(const J& obj, const std::string& ptr, const std::string& key, Kind kind) {
    if (!obj.contains(key)) {
      add(json_pointer_append(ptr, key),
          std::string("missing required key ") + quote(key) + " (" + kind_name(kind) + ")");
      return nullptr;
    }
    return optional(obj, ptr, key, kind);
  }

  std::optional<LocalizedText> localized(const J& obj, const std::string& ptr,
                                         const std::string& key, bool is_required) {
    const J* j = is_required ? required(obj, ptr, key, Kind::kObject)
                             : optional(obj, ptr, key, Kind::kObject);
    if (!j) return std::nullopt;
    const std::string here = json_pointer_append(ptr, key);
    check_keys(*j, here, {"vi", "en"});
    LocalizedText text;
    bool ok = true;
    for (const char* lang : {"vi", "en"}) {
      const J* s = required(*j, here, lang, Kind::kString);
      if (!s) {
        ok = false;
        continue;
      }
      if (s->get_ref<const std::string&>().empty()) {
        add(json_pointer_append(here, lang), "must not be empty");
        ok = false;
        continue;
      }
      (lang[0] == 'v' ? text.vi : text.en) = s->get<std::string>();
    }
    if (!ok) return std::nullopt;
    return text;
  }

  std::optional<Duration> duration(const J& obj, const std::string& ptr, const std::string& key,
                                   bool is_required) {
    const J* j = is_required ? required(obj, ptr, key, Kind::kString)
                             : optional(obj, ptr, key, Kind::kString);
    if (!j) return std::nullopt;
    return duration_value(*j, json_pointer_append(ptr, key));
  }

  std::optional<Duration> duration_value(const J& j, const std::string& ptr) {
    if (!j.is_string()) {
      add(ptr,
          std::string("must be an ISO 8601 duration string such as \"P15D\", found ") + type_of(j));
      return std::nullopt;
    }
    auto parsed = parse_duration(j.get_ref<const std::string&>());
    if (!parsed.ok()) {
      add(ptr, "malformed duration: " + parsed.error());
      return std::nullopt;
    }
    return parsed.value();
  }

  std::optional<RoleId> role_ref(const J& j, const std::string& ptr, const Definition& def) {
    if (!j.is_string()) {
      add(ptr, std::string("must be a role name, found ") + type_of(j));
      return std::nullopt;
    }
    const auto& name = j.get_ref<const std::string&>();
    if (auto r = def.role_index(name)) return r;
    if (name == kSystemRole) {
      add(ptr, "\"system\" is reserved for the timer service and cannot be given to people");
    } else {
      add(ptr, "undeclared role " + quote(name) + did_you_mean(name, role_names_) +
                   "; declare it under /roles");
    }
    return std::nullopt;
  }

  RoleMask role_mask(const J& arr, const std::string& ptr, const Definition& def,
                     bool allow_empty) {
    RoleMask mask = 0;
    if (arr.empty() && !allow_empty) add(ptr, "needs at least one role");
    for (size_t i = 0; i < arr.size(); ++i) {
      const std::string here = json_pointer_append(ptr, i);
      if (auto r = role_ref(arr[i], here, def)) {
        if (mask & (1u << *r)) add(here, "role " + quote(def.roles[*r].id) + " is listed twice");
        mask |= 1u << *r;
      }
    }
    return mask;
  }

  void compile_roles(const J& root, Definition& def) {
    const J* roles = required(root, "", "roles", Kind::kObject);
    if (!roles) return;
    if (roles->empty()) add("/roles", "declare at least one role");
    for (const auto& [name, body] : roles->items()) {
      const std::string ptr = json_pointer_append("/roles", name);
      if (!is_identifier(name, false)) {
        add(ptr, "role names must be lower-case letters, digits or '_', starting with a letter");
      } else if (name == kSystemRole) {
        add(ptr, "\"system\" is reserved for the timer service");
      }
      RoleDef role;
      role.id = name;
      if (!body.is_object()) {
        add(ptr, std::string("must be an object with a \"title\", found ") + type_of(body));
      } else {
        check_keys(body, ptr, {"title"});
        if (auto title = localized(body, ptr, "title", true)) role.title = *title;
      }
      if (def.roles.size() == kMaxRoles) {
        add(ptr, "too many roles; at most " + std::to_string(kMaxRoles));
        continue;
      }
      role_names_.push_back(name);
      def.roles.push_back(std::move(role));
    }
  }

  void compile_document(const J& root, Definition& def) {
    const J* doc = optional(root, "", "document", Kind::kObject);
    if (!doc) return;
    check_keys(*doc, "/document", {"types"});
    const J* types = required(*doc, "/document", "types", Kind::kArray);
    if (!types) return;
    if (types->empty()) add("/document/types", "list at least one document type");
    const auto known = document_type_abbreviations();
    for (size_t i = 0; i < types->size(); ++i) {
      const std::string ptr = json_pointer_append("/document/types", i);
      const J& t = (*types)[i];
      if (!t.is_string()) {
        add(ptr, std::string("must be a document type abbreviation, found ") + type_of(t));
        continue;
      }
      const auto& abbr = t.get_ref<const std::string&>();
      if (!find_document_type(abbr)) {
        add(ptr, "unknown document type " + quote(abbr) + did_you_mean(abbr, known) +
                     "; use an abbreviation of Nghị định 30/2020/NĐ-CP, Annex III, or \"CV\" for "
                     "an official letter");
      } else if (std::find(def.document_types.begin(), def.document_types.end(), abbr) !=
                 def.document_types.end()) {
        add(ptr, "document type " + quote(abbr) + " is listed twice");
      } else {
        def.document_types.push_back(abbr);
      }
    }
  }

  void compile_states(const J& root, Definition& def) {
    const J* initial = required(root, "", "initial", Kind::kString);
    const J* states = required(root, "", "states", Kind::kObject);
    if (!states) return;
    if (states->empty()) add("/states", "declare at least one state");
    for (const auto& [name, body] : states->items()) {
      if (!is_identifier(name, false))
        add(json_pointer_append("/states", name),
            "state names must be lower-case letters, digits or '_', starting with a letter");
      state_names_.push_back(name);
      StateDef s;
      s.id = name;
      def.states.push_back(std::move(s));
    }
    if (initial) {
      if (auto i = state_ref(*initial, "/initial", def)) def.initial = *i;
    }
    size_t index = 0;
    for (const auto& [name, body] : states->items())
      compile_state(body, json_pointer_append("/states", name), def, def.states[index++]);
    if (!states->empty())
      check_definition_graph(def, initial && def.state_index(initial->get<std::string>()),
                             &problems);
  }

  std::optional<StateId> state_ref(const J& j, const std::string& ptr, const Definition& def) {
    const auto& name = j.get_ref<const std::string&>();
    if (auto s = def.state_index(name)) return s;
    add(ptr, "unknown state " + quote(name) + did_you_mean(name, state_names_));
    return std::nullopt;
  }

  void compile_state(const J& body, const std::string& ptr, const Definition& def, StateDef& s) {
    if (!body.is_object()) {
      add(ptr, std::string("a state must be an object, found ") + type_of(body));
      return;
    }
    check_keys(body, ptr,
               {"title", "final", "allow", "tasks", "deadline", "consultation", "on_enter",
                "transitions", "conclusion_notice", "follow_up"});
    if (auto title = localized(body, ptr, "title", true)) s.title = *title;
    if (const J* final = optional(body, ptr, "final", Kind::kBool)) s.final = final->get<bool>();
    if (const J* allow = optional(body, ptr, "allow", Kind::kObject))
      compile_allow(*allow, ptr + "/allow", def, s);
    if (const J* deadline = optional(body, ptr, "deadline", Kind::kObject))
      compile_deadline(*deadline, ptr + "/deadline", s);
    if (const J* consultation = optional(body, ptr, "consultation", Kind::kObject))
      compile_consultation(*consultation, ptr + "/consultation", def, s);
    if (const J* tasks = optional(body, ptr, "tasks", Kind::kArray))
      compile_tasks(*tasks, ptr + "/tasks", def, s);
    if (const J* effects = optional(body, ptr, "on_enter", Kind::kArray))
      compile_effects(*effects, ptr + "/on_enter", def, s);
    if (const J* notice = optional(body, ptr, "conclusion_notice", Kind::kObject))
      compile_notice(*notice, ptr + "/conclusion_notice", def, s);
    if (const J* follow_up = optional(body, ptr, "follow_up", Kind::kObject))
      compile_follow_up(*follow_up, ptr + "/follow_up", def, s);
    const J* transitions = optional(body, ptr, "transitions", Kind::kArray);
    if (transitions) compile_transitions(*transitions, ptr + "/transitions", def, s);
    if (s.deadline && body["deadline"].contains("on_expiry"))
      resolve_on_expiry(body["deadline"]["on_expiry"], ptr + "/deadline/on_expiry", s);
    if (s.final) {
      if (transitions && !transitions->empty())
        add(ptr + "/transitions", "a final state cannot have transitions");
      if (s.deadline) add(ptr + "/deadline", "a final state cannot have a deadline");
      if (s.consultation) add(ptr + "/consultation", "a final state cannot hold a consultation");
      if (!s.tasks.empty())
        add(ptr + "/tasks", "a final state cannot open tasks: they would never close");
      if (s.follow_up) add(ptr + "/follow_up", "a final state cannot follow up tasks");
    }
  }

  void compile_allow(const J& allow, const std::string& ptr, const Definition& def, StateDef& s) {
    std::vector<std::string> names = {"submit_version", "comment", "dispose_comment",
                                      "manage_tasks", "report_progress"};
    for (const auto& [name, roles] : allow.items()) {
      const std::string here = json_pointer_append(ptr, name);
      const auto op = operation_from_name(name);
      if (op == Operation::kNoFurtherComments) {
        add(here,
            "\"no_further_comments\" is open to a consultation's invitees by itself; "
            "remove it from \"allow\"");
        continue;
      }
      if (!op) {
        add(here, "unknown operation " + quote(name) + did_you_mean(name, names));
        continue;
      }
      if (!roles.is_array()) {
        add(here, std::string("must be an array of roles, found ") + type_of(roles));
        continue;
      }
      s.allow[static_cast<size_t>(*op)] = role_mask(roles, here, def, false);
    }
  }

  void compile_deadline(const J& j, const std::string& ptr, StateDef& s) {
    check_keys(j, ptr, {"due", "reminders", "on_expiry"});
    const auto due = duration(j, ptr, "due", true);
    if (due && due->is_zero()) add(ptr + "/due", "a deadline must be later than the state's start");
    DeadlineDef d;
    if (due) d.due = *due;
    if (const J* reminders = optional(j, ptr, "reminders", Kind::kArray)) {
      for (size_t i = 0; i < reminders->size(); ++i) {
        const std::string here = json_pointer_append(ptr + "/reminders", i);
        auto r = duration_value((*reminders)[i], here);
        if (!r) continue;
        if (r->is_zero()) {
          add(here, "a reminder must come before the deadline; P0D is the deadline itself");
        } else if (std::find(d.reminders.begin(), d.reminders.end(), *r) != d.reminders.end()) {
          add(here, "reminder " + format_duration(*r) + " is listed twice");
        } else if (due && max_seconds(*r) >= min_seconds(*due)) {
          add(here, "reminder " + format_duration(*r) + " before a " + format_duration(*due) +
                        " deadline would fall at or before the moment the state is entered");
        } else {
          d.reminders.push_back(*r);
        }
      }
    }
    if (const J* expiry = optional(j, ptr, "on_expiry", Kind::kString)) (void)expiry;
    s.deadline = std::move(d);
  }

  void resolve_on_expiry(const J& j, const std::string& ptr, StateDef& s) {
    if (!j.is_string()) return;  // already reported as wrongly typed
    const auto& action = j.get_ref<const std::string&>();
    if (auto t = s.transition_index(action)) {
      s.deadline->on_expiry = *t;
      // The timer service acts alone: it gives no inputs and invites no one.
      for (const InputDef& in : s.transitions[*t].inputs)
        if (in.required)
          add(ptr, "the timer service gives no inputs, but action " + quote(action) + " requires " +
                       quote(in.name));
      if (state_has(state_names_[s.transitions[*t].to], "consultation"))
        add(ptr, "a deadline cannot open a consultation: the timer service invites no one");
      return;
    }
    std::vector<std::string> actions;
    for (const auto& t : s.transitions)
      actions.push_back(t.action);
    add(ptr, "unknown action " + quote(action) + " in this state" + did_you_mean(action, actions));
  }

  std::optional<Quorum> quorum(const J& j, const std::string& ptr) {
    const std::string usage =
        "use \"all\", \"any\", {\"n_of_m\": n} or {\"fraction\": [numerator, denominator]}";
    Quorum q;
    if (j.is_string()) {
      const auto& rule = j.get_ref<const std::string&>();
      if (rule == "all") return Quorum{QuorumRule::kAll};
      if (rule == "any") return Quorum{QuorumRule::kAny};
      add(ptr, "unknown quorum rule " + quote(rule) + "; " + usage);
      return std::nullopt;
    }
    if (!j.is_object() || j.size() != 1) {
      add(ptr, "malformed quorum; " + usage);
      return std::nullopt;
    }
    if (j.contains("n_of_m")) {
      const J& n = j["n_of_m"];
      if (!n.is_number_integer()) {
        add(ptr + "/n_of_m", std::string("must be a whole number, found ") + type_of(n));
        return std::nullopt;
      }
      if (n < 1) {
        add(ptr + "/n_of_m", "must be at least 1: a quorum of no one is no quorum");
        return std::nullopt;
      }
      if (n > 100000) {
        add(ptr + "/n_of_m", "quorum can never be met: no consultation invites that many");
        return std::nullopt;
      }
      q.rule = QuorumRule::kNOfM;
      q.n = n.get<std::uint32_t>();
      return q;
    }
    if (j.contains("fraction")) {
      const J& f = j["fraction"];
      if (!f.is_array() || f.size() != 2 || !f[0].is_number_integer() ||
          !f[1].is_number_integer()) {
        add(ptr + "/fraction", "must be [numerator, denominator], two whole numbers, e.g. [2, 3]");
        return std::nullopt;
      }
      const auto num = f[0].get<std::int64_t>(), den = f[1].get<std::int64_t>();
      if (den < 1 || den > 1000 || num < 1) {
        add(ptr + "/fraction",
            "numerator and denominator must be positive (denominator up to 1000)");
        return std::nullopt;
      }
      if (num > den) {
        add(ptr + "/fraction", "quorum can never be met: " + std::to_string(num) + "/" +
                                   std::to_string(den) + " is more than all invitees");
        return std::nullopt;
      }
      q.rule = QuorumRule::kFraction;
      q.numerator = static_cast<std::uint32_t>(num);
      q.denominator = static_cast<std::uint32_t>(den);
      return q;
    }
    add(json_pointer_append(ptr, j.begin().key()),
        "unknown quorum rule " + quote(j.begin().key()) + "; " + usage);
    return std::nullopt;
  }

  void compile_consultation(const J& j, const std::string& ptr, const Definition& def,
                            StateDef& s) {
    check_keys(j, ptr, {"consultees", "quorum", "max_invitees", "task"});
    ConsultationDef c;
    if (const J* role = required(j, ptr, "consultees", Kind::kString)) {
      if (auto r = role_ref(*role, ptr + "/consultees", def)) c.consultee_role = *r;
    }
    if (!j.contains("quorum")) {
      add(ptr + "/quorum", "missing required key \"quorum\" (a string or an object)");
    } else if (auto q = quorum(j["quorum"], ptr + "/quorum")) {
      c.quorum = *q;
    }
    if (const J* max = optional(j, ptr, "max_invitees", Kind::kInteger)) {
      if (*max < 1) {
        add(ptr + "/max_invitees", "must be at least 1");
      } else {
        // Saturate: a larger number would wrap around to a small limit.
        c.max_invitees = static_cast<std::uint32_t>(std::min<std::uint64_t>(
            max->get<std::uint64_t>(), std::numeric_limits<std::uint32_t>::max()));
        if (c.quorum.min_invitees() > c.max_invitees)
          add(ptr + "/quorum",
              "quorum can never be met: it needs " + std::to_string(c.quorum.min_invitees()) +
                  " responses but at most " + std::to_string(c.max_invitees) +
                  (c.max_invitees == 1 ? " consultee" : " consultees") + " may be invited");
      }
    }
    if (const J* task = required(j, ptr, "task", Kind::kObject)) {
      const std::string here = ptr + "/task";
      check_keys(*task, here, {"id", "title"});
      if (const J* id = required(*task, here, "id", Kind::kString)) {
        c.task.id = id->get<std::string>();
        if (!is_identifier(c.task.id, false))
          add(here + "/id", "task ids must be lower-case letters, digits or '_'");
      }
      if (auto title = localized(*task, here, "title", true)) c.task.title = *title;
      c.task.role = c.consultee_role;
      c.task.done_on = 1u << static_cast<unsigned>(Operation::kNoFurtherComments);
    }
    if (!s.deadline) add(ptr, "a consultation needs a deadline: add \"deadline\" to this state");
    // Kept even when a part is wrong, as a deadline is: the state does hold a
    // consultation, and checks that depend on one must not report it missing.
    s.consultation = std::move(c);
  }

  void compile_tasks(const J& tasks, const std::string& ptr, const Definition& def, StateDef& s) {
    std::set<std::string> ids;
    if (s.consultation) ids.insert(s.consultation->task.id);
    for (size_t i = 0; i < tasks.size(); ++i) {
      const std::string here = json_pointer_append(ptr, i);
      const J& j = tasks[i];
      if (!j.is_object()) {
        add(here, std::string("a task must be an object, found ") + type_of(j));
        continue;
      }
      check_keys(j, here, {"id", "role", "title", "due", "done_on"});
      TaskDef t;
      bool ok = true;
      if (const J* id = required(j, here, "id", Kind::kString)) {
        t.id = id->get<std::string>();
        if (!is_identifier(t.id, false)) {
          add(here + "/id", "task ids must be lower-case letters, digits or '_'");
        } else if (!ids.insert(t.id).second) {
          add(here + "/id", "duplicate task id " + quote(t.id) + " in this state");
        }
      }
      if (const J* role = required(j, here, "role", Kind::kString)) {
        if (auto r = role_ref(*role, here + "/role", def)) {
          t.role = *r;
        } else {
          ok = false;
        }
      } else {
        ok = false;
      }
      if (auto title = localized(j, here, "title", true)) t.title = *title;
      t.due = duration(j, here, "due", false);
      if (t.due && t.due->is_zero()) add(here + "/due", "a task cannot be due the moment it opens");
      if (const J* done_on = optional(j, here, "done_on", Kind::kArray)) {
        for (size_t k = 0; k < done_on->size(); ++k) {
          const std::string at = json_pointer_append(here + "/done_on", k);
          const J& name = (*done_on)[k];
          if (!name.is_string()) {
            add(at, std::string("must be an operation name, found ") + type_of(name));
            continue;
          }
          const auto& op_name = name.get_ref<const std::string&>();
          const auto op = operation_from_name(op_name);
          if (op == Operation::kNoFurtherComments) {
            add(at,
                "\"no_further_comments\" completes only a consultation's own task; use "
                "submit_version, comment or dispose_comment");
            continue;
          }
          if (!op) {
            add(at, "unknown operation " + quote(op_name) +
                        "; use submit_version, comment or dispose_comment");
            continue;
          }
          if (ok && !(s.allow[static_cast<size_t>(*op)] & (1u << t.role))) {
            add(at, "role " + quote(def.roles[t.role].id) + " may not " + operation_name(*op) +
                        " in this state, so the task can never be done this way");
          }
          t.done_on |= static_cast<std::uint8_t>(1u << static_cast<unsigned>(*op));
        }
      }
      if (ok) s.tasks.push_back(std::move(t));
    }
  }

  void compile_effects(const J& effects, const std::string& ptr, const Definition& def,
                       StateDef& s) {
    const std::vector<std::string> names = {"allocate_number", "freeze_document"};
    for (size_t i = 0; i < effects.size(); ++i) {
      const std::string here = json_pointer_append(ptr, i);
      const J& j = effects[i];
      if (!j.is_object()) {
        add(here, std::string("an effect must be an object, found ") + type_of(j));
        continue;
      }
      const J* kind = required(j, here, "effect", Kind::kString);
      if (!kind) continue;
      const auto& name = kind->get_ref<const std::string&>();
      EffectDef e;
      if (name == "freeze_document") {
        check_keys(j, here, {"effect"});
        e.kind = EffectKind::kFreezeDocument;
      } else if (name == "allocate_number") {
        check_keys(j, here, {"effect", "symbol", "series"});
        e.kind = EffectKind::kAllocateNumber;
        if (const J* symbol = required(j, here, "symbol", Kind::kString)) {
          e.symbol = symbol->get<std::string>();
          check_pattern(e.symbol, here + "/symbol", def, true);
        }
        if (const J* series = required(j, here, "series", Kind::kString)) {
          e.series = series->get<std::string>();
          check_pattern(e.series, here + "/series", def, false);
        }
      } else {
        add(here + "/effect", "unknown effect " + quote(name) + did_you_mean(name, names));
        continue;
      }
      const bool repeated = std::any_of(s.on_enter.begin(), s.on_enter.end(),
                                        [&e](const EffectDef& o) { return o.kind == e.kind; });
      if (repeated) {
        add(here, "effect " + quote(name) + " is listed twice");
        continue;
      }
      s.on_enter.push_back(std::move(e));
    }
  }

  // {"roles": ["clerk", "chair"], "series": "TB", "symbol": "{number}/TB-{issuer}"}
  void compile_notice(const J& j, const std::string& ptr, const Definition& def, StateDef& s) {
    check_keys(j, ptr, {"roles", "series", "symbol"});
    NoticeDef notice;
    if (const J* roles = required(j, ptr, "roles", Kind::kArray))
      notice.roles = role_mask(*roles, ptr + "/roles", def, false);
    if (const J* symbol = required(j, ptr, "symbol", Kind::kString)) {
      notice.symbol = symbol->get<std::string>();
      check_pattern(notice.symbol, ptr + "/symbol", def, true);
    }
    if (const J* series = required(j, ptr, "series", Kind::kString)) {
      notice.series = series->get<std::string>();
      check_pattern(notice.series, ptr + "/series", def, false);
    }
    if (s.final) add(ptr, "a final state cannot issue a conclusion notice");
    s.conclusion_notice = std::move(notice);
  }

  // A list of distinct, non-zero day counts (or any durations without
  // working days).
  std::vector<Duration> follow_up_durations(const J& j, const std::string& ptr, const char* key,
                                            bool working_days) {
    std::vector<Duration> out;
    const J* list = optional(j, ptr, key, Kind::kArray);
    if (!list) return out;
    for (size_t i = 0; i < list->size(); ++i) {
      const std::string here = json_pointer_append(json_pointer_append(ptr, key), i);
      auto d = follow_up_duration((*list)[i], here, working_days);
      if (!d) continue;
      if (std::find(out.begin(), out.end(), *d) != out.end())
        add(here, format_duration(*d) + " is listed twice");
      else
        out.push_back(*d);
    }
    return out;
  }

  std::optional<Duration> follow_up_duration(const J& j, const std::string& ptr,
                                             bool working_days) {
    auto d = duration_value(j, ptr);
    if (!d) return std::nullopt;
    if (d->is_zero()) {
      add(ptr, "must not be zero");
      return std::nullopt;
    }
    if (working_days && (d->years || d->months || d->hours || d->minutes || d->seconds)) {
      add(ptr, "counts working days, so it must be whole days or weeks (\"P5D\", \"P2W\"), not " +
                   format_duration(*d));
      return std::nullopt;
    }
    return d;
  }

  // {"working_days": true, "remind_before": ["P5D"], "remind_after": ["P1D"],
  //  "escalate_after": "P3D", "escalate_to": ["monitor", "chair"],
  //  "report_requests": {"every": "month", "day": 20, "within": "P5D"},
  //  "titles": {"reminder": {"vi", "en"}, ...}}
  void compile_follow_up(const J& j, const std::string& ptr, const Definition& def, StateDef& s) {
    check_keys(j, ptr,
               {"working_days", "remind_before", "remind_after", "escalate_after", "escalate_to",
                "report_requests", "titles"});
    FollowUpDef f;
    if (const J* w = optional(j, ptr, "working_days", Kind::kBool)) f.working_days = w->get<bool>();
    f.remind_before = follow_up_durations(j, ptr, "remind_before", f.working_days);
    f.remind_after = follow_up_durations(j, ptr, "remind_after", f.working_days);
    if (const J* e = optional(j, ptr, "escalate_after", Kind::kString))
      f.escalate_after = follow_up_duration(*e, ptr + "/escalate_after", f.working_days);
    if (const J* to = optional(j, ptr, "escalate_to", Kind::kArray))
      f.escalate_to = role_mask(*to, ptr + "/escalate_to", def, false);
    if (j.contains("escalate_after") != j.contains("escalate_to"))
      add(ptr, "\"escalate_after\" and \"escalate_to\" go together: when, and to whom");
    if (const J* r = optional(j, ptr, "report_requests", Kind::kObject))
      compile_report_requests(*r, ptr + "/report_requests", f);
    if (s.allow[static_cast<size_t>(Operation::kReportProgress)] == 0)
      add(ptr,
          "follow-ups go to the lead units' reporters, but no role may \"report_progress\" "
          "in this state's \"allow\"");
    static const std::array<const char*, kFollowUpKinds> kIds = {
        "task_reminder", "task_overdue", "task_escalation", "progress_report_request"};
    static const std::array<LocalizedText, kFollowUpKinds> kTitles = {
        LocalizedText{"Sắp đến hạn hoàn thành nhiệm vụ", "A task's deadline is near"},
        LocalizedText{"Nhiệm vụ đã quá hạn: hoàn thành và báo cáo",
                      "A task is overdue: complete it and report"},
        LocalizedText{"Đôn đốc nhiệm vụ quá hạn", "Follow up an overdue task"},
        LocalizedText{"Báo cáo tiến độ định kỳ", "Periodic progress report due"}};
    const J* titles = optional(j, ptr, "titles", Kind::kObject);
    if (titles) {
      std::vector<std::string> names;
      for (std::size_t k = 0; k < kFollowUpKinds; ++k)
        names.push_back(follow_up_kind_name(static_cast<FollowUpKind>(k)));
      for (const auto& [key, value] : titles->items())
        if (std::find(names.begin(), names.end(), key) == names.end())
          add(json_pointer_append(ptr + "/titles", key),
              "unknown follow-up " + quote(key) + did_you_mean(key, names));
    }
    for (std::size_t k = 0; k < kFollowUpKinds; ++k) {
      TaskDef& t = f.tasks[k];
      t.id = kIds[k];
      t.title = kTitles[k];
      if (titles)
        if (auto given = localized(*titles, ptr + "/titles",
                                   follow_up_kind_name(static_cast<FollowUpKind>(k)), false))
          t.title = *given;
      for (const TaskDef& other : s.tasks)
        if (other.id == t.id)
          add(ptr, "task id " + quote(t.id) + " is the follow-up's; give the state's task another");
    }
    s.follow_up = std::move(f);
  }

  void compile_report_requests(const J& j, const std::string& ptr, FollowUpDef& f) {
    check_keys(j, ptr, {"every", "day", "within"});
    if (const J* every = required(j, ptr, "every", Kind::kString)) {
      const auto& name = every->get_ref<const std::string&>();
      if (name == "month")
        f.reports = ReportSchedule::kMonthly;
      else if (name == "quarter")
        f.reports = ReportSchedule::kQuarterly;
      else
        add(ptr + "/every", "must be \"month\" or \"quarter\", found " + quote(name));
    }
    if (const J* day = required(j, ptr, "day", Kind::kInteger)) {
      const auto d = day->get<std::int64_t>();
      if (d < 1 || d > 28)
        add(ptr + "/day", "must be a day from 1 to 28, which every month has");
      else
        f.report_day = static_cast<int>(d);
    }
    if (const J* within = required(j, ptr, "within", Kind::kString))
      if (auto d = follow_up_duration(*within, ptr + "/within", f.working_days))
        f.report_within = *d;
  }

  // Symbols and series are text with {placeholders}: {number} (the symbol
  // needs it exactly once), {type}, {issuer}, {unit}, {year}.
  void check_pattern(const std::string& pattern, const std::string& ptr, const Definition& def,
                     bool is_symbol) {
    const std::vector<std::string> known =
        is_symbol ? std::vector<std::string>{"number", "type", "issuer", "unit", "year"}
                  : std::vector<std::string>{"type", "issuer", "unit", "year"};
    // An empty symbol also lacks {number}; one problem says it.
    if (pattern.empty()) {
      add(ptr, "must not be empty");
      return;
    }
    int numbers = 0;
    for (size_t i = 0; i < pattern.size(); ++i) {
      if (pattern[i] == '}') {
        add(ptr, "unmatched '}' in " + quote(pattern));
        return;
      }
      if (pattern[i] != '{') continue;
      const size_t close = pattern.find('}', i);
      if (close == std::string::npos) {
        add(ptr, "unclosed '{' in " + quote(pattern));
        return;
      }
      const std::string name = pattern.substr(i + 1, close - i - 1);
      if (name == "number" && !is_symbol) {
        add(ptr, "{number} belongs in the symbol, not in the series");
      } else if (std::find(known.begin(), known.end(), name) == known.end()) {
        add(ptr, "unknown placeholder {" + name + "}" + did_you_mean(name, known));
      } else if (name == "number") {
        ++numbers;
      } else if (name == "type" && def.document_types.empty()) {
        add(ptr, "{type} needs the document types listed under /document/types");
      }
      i = close;
    }
    if (is_symbol && numbers != 1)
      add(ptr, "a symbol must contain {number} exactly once, e.g. \"{number}/QĐ-UBND\"");
  }

  void compile_transitions(const J& transitions, const std::string& ptr, const Definition& def,
                           StateDef& s) {
    // Action and pointer of every transition so far, including those dropped
    // for other problems: a repeat of one of them is still a repeat.
    std::vector<std::pair<std::string, std::string>> seen;
    for (size_t i = 0; i < transitions.size(); ++i) {
      const std::string here = json_pointer_append(ptr, i);
      const J& j = transitions[i];
      if (!j.is_object()) {
        add(here, std::string("a transition must be an object, found ") + type_of(j));
        continue;
      }
      check_keys(j, here, {"action", "title", "to", "roles", "guards", "inputs", "confirm"});
      TransitionDef t;
      bool ok = true;
      if (const J* action = required(j, here, "action", Kind::kString)) {
        t.action = action->get<std::string>();
        const auto first = std::find_if(seen.begin(), seen.end(),
                                        [&t](const auto& a) { return a.first == t.action; });
        if (!is_identifier(t.action, false)) {
          add(here + "/action", "action names must be lower-case letters, digits or '_'");
        } else if (first != seen.end()) {
          add(here + "/action", "duplicate action " + quote(t.action) +
                                    " in this state (first at " + first->second + ")");
          ok = false;
        } else {
          seen.emplace_back(t.action, here);
        }
      } else {
        ok = false;
      }
      if (auto title = localized(j, here, "title", true)) t.title = *title;
      if (const J* to = required(j, here, "to", Kind::kString)) {
        if (auto target = state_ref(*to, here + "/to", def)) {
          t.to = *target;
        } else {
          ok = false;
        }
      } else {
        ok = false;
      }
      if (const J* roles = required(j, here, "roles", Kind::kArray))
        t.roles = role_mask(*roles, here + "/roles", def, false);
      if (const J* guards = optional(j, here, "guards", Kind::kArray))
        compile_guards(*guards, here + "/guards", def, s, t);
      if (const J* confirm = optional(j, here, "confirm", Kind::kBool)) t.confirm = *confirm;
      if (const J* inputs = optional(j, here, "inputs", Kind::kObject))
        compile_inputs(*inputs, here + "/inputs", j, t);
      if (ok) s.transitions.push_back(std::move(t));
    }
  }

  void compile_guards(const J& guards, const std::string& ptr, const Definition&, const StateDef& s,
                      TransitionDef& t) {
    std::vector<std::string> names;
    for (size_t g = 0; g < kGuardCount; ++g)
      names.push_back(guard_name(static_cast<Guard>(g)));
    for (size_t i = 0; i < guards.size(); ++i) {
      const std::string here = json_pointer_append(ptr, i);
      if (!guards[i].is_string()) {
        add(here, std::string("must be a guard name, found ") + type_of(guards[i]));
        continue;
      }
      const auto& name = guards[i].get_ref<const std::string&>();
      const auto g = guard_from_name(name);
      if (!g) {
        add(here, "unknown guard " + quote(name) + did_you_mean(name, names));
        continue;
      }
      if (std::find(t.guards.begin(), t.guards.end(), *g) != t.guards.end()) {
        add(here, "guard " + quote(name) + " is listed twice");
        continue;
      }
      if (*g == Guard::kQuorumMet && !s.consultation)
        add(here, "guard \"quorum_met\" needs a consultation in this state");
      if (*g == Guard::kDeadlinePassed && !s.deadline)
        add(here, "guard \"deadline_passed\" needs a deadline in this state");
      if (*g == Guard::kNewVersionInState &&
          !s.allow[static_cast<size_t>(Operation::kSubmitVersion)])
        add(here,
            "guard \"new_version_in_state\" can never hold: no role may submit_version "
            "in this state");
      t.guards.push_back(*g);
    }
  }

  void compile_inputs(const J& inputs, const std::string& ptr, const J& transition,
                      TransitionDef& t) {
    const std::vector<std::string> types = {"text", "time", "participants", "directives"};
    for (const auto& [name, spec] : inputs.items()) {
      const std::string here = json_pointer_append(ptr, name);
      if (!is_identifier(name, false)) {
        add(here, "input names must be lower-case letters, digits or '_'");
        continue;
      }
      if (!spec.is_object()) {
        add(here, std::string("must be an object with a \"type\", found ") + type_of(spec));
        continue;
      }
      check_keys(spec, here, {"type", "required", "title"});
      InputDef in;
      in.name = name;
      if (auto title = localized(spec, here, "title", false)) in.title = *title;
      if (const J* required_flag = optional(spec, here, "required", Kind::kBool))
        in.required = required_flag->get<bool>();
      const J* type = required(spec, here, "type", Kind::kString);
      if (!type) continue;
      const auto& tn = type->get_ref<const std::string&>();
      if (tn == "text") {
        in.type = InputType::kText;
      } else if (tn == "time") {
        in.type = InputType::kTime;
      } else if (tn == "participants") {
        in.type = InputType::kParticipants;
      } else if (tn == "directives") {
        in.type = InputType::kDirectives;
      } else {
        add(here + "/type", "unknown input type " + quote(tn) + did_you_mean(tn, types));
        continue;
      }
      // The engine gives these two names a meaning in the state entered. That
      // state may not be compiled yet; its raw JSON says enough.
      const std::string target = transition.contains("to") && transition["to"].is_string()
                                     ? transition["to"].get<std::string>()
                                     : std::string();
      if (name == kInviteesInput) {
        if (in.type != InputType::kParticipants)
          add(here + "/type", "\"invitees\" must have type \"participants\"");
        if (state_lacks(target, "consultation"))
          add(here, "\"invitees\" needs a consultation in the state this action enters");
      }
      if (name == kDeadlineInput) {
        if (in.type != InputType::kTime)
          add(here + "/type", "\"deadline\" must have type \"time\"");
        if (state_lacks(target, "deadline"))
          add(here, "\"deadline\" needs a deadline in the state this action enters");
      }
      if (name == kRevisionDeadlineInput && in.type != InputType::kTime)
        add(here + "/type", "\"revision_deadline\" must have type \"time\"");
      if (in.type == InputType::kDirectives &&
          std::any_of(t.inputs.begin(), t.inputs.end(),
                      [](const InputDef& o) { return o.type == InputType::kDirectives; }))
        add(here, "an action takes at most one input of type \"directives\"");
      t.inputs.push_back(std::move(in));
    }
  }

  bool state_has(const std::string& state, const char* key) const {
    const auto it = states_json_->find(state);
    return it != states_json_->end() && it->is_object() && it->contains(key);
  }

  // Whether the named state exists and has no `key`.
  bool state_lacks(const std::string& state, const char* key) const {
    const auto it = states_json_->find(state);
    return it != states_json_->end() && it->is_object() && !it->contains(key);
  }

 public:
  const J* states_json_ = nullptr;

 private:
  std::vector<std::string> role_names_;
  std::vector<std::string> state_names_;
};

}  // namespace

Result<Definition, Problems> compile_definition(const nlohmann::ordered_json& doc) {
  Compiler compiler;
  const J empty = J::object();
  compiler.states_json_ = doc.is_object() && doc.contains("states") && doc["states"].is_object()
                              ? &doc["states"]
                              : &empty;
  Definition def = compiler.compile(doc);
  if (!compiler.problems.empty()) return std::move(compiler.problems);
  return def;
}

Result<Definition, Problems> load_definition(std::string_view json_text) {
  auto parsed = parse_json_document(json_text);
  if (!parsed.ok()) return Problems{{parsed.error().pointer, parsed.error().message}};
  Problems problems;
  for (const auto& p : parsed.value().problems)
    problems.push_back({p.pointer, p.message});
  auto compiled = compile_definition(parsed.value().value);
  if (!compiled.ok()) {
    problems.insert(problems.end(), compiled.error().begin(), compiled.error().end());
  }
  if (!problems.empty()) return problems;
  return std::move(compiled).value();
}

}  // namespace planflow
