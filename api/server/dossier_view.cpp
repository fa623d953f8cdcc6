#include "api/server/dossier_view.h"

#include <algorithm>

#include "api/server/comment_view.h"
#include "api/server/conclusion_view.h"
#include "api/server/implementation_view.h"
#include "api/server/meeting_view.h"
#include "api/server/protocol.h"
#include "engine/event_json.h"
#include "engine/guards.h"
#include "engine/signature_content.h"
#include "engine/store/ed25519.h"

namespace planflow {

using nlohmann::json;

namespace {

json optional_time(const std::optional<Time>& t) {
  return t ? json(*t) : json(nullptr);
}

json participants_json(const DossierState& state) {
  json out = json::array();
  for (const Binding& b : state.bindings)
    out.push_back({{"role", state.definition().roles[b.role].id},
                   {"user", b.participant.user},
                   {"unit", b.participant.unit}});
  return out;
}

json consultation_json(const DossierState& state) {
  if (!state.current().consultation) return nullptr;
  json invitees = json::array();
  for (const Invitee& i : state.invitees)
    invitees.push_back(
        {{"user", i.participant.user}, {"unit", i.participant.unit}, {"responded", i.responded}});
  return {{"invitees", std::move(invitees)},
          {"responded", state.responded_count()},
          {"needed", state.quorum_needed()},
          {"deadline_at", optional_time(state.deadline_at)},
          {"round", state.consultation_rounds}};
}

// The state keeps the number but not when it was given: that is the time of
// the latest event that allocated one.
json issued_json(const DossierState& state, const std::vector<StoredEvent>& events) {
  if (!state.issued) return nullptr;
  std::optional<Time> at;
  for (auto e = events.rbegin(); e != events.rend() && !at; ++e)
    if (const auto* a = std::get_if<ActionTaken>(&e->event.body); a && a->issued) at = e->event.at;
  const IssuedNumber& n = *state.issued;
  return {{"number", n.number},
          {"year", n.year},
          {"series", n.series},
          {"symbol", n.symbol},
          {"at", optional_time(at)}};
}

json actions_json(const DossierState& state, UserId user, Time now) {
  json out = json::array();
  const StateDef& st = state.current();
  for (std::uint16_t i : available_actions(state, user, now)) {
    const TransitionDef& t = st.transitions[i];
    json inputs = json::array();
    for (const InputDef& in : t.inputs)
      inputs.push_back({{"name", in.name},
                        {"type", input_type_name(in.type)},
                        {"required", in.required},
                        {"title", in.title.vi.empty() ? json(nullptr) : localized_json(in.title)}});
    out.push_back({{"action", t.action},
                   {"title", localized_json(t.title)},
                   {"to", state.definition().states[t.to].id},
                   {"confirm", t.confirm},
                   {"inputs", std::move(inputs)}});
  }
  return out;
}

}  // namespace

const DocumentSigned* find_signature(const std::vector<StoredEvent>& events, Time* signed_at) {
  for (const StoredEvent& e : events)
    if (const auto* d = std::get_if<DocumentSigned>(&e.event.body)) {
      if (signed_at) *signed_at = e.event.at;
      return d;
    }
  return nullptr;
}

json signature_json(const DossierState& state, const std::vector<StoredEvent>& events,
                    const std::optional<std::string>& signer_key) {
  if (!state.issued) return nullptr;
  Time signed_at = 0;
  const DocumentSigned* d = find_signature(events, &signed_at);
  if (!d) return {{"status", "awaiting"}, {"valid", false}};
  const auto problem = signature_problem(state, *d, signer_key);
  const auto key = from_hex(d->public_key);
  return {{"status", problem ? "invalid" : "valid"},
          {"valid", !problem},
          {"problem", problem ? json(*problem) : json(nullptr)},
          {"signer", d->signer},
          {"algorithm", d->algorithm},
          {"digest", d->digest},
          {"public_key", d->public_key},
          {"fingerprint", key ? json(key_fingerprint(*key)) : json(nullptr)},
          {"signed_at", signed_at}};
}

json localized_json(const LocalizedText& text) {
  return {{"vi", text.vi}, {"en", text.en}};
}

json workflow_json(const Definition& def) {
  json managers = json::array(), roles = json::array(), states = json::array();
  for (std::size_t r = 0; r < def.roles.size(); ++r) {
    if (def.participant_managers & (1u << r)) managers.push_back(def.roles[r].id);
    roles.push_back({{"id", def.roles[r].id}, {"title", localized_json(def.roles[r].title)}});
  }
  // An action keeps one title throughout a definition; the history names
  // actions by id, and the app shows them by this title.
  json actions = json::array();
  std::vector<std::string_view> seen;
  for (const StateDef& st : def.states) {
    states.push_back({{"id", st.id}, {"title", localized_json(st.title)}, {"final", st.final}});
    for (const TransitionDef& t : st.transitions) {
      if (std::find(seen.begin(), seen.end(), t.action) != seen.end()) continue;
      seen.push_back(t.action);
      actions.push_back({{"id", t.action}, {"title", localized_json(t.title)}});
    }
  }
  return {{"id", def.id},
          {"version", def.version},
          {"title", localized_json(def.title)},
          {"description", localized_json(def.description)},
          {"document_types", def.document_types},
          {"initial", def.states[def.initial].id},
          {"participant_managers", std::move(managers)},
          {"roles", std::move(roles)},
          {"states", std::move(states)},
          {"actions", std::move(actions)}};
}

json workflows_json(const DefinitionSet& definitions) {
  json out = json::array();
  for (const Definition* def : definitions.latest_versions())
    out.push_back(workflow_json(*def));
  return {{"workflows", std::move(out)}};
}

json directory_json(std::vector<Unit> units, std::vector<User> users) {
  std::sort(units.begin(), units.end(), [](const Unit& a, const Unit& b) { return a.id < b.id; });
  std::sort(users.begin(), users.end(), [](const User& a, const User& b) { return a.id < b.id; });
  json unit_list = json::array(), user_list = json::array();
  for (const Unit& u : units)
    unit_list.push_back({{"id", u.id}, {"code", u.code}, {"name", u.name}});
  for (const User& u : users)
    user_list.push_back(
        {{"id", u.id}, {"name", u.name}, {"unit", u.unit}, {"disabled", u.disabled}});
  return {{"units", std::move(unit_list)}, {"users", std::move(user_list)}};
}

json dossier_json(const Definition& def, const DossierSummary& summary, const DossierState& state,
                  const std::vector<StoredEvent>& events, UserId user, Time now,
                  const std::optional<std::string>& signer_key) {
  json history = json::array();
  for (const StoredEvent& e : events)
    history.push_back(
        {{"seq", e.seq}, {"dossier_seq", e.dossier_seq}, {"event", event_to_json(def, e.event)}});
  json allowed = json::array();
  for (Operation op : allowed_operations(state, user))
    allowed.push_back(operation_name(op));
  return {{"dossier", summary_json(summary)},
          {"state_title", localized_json(state.current().title)},
          {"history", std::move(history)},
          {"actions", actions_json(state, user, now)},
          {"definition", workflow_json(def)},
          {"drafting_unit", unit_ref_json(state.drafting_unit)},
          {"issuer", unit_ref_json(state.issuer)},
          {"participants", participants_json(state)},
          {"consultation", consultation_json(state)},
          {"issued", issued_json(state, events)},
          {"signature", signature_json(state, events, signer_key)},
          {"allowed", std::move(allowed)},
          {"comments", comments_json(state, events, user)},
          {"undisposed_comments", state.undisposed_comments},
          {"changeable_comments", changeable_comments(state, user)},
          {"frozen", state.frozen},
          {"meetings", meetings_json(state, events)},
          {"meeting_rights", meeting_rights_json(state, user)},
          {"conclusions", conclusions_json(state, events)},
          {"directive_rights", directive_rights_json(state, user)},
          {"open_directives", open_directives(state)},
          {"implementation", implementation_json(state, events, user, now)}};
}

}  // namespace planflow
