#include "api/server/search_view.h"

namespace planflow {

namespace {

// Code points in `s` before byte `bytes`: the bytes that do not continue one.
std::size_t code_points(const std::string& s, std::size_t bytes) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < bytes && i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace

nlohmann::json search_hits_json(const std::vector<SearchHit>& hits) {
  nlohmann::json list = nlohmann::json::array();
  for (const SearchHit& h : hits) {
    nlohmann::json marks = nlohmann::json::array();
    for (const SnippetMark& m : h.snippet.marks)
      marks.push_back({code_points(h.snippet.text, m.begin), code_points(h.snippet.text, m.end)});
    list.push_back({{"dossier", h.dossier},
                    {"dossier_title", h.dossier_title},
                    {"source", h.source},
                    {"number", h.number},
                    {"snippet", h.snippet.text},
                    {"marks", std::move(marks)},
                    {"rank", h.rank}});
  }
  return {{"hits", std::move(list)}};
}

}  // namespace planflow
