#include "engine/disposition.h"

#include <algorithm>
#include <string>

namespace planflow {

namespace {

Error invalid(const std::string& field, const std::string& message, std::string message_vi) {
  return user_error(ErrorCode::kInvalidArgument, field + ": " + message, std::move(message_vi),
                    field);
}

bool in_latest(const DossierState& state, std::uint32_t id) {
  const BlockPrints& prints = *state.last_prints;
  for (std::size_t i = 0; i < prints.size(); ++i)
    if (prints[i].id == id) return true;
  return false;
}

}  // namespace

std::optional<Error> absorbing_blocks_problem(const DossierState& state, const DisposeComment& d) {
  const auto& ids = d.absorbed_in;
  if (ids.empty()) return std::nullopt;
  // A comment not taken in, or only noted, has no place in the text: naming
  // one would tell the delegate the opposite of the disposition.
  if (d.disposition != Disposition::kAccepted && d.disposition != Disposition::kPartlyAccepted)
    return invalid("absorbed_in",
                   "only an accepted or partly accepted comment is taken into blocks of the draft",
                   "Chỉ ý kiến được tiếp thu hoặc tiếp thu một phần mới ghi vị trí tiếp thu "
                   "trong dự thảo");
  if (ids.size() > kMaxAbsorbingBlocks)
    return invalid("absorbed_in",
                   "names " + std::to_string(ids.size()) + " blocks, more than the " +
                       std::to_string(kMaxAbsorbingBlocks) + " allowed",
                   "Số vị trí tiếp thu (" + std::to_string(ids.size()) + ") vượt quá giới hạn " +
                       std::to_string(kMaxAbsorbingBlocks) + " vị trí cho phép");
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const std::string field = "absorbed_in/" + std::to_string(i);
    if (!in_latest(state, ids[i]))
      return user_error(ErrorCode::kNotFound,
                        field + ": the latest version has no block " + std::to_string(ids[i]),
                        "Phiên bản dự thảo mới nhất không có khối nội dung số " +
                            std::to_string(ids[i]) + " để ghi là nơi tiếp thu ý kiến",
                        field);
    if (std::find(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(i), ids[i]) !=
        ids.begin() + static_cast<std::ptrdiff_t>(i))
      return invalid(
          field, "block " + std::to_string(ids[i]) + " is named twice",
          "Khối nội dung số " + std::to_string(ids[i]) + " được ghi hai lần trong vị trí tiếp thu");
  }
  return std::nullopt;
}

}  // namespace planflow
