// The language a person reads planflow in. Vietnamese first: a request that
// names no language gets Vietnamese; English is the toggle.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/definition.h"
#include "engine/result.h"
#include "engine/store/store.h"

namespace planflow {

enum class Language { kVietnamese, kEnglish };

// "vi", "vi-VN", "en", "en-GB" (any case); nullopt for anything else.
std::optional<Language> parse_language(std::string_view tag);

// A browser's choice, most explicit first: the `lang` query parameter, then
// the `planflow_lang` cookie the app sets when the user toggles, then the
// first Accept-Language tag planflow speaks; Vietnamese otherwise.
Language choose_language(std::string_view target, std::string_view cookie_header,
                         std::string_view accept_language);

const char* language_tag(Language language);  // "vi", "en"

inline const std::string& in(const LocalizedText& text, Language language) {
  return language == Language::kEnglish || text.vi.empty() ? text.en : text.vi;
}

inline LocalizedText localized(const Error& e) {
  return {e.message_vi, e.message};
}
inline LocalizedText localized(const StoreError& e) {
  return e.engine ? localized(*e.engine) : LocalizedText{e.message_vi, e.message};
}

}  // namespace planflow
