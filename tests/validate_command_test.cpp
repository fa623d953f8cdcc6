// `planflow validate` as a user runs it: the lines it prints and its exit status.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "api/cli.h"
#include "tests/cli_test_support.h"

using namespace planflow;
using namespace planflow::testing;

namespace {

const std::string kSource = PLANFLOW_SOURCE_DIR;

std::string temp_file(const std::string& name, const std::string& text) {
  const auto dir = std::filesystem::temp_directory_path() / "planflow-validate-test";
  std::filesystem::create_directories(dir);
  const auto path = (dir / name).string();
  std::ofstream(path) << text;
  return path;
}

}  // namespace

TEST_CASE("validate prints OK for each valid file and exits 0", "[cli]") {
  const Run r = cli(
      {"validate", kSource + "/workflows/plan.json", kSource + "/workflows/official-letter.json"});
  CHECK(r.status == 0);
  CHECK(r.out ==
        kSource + "/workflows/plan.json: OK\n" + kSource + "/workflows/official-letter.json: OK\n");
  CHECK(r.err.empty());
}

TEST_CASE("validate takes a folder for its *.json files, sorted", "[cli]") {
  const Run r = cli({"validate", kSource + "/workflows"});
  CHECK(r.status == 0);
  CHECK(r.out == kSource + "/workflows/official-letter-v2.json: OK\n" + kSource +
                     "/workflows/official-letter.json: OK\n" + kSource +
                     "/workflows/plan.json: OK\n");
}

TEST_CASE("validate prints one line per problem with its pointer and exits 1", "[cli]") {
  const std::string file = kSource + "/tests/fixtures/broken-plan.json";
  const Run r = cli({"validate", kSource + "/workflows/plan.json", file});
  CHECK(r.status == 1);
  CHECK(
      r.out ==
      kSource + "/workflows/plan.json: OK\n" + file +
          ": /initial: unknown state \"draftng\" (did you mean \"drafting\"?)\n" + file +
          ": /states/drafting/tasks/0/role: undeclared role \"editor\"; declare it under /roles\n" +
          file +
          ": /states/drafting/tasks/0/due: malformed duration: negative durations are not "
          "allowed\n" +
          file +
          ": /states/drafting/transitions/0/guards/0: unknown guard \"has_draft\" (did you mean "
          "\"has_draft_version\"?)\n" +
          file +
          ": /states/drafting/transitions/1/action: duplicate action \"send\" in this state (first "
          "at /states/drafting/transitions/0)\n" +
          file +
          ": /states/drafting/transitions/1/to: unknown state \"dne\" (did you mean \"done\"?)\n");
}

TEST_CASE("malformed JSON is reported with line and column", "[cli]") {
  const std::string file = kSource + "/tests/fixtures/truncated.json";
  const Run r = cli({"validate", file});
  CHECK(r.status == 1);
  CHECK(r.out.rfind(file + ": /: malformed JSON at line 5, column 1: ", 0) == 0);
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 1);
}

TEST_CASE("unreadable files are clear errors, never a crash", "[cli]") {
  Run r = cli({"validate", "/nonexistent/plan.json"});
  CHECK(r.status == 1);
  CHECK(r.out == "/nonexistent/plan.json: cannot read: No such file or directory\n");
  const std::string empty_dir =
      (std::filesystem::temp_directory_path() / "planflow-empty-dir").string();
  std::filesystem::create_directories(empty_dir);
  r = cli({"validate", empty_dir});
  CHECK(r.status == 1);
  CHECK(r.out == empty_dir + ": no *.json files in this folder\n");
  const std::string binary = temp_file("binary.json", std::string("\x00\xFF\xFE{", 4));
  r = cli({"validate", binary});
  CHECK(r.status == 1);
  CHECK(r.out.rfind(binary + ": /: malformed JSON at line 1, column 1", 0) == 0);
}

TEST_CASE("two files defining the same id and version are refused", "[cli]") {
  const std::string copy = temp_file("plan-copy.json", [] {
    std::ifstream in(kSource + "/workflows/plan.json");
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }());
  const Run r = cli({"validate", kSource + "/workflows/plan.json", copy});
  CHECK(r.status == 1);
  CHECK(r.out == kSource + "/workflows/plan.json: OK\n" + copy +
                     ": /version: workflow \"plan\" version 1 is also defined in " + kSource +
                     "/workflows/plan.json\n");
}

TEST_CASE("usage errors exit 2 and help exits 0", "[cli]") {
  Run r = cli({});
  CHECK(r.status == 2);
  CHECK(r.err.find("Usage: planflow <command>") != std::string::npos);
  r = cli({"--help"});
  CHECK(r.status == 0);
  CHECK(r.out.find("validate FILE|FOLDER...") != std::string::npos);
  r = cli({"validate"});
  CHECK(r.status == 2);
  CHECK(r.err == "planflow validate: name at least one file or folder\n");
  r = cli({"validate", "--help"});
  CHECK(r.status == 0);
  r = cli({"valdate", "x.json"});
  CHECK(r.status == 2);
  CHECK(
      r.err ==
      "planflow: unknown command \"valdate\" (did you mean \"validate\"?); see planflow --help\n");
}

TEST_CASE("an empty folder is a problem, and the other files are still checked", "[cli]") {
  const std::string empty_dir =
      (std::filesystem::temp_directory_path() / "planflow-empty-dir-2").string();
  std::filesystem::create_directories(empty_dir);
  const Run r = cli({"validate", empty_dir, kSource + "/workflows/plan.json"});
  CHECK(r.status == 1);
  CHECK(r.out ==
        empty_dir + ": no *.json files in this folder\n" + kSource + "/workflows/plan.json: OK\n");
}
