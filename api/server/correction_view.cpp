#include "api/server/correction_view.h"

namespace planflow {
namespace {

nlohmann::json linked_json(const LinkedDocument& d) {
  return {{"id", d.id},
          {"title", d.title},
          {"symbol", d.symbol ? nlohmann::json(*d.symbol) : nlohmann::json(nullptr)},
          {"issued_at", d.issued_at ? nlohmann::json(*d.issued_at) : nlohmann::json(nullptr)}};
}

}  // namespace

nlohmann::json corrections_json(const Corrections& corrections) {
  nlohmann::json by = nlohmann::json::array();
  for (const LinkedDocument& d : corrections.corrected_by)
    by.push_back(linked_json(d));
  return {{"corrects", corrections.corrects ? linked_json(*corrections.corrects) : nullptr},
          {"corrected_by", std::move(by)}};
}

}  // namespace planflow
