#include "engine/json_document.h"

#include <catch2/catch.hpp>

using namespace planflow;

TEST_CASE("a JSON document keeps key order", "[json]") {
  auto doc = parse_json_document(R"({"b": 1, "a": [true, null, "x"], "c": {"z": 1, "y": 2}})");
  REQUIRE(doc.ok());
  CHECK(doc.value().problems.empty());
  CHECK(doc.value().value.dump() == R"({"b":1,"a":[true,null,"x"],"c":{"z":1,"y":2}})");
}

TEST_CASE("syntax errors name line and column", "[json]") {
  auto doc = parse_json_document("{\n  \"id\": \"plan\",\n  \"version\": 1,,\n}");
  REQUIRE_FALSE(doc.ok());
  CHECK(doc.error().pointer == "");
  CHECK(doc.error().message.rfind("malformed JSON at line 3, column 16: ", 0) == 0);
  // Columns count characters, so Vietnamese text before the error does not shift them.
  auto vi = parse_json_document("{\"tên\": \"Kế hoạch\" x}");
  REQUIRE_FALSE(vi.ok());
  CHECK(vi.error().message.rfind("malformed JSON at line 1, column 20: ", 0) == 0);
  auto empty = parse_json_document("");
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.error().message.find("line 1, column 1") != std::string::npos);
}

TEST_CASE("duplicate keys are reported at their pointer, the first value kept", "[json]") {
  auto doc =
      parse_json_document(R"({"states": {"a": 1, "b": 2, "a": 3}, "x/y": {"k": 1, "k": 2}})");
  REQUIRE(doc.ok());
  const auto& problems = doc.value().problems;
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].pointer == "/states/a");
  CHECK(problems[0].message == "duplicate key \"a\"; each key may appear only once");
  CHECK(problems[1].pointer == "/x~1y/k");
  CHECK(doc.value().value["states"]["a"] == 1);
}

TEST_CASE("nesting beyond the limit is refused, not recursed into", "[json]") {
  std::string deep(100000, '[');
  auto doc = parse_json_document(deep);
  REQUIRE_FALSE(doc.ok());
  CHECK(doc.error().message == "JSON nested deeper than 64 levels");
  std::string pointer;
  for (int i = 0; i < 64; ++i)
    pointer += "/0";
  CHECK(doc.error().pointer == pointer);
  auto ok = parse_json_document(std::string(64, '[') + std::string(64, ']'));
  CHECK(ok.ok());
}

TEST_CASE("invalid UTF-8 inside a string is a syntax error", "[json]") {
  auto doc = parse_json_document("{\"a\": \"\xC3\x28\"}");
  REQUIRE_FALSE(doc.ok());
  CHECK(doc.error().message.find("malformed JSON at line 1") == 0);
}
