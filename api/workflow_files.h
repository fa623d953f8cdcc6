// Reading workflow definition files from disk: the I/O the pure engine
// leaves to its shell.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/definition_loader.h"
#include "engine/definition_set.h"
#include "engine/result.h"
#include "engine/working_calendar.h"

namespace planflow {

inline constexpr std::size_t kMaxDefinitionFileBytes = 4 * 1024 * 1024;

struct IoError {
  std::string message;  // a sentence: "cannot read: No such file or directory"
};

// The whole file, or why it could not be read.
Result<std::string, IoError> read_text_file(const std::string& path,
                                            std::size_t max_bytes = kMaxDefinitionFileBytes);

struct FileProblems {
  std::string path;
  Problems problems;  // empty: the file is a valid definition
  bool unreadable = false;
};

// Loads every file, then checks that no two define the same id and version.
// Valid definitions are added to `set` (when given), counting working days
// by `calendar` (when given).
std::vector<FileProblems> load_definition_files(
    const std::vector<std::string>& paths, DefinitionSet* set = nullptr,
    std::shared_ptr<const WorkingCalendar> calendar = nullptr);

// The working calendar of a workflows folder: the fixed public holidays and
// those its `calendar/holidays.json` announces year by year (see
// docs/workflow-format.md §10). A folder without that file has the fixed
// holidays alone. `message` says what is wrong with the file.
inline constexpr const char* kHolidaysFile = "calendar/holidays.json";
Result<std::shared_ptr<const WorkingCalendar>, IoError> load_working_calendar(
    const std::string& folder);

// The *.json files of a folder, sorted by name.
Result<std::vector<std::string>, IoError> list_definition_files(const std::string& folder);

}  // namespace planflow
