// Serving the built web UI: a request path to a file under the web root, or
// nothing. No path may leave the root; hashed assets are cached for a year,
// everything else is revalidated.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace planflow {

struct StaticFile {
  std::string path;          // on disk
  std::string content_type;  // "text/html; charset=utf-8"
  std::string cache_control;
};

// nullopt: not found or not allowed (the caller answers 404 either way, so a
// probe learns nothing about the disk). Paths without an extension fall back
// to index.html, so the app's own routes load it.
std::optional<StaticFile> resolve_static(const std::string& web_root, std::string_view target);

std::string content_type_for(std::string_view path);

}  // namespace planflow
