#include "engine/definition_set.h"

#include <algorithm>

namespace planflow {

Status DefinitionSet::add(Definition definition) {
  if (find(definition.id, definition.version))
    return make_error(ErrorCode::kInvalidArgument,
                      "workflow \"" + definition.id + "\" version " +
                          std::to_string(definition.version) + " is already loaded",
                      "id");
  definitions_.push_back(std::make_unique<const Definition>(std::move(definition)));
  return {};
}

const Definition* DefinitionSet::find(std::string_view id, int version) const {
  for (const auto& d : definitions_)
    if (d->id == id && d->version == version) return d.get();
  return nullptr;
}

const Definition* DefinitionSet::latest(std::string_view id) const {
  const Definition* best = nullptr;
  for (const auto& d : definitions_)
    if (d->id == id && (!best || d->version > best->version)) best = d.get();
  return best;
}

std::vector<const Definition*> DefinitionSet::all() const {
  std::vector<const Definition*> out;
  for (const auto& d : definitions_)
    out.push_back(d.get());
  return out;
}

std::vector<const Definition*> DefinitionSet::latest_versions() const {
  std::vector<const Definition*> out;
  for (const auto& d : definitions_)
    if (latest(d->id) == d.get()) out.push_back(d.get());
  std::sort(out.begin(), out.end(),
            [](const Definition* a, const Definition* b) { return a->id < b->id; });
  return out;
}

}  // namespace planflow
