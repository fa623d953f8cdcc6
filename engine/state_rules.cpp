#include "engine/state_rules.h"

#include <algorithm>

namespace planflow {

const InputValue* find_input(const ActionInputs& inputs, std::string_view name) {
  for (const InputValue& in : inputs)
    if (in.name == name) return &in;
  return nullptr;
}

std::vector<Participant> consultation_invitees(const DossierState& state,
                                               const ConsultationDef& consultation,
                                               const ActionInputs& inputs) {
  std::vector<Participant> out;
  auto add = [&out](const Participant& p) {
    const bool seen = std::any_of(out.begin(), out.end(),
                                  [&p](const Participant& q) { return q.user == p.user; });
    if (!seen) out.push_back(p);
  };
  const InputValue* given = find_input(inputs, kInviteesInput);
  const auto* list = given ? std::get_if<std::vector<Participant>>(&given->value) : nullptr;
  if (list && !list->empty()) {
    for (const Participant& p : *list)
      add(p);
  } else {
    for (const Binding& b : state.bindings)
      if (b.role == consultation.consultee_role) add(b.participant);
  }
  return out;
}

std::string fill_pattern(std::string_view pattern, const DossierState& state, std::uint32_t number,
                         int year) {
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '{') {
      out += pattern[i];
      continue;
    }
    const size_t close = pattern.find('}', i);
    const std::string_view name = pattern.substr(i + 1, close - i - 1);
    if (name == "number") {
      out += (number < 10 ? "0" : "") + std::to_string(number);
    } else if (name == "type") {
      out += state.document_type;
    } else if (name == "issuer") {
      out += state.issuer.code;
    } else if (name == "unit") {
      out += state.drafting_unit.code;
    } else if (name == "year") {
      out += std::to_string(year);
    }
    i = close;
  }
  return out;
}

}  // namespace planflow
