#include <iostream>

#include "api/cli.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  return planflow::run_cli(planflow::Args(argv + 1, argv + argc), std::cout, std::cerr);
}
