// Rules that decide() and evolve() must compute identically, kept in one
// place so what was decided is exactly what gets applied.
#pragma once

#include <string_view>
#include <vector>

#include "engine/command.h"
#include "engine/dossier_state.h"

namespace planflow {

const InputValue* find_input(const ActionInputs& inputs, std::string_view name);

// Who is consulted on entering a consultation: the "invitees" input when
// given, otherwise everyone bound to the consultee role; each user once.
std::vector<Participant> consultation_invitees(const DossierState& state,
                                               const ConsultationDef& consultation,
                                               const ActionInputs& inputs);

// Fills an official symbol or series pattern ({number}, {type}, {issuer},
// {unit}, {year}); numbers below 10 take a leading zero ("05/QĐ-UBND").
std::string fill_pattern(std::string_view pattern, const DossierState& state, std::uint32_t number,
                         int year);

}  // namespace planflow
