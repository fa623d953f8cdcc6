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
                                                DefinitionSet* set,
                                                std::shared_ptr<const WorkingCalendar> calendar) {
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
        if (set) {
          Definition added = std::move(loaded).value();
          added.calendar = calendar;
          (void)set->add(std::move(added));
        }
      }
    }
    report.push_back(std::move(file));
  }
  return report;
}

Result<std::shared_ptr<const WorkingCalendar>, IoError> load_working_calendar(
    const std::string& folder) {
  // Dates in plans run from the 1990s to decades ahead; the fixed holidays
  // of all those years are a few hundred days.
  WorkingCalendar base = fixed_holidays(1990, 2100);
  const auto path = (std::filesystem::path(folder) / kHolidaysFile).string();
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    return std::make_shared<const WorkingCalendar>(std::move(base));
  auto text = read_text_file(path);
  if (!text.ok()) return IoError{path + ": " + text.error().message};
  auto doc = nlohmann::json::parse(text.value(), nullptr, false);
  if (doc.is_discarded()) return IoError{path + ": not valid JSON"};
  auto calendar = with_configuration(std::move(base), doc);
  if (!calendar.ok()) return IoError{path + ": " + calendar.error().message};
  return std::make_shared<const WorkingCalendar>(std::move(calendar).value());
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
