#include "api/server/conclusion_view.h"

#include <algorithm>

#include "engine/directives.h"
#include "engine/state_rules.h"

namespace planflow {

using nlohmann::json;

namespace {

bool declares_directives(const TransitionDef& t) {
  return std::any_of(t.inputs.begin(), t.inputs.end(),
                     [](const InputDef& in) { return in.type == InputType::kDirectives; });
}

// Folds the history the way evolve() does (engine/directives.cpp): an
// action that declares directives starts the list marks apply to, even an
// empty one; a notice belongs to the latest conclusion before it.
class Folder {
 public:
  explicit Folder(const Definition& def) : def_(def) {}

  void apply(const StoredEvent& se) {
    const Event& e = se.event;
    if (std::holds_alternative<VersionSubmitted>(e.body)) ++versions_;
    if (const auto* a = std::get_if<ActionTaken>(&e.body)) on_action(se, *a);
    if (const auto* d = std::get_if<DirectiveDone>(&e.body)) on_done(e, *d);
    if (const auto* n = std::get_if<ConclusionNoticeIssued>(&e.body)) on_notice(e, *n);
  }

  json result() && { return std::move(out_); }

 private:
  void on_action(const StoredEvent& se, const ActionTaken& a) {
    if (a.from >= def_.states.size() || a.transition >= def_.states[a.from].transitions.size())
      return;
    const TransitionDef& t = def_.states[a.from].transitions[a.transition];
    const InputValue* text = find_input(a.inputs, kConclusionInput);
    const std::string* conclusion = text ? std::get_if<std::string>(&text->value) : nullptr;
    const Directives* given = nullptr;
    for (const InputValue& in : a.inputs)
      if (const auto* list = std::get_if<Directives>(&in.value)) given = list;
    const bool gives_directives = declares_directives(t);
    if (gives_directives) with_directives_ = std::nullopt;
    if ((!conclusion || conclusion->empty()) && (!given || given->empty())) return;

    json directives = json::array();
    if (given)
      for (std::size_t i = 0; i < given->size(); ++i) {
        const Directive& d = (*given)[i];
        directives.push_back({{"number", i + 1},
                              {"text", d.text},
                              {"blocks", d.blocks},
                              {"comments", d.comments},
                              {"done", nullptr}});
      }
    const InputValue* due = find_input(a.inputs, kRevisionDeadlineInput);
    const Time* due_at = due ? std::get_if<Time>(&due->value) : nullptr;
    out_.push_back({{"seq", se.dossier_seq},
                    {"at", se.event.at},
                    {"by", se.event.actor},
                    {"action", t.action},
                    {"step", def_.states[a.from].id},
                    {"text", conclusion ? *conclusion : std::string()},
                    {"version", versions_},
                    {"revision_deadline", due_at ? json(*due_at) : json(nullptr)},
                    {"directives", std::move(directives)},
                    {"notices", json::array()}});
    latest_ = out_.size() - 1;
    if (gives_directives) with_directives_ = latest_;
  }

  void on_done(const Event& e, const DirectiveDone& d) {
    if (!with_directives_) return;
    json& list = out_[*with_directives_]["directives"];
    if (d.directive == 0 || d.directive > list.size()) return;
    list[d.directive - 1]["done"] = {{"at", e.at},
                                     {"by", e.actor},
                                     {"blocks", d.blocks},
                                     {"note", d.note},
                                     {"version", versions_}};
  }

  void on_notice(const Event& e, const ConclusionNoticeIssued& n) {
    if (!latest_) return;
    out_[*latest_]["notices"].push_back({{"number", n.issued.number},
                                         {"year", n.issued.year},
                                         {"series", n.issued.series},
                                         {"symbol", n.issued.symbol},
                                         {"at", e.at},
                                         {"by", e.actor},
                                         {"place", n.place},
                                         {"authority", n.authority},
                                         {"signer", n.signer},
                                         {"recipients", n.recipients}});
  }

  const Definition& def_;
  json out_ = json::array();
  std::uint32_t versions_ = 0;
  std::optional<std::size_t> latest_;           // the latest conclusion
  std::optional<std::size_t> with_directives_;  // the one marks apply to
};

}  // namespace

json conclusions_json(const DossierState& state, const std::vector<StoredEvent>& events) {
  if (!state.created) return json::array();
  Folder folder(state.definition());
  for (const StoredEvent& e : events)
    folder.apply(e);
  return std::move(folder).result();
}

json directive_rights_json(const DossierState& state, UserId user) {
  if (!state.created) return {{"mark_done", false}, {"issue_notice", false}};
  return {{"mark_done", may_mark_directives(state, user)},
          {"issue_notice", may_issue_conclusion_notice(state, user)}};
}

std::size_t open_directives(const DossierState& state) {
  return static_cast<std::size_t>(
      std::count(state.directives_done.begin(), state.directives_done.end(), false));
}

}  // namespace planflow
