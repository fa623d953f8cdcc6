// Running the planflow command line in process, as a user would see it.
#pragma once

#include <sstream>
#include <string>

#include "api/cli.h"

namespace planflow::testing {

struct Run {
  int status;
  std::string out;
  std::string err;
};

inline Run cli(Args args) {
  std::ostringstream out, err;
  const int status = run_cli(args, out, err);
  return {status, out.str(), err.str()};
}

}  // namespace planflow::testing
