#include "engine/command.h"

#include <array>

namespace planflow {

namespace {

constexpr std::array<const char*, 5> kDispositionNames = {"none", "accepted", "partly_accepted",
                                                          "not_accepted", "noted"};

}  // namespace

const char* disposition_name(Disposition d) {
  return kDispositionNames[static_cast<size_t>(d)];
}

std::optional<Disposition> disposition_from_name(std::string_view name) {
  for (size_t i = 0; i < kDispositionNames.size(); ++i)
    if (name == kDispositionNames[i]) return static_cast<Disposition>(i);
  return std::nullopt;
}

}  // namespace planflow
