// Checks on user text that the engine applies to every command field.
#pragma once

#include <string_view>

namespace planflow {

// Well-formed UTF-8: no stray continuation bytes, overlong forms, surrogates
// or code points beyond U+10FFFF.
bool is_valid_utf8(std::string_view s);

// Empty or only white space (ASCII white space and U+00A0).
bool is_blank(std::string_view s);

// `s` without the white space is_blank skips at either end: blank text trims
// to nothing.
std::string_view trim_blank(std::string_view s);

}  // namespace planflow
