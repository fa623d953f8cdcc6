// A directive of a chairperson's conclusion (kết luận): one numbered thing
// the drafting unit must do in the next version ("Điều chỉnh lại các chỉ
// tiêu"), pointing, where the chair says so, at blocks of the version
// concluded on or at comments made on it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace planflow {

struct Directive {
  std::string text;
  std::vector<std::uint32_t> blocks;    // block ids of the version concluded on
  std::vector<std::uint32_t> comments;  // comment ids
  friend bool operator==(const Directive&, const Directive&) = default;
};
using Directives = std::vector<Directive>;

// A conclusion is a meeting's few decisions, not a second draft: limits so
// that hostile input cannot bloat a dossier.
inline constexpr std::size_t kMaxDirectives = 50;
inline constexpr std::size_t kMaxDirectiveBytes = 4000;
inline constexpr std::size_t kMaxDirectivePointers = 100;  // blocks, and comments, per directive
inline constexpr std::size_t kMaxDirectiveNoteBytes = 4000;

// The text input that carries the conclusion itself.
inline constexpr const char* kConclusionInput = "conclusion";

// The input a time-typed action input gets this name to set when the
// revision the conclusion asks for is due.
inline constexpr const char* kRevisionDeadlineInput = "revision_deadline";

}  // namespace planflow
