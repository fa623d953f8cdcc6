#include "api/server/static_files.h"

#include <filesystem>

namespace planflow {

namespace fs = std::filesystem;

std::string content_type_for(std::string_view path) {
  const auto dot = path.rfind('.');
  const std::string_view ext = dot == std::string_view::npos ? "" : path.substr(dot);
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".map") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

std::optional<StaticFile> resolve_static(const std::string& web_root, std::string_view target) {
  std::string_view path = target.substr(0, target.find_first_of("?#"));
  if (path.empty() || path.front() != '/') return std::nullopt;
  // Refuse anything a file system could read as a way out, before touching
  // the disk: "..", backslashes, NUL, and percent-encoding (nothing we serve
  // needs it).
  if (path.find("..") != std::string_view::npos || path.find('\\') != std::string_view::npos ||
      path.find('\0') != std::string_view::npos || path.find('%') != std::string_view::npos ||
      path.find("//") != std::string_view::npos)
    return std::nullopt;
  std::error_code ec;
  const fs::path root = fs::weakly_canonical(web_root, ec);
  if (ec) return std::nullopt;
  std::string relative(path.substr(1));
  if (relative.empty()) relative = "index.html";
  fs::path file = fs::weakly_canonical(root / relative, ec);
  const bool inside = !ec && file.string().rfind(root.string() + "/", 0) == 0;
  if (!inside) return std::nullopt;
  if (!fs::is_regular_file(file, ec)) {
    if (fs::path(relative).has_extension()) return std::nullopt;
    file = root / "index.html";
    if (!fs::is_regular_file(file, ec)) return std::nullopt;
  }
  StaticFile out;
  out.path = file.string();
  out.content_type = content_type_for(out.path);
  // Vite names built assets by their content hash, so they never change.
  const bool hashed = relative.rfind("assets/", 0) == 0 && file.filename() != "index.html";
  out.cache_control = hashed ? "public, max-age=31536000, immutable" : "no-cache";
  return out;
}

}  // namespace planflow
