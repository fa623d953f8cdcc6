#include "engine/document.h"

#include <algorithm>
#include <array>
#include <unordered_map>

#include <xxhash.h>

#include "engine/text.h"

namespace planflow {

namespace {

constexpr std::array<const char*, 4> kKindNames = {"heading", "paragraph", "item", "table"};
// For messages: "for a heading", "đối với đề mục".
constexpr std::array<const char*, 4> kKindsEn = {"a heading", "a paragraph", "an item", "a table"};
constexpr std::array<const char*, 4> kKindsVi = {"đề mục", "đoạn văn", "mục liệt kê", "bảng"};

bool has_level(BlockKind kind) {
  return kind == BlockKind::kHeading || kind == BlockKind::kItem;
}

std::size_t cell_count(const Block& b) {
  std::size_t cells = 0;
  for (const auto& row : b.rows)
    cells += row.size();
  return cells;
}

}  // namespace

const char* block_kind_name(BlockKind kind) {
  return kKindNames[static_cast<std::size_t>(kind)];
}

std::optional<BlockKind> block_kind_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kKindNames.size(); ++i)
    if (name == kKindNames[i]) return static_cast<BlockKind>(i);
  return std::nullopt;
}

std::optional<BlockProblem> block_problem(const Block& b) {
  // Put together only when something is wrong: this runs for every block.
  const auto kind_en = [&b] { return std::string(kKindsEn[static_cast<std::size_t>(b.kind)]); };
  const auto kind_vi = [&b] { return std::string(kKindsVi[static_cast<std::size_t>(b.kind)]); };
  if (has_level(b.kind) && (b.level < 1 || b.level > kMaxBlockLevel)) {
    const std::string max_level = std::to_string(kMaxBlockLevel);
    return BlockProblem{"level", "must be from 1 to " + max_level + " for " + kind_en(),
                        "phải từ 1 đến " + max_level + " đối với " + kind_vi()};
  }
  if (!has_level(b.kind) && b.level != 0)
    return BlockProblem{"level", "must be 0 or left out for " + kind_en(),
                        "phải bằng 0 hoặc bỏ trống đối với " + kind_vi()};
  if (b.marker.size() > kMaxMarkerBytes)
    return BlockProblem{"marker",
                        "is " + std::to_string(b.marker.size()) + " bytes, more than the " +
                            std::to_string(kMaxMarkerBytes) + " a marker may have",
                        "dài " + std::to_string(b.marker.size()) + " byte, vượt quá giới hạn " +
                            std::to_string(kMaxMarkerBytes) + " byte của ký hiệu đầu mục"};
  if (b.kind != BlockKind::kTable) {
    if (!b.rows.empty())
      return BlockProblem{"rows", "belongs to tables only, not to " + kind_en(),
                          "chỉ dùng cho bảng, không dùng cho " + kind_vi()};
    return std::nullopt;
  }
  if (!b.text.empty())
    return BlockProblem{"text", "must be empty for a table, whose text is in its rows",
                        "phải để trống đối với bảng; nội dung của bảng nằm trong các hàng (rows)"};
  if (b.rows.empty())
    return BlockProblem{"rows", "a table needs at least one row",
                        "phải có ít nhất một hàng đối với bảng"};
  if (const std::size_t cells = cell_count(b); cells > kMaxTableCells)
    return BlockProblem{"rows",
                        "has " + std::to_string(cells) + " cells, more than the " +
                            std::to_string(kMaxTableCells) + " a table may have",
                        "có " + std::to_string(cells) + " ô, vượt quá giới hạn " +
                            std::to_string(kMaxTableCells) + " ô của một bảng"};
  return std::nullopt;
}

std::size_t document_bytes(const std::vector<Block>& blocks) {
  std::size_t bytes = 0;
  for (const Block& b : blocks) {
    bytes += b.text.size();
    for (const auto& row : b.rows)
      for (const std::string& cell : row)
        bytes += cell.size();
  }
  return bytes;
}

bool document_is_blank(const std::vector<Block>& blocks) {
  for (const Block& b : blocks) {
    if (!is_blank(b.text)) return false;
    for (const auto& row : b.rows)
      for (const std::string& cell : row)
        if (!is_blank(cell)) return false;
  }
  return true;
}

std::vector<Block> blocks_from_text(std::string_view text) {
  std::vector<Block> out;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    const std::string_view line = trim_blank(text.substr(0, end));
    if (!line.empty()) out.push_back(Block{0, BlockKind::kParagraph, 0, {}, std::string(line), {}});
    text.remove_prefix(std::min(end + 1, text.size()));
  }
  return out;
}

std::string document_text(const std::vector<Block>& blocks) {
  std::string out;
  out.reserve(document_bytes(blocks) + blocks.size());
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (i > 0) out += '\n';
    const Block& b = blocks[i];
    if (b.kind != BlockKind::kTable) {
      out += b.text;
      continue;
    }
    for (std::size_t r = 0; r < b.rows.size(); ++r) {
      if (r > 0) out += '\n';
      for (std::size_t c = 0; c < b.rows[r].size(); ++c) {
        if (c > 0) out += '\t';
        out += b.rows[r][c];
      }
    }
  }
  return out;
}

namespace {

// What a block of `next` is matched to while it keeps no id of `previous`.
constexpr std::uint32_t kUnmatched = 0xFFFFFFFFu;

// Above this many pairs of blocks the exact alignment is not attempted: 4M
// cells of two bytes each are 8 MB and a few milliseconds.
constexpr std::size_t kMaxAlignedPairs = 4000000;
// Above this many pairs in one stretch of leftovers, similarity is sought
// only a short way ahead: each pair costs a comparison of two word lists.
constexpr std::size_t kMaxComparedPairs = 250000;
constexpr std::size_t kLookAhead = 32;

// A number as XXH64 input: its eight bytes little-endian, whatever the machine.
std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
  unsigned char bytes[8];
  for (int i = 0; i < 8; ++i)
    bytes[i] = static_cast<unsigned char>(v >> (8 * i));
  return XXH64(bytes, sizeof bytes, h);
}

// Folds a word's hash to the 16 bits kept for it.
std::uint16_t word_hash(std::string_view word) {
  const std::uint64_t h = xxh64(word, 0);
  return static_cast<std::uint16_t>(h ^ (h >> 16) ^ (h >> 32) ^ (h >> 48));
}

// Unicode White_Space at s[i]: its length in bytes, or 0. Bytes that are not
// UTF-8 count as letters, so text built in code without the edge's checks
// still splits.
std::size_t space_at(std::string_view s, std::size_t i) {
  const auto byte = [&s](std::size_t k) {
    return k < s.size() ? static_cast<unsigned char>(s[k]) : 0u;
  };
  const unsigned c = byte(i);
  if (c > ' ' && c < 0x80) return 0;  // most bytes: ASCII letters and marks
  if (c == ' ' || (c >= 0x09 && c <= 0x0D)) return 1;
  if (c == 0xC2) return byte(i + 1) == 0x85 || byte(i + 1) == 0xA0 ? 2 : 0;  // U+0085, U+00A0
  const unsigned d = byte(i + 1), e = byte(i + 2);
  if (c == 0xE1) return d == 0x9A && e == 0x80 ? 3 : 0;  // U+1680
  if (c == 0xE3) return d == 0x80 && e == 0x80 ? 3 : 0;  // U+3000
  if (c != 0xE2) return 0;
  // U+2000..U+200A, U+2028, U+2029, U+202F, U+205F
  if (d == 0x80 && ((e >= 0x80 && e <= 0x8A) || e == 0xA8 || e == 0xA9 || e == 0xAF)) return 3;
  return d == 0x81 && e == 0x9F ? 3 : 0;
}

void add_words(std::string_view text, std::vector<std::uint16_t>& out) {
  std::size_t start = 0, i = 0;
  while (i < text.size()) {
    const std::size_t space = space_at(text, i);
    if (space == 0) {
      ++i;
      continue;
    }
    if (i > start) out.push_back(word_hash(text.substr(start, i - start)));
    i += space;
    start = i;
  }
  if (i > start) out.push_back(word_hash(text.substr(start, i - start)));
}

// Appends a block's words as a sorted multiset (of hashes): its text, or its
// cells.
void add_words_of(const Block& b, std::vector<std::uint16_t>& out) {
  const std::size_t from = out.size();
  add_words(b.text, out);
  for (const auto& row : b.rows)
    for (const std::string& cell : row)
      add_words(cell, out);
  std::sort(out.begin() + static_cast<std::ptrdiff_t>(from), out.end());
}

// The Dice coefficient of two blocks' words in 1/1024ths when it is at least
// one half and they are of one kind; 0 otherwise. Two blocks without words
// are alike.
std::uint32_t similarity(BlockKind ka, std::span<const std::uint16_t> a, BlockKind kb,
                         std::span<const std::uint16_t> b) {
  if (ka != kb) return 0;
  const std::size_t total = a.size() + b.size();
  if (total == 0) return 1024;
  // 2c / total >= 1/2 needs 4c >= total, and c is at most the shorter list.
  if (4 * std::min(a.size(), b.size()) < total) return 0;
  std::size_t common = 0;
  for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++common, ++i, ++j;
    }
  }
  if (4 * common < total) return 0;
  return static_cast<std::uint32_t>(2 * common * 1024 / total);
}

// Numbers the distinct contents met, so the quadratic parts of alignment
// compare small integers.
class ContentClasses {
 public:
  std::uint32_t of(std::uint64_t content) {
    const auto [at, added] =
        numbers_.try_emplace(content, static_cast<std::uint32_t>(numbers_.size()));
    return at->second;
  }
  std::size_t size() const { return numbers_.size(); }

 private:
  std::unordered_map<std::uint64_t, std::uint32_t> numbers_;
};

// The contents of the blocks between the common prefix and suffix, as
// numbers: prev[i] is block p0 + i of `previous`, next[j] block q0 + j of
// `next`.
struct Middle {
  std::size_t p0, q0;
  std::vector<std::uint32_t> prev, next;
  std::size_t classes;
};

// The longest common subsequence of the middle, by the usual table over
// suffixes; ties keep the earlier blocks of `next` matched to earlier blocks
// of `previous`.
void align_exactly(const Middle& mid, std::vector<std::uint32_t>& match) {
  const std::vector<std::uint32_t>& prev = mid.prev;
  const std::vector<std::uint32_t>& next = mid.next;
  const std::size_t n = prev.size(), m = next.size(), w = m + 1;
  // Each length is at most min(n, m), at most 2000 under kMaxAlignedPairs.
  std::vector<std::uint16_t> lcs((n + 1) * w, 0);
  for (std::size_t i = n; i-- > 0;)
    for (std::size_t j = m; j-- > 0;)
      lcs[i * w + j] = prev[i] == next[j] ? static_cast<std::uint16_t>(lcs[(i + 1) * w + j + 1] + 1)
                                          : std::max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
  for (std::size_t i = 0, j = 0; i < n && j < m;) {
    if (prev[i] == next[j]) {
      match[mid.q0 + j] = static_cast<std::uint32_t>(mid.p0 + i);
      ++i, ++j;
    } else if (lcs[(i + 1) * w + j] >= lcs[i * w + j + 1]) {
      ++i;
    } else {
      ++j;
    }
  }
}

// For a middle too large for align_exactly: the blocks whose content occurs
// once on each side, and of those the longest run in the same order on both
// (patience diff).
void align_unique(const Middle& mid, std::vector<std::uint32_t>& match) {
  const std::vector<std::uint32_t>& prev = mid.prev;
  const std::vector<std::uint32_t>& next = mid.next;
  std::vector<std::uint32_t> in_prev(mid.classes, 0), in_next(mid.classes, 0),
      where(mid.classes, 0);
  for (std::size_t i = 0; i < prev.size(); ++i) {
    ++in_prev[prev[i]];
    where[prev[i]] = static_cast<std::uint32_t>(mid.p0 + i);
  }
  for (const std::uint32_t c : next)
    ++in_next[c];
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;  // (previous, next), by next
  for (std::size_t j = 0; j < next.size(); ++j)
    if (in_prev[next[j]] == 1 && in_next[next[j]] == 1)
      pairs.emplace_back(where[next[j]], static_cast<std::uint32_t>(mid.q0 + j));
  // The longest increasing run of previous positions: tails[k] is the pair
  // ending the best run of length k + 1 found so far.
  std::vector<std::size_t> tails, before(pairs.size(), SIZE_MAX);
  for (std::size_t k = 0; k < pairs.size(); ++k) {
    const auto at = std::lower_bound(
        tails.begin(), tails.end(), pairs[k].first,
        [&pairs](std::size_t t, std::uint32_t value) { return pairs[t].first < value; });
    if (at != tails.begin()) before[k] = *(at - 1);
    if (at == tails.end())
      tails.push_back(k);
    else
      *at = k;
  }
  for (std::size_t k = tails.empty() ? SIZE_MAX : tails.back(); k != SIZE_MAX; k = before[k])
    match[pairs[k].second] = pairs[k].first;
}

// The words of blocks of `next`, hashed when first asked for: most versions
// leave few blocks that need them.
class NextWords {
 public:
  explicit NextWords(const std::vector<Block>& next) : next_(next) {}

  // Those hashed already, or nullptr.
  const std::vector<std::uint16_t>* hashed(std::size_t j) const {
    return words_.empty() || !words_[j] ? nullptr : &*words_[j];
  }

  std::span<const std::uint16_t> of(std::size_t j) {
    if (words_.empty()) words_.resize(next_.size());
    std::optional<std::vector<std::uint16_t>>& w = words_[j];
    if (!w) add_words_of(next_[j], w.emplace());
    return *w;
  }

 private:
  const std::vector<Block>& next_;
  std::vector<std::optional<std::vector<std::uint16_t>>> words_;
};

// Pairs leftovers of one stretch: previous blocks prev_at[], next blocks
// next_at[], in order on both sides.
void pair_similar(const BlockPrints& previous, const std::vector<std::size_t>& prev_at,
                  const std::vector<Block>& next, NextWords& next_words,
                  const std::vector<std::size_t>& next_at, std::vector<std::uint32_t>& match) {
  const auto sim = [&](std::size_t i, std::size_t j) {
    return similarity(previous[prev_at[i]].kind, previous.words(prev_at[i]), next[next_at[j]].kind,
                      next_words.of(next_at[j]));
  };
  const std::size_t n = prev_at.size(), m = next_at.size();
  if (n * m > kMaxComparedPairs) {
    std::size_t cursor = 0;
    for (std::size_t j = 0; j < m && cursor < n; ++j)
      for (std::size_t i = cursor; i < std::min(n, cursor + kLookAhead); ++i)
        if (sim(i, j) > 0) {
          match[next_at[j]] = static_cast<std::uint32_t>(prev_at[i]);
          cursor = i + 1;
          break;
        }
    return;
  }
  // Most pairs first, then the most similar: a pair outweighs any sum of
  // similarities (at most 1024 each, at most 500 pairs here).
  constexpr std::uint32_t kPair = 1u << 20;
  const std::size_t w = m + 1;
  std::vector<std::uint16_t> s(n * m);
  std::vector<std::uint32_t> best((n + 1) * w, 0);
  for (std::size_t i = n; i-- > 0;)
    for (std::size_t j = m; j-- > 0;) {
      s[i * m + j] = static_cast<std::uint16_t>(sim(i, j));
      std::uint32_t v = std::max(best[(i + 1) * w + j], best[i * w + j + 1]);
      if (s[i * m + j]) v = std::max(v, best[(i + 1) * w + j + 1] + kPair + s[i * m + j]);
      best[i * w + j] = v;
    }
  for (std::size_t i = 0, j = 0; i < n && j < m;) {
    const std::uint32_t here = best[i * w + j];
    if (s[i * m + j] && here == best[(i + 1) * w + j + 1] + kPair + s[i * m + j]) {
      match[next_at[j]] = static_cast<std::uint32_t>(prev_at[i]);
      ++i, ++j;
    } else if (here == best[(i + 1) * w + j]) {
      ++i;
    } else {
      ++j;
    }
  }
}

// What alignment found, for number_blocks() to build the prints from.
struct Alignment {
  std::vector<std::uint64_t> content;  // of each block of `next`
  std::vector<std::uint32_t> match;    // the block of `previous` it keeps the id of, or kUnmatched
  std::uint32_t next_id = 0;
};

Alignment align(const BlockPrints& previous, std::vector<Block>& next, std::uint32_t next_id,
                NextWords& next_words) {
  Alignment a;
  a.content.reserve(next.size());
  for (const Block& b : next)
    a.content.push_back(content_hash(b));
  const std::vector<std::uint64_t>& content = a.content;
  // match[j]: the block of `previous` whose id block j of `next` keeps.
  std::vector<std::uint32_t>& match = a.match;
  match.assign(next.size(), kUnmatched);
  std::size_t p0 = 0, q0 = 0, p1 = previous.size(), q1 = next.size();
  for (; p0 < p1 && q0 < q1 && previous[p0].content == content[q0]; ++p0, ++q0)
    match[q0] = static_cast<std::uint32_t>(p0);
  for (; p1 > p0 && q1 > q0 && previous[p1 - 1].content == content[q1 - 1]; --p1, --q1)
    match[q1 - 1] = static_cast<std::uint32_t>(p1 - 1);
  // Most versions change a few blocks in one place, or none: then there is
  // nothing in the middle on one side, and nothing to number or align.
  if (p0 < p1 && q0 < q1) {
    ContentClasses classes;
    Middle mid{p0, q0, {}, {}, 0};
    mid.prev.reserve(p1 - p0);
    mid.next.reserve(q1 - q0);
    for (std::size_t i = p0; i < p1; ++i)
      mid.prev.push_back(classes.of(previous[i].content));
    for (std::size_t j = q0; j < q1; ++j)
      mid.next.push_back(classes.of(content[j]));
    mid.classes = classes.size();
    if ((p1 - p0) * (q1 - q0) <= kMaxAlignedPairs)
      align_exactly(mid, match);
    else
      align_unique(mid, match);
  }

  // The stretches between aligned blocks, and what is left over in each.
  std::vector<std::size_t> prev_left, next_left;
  std::size_t prev_from = 0;
  for (std::size_t j = 0; j <= next.size(); ++j) {
    const bool end = j == next.size();
    if (!end && match[j] == kUnmatched) {
      next_left.push_back(j);
      continue;
    }
    const std::size_t prev_to = end ? previous.size() : match[j];
    if (!next_left.empty() && prev_to > prev_from) {
      prev_left.clear();
      for (std::size_t i = prev_from; i < prev_to; ++i)
        prev_left.push_back(i);
      pair_similar(previous, prev_left, next, next_words, next_left, match);
    }
    next_left.clear();
    prev_from = prev_to + 1;
  }

  for (std::size_t j = 0; j < next.size(); ++j)
    next[j].id = match[j] == kUnmatched ? next_id++ : previous[match[j]].id;
  a.next_id = next_id;
  return a;
}

}  // namespace

// Builds BlockPrints a block at a time, so their vectors end up exactly the
// size they need: they live as long as the dossier's state.
struct PrintsBuilder {
  std::vector<BlockPrint> blocks;
  std::vector<std::uint16_t> words;

  void add(const Block& b, std::uint64_t content) { blocks.push_back({content, b.id, 0, b.kind}); }
  void end_block() { blocks.back().words_end = static_cast<std::uint32_t>(words.size()); }

  BlockPrints build() {
    BlockPrints p;
    p.blocks_ = std::move(blocks);
    p.words_ = std::move(words);
    p.blocks_.shrink_to_fit();
    p.words_.shrink_to_fit();
    return p;
  }
};

std::uint64_t xxh64(std::string_view bytes, std::uint64_t seed) {
  // libxxhash's XXH64 reads its input as little-endian on every machine.
  return XXH64(bytes.data(), bytes.size(), seed);
}

std::uint64_t content_hash(const Block& b) {
  // Each part seeds the next; xxh64 mixes in each part's length, so "ab"+"c"
  // and "a"+"bc" differ, and each row its number of cells.
  std::uint64_t h = mix(static_cast<std::uint64_t>(b.kind) << 8 | b.level, 0);
  // Most blocks have no marker: skipping its hash then saves a third of a
  // short block's cost, and text-only seeds stay distinct from marked ones.
  if (!b.marker.empty()) h = xxh64(b.marker, h);
  h = xxh64(b.text, h);
  for (const auto& row : b.rows) {
    h = mix(h, row.size());
    for (const std::string& cell : row)
      h = xxh64(cell, h);
  }
  return h;
}

BlockPrints::BlockPrints(const std::vector<Block>& blocks) {
  PrintsBuilder b;
  b.blocks.reserve(blocks.size());
  b.words.reserve(document_bytes(blocks) / 4 + 1);
  for (const Block& block : blocks) {
    b.add(block, content_hash(block));
    add_words_of(block, b.words);
    b.end_block();
  }
  *this = b.build();
}

std::uint32_t assign_block_ids(const BlockPrints& previous, std::vector<Block>& next,
                               std::uint32_t next_id) {
  NextWords words(next);
  return align(previous, next, next_id, words).next_id;
}

NumberedBlocks number_blocks(const SharedPrints& previous, std::vector<Block> next,
                             std::uint32_t next_id) {
  const BlockPrints& prev = *previous;
  NextWords next_words(next);
  const Alignment a = align(prev, next, next_id, next_words);
  auto version = std::make_shared<SharedBlocks::Version>();
  // Unchanged, block for block: the prints are the previous version's.
  bool unchanged = next.size() == prev.size();
  for (std::size_t j = 0; unchanged && j < next.size(); ++j)
    unchanged = a.match[j] == j && prev[j].content == a.content[j];
  if (unchanged) {
    version->prints = previous;
  } else {
    PrintsBuilder b;
    b.blocks.reserve(next.size());
    // About one word in six bytes of Vietnamese; build() trims the rest.
    b.words.reserve(document_bytes(next) / 4 + 1);
    for (std::size_t j = 0; j < next.size(); ++j) {
      b.add(next[j], a.content[j]);
      const std::uint32_t i = a.match[j];
      if (i != kUnmatched && prev[i].content == a.content[j]) {
        const auto w = prev.words(i);  // equal content, equal words
        b.words.insert(b.words.end(), w.begin(), w.end());
      } else if (const auto* w = next_words.hashed(j)) {
        b.words.insert(b.words.end(), w->begin(), w->end());
      } else {
        add_words_of(next[j], b.words);
      }
      b.end_block();
    }
    version->prints = SharedPrints(b.build());
  }
  version->blocks = std::move(next);
  NumberedBlocks out;
  out.blocks.version_ = std::move(version);
  out.next_id = a.next_id;
  return out;
}

SharedBlocks::SharedBlocks(std::vector<Block> blocks) {
  auto version = std::make_shared<Version>();
  version->prints = SharedPrints(BlockPrints(blocks));
  version->blocks = std::move(blocks);
  version_ = std::move(version);
}

const std::vector<Block>& SharedBlocks::get() const {
  static const std::vector<Block> kNone;
  return version_ ? version_->blocks : kNone;
}

const SharedPrints& SharedBlocks::prints() const {
  static const SharedPrints kNone;
  return version_ ? version_->prints : kNone;
}

const BlockPrints& SharedPrints::get() const {
  static const BlockPrints kNone;
  return prints_ ? *prints_ : kNone;
}

}  // namespace planflow
