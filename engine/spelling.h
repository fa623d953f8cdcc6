// "Did you mean ...?" for names people mistype in definitions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace planflow {

// Levenshtein distance over Unicode code points of UTF-8 text.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `name`, if it is close enough to be a likely typo.
std::optional<std::string> nearest_name(std::string_view name,
                                        const std::vector<std::string>& candidates);

// " (did you mean \"x\"?)" or "".
std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace planflow
