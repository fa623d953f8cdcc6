// Unicode Normalization Form C for text that enters the engine. Vietnamese
// typed on different keyboards and systems arrives with diacritics either
// composed ("ệ", U+1EC7) or decomposed ("e" + U+0323 + U+0302); comparison,
// search and the hash chain over events need one spelling of each text.
#pragma once

#include <string>
#include <string_view>

#include "engine/result.h"

namespace planflow {

// The NFC form of `utf8`, which must be valid UTF-8 (see is_valid_utf8).
// Implemented with ICU; an error means ICU itself failed (out of memory, or
// its normalisation data missing), never that the text was refused.
Result<std::string> normalize_nfc(std::string_view utf8);

}  // namespace planflow
