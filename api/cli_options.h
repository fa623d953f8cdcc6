// Reading "--name VALUE" and "--name=VALUE" options, the one way every
// planflow command takes them.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "api/cli.h"

namespace planflow {

// If args[*i] is option `name`, stores its value, moves *i past a separate
// value and returns true. False when it is another argument, or when the
// option has no value (the caller then reports it as a usage error).
template <class Into>
bool option_value(const Args& args, size_t* i, std::string_view name, Into* into) {
  const std::string& a = args[*i];
  if (a == name) {
    if (*i + 1 >= args.size()) return false;
    *into = args[++*i];
    return true;
  }
  if (a.size() > name.size() && a.compare(0, name.size(), name) == 0 && a[name.size()] == '=') {
    *into = a.substr(name.size() + 1);
    return true;
  }
  return false;
}

// Whether `arg` looks like an option none of the command's readers took; if
// so, says so on `err` the one way every command does.
inline bool refuse_unknown_option(std::string_view command, const std::string& arg,
                                  std::ostream& err) {
  if (arg.rfind("--", 0) != 0) return false;
  err << "planflow " << command << ": unknown option " << arg << " (or missing its value)\n";
  return true;
}

}  // namespace planflow
