#include "api/server/language.h"

#include <cctype>

namespace planflow {

namespace {

bool starts_with_tag(std::string_view tag, std::string_view primary) {
  if (tag.size() < primary.size()) return false;
  for (size_t i = 0; i < primary.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(tag[i])) != primary[i]) return false;
  return tag.size() == primary.size() || tag[primary.size()] == '-' || tag[primary.size()] == '_';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

// The value of `name` in a list like "a=1; b=2" or "a=1&b=2".
std::optional<std::string_view> list_value(std::string_view list, char separator,
                                           std::string_view name) {
  while (!list.empty()) {
    const size_t end = list.find(separator);
    const std::string_view part = trim(list.substr(0, end));
    const size_t eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) return part.substr(eq + 1);
    if (end == std::string_view::npos) break;
    list.remove_prefix(end + 1);
  }
  return std::nullopt;
}

}  // namespace

std::optional<Language> parse_language(std::string_view tag) {
  tag = trim(tag);
  if (starts_with_tag(tag, "vi")) return Language::kVietnamese;
  if (starts_with_tag(tag, "en")) return Language::kEnglish;
  return std::nullopt;
}

Language choose_language(std::string_view target, std::string_view cookie_header,
                         std::string_view accept_language) {
  if (const size_t q = target.find('?'); q != std::string_view::npos)
    if (auto v = list_value(target.substr(q + 1), '&', "lang"))
      if (auto l = parse_language(*v)) return *l;
  if (auto v = list_value(cookie_header, ';', "planflow_lang"))
    if (auto l = parse_language(*v)) return *l;
  // Tags in the order the browser sent them; weights are rarely out of order
  // and a user who set a preference has the toggle.
  while (!accept_language.empty()) {
    const size_t end = accept_language.find(',');
    std::string_view tag = accept_language.substr(0, end);
    tag = tag.substr(0, tag.find(';'));
    if (auto l = parse_language(tag)) return *l;
    if (end == std::string_view::npos) break;
    accept_language.remove_prefix(end + 1);
  }
  return Language::kVietnamese;
}

const char* language_tag(Language language) {
  return language == Language::kEnglish ? "en" : "vi";
}

}  // namespace planflow
