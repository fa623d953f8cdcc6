// A draft version as a sequence of blocks: headings, paragraphs, list items
// and tables, each with an id that stays with it from version to version
// while its content is unchanged or only edited, so comments and diffs can
// point at "the block" rather than at a line number that shifts.
//
// Ids are the engine's: decide() gives them with assign_block_ids(), from the
// blocks of the previous version; clients never choose them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace planflow {

enum class BlockKind : std::uint8_t { kHeading, kParagraph, kItem, kTable };

// "heading", "paragraph", "item", "table": the `kind` a block has in JSON.
const char* block_kind_name(BlockKind kind);
std::optional<BlockKind> block_kind_from_name(std::string_view name);

struct Block {
  std::uint32_t id = 0;  // 0 until the engine gives one
  BlockKind kind = BlockKind::kParagraph;
  // A heading's level or an item's depth, 1 to 3; 0 for paragraphs and tables.
  std::uint8_t level = 0;
  // What numbers or bullets the block as written: "I.", "1.1.", "a)", "–" or "".
  std::string marker;
  std::string text;                            // empty for a table
  std::vector<std::vector<std::string>> rows;  // a table's cells; rows may differ in length
  friend bool operator==(const Block&, const Block&) = default;
};

inline constexpr std::size_t kMaxBlocks = 10000;
inline constexpr std::size_t kMaxTableCells = 10000;  // per table
inline constexpr std::size_t kMaxMarkerBytes = 16;
inline constexpr std::uint8_t kMaxBlockLevel = 3;
// The bytes of all texts and cells of a document together are limited by
// kMaxDraftBytes (command.h).

// What is wrong with a block's shape, for the edge (command_json) and
// decide() to report each in its own form of field name.
struct BlockProblem {
  std::string field;    // "level", "marker", "text" or "rows"
  std::string message;  // English, to follow the field: "must be from 1 to 3 for a heading"
  std::string message_vi;  // Vietnamese, to follow "Trường “…”": "phải từ 1 đến 3 đối với đề mục"
};

// The first thing wrong with `b`'s shape: a level outside its kind's range,
// a marker over kMaxMarkerBytes, a table with text or without rows or over
// kMaxTableCells, rows on anything but a table. Texts are not looked at.
std::optional<BlockProblem> block_problem(const Block& b);

// The bytes of every text and cell, as counted against kMaxDraftBytes.
std::size_t document_bytes(const std::vector<Block>& blocks);
// Whether no block holds a text or cell that is not blank (see is_blank).
bool document_is_blank(const std::vector<Block>& blocks);

// One paragraph per line that is not blank, trimmed, with id 0: the document
// an API client means when it sends plain text, and what a version stored
// before blocks existed reads as.
std::vector<Block> blocks_from_text(std::string_view text);

// The document as plain text, for search and for readers of the store's
// versions view: blocks on lines of their own, a table's rows on lines of
// their own with its cells separated by tabs. Markers are left out.
std::string document_text(const std::vector<Block>& blocks);

// What id alignment needs of one block of the latest version, so a dossier's
// state keeps no texts: a hash of its content, its kind, its id, and where
// its words' hashes end in BlockPrints.
struct BlockPrint {
  // content_hash(): blocks with equal content (everything but the id) have
  // equal hashes, and blocks with equal hashes are taken to be equal.
  std::uint64_t content = 0;
  std::uint32_t id = 0;
  std::uint32_t words_end = 0;
  BlockKind kind = BlockKind::kParagraph;
  friend bool operator==(const BlockPrint&, const BlockPrint&) = default;
};

// The prints of a version's blocks. A block's words are the sorted multiset
// of 16-bit hashes of its words, all blocks' in one array: a 1 KiB draft of
// ten blocks costs about 600 bytes in three heap blocks.
class BlockPrints {
 public:
  BlockPrints() = default;
  explicit BlockPrints(const std::vector<Block>& blocks);

  std::size_t size() const { return blocks_.size(); }
  const BlockPrint& operator[](std::size_t i) const { return blocks_[i]; }
  std::span<const std::uint16_t> words(std::size_t i) const {
    const std::uint32_t begin = i == 0 ? 0 : blocks_[i - 1].words_end;
    return {words_.data() + begin, blocks_[i].words_end - begin};
  }
  std::size_t word_count() const { return words_.size(); }
  friend bool operator==(const BlockPrints&, const BlockPrints&) = default;

 private:
  friend struct PrintsBuilder;
  std::vector<BlockPrint> blocks_;
  std::vector<std::uint16_t> words_;
};

// A fixed hash (XXH64 of the parts, lengths included), the same on every
// platform and in every build, since the ids a replay gives depend on it.
std::uint64_t content_hash(const Block& b);
// XXH64 of `bytes`; little-endian whatever the machine.
std::uint64_t xxh64(std::string_view bytes, std::uint64_t seed);

// Gives every block of `next` an id and returns the next free one.
//
// A block of `next` equal in content (everything but the id) to one of
// `previous` keeps that block's id when the two align in order: the longest
// common subsequence of the two lists, after their common prefix and suffix
// are set aside; when the rest is too large for that (more than 4,000,000
// pairs), only blocks whose content occurs once in each list are aligned,
// the longest run of them in the same order on both sides.
//
// Between two aligned blocks, a block left over in `next` then keeps the id
// of one left over in `previous` in the same stretch when both are of the
// same kind and similar: the Dice coefficient of their words (split on
// Unicode white space, compared by 16-bit hashes) is at least one half.
// Pairs are taken in order on both sides, as many as possible and then the
// most similar; a stretch too large for that takes, for each new block in
// turn, the first similar old one a short way ahead.
//
// So a moved block keeps its id only if it still aligns: of two blocks that
// swap places, one keeps its id and the other gets a new one. Every other
// block gets a fresh id, `next_id` upwards in document order; a deleted
// block's id is never given again. The result depends on the contents alone.
std::uint32_t assign_block_ids(const BlockPrints& previous, std::vector<Block>& next,
                               std::uint32_t next_id);

// Prints shared by the copies of a dossier's state, so copying a state stays
// cheap however long the draft; equal when the prints are, so a replayed
// state compares equal to the one it rebuilds.
class SharedPrints {
 public:
  SharedPrints() = default;
  explicit SharedPrints(BlockPrints prints)
      : prints_(std::make_shared<const BlockPrints>(std::move(prints))) {}

  // No version yet: no prints.
  const BlockPrints& get() const;
  const BlockPrints& operator*() const { return get(); }
  const BlockPrints* operator->() const { return &get(); }
  bool shares(const SharedPrints& other) const { return prints_ == other.prints_; }

  friend bool operator==(const SharedPrints& a, const SharedPrints& b) {
    return a.prints_ == b.prints_ || a.get() == b.get();
  }

 private:
  std::shared_ptr<const BlockPrints> prints_;
};

struct NumberedBlocks;

// A version's blocks as an event carries them, immutable and shared, with
// their prints: made from blocks, which hashes them, or by number_blocks(),
// which builds the prints while aligning. So evolve() takes the prints
// without hashing again or copying a text, and copying an event copies no
// draft. Equal when the blocks are.
class SharedBlocks {
 public:
  SharedBlocks() = default;
  explicit SharedBlocks(std::vector<Block> blocks);

  // No version: no blocks.
  const std::vector<Block>& get() const;
  const std::vector<Block>& operator*() const { return get(); }
  const std::vector<Block>* operator->() const { return &get(); }
  const SharedPrints& prints() const;

  friend bool operator==(const SharedBlocks& a, const SharedBlocks& b) {
    return a.version_ == b.version_ || a.get() == b.get();
  }

 private:
  struct Version {
    std::vector<Block> blocks;
    SharedPrints prints;
  };
  friend NumberedBlocks number_blocks(const SharedPrints&, std::vector<Block>, std::uint32_t);
  std::shared_ptr<const Version> version_;
};

struct NumberedBlocks {
  SharedBlocks blocks;
  std::uint32_t next_id = 0;
};

// assign_block_ids() as decide() needs it: the blocks numbered, with prints
// built from the hashes alignment computed anyway (a block equal to one of
// `previous` takes its words from there; an unchanged version shares
// `previous` itself), and the next free id.
NumberedBlocks number_blocks(const SharedPrints& previous, std::vector<Block> next,
                             std::uint32_t next_id);

}  // namespace planflow
