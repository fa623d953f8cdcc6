#include "engine/anchor.h"

#include <limits>

namespace planflow {

namespace {

bool is_continuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

// Code points before each match of `needle` in `hay`, in order.
std::vector<std::uint32_t> occurrences(std::string_view hay, std::string_view needle) {
  std::vector<std::uint32_t> out;
  if (needle.empty()) return out;
  std::uint32_t points = 0;
  std::size_t counted = 0;
  for (std::size_t at = hay.find(needle); at != std::string_view::npos;
       at = hay.find(needle, at + 1)) {
    // A match starting inside a code point cannot happen in valid UTF-8
    // with a needle that starts on one; skip it should the input be odd.
    if (is_continuation(static_cast<unsigned char>(hay[at]))) continue;
    points += code_point_count(hay.substr(counted, at - counted));
    counted = at;
    out.push_back(points);
  }
  return out;
}

const Block* find_block(const std::vector<Block>& blocks, std::uint32_t id) {
  for (const Block& b : blocks)
    if (b.id == id) return &b;
  return nullptr;
}

}  // namespace

const char* anchor_kind_name(AnchorKind kind) {
  switch (kind) {
    case AnchorKind::kDocument:
      return "document";
    case AnchorKind::kBlock:
      return "block";
    case AnchorKind::kPassage:
      return "passage";
  }
  return "document";
}

std::optional<AnchorKind> anchor_kind_from_name(std::string_view name) {
  if (name == "document") return AnchorKind::kDocument;
  if (name == "block") return AnchorKind::kBlock;
  if (name == "passage") return AnchorKind::kPassage;
  return std::nullopt;
}

std::uint32_t code_point_count(std::string_view s) {
  std::uint32_t n = 0;
  for (unsigned char c : s)
    n += !is_continuation(c);
  return n;
}

AnchorPlace locate_anchor(const Anchor& anchor, const std::vector<Block>& blocks) {
  switch (anchor.kind) {
    case AnchorKind::kDocument:
      return {};
    case AnchorKind::kBlock:
      if (find_block(blocks, anchor.block)) return {false, anchor.block, 0, 0};
      return {true, anchor.block, 0, 0};
    case AnchorKind::kPassage:
      break;
  }
  const std::uint32_t length = code_point_count(anchor.quote);
  if (const Block* own = find_block(blocks, anchor.block)) {
    std::uint32_t best = 0;
    std::uint32_t best_distance = std::numeric_limits<std::uint32_t>::max();
    for (std::uint32_t at : occurrences(own->text, anchor.quote)) {
      const std::uint32_t distance = at > anchor.start ? at - anchor.start : anchor.start - at;
      if (distance < best_distance) best = at, best_distance = distance;
    }
    if (best_distance != std::numeric_limits<std::uint32_t>::max())
      return {false, own->id, best, best + length};
  }
  for (const Block& b : blocks) {
    if (b.id == anchor.block) continue;
    const auto found = occurrences(b.text, anchor.quote);
    if (!found.empty()) return {false, b.id, found.front(), found.front() + length};
  }
  return {true, anchor.block, anchor.start, anchor.end};
}

}  // namespace planflow
