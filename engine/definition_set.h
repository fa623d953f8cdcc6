// Every loaded version of every workflow definition. A running dossier keeps
// the version it was created with; a newer version only affects dossiers
// created after it is loaded. Definitions never move once added, so states
// may hold references to them.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/definition.h"
#include "engine/result.h"

namespace planflow {

class DefinitionSet {
 public:
  // Refuses a second definition with the same id and version.
  Status add(Definition definition);

  const Definition* find(std::string_view id, int version) const;
  // The highest version of `id`: the one new dossiers start with.
  const Definition* latest(std::string_view id) const;
  std::vector<const Definition*> all() const;
  // latest() of every workflow id, ordered by id.
  std::vector<const Definition*> latest_versions() const;

 private:
  std::vector<std::unique_ptr<const Definition>> definitions_;
};

}  // namespace planflow
