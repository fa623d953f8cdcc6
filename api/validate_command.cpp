// `planflow validate FILE|FOLDER...`: one line per file when it is valid
// ("FILE: OK"), one line per problem otherwise ("FILE: /pointer: message").
#include <filesystem>
#include <ostream>

#include "api/cli.h"
#include "api/workflow_files.h"

namespace planflow {

int run_validate(const Args& args, std::ostream& out, std::ostream& err) {
  // Asking for help wins wherever it stands among the arguments.
  for (const std::string& a : args) {
    if (a == "--help" || a == "-h") {
      out << "Usage: planflow validate FILE|FOLDER...\n"
             "Checks workflow definitions. A folder stands for the *.json files in it.\n"
             "Prints \"FILE: OK\" for a valid file, otherwise one line per problem as\n"
             "\"FILE: /json/pointer: message\" (\"/\" is the whole document).\n"
             "Exit status: 0 when every file is valid, 1 otherwise.\n";
      return kExitOk;
    }
  }
  std::vector<std::string> paths;
  bool all_valid = true;
  for (const std::string& a : args) {
    std::error_code ec;
    if (!std::filesystem::is_directory(a, ec)) {
      paths.push_back(a);
      continue;
    }
    // A folder that cannot be read is one problem; the other arguments still get checked.
    auto listed = list_definition_files(a);
    if (!listed.ok()) {
      out << a << ": " << listed.error().message << "\n";
      all_valid = false;
    } else if (listed.value().empty()) {
      out << a << ": no *.json files in this folder\n";
      all_valid = false;
    } else {
      paths.insert(paths.end(), listed.value().begin(), listed.value().end());
      if (auto calendar = load_working_calendar(a); !calendar.ok()) {
        out << calendar.error().message << "\n";
        all_valid = false;
      }
    }
  }
  if (args.empty()) {
    err << "planflow validate: name at least one file or folder\n";
    return kExitUsage;
  }
  for (const FileProblems& file : load_definition_files(paths)) {
    if (file.problems.empty()) {
      out << file.path << ": OK\n";
      continue;
    }
    all_valid = false;
    for (const Problem& p : file.problems) {
      if (file.unreadable) {
        out << file.path << ": " << p.message << "\n";
      } else {
        out << file.path << ": " << (p.pointer.empty() ? "/" : p.pointer) << ": " << p.message
            << "\n";
      }
    }
  }
  return all_valid ? kExitOk : kExitFailed;
}

}  // namespace planflow
