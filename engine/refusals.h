// How decide() and its satellites (directives, meetings, implementation)
// word a refusal: the same sentence shapes and names in every part of the
// engine, so a person meets one voice whatever they did wrong.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/definition.h"
#include "engine/dossier_state.h"
#include "engine/result.h"

namespace planflow {

// Vietnamese messages quote names the way Vietnamese typography does.
std::string quoted(std::string_view name);

// kInvalidArgument at `field`. `message_vi` is a whole sentence, not a
// suffix after the field as in English: some read best naming the field
// ("Trường “title” ..."), others naming what is wrong with it.
Error invalid(std::string field, std::string message, std::string message_vi);

// evolve(): an event decide() could not have made.
Status history_corrupt(std::string message);

// The names people know: the definition's Vietnamese titles, the id where a
// definition built in code has none.
const std::string& state_title_vi(const StateDef& st);
const std::string& role_title_vi(const Definition& def, RoleId r);
std::string role_list(const Definition& def, RoleMask mask);     // "drafter, chair"
std::string role_list_vi(const Definition& def, RoleMask mask);  // "… hoặc Chủ tọa"
// What an operation is called after "được" or "không thể".
const char* operation_vi(Operation op);

// A text's checks once it is valid UTF-8: not blank when `required`, at
// most `max` bytes. `label_vi` is what the form calls the field.
std::optional<Error> check_text_field(const std::string& text, const std::string& field,
                                      std::string_view label_vi, std::size_t max, bool required);

// Whether `user` may do `op` in the current step, as the definition's
// `allow` says; the refusal names the step and the roles that may.
std::optional<Error> require_operation(const DossierState& state, Operation op, UserId user);

}  // namespace planflow
