#include "engine/definition_loader.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

using namespace planflow;

namespace {

std::string read_workflow(const std::string& name) {
  std::ifstream in(std::string(PLANFLOW_SOURCE_DIR) + "/workflows/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("the shipped definitions validate", "[definition]") {
  for (const char* name : {"plan.json", "official-letter.json"}) {
    INFO(name);
    auto def = load_definition(read_workflow(name));
    if (!def.ok())
      for (const auto& p : def.error()) UNSCOPED_INFO(p.pointer << ": " << p.message);
    CHECK(def.ok());
  }
}
