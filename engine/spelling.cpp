#include "engine/spelling.h"

#include <algorithm>

namespace planflow {

namespace {

std::u32string code_points(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
    char32_t cp = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
    for (size_t k = 1; k < len && i + k < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += len;
  }
  return out;
}

}  // namespace

std::size_t edit_distance(std::string_view a8, std::string_view b8) {
  const std::u32string a = code_points(a8), b = code_points(b8);
  std::vector<std::size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::optional<std::string> nearest_name(std::string_view name,
                                        const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  size_t best_distance = 0;
  for (const std::string& c : candidates) {
    const size_t d = edit_distance(name, c);
    if (!best || d < best_distance) {
      best = c;
      best_distance = d;
    }
  }
  // Beyond about a third of the name, a suggestion is a guess, not a typo fix.
  const size_t limit = std::max<size_t>(2, name.size() / 3);
  if (best && best_distance > 0 && best_distance <= limit) return best;
  // A shortened name ("has_draft" for "has_draft_version") is no typo, but
  // is just as plainly meant.
  if (name.size() >= 3)
    for (const std::string& c : candidates)
      if (c != name && c.rfind(name, 0) == 0) return c;
  return std::nullopt;
}

std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates) {
  const auto best = nearest_name(name, candidates);
  return best ? " (did you mean \"" + *best + "\"?)" : "";
}

}  // namespace planflow
