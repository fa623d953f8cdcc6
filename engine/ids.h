// Identifiers of people and units as the engine sees them. Accounts and
// units live outside the engine (the api's user store); the engine only
// needs to tell them apart and remember who acted for which unit.
#pragma once

#include <cstdint>
#include <string>

namespace planflow {

using UserId = std::uint32_t;
using UnitId = std::uint32_t;

// The timer service acts as this user; no account may have it.
inline constexpr UserId kSystemUser = 0;

// A unit with the code that official symbols use ("UBND", "NC", "SNV").
struct UnitRef {
  UnitId id = 0;
  std::string code;
  friend bool operator==(const UnitRef&, const UnitRef&) = default;
};

// Someone taking part in a dossier, speaking for a unit.
struct Participant {
  UserId user = 0;
  UnitId unit = 0;
  friend bool operator==(const Participant&, const Participant&) = default;
};

// Who issues a command. The engine derives their roles in a dossier from the
// dossier's bindings; `admin` is the system-wide administrator, who may
// manage participants of any dossier but takes no workflow action unless bound.
struct Actor {
  UserId user = 0;
  UnitId unit = 0;
  bool admin = false;
};

}  // namespace planflow
