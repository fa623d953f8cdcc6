#include "api/workflow_files.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace planflow {

Result<std::string, IoError> read_text_file(const std::string& path, std::size_t max_bytes) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec) return IoError{"cannot read: " + ec.message()};
  if (std::filesystem::is_directory(status)) return IoError{"cannot read: is a directory"};
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError{std::string("cannot read: ") + std::strerror(errno)};
  std::string text;
  char buffer[65536];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<size_t>(in.gcount()));
    if (text.size() > max_bytes)
      return IoError{"cannot read: larger than " + std::to_string(max_bytes / (1024 * 1024)) +
                     " MiB"};
  }
  if (in.bad()) return IoError{"cannot read: input/output error"};
  return text;
}

std::vector<FileProblems> load_definition_files(const std::vector<std::string>& paths,
                                                DefinitionSet* set) {
  std::vector<FileProblems> report;
  struct Seen {
    std::string id;
    int version;
    std::string path;
  };
  std::vector<Seen> seen;
  for (const std::string& path : paths) {
    FileProblems file{path, {}, false};
    auto text = read_text_file(path);
    if (!text.ok()) {
      file.unreadable = true;
      file.problems.push_back({"", text.error().message});
      report.push_back(std::move(file));
      continue;
    }
    auto loaded = load_definition(text.value());
    if (!loaded.ok()) {
      file.problems = loaded.error();
    } else {
      const Definition& def = loaded.value();
      const auto twin = std::find_if(seen.begin(), seen.end(), [&def](const Seen& s) {
        return s.id == def.id && s.version == def.version;
      });
      if (twin != seen.end()) {
        file.problems.push_back({"/version", "workflow \"" + def.id + "\" version " +
                                                 std::to_string(def.version) +
                                                 " is also defined in " + twin->path});
      } else {
        seen.push_back({def.id, def.version, path});
        if (set) (void)set->add(std::move(loaded).value());
      }
    }
    report.push_back(std::move(file));
  }
  return report;
}

Result<std::vector<std::string>, IoError> list_definition_files(const std::string& folder) {
  std::error_code ec;
  std::vector<std::string> files;
  for (std::filesystem::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".json" && !it->is_directory(ec))
      files.push_back(it->path().string());
  if (ec) return IoError{"cannot list " + folder + ": " + ec.message()};
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace planflow
