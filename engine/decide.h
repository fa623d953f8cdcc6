// The engine's two pure functions. Neither reads a clock, a file or a
// socket: `now` and the register of official numbers come in as arguments,
// so a decision can be tested, replayed and benchmarked exactly.
//
//   decide(state, command, actor, now) -> events, or the reason it is refused
//   evolve(state, event)               -> the next state
//
// A dossier's state is the fold of evolve() over its events, starting from
// DossierState(definition): the definition version it was created with.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "engine/command.h"
#include "engine/dossier_state.h"
#include "engine/event.h"
#include "engine/result.h"

namespace planflow {

// Read access to the register of official numbers: the next free number in
// an issuer's series for a calendar year. The store answers it inside the
// transaction that will append the issuing event, so numbers have no gaps.
class NumberSource {
 public:
  virtual ~NumberSource() = default;
  virtual std::uint32_t next_number(UnitId issuer, std::string_view series, int year) const = 0;
  // The number a dossier's own document was issued under, if it was: what a
  // correction refers to. A register that keeps no documents knows of none.
  virtual std::optional<DocumentReference> issued_document(std::uint64_t dossier) const {
    (void)dossier;
    return std::nullopt;
  }
};

// Appends the events the command yields to `out` (nothing on refusal).
// `numbers` is needed only by actions that enter a state allocating a number.
Status decide(const DossierState& state, const Command& command, const Actor& actor, Time now,
              std::vector<Event>* out, const NumberSource* numbers = nullptr);

// Applies one event. An event that cannot follow from the state (a corrupt or
// foreign history) is refused and the state is left unchanged.
Status evolve(DossierState& state, const Event& event);

// Folds a whole history into a fresh state.
Result<DossierState> replay(const Definition& definition, const std::vector<Event>& events);

}  // namespace planflow
