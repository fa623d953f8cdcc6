// Where an anchor stands in a later version: carried over to its words, or
// outdated when they are gone.
#include "engine/anchor.h"

#include <catch2/catch.hpp>

#include "engine/engine_test_support.h"

using namespace planflow;
using namespace planflow::testing;

namespace {

Block with_id(Block b, std::uint32_t id) {
  b.id = id;
  return b;
}

Anchor passage(std::uint32_t block, std::uint32_t start, std::string quote) {
  const std::uint32_t end = start + code_point_count(quote);
  return {AnchorKind::kPassage, block, start, end, std::move(quote)};
}

}  // namespace

TEST_CASE("code points, not bytes, count a passage's place", "[anchor]") {
  CHECK(code_point_count("") == 0);
  CHECK(code_point_count("abc") == 3);
  CHECK(code_point_count("tinh giản biên chế") == 18);  // NFC: one code point a letter
  CHECK(code_point_count("𝔸") == 1);                    // outside the BMP, one code point
}

TEST_CASE("the document always stands, a block while its id does", "[anchor]") {
  const std::vector<Block> v2 = {with_id(para("Mục tiêu chung"), 1), with_id(para("Mới"), 3)};
  CHECK_FALSE(locate_anchor({}, v2).outdated);
  const AnchorPlace kept = locate_anchor({AnchorKind::kBlock, 1, 0, 0, ""}, v2);
  CHECK_FALSE(kept.outdated);
  CHECK(kept.block == 1);
  CHECK(locate_anchor({AnchorKind::kBlock, 2, 0, 0, ""}, v2).outdated);
}

TEST_CASE("a passage follows its words within an edited block", "[anchor]") {
  // "tinh giản biên chế" at code point 9 of v1's block 4.
  const Anchor a = passage(4, 9, "tinh giản biên chế");
  SECTION("unchanged") {
    const std::vector<Block> v = {with_id(para("Đẩy mạnh tinh giản biên chế năm 2014"), 4)};
    const AnchorPlace p = locate_anchor(a, v);
    CHECK_FALSE(p.outdated);
    CHECK((p.block == 4 && p.start == 9 && p.end == 27));
  }
  SECTION("words put in before it move it along") {
    const std::vector<Block> v = {
        with_id(para("Tiếp tục đẩy mạnh tinh giản biên chế năm 2014"), 4)};
    const AnchorPlace p = locate_anchor(a, v);
    CHECK_FALSE(p.outdated);
    CHECK((p.start == 18 && p.end == 36));
  }
  SECTION("of two occurrences, the nearer to where it was") {
    const std::vector<Block> v = {with_id(
        para("tinh giản biên chế; đẩy mạnh tinh giản biên chế; tinh giản biên chế nữa"), 4)};
    CHECK(locate_anchor(passage(4, 28, "tinh giản biên chế"), v).start == 29);
    CHECK(locate_anchor(passage(4, 0, "tinh giản biên chế"), v).start == 0);
    CHECK(locate_anchor(passage(4, 60, "tinh giản biên chế"), v).start == 49);
  }
  SECTION("words rewritten: outdated, still saying where it was") {
    const std::vector<Block> v = {with_id(para("Đẩy mạnh sắp xếp tổ chức bộ máy"), 4)};
    const AnchorPlace p = locate_anchor(a, v);
    CHECK(p.outdated);
    CHECK((p.block == 4 && p.start == 9 && p.end == 27));
  }
}

TEST_CASE("a passage whose block is gone is found where its words went", "[anchor]") {
  const Anchor a = passage(4, 0, "687 người mỗi năm");
  const std::vector<Block> v = {with_id(para("Mục tiêu"), 1),
                                with_id(para("Bình quân giảm 687 người mỗi năm"), 9),
                                with_id(para("687 người mỗi năm, kể cả hợp đồng"), 10)};
  const AnchorPlace p = locate_anchor(a, v);
  CHECK_FALSE(p.outdated);
  CHECK((p.block == 9 && p.start == 15 && p.end == 32));
  CHECK(locate_anchor(passage(4, 0, "không còn ở đâu"), v).outdated);
}

TEST_CASE("tables hold no passages", "[anchor]") {
  const std::vector<Block> v = {with_id(table({{"Chỉ tiêu", "1.240"}}), 2)};
  CHECK(locate_anchor(passage(2, 0, "1.240"), v).outdated);
  CHECK_FALSE(locate_anchor({AnchorKind::kBlock, 2, 0, 0, ""}, v).outdated);
}
