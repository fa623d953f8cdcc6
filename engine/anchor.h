// Where in the draft a comment points: the document as a whole, one block,
// or a passage within a block's text. A passage keeps the words it was made
// on (`quote`), so a later version can find them again wherever they went,
// and a comment whose words are gone still shows what it was about.
//
// Offsets count Unicode code points from the start of the block's text (its
// marker not included), `start` inclusive and `end` exclusive: the same
// numbers in every language a client is written in, whatever its string
// encoding.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/document.h"

namespace planflow {

enum class AnchorKind : std::uint8_t { kDocument, kBlock, kPassage };

// "document", "block", "passage": the `kind` an anchor has in JSON.
const char* anchor_kind_name(AnchorKind kind);
std::optional<AnchorKind> anchor_kind_from_name(std::string_view name);

struct Anchor {
  AnchorKind kind = AnchorKind::kDocument;
  std::uint32_t block = 0;  // the block's id; 0 for the document
  std::uint32_t start = 0;  // a passage's code points within the block's text
  std::uint32_t end = 0;
  std::string quote;  // a passage's text as it stood
  friend bool operator==(const Anchor&, const Anchor&) = default;
};

inline constexpr std::size_t kMaxQuoteBytes = 2000;

// The number of code points in valid UTF-8 `s`.
std::uint32_t code_point_count(std::string_view s);

// Where an anchor made on an earlier version stands in `blocks` (a later
// version, or the same one).
struct AnchorPlace {
  bool outdated = false;  // the block or the passage is gone
  std::uint32_t block = 0;
  std::uint32_t start = 0;
  std::uint32_t end = 0;
};

// The document always stands. A block stands while its id is in `blocks`.
// A passage stands where its quote is found: in its own block, at the
// occurrence nearest to where it was; else, when its block was rewritten or
// removed, in the first block (in document order) whose text holds it.
AnchorPlace locate_anchor(const Anchor& anchor, const std::vector<Block>& blocks);

}  // namespace planflow
