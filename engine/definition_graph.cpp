// The checks of a definition that look at its states as a graph: what can
// be reached, what can end, what the initial state may hold, and that no
// path gives a document two official numbers.
#include "engine/definition_graph.h"

#include <deque>

#include "engine/json_document.h"

namespace planflow {

namespace {

void add_problem(Problems* problems, std::string pointer, std::string message) {
  problems->push_back({std::move(pointer), std::move(message)});
}

std::string quote(std::string_view s) {
  return "\"" + std::string(s) + "\"";
}

// A dossier is created in its initial state, not entered into it, so
// entry effects would never run and a consultation would invite no one.
void check_initial(const Definition& def, Problems* problems) {
  const StateDef& first = def.states[def.initial];
  const std::string ptr = json_pointer_append("/states", first.id);
  if (!first.on_enter.empty())
    add_problem(problems, ptr + "/on_enter",
                "the initial state cannot have entry effects: a dossier starts there "
                "without entering it");
  if (first.consultation)
    add_problem(problems, ptr + "/consultation",
                "the initial state cannot hold a consultation: no one is invited "
                "when a dossier is created");
}

// A document gets one official number: no path may allocate twice.
template <class Reach>
void check_single_allocation(const Definition& def,
                             const std::vector<std::vector<StateId>>& forward, Reach reach,
                             Problems* problems) {
  auto allocates = [&def](size_t s) {
    for (const EffectDef& e : def.states[s].on_enter)
      if (e.kind == EffectKind::kAllocateNumber) return true;
    return false;
  };
  for (size_t a = 0; a < def.states.size(); ++a) {
    if (!allocates(a) || forward[a].empty()) continue;
    const auto after = reach(forward, forward[a]);
    // One problem per allocating state: a loop through several would
    // otherwise be reported once for every pair.
    const std::string ptr = json_pointer_append("/states", def.states[a].id) + "/on_enter";
    if (after[a]) {
      add_problem(problems, ptr,
                  "a document gets one official number, but this state can be entered again "
                  "after it");
      continue;
    }
    for (size_t b = 0; b < def.states.size(); ++b) {
      if (!after[b] || !allocates(b)) continue;
      add_problem(problems, ptr,
                  "a document gets one official number, but state " + quote(def.states[b].id) +
                      " allocates another after this one");
      break;
    }
  }
}

}  // namespace

void check_definition_graph(const Definition& def, bool initial_known, Problems* problems) {
  const size_t n = def.states.size();
  std::vector<std::vector<StateId>> forward(n), backward(n);
  for (size_t s = 0; s < n; ++s) {
    for (const auto& t : def.states[s].transitions) {
      forward[s].push_back(t.to);
      backward[t.to].push_back(static_cast<StateId>(s));
    }
  }
  auto reach = [n](const std::vector<std::vector<StateId>>& edges, std::vector<StateId> start) {
    std::vector<bool> seen(n, false);
    std::deque<StateId> queue(start.begin(), start.end());
    for (StateId s : start)
      seen[s] = true;
    while (!queue.empty()) {
      const StateId s = queue.front();
      queue.pop_front();
      for (StateId next : edges[s])
        if (!seen[next]) {
          seen[next] = true;
          queue.push_back(next);
        }
    }
    return seen;
  };
  std::vector<StateId> finals;
  for (size_t s = 0; s < n; ++s)
    if (def.states[s].final) finals.push_back(static_cast<StateId>(s));
  if (finals.empty())
    add_problem(problems, "/states", "no state is final: mark at least one with \"final\": true");
  const auto from_initial =
      initial_known ? reach(forward, {def.initial}) : std::vector<bool>(n, true);
  if (initial_known) check_initial(def, problems);
  check_single_allocation(def, forward, reach, problems);
  const auto to_final = reach(backward, finals);
  for (size_t s = 0; s < n; ++s) {
    const std::string ptr = json_pointer_append("/states", def.states[s].id);
    if (!from_initial[s])
      add_problem(problems, ptr,
                  "unreachable: no path of transitions leads here from the initial state " +
                      quote(def.states[def.initial].id));
    if (!to_final[s] && !finals.empty())
      add_problem(problems, ptr, "no final state can be reached from here");
  }
}
}  // namespace planflow
