#include "engine/definition_loader.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

using namespace planflow;

// Prints a Problem inside a failed comparison of two lists, so a failing case
// shows both whole lists instead of "{?} == {?}".
namespace Catch {
template <>
struct StringMaker<planflow::Problem> {
  static std::string convert(const planflow::Problem& p) {
    return "{\"" + p.pointer + "\", \"" + p.message + "\"}";
  }
};
}  // namespace Catch

namespace {

using J = nlohmann::ordered_json;

std::string read_workflow(const std::string& name) {
  std::ifstream in(std::string(PLANFLOW_SOURCE_DIR) + "/workflows/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Two states and one transition: the least a valid definition needs. Cases
// about the document's skeleton start here so that nothing else can report.
constexpr const char* kMinimal = R"({
  "id": "mini",
  "version": 1,
  "title": {"vi": "Tối giản", "en": "Minimal"},
  "roles": {
    "drafter": {"title": {"vi": "Soạn thảo", "en": "Drafter"}},
    "chair": {"title": {"vi": "Chủ tọa", "en": "Chair"}}
  },
  "initial": "drafting",
  "states": {
    "drafting": {
      "title": {"vi": "Dự thảo", "en": "Drafting"},
      "transitions": [
        {"action": "finish", "title": {"vi": "Hoàn thành", "en": "Finish"}, "to": "done",
         "roles": ["drafter"]}
      ]
    },
    "done": {"title": {"vi": "Xong", "en": "Done"}, "final": true}
  }
})";

// Every feature of the language, valid. Cases about one feature break only
// that feature, so each expected list stays short.
constexpr const char* kFull = R"({
  "id": "full",
  "version": 3,
  "title": {"vi": "Đầy đủ", "en": "Full"},
  "roles": {
    "drafter": {"title": {"vi": "Soạn thảo", "en": "Drafter"}},
    "chair": {"title": {"vi": "Chủ tọa", "en": "Chair"}},
    "delegate": {"title": {"vi": "Đại biểu", "en": "Delegate"}},
    "clerk": {"title": {"vi": "Văn thư", "en": "Clerk"}}
  },
  "document": {"types": ["KH", "QĐ"]},
  "participant_managers": ["drafter"],
  "initial": "drafting",
  "states": {
    "drafting": {
      "title": {"vi": "Dự thảo", "en": "Drafting"},
      "allow": {"submit_version": ["drafter"]},
      "tasks": [
        {"id": "write", "role": "drafter", "title": {"vi": "Viết", "en": "Write"}, "due": "P10D",
         "done_on": ["submit_version"]}
      ],
      "transitions": [
        {"action": "consult", "title": {"vi": "Lấy ý kiến", "en": "Consult"}, "to": "consulting",
         "roles": ["drafter"], "guards": ["new_version_in_state"],
         "inputs": {"invitees": {"type": "participants"}, "deadline": {"type": "time"}}}
      ]
    },
    "consulting": {
      "title": {"vi": "Lấy ý kiến", "en": "Consulting"},
      "allow": {"comment": ["delegate", "drafter"]},
      "deadline": {"due": "P15D", "reminders": ["P3D", "P1D"], "on_expiry": "expire"},
      "consultation": {"consultees": "delegate", "quorum": {"n_of_m": 2}, "max_invitees": 5,
                       "task": {"id": "reply", "title": {"vi": "Góp ý", "en": "Reply"}}},
      "transitions": [
        {"action": "close", "title": {"vi": "Đóng", "en": "Close"}, "to": "issuing",
         "roles": ["drafter", "chair"], "guards": ["quorum_met"]},
        {"action": "expire", "title": {"vi": "Hết hạn", "en": "Expire"}, "to": "issuing",
         "roles": ["chair"], "guards": ["deadline_passed"]}
      ]
    },
    "issuing": {
      "title": {"vi": "Ban hành", "en": "Issuing"},
      "on_enter": [
        {"effect": "allocate_number", "symbol": "{number}/{type}-{issuer}", "series": "{type}"},
        {"effect": "freeze_document"}
      ],
      "transitions": [
        {"action": "issue", "title": {"vi": "Ban hành", "en": "Issue"}, "to": "issued",
         "roles": ["clerk"], "confirm": true}
      ]
    },
    "issued": {"title": {"vi": "Đã ban hành", "en": "Issued"}, "final": true}
  }
})";

J parse(const char* text) {
  return J::parse(text);
}

J title() {
  return parse(R"({"vi": "Tên", "en": "Name"})");
}

// The value at an RFC 6901 pointer, created if absent.
J& at(J& doc, const std::string& pointer) {
  return doc[J::json_pointer(pointer)];
}

// What the loader reports for the text; empty when it loads.
Problems problems_of_text(std::string_view text) {
  auto def = load_definition(text);
  return def.ok() ? Problems{} : def.error();
}

Problems problems_of(const J& doc) {
  return problems_of_text(doc.dump());
}

struct Case {
  const char* what;
  std::function<void(J&)> change;
  Problems expected;
};

// Each case changes a fresh copy of `base`; the whole list of problems must
// match, so a missing, extra or reordered problem fails the case.
void check_cases(const char* base_text, const std::vector<Case>& cases) {
  const J base = parse(base_text);
  REQUIRE(problems_of(base).empty());
  for (const Case& c : cases) {
    INFO(c.what);
    J doc = base;
    c.change(doc);
    CHECK(problems_of(doc) == c.expected);
  }
}

const std::string kQuorumUsage =
    "use \"all\", \"any\", {\"n_of_m\": n} or {\"fraction\": [numerator, denominator]}";
const std::string kSystemReserved =
    "\"system\" is reserved for the timer service and cannot be given to people";
const std::string kUnreachable =
    "unreachable: no path of transitions leads here from the initial state \"drafting\"";
const std::string kNoFinalReachable = "no final state can be reached from here";

}  // namespace

TEST_CASE("the shipped definitions validate", "[definition]") {
  for (const char* name : {"plan.json", "official-letter.json"}) {
    INFO(name);
    auto def = load_definition(read_workflow(name));
    if (!def.ok())
      for (const auto& p : def.error())
        UNSCOPED_INFO(p.pointer << ": " << p.message);
    CHECK(def.ok());
  }
}

TEST_CASE("text that is not JSON is reported with its line and column", "[definition]") {
  struct TextCase {
    const char* what;
    std::string text;
    Problems expected;
  };
  const std::vector<TextCase> cases = {
      {"a doubled comma",
       "{\n  \"id\": \"plan\",\n  \"version\": 1,,\n}",
       {{"",
         "malformed JSON at line 3, column 16: syntax error while parsing object key - "
         "unexpected ','; expected string literal"}}},
      {"Vietnamese text before the error does not shift the column",
       "{\"title\": {\"vi\": \"Kế hoạch\" x}}",
       {{"",
         "malformed JSON at line 1, column 29: syntax error while parsing object - "
         "invalid literal; last read: '\"Kế hoạch\" x'; expected '}'"}}},
      {"an unterminated document",
       "{\"id\": \"plan\"",
       {{"",
         "malformed JSON at line 1, column 14: syntax error while parsing object - "
         "unexpected end of input; expected '}'"}}},
      {"an empty file",
       "",
       {{"",
         "malformed JSON at line 1, column 1: syntax error while parsing value - "
         "unexpected end of input; expected '[', '{', or a literal"}}},
      {"nesting beyond the limit",
       "{\"states\": " + std::string(100, '[') + std::string(100, ']') + "}",
       {{"/states/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/"
         "0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0",
         "JSON nested deeper than 64 levels"}}},
  };
  for (const TextCase& c : cases) {
    INFO(c.what);
    CHECK(problems_of_text(c.text) == c.expected);
  }
}

TEST_CASE("a definition that is not an object is refused whole", "[definition]") {
  CHECK(problems_of_text("[]") ==
        Problems{{"", "a workflow definition must be a JSON object, found an array"}});
  CHECK(problems_of_text("\"plan\"") ==
        Problems{{"", "a workflow definition must be a JSON object, found a string"}});
  auto compiled = compile_definition(J(nullptr));
  REQUIRE_FALSE(compiled.ok());
  CHECK(compiled.error() ==
        Problems{{"", "a workflow definition must be a JSON object, found null"}});
}

TEST_CASE("duplicate keys are reported, and the first value is the one checked", "[definition]") {
  std::string text = kMinimal;
  const std::string done = R"("done": {"title": {"vi": "Xong", "en": "Done"}, "final": true})";
  const auto at_done = text.find(done);
  REQUIRE(at_done != std::string::npos);

  SECTION("two states with the same id") {
    // The second "done" is not final; were it kept, no state would be final.
    text.insert(at_done + done.size(), R"(, "done": {"title": {"vi": "X", "en": "X"}})");
    CHECK(problems_of_text(text) ==
          Problems{{"/states/done", "duplicate key \"done\"; each key may appear only once"}});
  }
  SECTION("a key repeated inside a transition, next to other problems") {
    const std::string finish = R"("action": "finish",)";
    text.replace(text.find(finish), finish.size(), R"("action": "finish", "action": "Finish",)");
    text.replace(text.find(R"("version": 1)"), 12, R"("version": 0)");
    // The parser's findings come first: the compiler only sees the parsed
    // document, in which the repeat no longer exists.
    CHECK(problems_of_text(text) ==
          Problems{{"/states/drafting/transitions/0/action",
                    "duplicate key \"action\"; each key may appear only once"},
                   {"/version", "must be a whole number from 1 to 1000000"}});
  }
}

TEST_CASE("root keys: missing, wrongly typed, unknown", "[definition]") {
  check_cases(
      kMinimal,
      {
          {"id missing",
           [](J& d) { d.erase("id"); },
           {{"/id", "missing required key \"id\" (a string)"}}},
          {"id a number", [](J& d) { d["id"] = 5; }, {{"/id", "must be a string, found a number"}}},
          {"id not an identifier",
           [](J& d) { d["id"] = "Plan X"; },
           {{"/id", "must be lower-case letters, digits, '_' or '-', starting with a letter"}}},
          {"id empty",
           [](J& d) { d["id"] = ""; },
           {{"/id", "must be lower-case letters, digits, '_' or '-', starting with a letter"}}},
          {"version missing",
           [](J& d) { d.erase("version"); },
           {{"/version", "missing required key \"version\" (an integer)"}}},
          {"version a string",
           [](J& d) { d["version"] = "1"; },
           {{"/version", "must be an integer, found a string"}}},
          {"version fractional",
           [](J& d) { d["version"] = 1.5; },
           {{"/version", "must be an integer, found a fractional number"}}},
          {"version true",
           [](J& d) { d["version"] = true; },
           {{"/version", "must be an integer, found true/false"}}},
          {"version null",
           [](J& d) { d["version"] = nullptr; },
           {{"/version", "must be an integer, found null"}}},
          {"version zero",
           [](J& d) { d["version"] = 0; },
           {{"/version", "must be a whole number from 1 to 1000000"}}},
          {"version negative",
           [](J& d) { d["version"] = -2; },
           {{"/version", "must be a whole number from 1 to 1000000"}}},
          {"version too large",
           [](J& d) { d["version"] = 1000001; },
           {{"/version", "must be a whole number from 1 to 1000000"}}},
          {"title missing",
           [](J& d) { d.erase("title"); },
           {{"/title", "missing required key \"title\" (an object)"}}},
          {"title a string",
           [](J& d) { d["title"] = "Plan"; },
           {{"/title", "must be an object, found a string"}}},
          {"description a string",
           [](J& d) { d["description"] = "About"; },
           {{"/description", "must be an object, found a string"}}},
          {"unknown key near a known one",
           [](J& d) { d["titel"] = title(); },
           {{"/titel", "unknown key \"titel\" (did you mean \"title\"?)"}}},
          {"unknown key far from every known one",
           [](J& d) { d["author"] = "Sở Nội vụ"; },
           {{"/author", "unknown key \"author\""}}},
          {"unknown key with '/' and '~' is escaped in the pointer",
           [](J& d) { d["a/b~c"] = 1; },
           {{"/a~1b~0c", "unknown key \"a/b~c\""}}},
          {"several unknown keys, in document order",
           [](J& d) {
             d["colour"] = 1;
             d["inital"] = "drafting";
           },
           {{"/colour", "unknown key \"colour\""},
            {"/inital", "unknown key \"inital\" (did you mean \"initial\"?)"}}},
      });
}

TEST_CASE("localized titles need both languages, non-empty, and nothing else", "[definition]") {
  // The same rules hold wherever a title appears; these are the places.
  const std::vector<std::string> places = {
      "/title",
      "/description",
      "/roles/chair/title",
      "/states/drafting/title",
      "/states/drafting/transitions/0/title",
  };
  const J base = parse(kMinimal);
  for (const std::string& place : places) {
    INFO(place);
    const std::vector<Case> cases = {
        {"vi missing",
         [&](J& d) { at(d, place).erase("vi"); },
         {{place + "/vi", "missing required key \"vi\" (a string)"}}},
        {"en missing",
         [&](J& d) { at(d, place).erase("en"); },
         {{place + "/en", "missing required key \"en\" (a string)"}}},
        {"both missing",
         [&](J& d) { at(d, place) = J::object(); },
         {{place + "/vi", "missing required key \"vi\" (a string)"},
          {place + "/en", "missing required key \"en\" (a string)"}}},
        {"vi empty",
         [&](J& d) { at(d, place + "/vi") = ""; },
         {{place + "/vi", "must not be empty"}}},
        {"en a number",
         [&](J& d) { at(d, place + "/en") = 7; },
         {{place + "/en", "must be a string, found a number"}}},
        {"a third language with a near name",
         [&](J& d) { at(d, place + "/vn") = "x"; },
         {{place + "/vn", "unknown key \"vn\" (did you mean \"vi\"?)"}}},
        {"an array instead of an object",
         [&](J& d) {
           at(d, place) = J::array({"a", "b"});
         },
         {{place, "must be an object, found an array"}}},
    };
    for (const Case& c : cases) {
      INFO(c.what);
      J doc = base;
      if (place == "/description") doc["description"] = title();
      c.change(doc);
      CHECK(problems_of(doc) == c.expected);
    }
  }
}

TEST_CASE("roles", "[definition]") {
  const std::string undeclared_drafter = "undeclared role \"drafter\"; declare it under /roles";
  check_cases(
      kMinimal,
      {
          {"roles missing: every reference is then undeclared",
           [](J& d) { d.erase("roles"); },
           {{"/roles", "missing required key \"roles\" (an object)"},
            {"/states/drafting/transitions/0/roles/0", undeclared_drafter}}},
          {"roles an array",
           [](J& d) { d["roles"] = J::array({"drafter"}); },
           {{"/roles", "must be an object, found an array"},
            {"/states/drafting/transitions/0/roles/0", undeclared_drafter}}},
          {"roles empty",
           [](J& d) { d["roles"] = J::object(); },
           {{"/roles", "declare at least one role"},
            {"/states/drafting/transitions/0/roles/0", undeclared_drafter}}},
          {"a role name with capitals",
           [](J& d) { d["roles"]["Clerk"]["title"] = title(); },
           {{"/roles/Clerk",
             "role names must be lower-case letters, digits or '_', starting with a letter"}}},
          {"a role name with a dash",
           [](J& d) { d["roles"]["vice-chair"]["title"] = title(); },
           {{"/roles/vice-chair",
             "role names must be lower-case letters, digits or '_', starting with a letter"}}},
          {"a role named system",
           [](J& d) { d["roles"]["system"]["title"] = title(); },
           {{"/roles/system", "\"system\" is reserved for the timer service"}}},
          {"a role that is a string",
           [](J& d) { d["roles"]["chair"] = "Chủ tọa"; },
           {{"/roles/chair", "must be an object with a \"title\", found a string"}}},
          {"a role without a title",
           [](J& d) { d["roles"]["chair"] = J::object(); },
           {{"/roles/chair/title", "missing required key \"title\" (an object)"}}},
          {"a role with a misspelt title",
           [](J& d) {
             d["roles"]["chair"] = J{{"titel", title()}};
           },
           {{"/roles/chair/titel", "unknown key \"titel\" (did you mean \"title\"?)"},
            {"/roles/chair/title", "missing required key \"title\" (an object)"}}},
          {"a role with an unknown key",
           [](J& d) { d["roles"]["chair"]["name"] = "x"; },
           {{"/roles/chair/name", "unknown key \"name\""}}},
      });
}

TEST_CASE("at most 32 roles", "[definition]") {
  J doc = parse(kMinimal);
  for (int i = 0; i < 30; ++i)
    doc["roles"]["r" + std::to_string(i)]["title"] = title();
  CHECK(problems_of(doc).empty());  // drafter, chair and 30 more: 32
  doc["roles"]["r30"]["title"] = title();
  doc["roles"]["r31"]["title"] = title();
  CHECK(problems_of(doc) == Problems{{"/roles/r30", "too many roles; at most 32"},
                                     {"/roles/r31", "too many roles; at most 32"}});
}

TEST_CASE("document types", "[definition]") {
  const std::string annex =
      "; use an abbreviation of Nghị định 30/2020/NĐ-CP, Annex III, or \"CV\" for an official "
      "letter";
  check_cases(
      kMinimal,
      {
          {"document an array",
           [](J& d) { d["document"] = J::array({"KH"}); },
           {{"/document", "must be an object, found an array"}}},
          {"types missing",
           [](J& d) { d["document"] = J::object(); },
           {{"/document/types", "missing required key \"types\" (an array)"}}},
          {"types a string",
           [](J& d) { d["document"]["types"] = "KH"; },
           {{"/document/types", "must be an array, found a string"}}},
          {"types empty",
           [](J& d) { d["document"]["types"] = J::array(); },
           {{"/document/types", "list at least one document type"}}},
          {"types misspelt as type",
           [](J& d) { d["document"]["type"] = J::array({"KH"}); },
           {{"/document/type", "unknown key \"type\" (did you mean \"types\"?)"},
            {"/document/types", "missing required key \"types\" (an array)"}}},
          {"QD written without the Đ",
           [](J& d) {
             d["document"]["types"] = J::array({"KH", "QD"});
           },
           {{"/document/types/1", "unknown document type \"QD\" (did you mean \"QĐ\"?)" + annex}}},
          {"an abbreviation far from every known one",
           [](J& d) { d["document"]["types"] = J::array({"XYZ"}); },
           {{"/document/types/0", "unknown document type \"XYZ\"" + annex}}},
          {"a type that is a number",
           [](J& d) { d["document"]["types"] = J::array({1}); },
           {{"/document/types/0", "must be a document type abbreviation, found a number"}}},
          {"a type listed twice",
           [](J& d) {
             d["document"]["types"] = J::array({"KH", "QĐ", "KH"});
           },
           {{"/document/types/2", "document type \"KH\" is listed twice"}}},
      });
}

TEST_CASE("participant managers", "[definition]") {
  check_cases(
      kMinimal,
      {
          {"a string",
           [](J& d) { d["participant_managers"] = "drafter"; },
           {{"/participant_managers", "must be an array, found a string"}}},
          {"an undeclared role",
           [](J& d) { d["participant_managers"] = J::array({"drafer"}); },
           {{"/participant_managers/0",
             "undeclared role \"drafer\" (did you mean \"drafter\"?); declare it under /roles"}}},
          {"the system role",
           [](J& d) { d["participant_managers"] = J::array({"system"}); },
           {{"/participant_managers/0", kSystemReserved}}},
          {"a role listed twice",
           [](J& d) {
             d["participant_managers"] = J::array({"drafter", "chair", "drafter"});
           },
           {{"/participant_managers/2", "role \"drafter\" is listed twice"}}},
          {"a number",
           [](J& d) { d["participant_managers"] = J::array({1}); },
           {{"/participant_managers/0", "must be a role name, found a number"}}},
      });
  J empty = parse(kMinimal);
  empty["participant_managers"] = J::array();
  CHECK(problems_of(empty).empty());  // nobody may manage participants: allowed
}

TEST_CASE("initial state and the states object", "[definition]") {
  check_cases(
      kMinimal,
      {
          {"initial missing",
           [](J& d) { d.erase("initial"); },
           {{"/initial", "missing required key \"initial\" (a string)"}}},
          {"initial a number",
           [](J& d) { d["initial"] = 1; },
           {{"/initial", "must be a string, found a number"}}},
          {"initial misspelt",
           [](J& d) { d["initial"] = "drafing"; },
           {{"/initial", "unknown state \"drafing\" (did you mean \"drafting\"?)"}}},
          {"initial far from every state",
           [](J& d) { d["initial"] = "start"; },
           {{"/initial", "unknown state \"start\""}}},
          {"states missing",
           [](J& d) { d.erase("states"); },
           {{"/states", "missing required key \"states\" (an object)"}}},
          {"states an array",
           [](J& d) { d["states"] = J::array(); },
           {{"/states", "must be an object, found an array"}}},
          {"states empty",
           [](J& d) { d["states"] = J::object(); },
           {{"/states", "declare at least one state"}, {"/initial", "unknown state \"drafting\""}}},
          {"a state name with capitals",
           [](J& d) {
             d["states"]["drafting"]["transitions"][0]["to"] = "Done";
             d["states"]["Done"] = d["states"]["done"];
             d["states"].erase("done");
           },
           {{"/states/Done",
             "state names must be lower-case letters, digits or '_', starting with a letter"}}},
          {"a state that is a string",
           [](J& d) {
             d["states"]["drafting"]["transitions"].push_back(parse(
                 R"({"action": "archive", "title": {"vi": "Lưu", "en": "File"}, "to": "archived", "roles": ["chair"]})"));
             d["states"]["archived"] = "final";
           },
           {{"/states/archived", "a state must be an object, found a string"},
            {"/states/archived", kNoFinalReachable}}},
          {"a state without a title",
           [](J& d) { d["states"]["done"].erase("title"); },
           {{"/states/done/title", "missing required key \"title\" (an object)"}}},
          {"a state key misspelt",
           [](J& d) { d["states"]["done"]["transition"] = J::array(); },
           {{"/states/done/transition",
             "unknown key \"transition\" (did you mean \"transitions\"?)"}}},
          {"final not a boolean",
           [](J& d) { d["states"]["done"]["final"] = "yes"; },
           {{"/states/done/final", "must be true or false, found a string"},
            {"/states", "no state is final: mark at least one with \"final\": true"}}},
          {"transitions an object",
           [](J& d) { d["states"]["drafting"]["transitions"] = J::object(); },
           {{"/states/drafting/transitions", "must be an array, found an object"},
            {"/states/drafting", kNoFinalReachable},
            {"/states/done", kUnreachable}}},
          {"tasks an object",
           [](J& d) { d["states"]["drafting"]["tasks"] = J::object(); },
           {{"/states/drafting/tasks", "must be an array, found an object"}}},
          {"allow an array",
           [](J& d) { d["states"]["drafting"]["allow"] = J::array(); },
           {{"/states/drafting/allow", "must be an object, found an array"}}},
          {"on_enter an object",
           [](J& d) { d["states"]["done"]["on_enter"] = J::object(); },
           {{"/states/done/on_enter", "must be an array, found an object"}}},
      });
}

TEST_CASE("the graph: reachability and final states", "[definition]") {
  const J to_review = parse(
      R"({"action": "review", "title": {"vi": "Xem", "en": "Review"}, "to": "review", "roles": ["chair"]})");
  check_cases(
      kMinimal,
      {
          {"a state no transition enters",
           [](J& d) {
             d["states"]["archived"] = {{"title", title()}, {"final", true}};
           },
           {{"/states/archived", kUnreachable}}},
          {"a dead end",
           [&](J& d) {
             d["states"]["drafting"]["transitions"].push_back(to_review);
             d["states"]["review"] = {{"title", title()}};
           },
           {{"/states/review", kNoFinalReachable}}},
          {"a loop with no way out",
           [&](J& d) {
             d["states"]["drafting"]["transitions"].push_back(to_review);
             d["states"]["review"] = {{"title", title()}, {"transitions", J::array({to_review})}};
           },
           {{"/states/review", kNoFinalReachable}}},
          {"a state both unreachable and a dead end",
           [](J& d) {
             d["states"]["limbo"] = {{"title", title()}};
           },
           {{"/states/limbo", kUnreachable}, {"/states/limbo", kNoFinalReachable}}},
          {"no final state at all",
           [](J& d) { d["states"]["done"]["final"] = false; },
           {{"/states", "no state is final: mark at least one with \"final\": true"}}},
          {"no final state, and an unreachable state",
           [](J& d) {
             d["states"]["done"].erase("final");
             d["states"]["limbo"] = {{"title", title()}};
           },
           {{"/states", "no state is final: mark at least one with \"final\": true"},
            {"/states/limbo", kUnreachable}}},
          {"a final state with transitions",
           [](J& d) {
             d["states"]["done"]["transitions"] = J::array({parse(
                 R"({"action": "reopen", "title": {"vi": "Mở lại", "en": "Reopen"}, "to": "drafting", "roles": ["chair"]})")});
           },
           {{"/states/done/transitions", "a final state cannot have transitions"}}},
          {"a final state with tasks",
           [](J& d) {
             d["states"]["done"]["tasks"] = J::array({parse(
                 R"({"id": "archive", "role": "chair", "title": {"vi": "Lưu", "en": "File"}})")});
           },
           {{"/states/done/tasks", "a final state cannot open tasks: they would never close"}}},
          {"a final state with a deadline",
           [](J& d) {
             d["states"]["done"]["deadline"] = {{"due", "P1D"}};
           },
           {{"/states/done/deadline", "a final state cannot have a deadline"}}},
          {"a final state with a consultation",
           [](J& d) {
             d["states"]["done"]["deadline"] = {{"due", "P1D"}};
             d["states"]["done"]["consultation"] = parse(
                 R"({"consultees": "chair", "quorum": "all", "task": {"id": "reply", "title": {"vi": "Góp ý", "en": "Reply"}}})");
           },
           {{"/states/done/deadline", "a final state cannot have a deadline"},
            {"/states/done/consultation", "a final state cannot hold a consultation"}}},
          {"a final state with a consultation that has problems of its own",
           [](J& d) {
             d["states"]["done"]["consultation"] = parse(
                 R"({"consultees": "chair", "task": {"id": "reply", "title": {"vi": "Góp ý", "en": "Reply"}}})");
           },
           {{"/states/done/consultation/quorum",
             "missing required key \"quorum\" (a string or an object)"},
            {"/states/done/consultation",
             "a consultation needs a deadline: add \"deadline\" to this state"},
            {"/states/done/consultation", "a final state cannot hold a consultation"}}},
          {"an empty transitions array in a final state is fine",
           [](J& d) { d["states"]["done"]["transitions"] = J::array(); },
           {}},
      });
}

TEST_CASE("transitions", "[definition]") {
  const std::string t1 = "/states/drafting/transitions/1";
  // A second transition to break, leaving "finish" to keep the graph intact.
  auto second = [](J& d) -> J& {
    d["states"]["drafting"]["transitions"].push_back(parse(
        R"({"action": "skip", "title": {"vi": "Bỏ qua", "en": "Skip"}, "to": "done", "roles": ["chair"]})"));
    return d["states"]["drafting"]["transitions"][1];
  };
  check_cases(
      kMinimal,
      {
          {"a transition that is a number",
           [&](J& d) { second(d) = 5; },
           {{t1, "a transition must be an object, found a number"}}},
          {"action missing",
           [&](J& d) { second(d).erase("action"); },
           {{t1 + "/action", "missing required key \"action\" (a string)"}}},
          {"action a number",
           [&](J& d) { second(d)["action"] = 5; },
           {{t1 + "/action", "must be a string, found a number"}}},
          {"action not an identifier",
           [&](J& d) { second(d)["action"] = "Skip it"; },
           {{t1 + "/action", "action names must be lower-case letters, digits or '_'"}}},
          {"an action twice in a state",
           [&](J& d) { second(d)["action"] = "finish"; },
           {{t1 + "/action",
             "duplicate action \"finish\" in this state "
             "(first at /states/drafting/transitions/0)"}}},
          {"title missing",
           [&](J& d) { second(d).erase("title"); },
           {{t1 + "/title", "missing required key \"title\" (an object)"}}},
          {"to missing",
           [&](J& d) { second(d).erase("to"); },
           {{t1 + "/to", "missing required key \"to\" (a string)"}}},
          {"to a number",
           [&](J& d) { second(d)["to"] = 1; },
           {{t1 + "/to", "must be a string, found a number"}}},
          {"to an unknown state near a known one",
           [&](J& d) { second(d)["to"] = "don"; },
           {{t1 + "/to", "unknown state \"don\" (did you mean \"done\"?)"}}},
          {"to an unknown state far from every one",
           [&](J& d) { second(d)["to"] = "archive"; },
           {{t1 + "/to", "unknown state \"archive\""}}},
          {"roles missing",
           [&](J& d) { second(d).erase("roles"); },
           {{t1 + "/roles", "missing required key \"roles\" (an array)"}}},
          {"roles a string",
           [&](J& d) { second(d)["roles"] = "chair"; },
           {{t1 + "/roles", "must be an array, found a string"}}},
          {"roles empty",
           [&](J& d) { second(d)["roles"] = J::array(); },
           {{t1 + "/roles", "needs at least one role"}}},
          {"an undeclared role",
           [&](J& d) {
             second(d)["roles"] = J::array({"drafter", "chiar"});
           },
           {{t1 + "/roles/1",
             "undeclared role \"chiar\" (did you mean \"chair\"?); declare it under /roles"}}},
          {"an undeclared role far from every one",
           [&](J& d) { second(d)["roles"] = J::array({"mayor"}); },
           {{t1 + "/roles/0", "undeclared role \"mayor\"; declare it under /roles"}}},
          {"the system role",
           [&](J& d) { second(d)["roles"] = J::array({"system"}); },
           {{t1 + "/roles/0", kSystemReserved}}},
          {"a role listed twice",
           [&](J& d) {
             second(d)["roles"] = J::array({"chair", "chair"});
           },
           {{t1 + "/roles/1", "role \"chair\" is listed twice"}}},
          {"a role that is a number",
           [&](J& d) { second(d)["roles"] = J::array({0}); },
           {{t1 + "/roles/0", "must be a role name, found a number"}}},
          {"guards a string",
           [&](J& d) { second(d)["guards"] = "quorum_met"; },
           {{t1 + "/guards", "must be an array, found a string"}}},
          {"confirm a string",
           [&](J& d) { second(d)["confirm"] = "yes"; },
           {{t1 + "/confirm", "must be true or false, found a string"}}},
          {"inputs an array",
           [&](J& d) { second(d)["inputs"] = J::array(); },
           {{t1 + "/inputs", "must be an object, found an array"}}},
          {"a misspelt key",
           [&](J& d) {
             J& t = second(d);
             t["rolse"] = t["roles"];
             t.erase("roles");
           },
           {{t1 + "/rolse", "unknown key \"rolse\" (did you mean \"roles\"?)"},
            {t1 + "/roles", "missing required key \"roles\" (an array)"}}},
          {"an unknown key",
           [&](J& d) { second(d)["guard"] = J::array(); },
           {{t1 + "/guard", "unknown key \"guard\" (did you mean \"guards\"?)"}}},
      });
}

TEST_CASE("a duplicate action is reported even when the first one has problems", "[definition]") {
  J doc = parse(kMinimal);
  auto& transitions = doc["states"]["drafting"]["transitions"];
  const J close = parse(
      R"({"action": "close", "title": {"vi": "Đóng", "en": "Close"}, "to": "done", "roles": ["chair"]})");
  transitions.push_back(close);
  transitions.push_back(close);
  transitions[1]["to"] = "nowhere";
  CHECK(problems_of(doc) ==
        Problems{{"/states/drafting/transitions/1/to", "unknown state \"nowhere\""},
                 {"/states/drafting/transitions/2/action",
                  "duplicate action \"close\" in this state "
                  "(first at /states/drafting/transitions/1)"}});
}

TEST_CASE("guards", "[definition]") {
  const std::string g = "/states/drafting/transitions/0/guards";
  auto guards = [](J list) {
    return [list](J& d) { d["states"]["drafting"]["transitions"][0]["guards"] = list; };
  };
  check_cases(
      kMinimal,
      {
          {"a guard that is a number",
           guards({1}),
           {{g + "/0", "must be a guard name, found a number"}}},
          {"an unknown guard near a known one",
           guards({"quorum_meet"}),
           {{g + "/0", "unknown guard \"quorum_meet\" (did you mean \"quorum_met\"?)"}}},
          {"an unknown guard far from every one",
           guards({"approved"}),
           {{g + "/0", "unknown guard \"approved\""}}},
          {"a guard listed twice",
           guards({"has_draft_version", "has_draft_version"}),
           {{g + "/1", "guard \"has_draft_version\" is listed twice"}}},
          {"quorum_met without a consultation",
           guards({"quorum_met"}),
           {{g + "/0", "guard \"quorum_met\" needs a consultation in this state"}}},
          {"deadline_passed without a deadline",
           guards({"all_comments_disposed", "deadline_passed"}),
           {{g + "/1", "guard \"deadline_passed\" needs a deadline in this state"}}},
          {"new_version_in_state where nobody may submit a version",
           guards({"new_version_in_state"}),
           {{g + "/0",
             "guard \"new_version_in_state\" can never hold: no role may submit_version in this "
             "state"}}},
          {"new_version_in_state where only commenting is allowed",
           [](J& d) {
             d["states"]["drafting"]["allow"] = {{"comment", {"drafter"}}};
             d["states"]["drafting"]["transitions"][0]["guards"] = {"new_version_in_state"};
           },
           {{g + "/0",
             "guard \"new_version_in_state\" can never hold: no role may submit_version in this "
             "state"}}},
          {"an inapplicable guard twice is one problem each",
           guards({"quorum_met", "quorum_met"}),
           {{g + "/0", "guard \"quorum_met\" needs a consultation in this state"},
            {g + "/1", "guard \"quorum_met\" is listed twice"}}},
          {"guards that always apply", guards({"has_draft_version", "all_comments_disposed"}), {}},
      });
}

TEST_CASE("transition inputs", "[definition]") {
  const std::string in = "/states/drafting/transitions/0/inputs";
  auto inputs = [](const char* json) {
    return [json](J& d) { d["states"]["drafting"]["transitions"][0]["inputs"] = parse(json); };
  };
  check_cases(
      kMinimal,
      {
          {"a name with capitals",
           inputs(R"({"Reason": {"type": "text"}})"),
           {{in + "/Reason", "input names must be lower-case letters, digits or '_'"}}},
          {"a spec that is a string",
           inputs(R"({"reason": "text"})"),
           {{in + "/reason", "must be an object with a \"type\", found a string"}}},
          {"type missing",
           inputs(R"({"reason": {"required": true}})"),
           {{in + "/reason/type", "missing required key \"type\" (a string)"}}},
          {"type a number",
           inputs(R"({"reason": {"type": 1}})"),
           {{in + "/reason/type", "must be a string, found a number"}}},
          {"an unknown type near a known one",
           inputs(R"({"reason": {"type": "txt"}})"),
           {{in + "/reason/type", "unknown input type \"txt\" (did you mean \"text\"?)"}}},
          {"an unknown type far from every one",
           inputs(R"({"reason": {"type": "number"}})"),
           {{in + "/reason/type", "unknown input type \"number\""}}},
          {"required not a boolean",
           inputs(R"({"reason": {"type": "text", "required": "yes"}})"),
           {{in + "/reason/required", "must be true or false, found a string"}}},
          {"a misspelt key",
           inputs(R"({"reason": {"type": "text", "requried": true}})"),
           {{in + "/reason/requried", "unknown key \"requried\" (did you mean \"required\"?)"}}},
          {"invitees of the wrong type, entering a state without a consultation",
           inputs(R"({"invitees": {"type": "text"}})"),
           {{in + "/invitees/type", "\"invitees\" must have type \"participants\""},
            {in + "/invitees",
             "\"invitees\" needs a consultation in the state this action enters"}}},
          {"invitees entering a state without a consultation",
           inputs(R"({"invitees": {"type": "participants"}})"),
           {{in + "/invitees",
             "\"invitees\" needs a consultation in the state this action enters"}}},
          {"deadline of the wrong type, entering a state without a deadline",
           inputs(R"({"deadline": {"type": "participants"}})"),
           {{in + "/deadline/type", "\"deadline\" must have type \"time\""},
            {in + "/deadline", "\"deadline\" needs a deadline in the state this action enters"}}},
          {"deadline entering a state without a deadline",
           inputs(R"({"deadline": {"type": "time"}})"),
           {{in + "/deadline", "\"deadline\" needs a deadline in the state this action enters"}}},
          {"inputs with no special meaning",
           inputs(
               R"({"reason": {"type": "text", "required": true}, "when": {"type": "time"}, "who": {"type": "participants"}})"),
           {}},
      });
}

TEST_CASE("deadlines and reminders", "[definition]") {
  const std::string dl = "/states/consulting/deadline";
  auto deadline = [](const char* key, J value) {
    return [key, value](J& d) { d["states"]["consulting"]["deadline"][key] = value; };
  };
  check_cases(
      kFull,
      {
          {"due missing",
           [](J& d) { d["states"]["consulting"]["deadline"].erase("due"); },
           {{dl + "/due", "missing required key \"due\" (a string)"}}},
          {"due a number",
           deadline("due", 15),
           {{dl + "/due", "must be a string, found a number"}}},
          {"due without the P",
           deadline("due", "15D"),
           {{dl + "/due",
             "malformed duration: \"15D\" is not an ISO 8601 duration: it must start with 'P' "
             "(e.g. \"P15D\")"}}},
          {"due negative",
           deadline("due", "-P15D"),
           {{dl + "/due", "malformed duration: negative durations are not allowed"}}},
          {"due with an unknown unit",
           deadline("due", "P15X"),
           {{dl + "/due",
             "malformed duration: unknown unit 'X' in \"P15X\" (before 'T' use Y, M, W or D)"}}},
          {"due empty",
           deadline("due", ""),
           {{dl + "/due", "malformed duration: empty duration; write e.g. \"P15D\""}}},
          {"due zero",
           [](J& d) {
             d["states"]["consulting"]["deadline"]["due"] = "P0D";
             d["states"]["consulting"]["deadline"].erase("reminders");
           },
           {{dl + "/due", "a deadline must be later than the state's start"}}},
          {"due zero in seconds",
           [](J& d) {
             d["states"]["consulting"]["deadline"]["due"] = "PT0S";
             d["states"]["consulting"]["deadline"].erase("reminders");
           },
           {{dl + "/due", "a deadline must be later than the state's start"}}},
          {"reminders a string",
           deadline("reminders", "P3D"),
           {{dl + "/reminders", "must be an array, found a string"}}},
          {"a reminder that is a number",
           deadline("reminders", {3}),
           {{dl + "/reminders/0",
             "must be an ISO 8601 duration string such as \"P15D\", found a number"}}},
          {"a reminder without a unit",
           deadline("reminders", {"P3D", "P3"}),
           {{dl + "/reminders/1",
             "malformed duration: number without a unit at the end of \"P3\""}}},
          {"a negative reminder",
           deadline("reminders", {"-P1D"}),
           {{dl + "/reminders/0", "malformed duration: negative durations are not allowed"}}},
          {"a fractional reminder",
           deadline("reminders", {"P1.5D"}),
           {{dl + "/reminders/0", "malformed duration: fractional durations are not supported"}}},
          {"a zero reminder",
           deadline("reminders", {"P0D"}),
           {{dl + "/reminders/0",
             "a reminder must come before the deadline; P0D is the deadline itself"}}},
          {"a reminder twice",
           deadline("reminders", {"P3D", "P1D", "P3D"}),
           {{dl + "/reminders/2", "reminder P3D is listed twice"}}},
          {"a reminder as long as the deadline",
           deadline("reminders", {"P15D"}),
           {{dl + "/reminders/0",
             "reminder P15D before a P15D deadline would fall at or before the moment the state is "
             "entered"}}},
          {"a reminder longer than the deadline",
           deadline("reminders", {"P1D", "P1M"}),
           {{dl + "/reminders/1",
             "reminder P1M before a P15D deadline would fall at or before the moment the state is "
             "entered"}}},
          {"a reminder in hours longer than the deadline",
           deadline("reminders", {"PT400H"}),
           {{dl + "/reminders/0",
             "reminder PT400H before a P15D deadline would fall at or before the moment the state "
             "is entered"}}},
          {"a reminder just shorter than the deadline", deadline("reminders", {"P14DT23H"}), {}},
          {"on_expiry a number",
           deadline("on_expiry", 1),
           {{dl + "/on_expiry", "must be a string, found a number"}}},
          {"on_expiry naming a misspelt action",
           deadline("on_expiry", "expir"),
           {{dl + "/on_expiry",
             "unknown action \"expir\" in this state (did you mean \"expire\"?)"}}},
          {"on_expiry naming another state's action",
           deadline("on_expiry", "issue"),
           {{dl + "/on_expiry", "unknown action \"issue\" in this state"}}},
          {"a misspelt key",
           [](J& d) {
             auto& dead = d["states"]["consulting"]["deadline"];
             dead["reminder"] = dead["reminders"];
             dead.erase("reminders");
           },
           {{dl + "/reminder", "unknown key \"reminder\" (did you mean \"reminders\"?)"}}},
          {"a deadline that is a string",
           [](J& d) { d["states"]["consulting"]["deadline"] = "P15D"; },
           {{dl, "must be an object, found a string"},
            {"/states/consulting/consultation",
             "a consultation needs a deadline: add \"deadline\" to this state"},
            {"/states/consulting/transitions/1/guards/0",
             "guard \"deadline_passed\" needs a deadline in this state"}}},
          {"a consultation without a deadline",
           [](J& d) { d["states"]["consulting"].erase("deadline"); },
           {{"/states/drafting/transitions/0/inputs/deadline",
             "\"deadline\" needs a deadline in the state this action enters"},
            {"/states/consulting/consultation",
             "a consultation needs a deadline: add \"deadline\" to this state"},
            {"/states/consulting/transitions/1/guards/0",
             "guard \"deadline_passed\" needs a deadline in this state"}}},
      });
}

TEST_CASE("consultations and quorums", "[definition]") {
  const std::string co = "/states/consulting/consultation";
  const std::string q = co + "/quorum";
  auto consultation = [](const char* key, J value) {
    return [key, value](J& d) { d["states"]["consulting"]["consultation"][key] = value; };
  };
  auto quorum = [](const char* json) {
    return [json](J& d) { d["states"]["consulting"]["consultation"]["quorum"] = parse(json); };
  };
  check_cases(
      kFull,
      {
          {"a consultation that is an array",
           [](J& d) { d["states"]["consulting"]["consultation"] = J::array(); },
           {{co, "must be an object, found an array"},
            {"/states/consulting/transitions/0/guards/0",
             "guard \"quorum_met\" needs a consultation in this state"}}},
          {"consultees missing",
           [](J& d) { d["states"]["consulting"]["consultation"].erase("consultees"); },
           {{co + "/consultees", "missing required key \"consultees\" (a string)"}}},
          {"consultees an array",
           consultation("consultees", {"delegate"}),
           {{co + "/consultees", "must be a string, found an array"}}},
          {"consultees an undeclared role",
           consultation("consultees", "delegat"),
           {{co + "/consultees",
             "undeclared role \"delegat\" (did you mean \"delegate\"?); declare it under /roles"}}},
          {"consultees the system role",
           consultation("consultees", "system"),
           {{co + "/consultees", kSystemReserved}}},
          {"quorum missing",
           [](J& d) { d["states"]["consulting"]["consultation"].erase("quorum"); },
           {{q, "missing required key \"quorum\" (a string or an object)"}}},
          {"quorum misspelt",
           [](J& d) {
             auto& c = d["states"]["consulting"]["consultation"];
             c["quorom"] = c["quorum"];
             c.erase("quorum");
           },
           {{co + "/quorom", "unknown key \"quorom\" (did you mean \"quorum\"?)"},
            {q, "missing required key \"quorum\" (a string or an object)"}}},
          {"an unknown rule name",
           quorum(R"("most")"),
           {{q, "unknown quorum rule \"most\"; " + kQuorumUsage}}},
          {"a bare number", quorum("2"), {{q, "malformed quorum; " + kQuorumUsage}}},
          {"an array", quorum("[2, 3]"), {{q, "malformed quorum; " + kQuorumUsage}}},
          {"an empty object", quorum("{}"), {{q, "malformed quorum; " + kQuorumUsage}}},
          {"two rules at once",
           quorum(R"({"n_of_m": 2, "fraction": [1, 2]})"),
           {{q, "malformed quorum; " + kQuorumUsage}}},
          {"an unknown rule key",
           quorum(R"({"majority": 1})"),
           {{q + "/majority", "unknown quorum rule \"majority\"; " + kQuorumUsage}}},
          {"an unknown rule key with a '/'",
           quorum(R"({"n/m": 2})"),
           {{q + "/n~1m", "unknown quorum rule \"n/m\"; " + kQuorumUsage}}},
          {"n_of_m zero",
           quorum(R"({"n_of_m": 0})"),
           {{q + "/n_of_m", "must be at least 1: a quorum of no one is no quorum"}}},
          {"n_of_m negative",
           quorum(R"({"n_of_m": -2})"),
           {{q + "/n_of_m", "must be at least 1: a quorum of no one is no quorum"}}},
          {"n_of_m a string",
           quorum(R"({"n_of_m": "2"})"),
           {{q + "/n_of_m", "must be a whole number, found a string"}}},
          {"n_of_m fractional",
           quorum(R"({"n_of_m": 1.5})"),
           {{q + "/n_of_m", "must be a whole number, found a fractional number"}}},
          {"n_of_m beyond any consultation",
           quorum(R"({"n_of_m": 200000})"),
           {{q + "/n_of_m", "quorum can never be met: no consultation invites that many"}}},
          {"n_of_m larger than max_invitees",
           quorum(R"({"n_of_m": 6})"),
           {{q,
             "quorum can never be met: it needs 6 responses but at most 5 consultees may be "
             "invited"}}},
          {"n_of_m equal to max_invitees", quorum(R"({"n_of_m": 5})"), {}},
          {"a fraction above one",
           quorum(R"({"fraction": [4, 3]})"),
           {{q + "/fraction", "quorum can never be met: 4/3 is more than all invitees"}}},
          {"a fraction of one element",
           quorum(R"({"fraction": [2]})"),
           {{q + "/fraction", "must be [numerator, denominator], two whole numbers, e.g. [2, 3]"}}},
          {"a fraction as text",
           quorum(R"({"fraction": "2/3"})"),
           {{q + "/fraction", "must be [numerator, denominator], two whole numbers, e.g. [2, 3]"}}},
          {"a fraction of fractional numbers",
           quorum(R"({"fraction": [0.5, 1]})"),
           {{q + "/fraction", "must be [numerator, denominator], two whole numbers, e.g. [2, 3]"}}},
          {"a zero numerator",
           quorum(R"({"fraction": [0, 3]})"),
           {{q + "/fraction",
             "numerator and denominator must be positive (denominator up to 1000)"}}},
          {"a zero denominator",
           quorum(R"({"fraction": [1, 0]})"),
           {{q + "/fraction",
             "numerator and denominator must be positive (denominator up to 1000)"}}},
          {"a denominator above 1000",
           quorum(R"({"fraction": [1, 1001]})"),
           {{q + "/fraction",
             "numerator and denominator must be positive (denominator up to 1000)"}}},
          {"a fraction of exactly one", quorum(R"({"fraction": [3, 3]})"), {}},
          {"all", quorum(R"("all")"), {}},
          {"any", quorum(R"("any")"), {}},
          {"max_invitees zero",
           consultation("max_invitees", 0),
           {{co + "/max_invitees", "must be at least 1"}}},
          {"max_invitees a string",
           consultation("max_invitees", "5"),
           {{co + "/max_invitees", "must be an integer, found a string"}}},
          {"max_invitees beyond 32 bits does not wrap around",
           consultation("max_invitees", 4294967297ULL),
           {}},
          {"task missing",
           [](J& d) { d["states"]["consulting"]["consultation"].erase("task"); },
           {{co + "/task", "missing required key \"task\" (an object)"}}},
          {"task a string",
           consultation("task", "reply"),
           {{co + "/task", "must be an object, found a string"}}},
          {"task id missing",
           [](J& d) { d["states"]["consulting"]["consultation"]["task"].erase("id"); },
           {{co + "/task/id", "missing required key \"id\" (a string)"}}},
          {"task id with capitals",
           [](J& d) { d["states"]["consulting"]["consultation"]["task"]["id"] = "Reply"; },
           {{co + "/task/id", "task ids must be lower-case letters, digits or '_'"}}},
          {"task title missing",
           [](J& d) { d["states"]["consulting"]["consultation"]["task"].erase("title"); },
           {{co + "/task/title", "missing required key \"title\" (an object)"}}},
          {"task with a role of its own",
           [](J& d) { d["states"]["consulting"]["consultation"]["task"]["role"] = "chair"; },
           {{co + "/task/role", "unknown key \"role\""}}},
          {"a task id shared with the consultation's task",
           [](J& d) {
             d["states"]["consulting"]["tasks"] = J::array({parse(
                 R"({"id": "reply", "role": "drafter", "title": {"vi": "Trả lời", "en": "Answer"}})")});
           },
           {{"/states/consulting/tasks/0/id", "duplicate task id \"reply\" in this state"}}},
      });
}

TEST_CASE("allowed operations", "[definition]") {
  const std::string al = "/states/consulting/allow";
  auto allow = [](const char* json) {
    return [json](J& d) { d["states"]["consulting"]["allow"] = parse(json); };
  };
  check_cases(
      kFull,
      {
          {"an unknown operation near a known one",
           allow(R"({"commnet": ["delegate"]})"),
           {{al + "/commnet", "unknown operation \"commnet\" (did you mean \"comment\"?)"}}},
          {"no_further_comments",
           allow(R"({"no_further_comments": ["delegate"]})"),
           {{al + "/no_further_comments",
             "\"no_further_comments\" is open to a consultation's invitees by itself; remove it "
             "from \"allow\""}}},
          {"roles as a string",
           allow(R"({"comment": "delegate"})"),
           {{al + "/comment", "must be an array of roles, found a string"}}},
          {"no roles", allow(R"({"comment": []})"), {{al + "/comment", "needs at least one role"}}},
          {"an undeclared role",
           allow(R"({"comment": ["delegat"]})"),
           {{al + "/comment/0",
             "undeclared role \"delegat\" (did you mean \"delegate\"?); declare it under /roles"}}},
          {"the system role",
           allow(R"({"dispose_comment": ["system"]})"),
           {{al + "/dispose_comment/0", kSystemReserved}}},
          {"a role listed twice",
           allow(R"({"comment": ["delegate", "delegate"]})"),
           {{al + "/comment/1", "role \"delegate\" is listed twice"}}},
      });
}

TEST_CASE("tasks", "[definition]") {
  const std::string tk = "/states/drafting/tasks/0";
  auto task = [](const char* key, J value) {
    return [key, value](J& d) { d["states"]["drafting"]["tasks"][0][key] = value; };
  };
  auto without = [](const char* key) {
    return [key](J& d) { d["states"]["drafting"]["tasks"][0].erase(key); };
  };
  const std::string never_done = ", so the task can never be done this way";
  const std::string operations = "; use submit_version, comment or dispose_comment";
  check_cases(
      kFull,
      {
          {"a task that is a string",
           [](J& d) { d["states"]["drafting"]["tasks"][0] = "write"; },
           {{tk, "a task must be an object, found a string"}}},
          {"id missing", without("id"), {{tk + "/id", "missing required key \"id\" (a string)"}}},
          {"id with capitals",
           task("id", "Write"),
           {{tk + "/id", "task ids must be lower-case letters, digits or '_'"}}},
          {"an id twice",
           [](J& d) {
             auto& tasks = d["states"]["drafting"]["tasks"];
             tasks.push_back(tasks[0]);
           },
           {{"/states/drafting/tasks/1/id", "duplicate task id \"write\" in this state"}}},
          {"role missing",
           without("role"),
           {{tk + "/role", "missing required key \"role\" (a string)"}}},
          {"role an array",
           task("role", {"drafter"}),
           {{tk + "/role", "must be a string, found an array"}}},
          {"an undeclared role",
           task("role", "drafer"),
           {{tk + "/role",
             "undeclared role \"drafer\" (did you mean \"drafter\"?); declare it under /roles"}}},
          {"the system role", task("role", "system"), {{tk + "/role", kSystemReserved}}},
          {"title missing",
           without("title"),
           {{tk + "/title", "missing required key \"title\" (an object)"}}},
          {"due zero",
           task("due", "P0D"),
           {{tk + "/due", "a task cannot be due the moment it opens"}}},
          {"due malformed",
           task("due", "10 days"),
           {{tk + "/due",
             "malformed duration: \"10 days\" is not an ISO 8601 duration: it must start with 'P' "
             "(e.g. \"P15D\")"}}},
          {"due negative",
           task("due", "-P10D"),
           {{tk + "/due", "malformed duration: negative durations are not allowed"}}},
          {"due with an empty time part",
           task("due", "P1DT"),
           {{tk + "/due",
             "malformed duration: 'T' must be followed by hours, minutes or seconds"}}},
          {"due with units out of order",
           task("due", "P1D2M"),
           {{tk + "/due", "malformed duration: units out of order or repeated in \"P1D2M\""}}},
          {"due a number", task("due", 10), {{tk + "/due", "must be a string, found a number"}}},
          {"no due at all", without("due"), {}},
          {"done_on a string",
           task("done_on", "submit_version"),
           {{tk + "/done_on", "must be an array, found a string"}}},
          {"done_on an unknown operation",
           task("done_on", {"submit"}),
           {{tk + "/done_on/0", "unknown operation \"submit\"" + operations}}},
          {"done_on a misspelt operation",
           task("done_on", {"sumbit_version"}),
           {{tk + "/done_on/0", "unknown operation \"sumbit_version\"" + operations}}},
          {"done_on a number",
           task("done_on", {1}),
           {{tk + "/done_on/0", "must be an operation name, found a number"}}},
          {"done_on no_further_comments",
           task("done_on", {"no_further_comments"}),
           {{tk + "/done_on/0",
             "\"no_further_comments\" completes only a consultation's own task" + operations}}},
          {"done_on an operation the role may not do",
           task("done_on", {"submit_version", "comment"}),
           {{tk + "/done_on/1", "role \"drafter\" may not comment in this state" + never_done}}},
          {"done_on by a role other than the one allowed",
           task("role", "chair"),
           {{tk + "/done_on/0",
             "role \"chair\" may not submit_version in this state" + never_done}}},
          {"a misspelt key",
           [](J& d) {
             auto& t = d["states"]["drafting"]["tasks"][0];
             t["rol"] = t["role"];
             t.erase("role");
           },
           {{tk + "/rol", "unknown key \"rol\" (did you mean \"role\"?)"},
            {tk + "/role", "missing required key \"role\" (a string)"}}},
          {"an unknown key",
           task("assignee", "drafter"),
           {{tk + "/assignee", "unknown key \"assignee\""}}},
      });
}

TEST_CASE("effects on entering a state", "[definition]") {
  const std::string ef = "/states/issuing/on_enter";
  const std::string symbol = ef + "/0/symbol", series = ef + "/0/series";
  const std::string once = "a symbol must contain {number} exactly once, e.g. \"{number}/QĐ-UBND\"";
  auto allocate = [](const char* key, J value) {
    return [key, value](J& d) { d["states"]["issuing"]["on_enter"][0][key] = value; };
  };
  auto add_effect = [](const char* json) {
    return [json](J& d) { d["states"]["issuing"]["on_enter"].push_back(parse(json)); };
  };
  check_cases(
      kFull,
      {
          {"an effect that is a string",
           [](J& d) { d["states"]["issuing"]["on_enter"][1] = "freeze_document"; },
           {{ef + "/1", "an effect must be an object, found a string"}}},
          {"the effect key missing",
           add_effect("{}"),
           {{ef + "/2/effect", "missing required key \"effect\" (a string)"}}},
          {"the effect key a number",
           add_effect(R"({"effect": 1})"),
           {{ef + "/2/effect", "must be a string, found a number"}}},
          {"an unknown effect near a known one",
           [](J& d) { d["states"]["issuing"]["on_enter"][1]["effect"] = "freeze_documents"; },
           {{ef + "/1/effect",
             "unknown effect \"freeze_documents\" (did you mean \"freeze_document\"?)"}}},
          {"an unknown effect far from every one",
           add_effect(R"({"effect": "notify"})"),
           {{ef + "/2/effect", "unknown effect \"notify\""}}},
          {"freeze_document with a key of allocate_number",
           [](J& d) { d["states"]["issuing"]["on_enter"][1]["symbol"] = "{number}"; },
           {{ef + "/1/symbol", "unknown key \"symbol\""}}},
          {"freeze_document twice",
           add_effect(R"({"effect": "freeze_document"})"),
           {{ef + "/2", "effect \"freeze_document\" is listed twice"}}},
          {"allocate_number twice",
           add_effect(R"({"effect": "allocate_number", "symbol": "{number}", "series": "x"})"),
           {{ef + "/2", "effect \"allocate_number\" is listed twice"}}},
          {"symbol missing",
           [](J& d) { d["states"]["issuing"]["on_enter"][0].erase("symbol"); },
           {{symbol, "missing required key \"symbol\" (a string)"}}},
          {"series missing",
           [](J& d) { d["states"]["issuing"]["on_enter"][0].erase("series"); },
           {{series, "missing required key \"series\" (a string)"}}},
          {"symbol a number",
           allocate("symbol", 1),
           {{symbol, "must be a string, found a number"}}},
          {"series misspelt",
           [](J& d) {
             auto& e = d["states"]["issuing"]["on_enter"][0];
             e["serie"] = e["series"];
             e.erase("series");
           },
           {{ef + "/0/serie", "unknown key \"serie\" (did you mean \"series\"?)"},
            {series, "missing required key \"series\" (a string)"}}},
          {"a symbol without {number}", allocate("symbol", "QĐ-UBND"), {{symbol, once}}},
          {"a symbol with {number} twice",
           allocate("symbol", "{number}/{number}-UBND"),
           {{symbol, once}}},
          {"an unknown placeholder",
           allocate("symbol", "{number}/{kind}-UBND"),
           {{symbol, "unknown placeholder {kind}"}}},
          {"a misspelt {number}",
           allocate("symbol", "{numbr}/UBND"),
           {{symbol, "unknown placeholder {numbr} (did you mean \"number\"?)"}, {symbol, once}}},
          {"an unclosed brace",
           allocate("symbol", "{number}/{type"),
           {{symbol, "unclosed '{' in \"{number}/{type\""}}},
          {"an unmatched closing brace",
           allocate("symbol", "{number}}/UBND"),
           {{symbol, "unmatched '}' in \"{number}}/UBND\""}}},
          {"an empty symbol", allocate("symbol", ""), {{symbol, "must not be empty"}}},
          {"an empty series", allocate("series", ""), {{series, "must not be empty"}}},
          {"{number} in the series",
           allocate("series", "{type}-{number}"),
           {{series, "{number} belongs in the symbol, not in the series"}}},
          {"a misspelt placeholder in the series",
           allocate("series", "{type}-{yaer}"),
           {{series, "unknown placeholder {yaer} (did you mean \"year\"?)"}}},
          {"{type} without document types",
           [](J& d) { d.erase("document"); },
           {{symbol, "{type} needs the document types listed under /document/types"},
            {series, "{type} needs the document types listed under /document/types"}}},
          {"every placeholder", allocate("symbol", "{number}/{year}/{type}-{issuer}-{unit}"), {}},
          {"no placeholders in the series", allocate("series", "CV"), {}},
      });
}

TEST_CASE("several problems are all reported, in document order", "[definition]") {
  J doc = parse(kFull);
  doc["version"] = 0;
  doc["roles"]["chair"]["title"]["en"] = "";
  doc["states"]["drafting"]["transitions"][0]["roles"] = {"drafter", "chiar"};
  doc["states"]["consulting"]["consultation"]["quorum"] = {{"n_of_m", 0}};
  doc["states"]["issuing"]["on_enter"][0]["symbol"] = "{number}/{typ}";
  doc["states"]["issued"]["tasks"] = J::array(
      {parse(R"({"id": "archive", "role": "clerk", "title": {"vi": "Lưu", "en": "File"}})")});
  doc["states"]["archived"] = {{"title", title()}, {"final", true}};
  CHECK(problems_of(doc) ==
        Problems{
            {"/version", "must be a whole number from 1 to 1000000"},
            {"/roles/chair/title/en", "must not be empty"},
            {"/states/drafting/transitions/0/roles/1",
             "undeclared role \"chiar\" (did you mean \"chair\"?); declare it under /roles"},
            {"/states/consulting/consultation/quorum/n_of_m",
             "must be at least 1: a quorum of no one is no quorum"},
            {"/states/issuing/on_enter/0/symbol",
             "unknown placeholder {typ} (did you mean \"type\"?)"},
            {"/states/issued/tasks", "a final state cannot open tasks: they would never close"},
            {"/states/archived", kUnreachable},
        });
}

TEST_CASE("a valid definition compiles into resolved indices", "[definition]") {
  auto loaded = load_definition(parse(kFull).dump());
  REQUIRE(loaded.ok());
  const Definition& def = loaded.value();
  CHECK(def.id == "full");
  CHECK(def.version == 3);
  CHECK(def.title.vi == "Đầy đủ");
  CHECK(def.title.en == "Full");
  REQUIRE(def.roles.size() == 4);
  CHECK(def.roles[3].id == "clerk");
  CHECK(def.roles[3].title.en == "Clerk");
  CHECK(def.document_types == std::vector<std::string>{"KH", "QĐ"});
  CHECK(def.participant_managers == 0b0001u);
  REQUIRE(def.states.size() == 4);
  CHECK(def.initial == 0);
  CHECK(def.state_index("issued") == StateId{3});

  const StateDef& drafting = def.states[0];
  CHECK(drafting.id == "drafting");
  CHECK_FALSE(drafting.final);
  CHECK(drafting.allow[static_cast<size_t>(Operation::kSubmitVersion)] == 0b0001u);
  CHECK(drafting.allow[static_cast<size_t>(Operation::kComment)] == 0u);
  REQUIRE(drafting.tasks.size() == 1);
  CHECK(drafting.tasks[0].id == "write");
  CHECK(drafting.tasks[0].role == 0);
  CHECK(drafting.tasks[0].due == Duration{.days = 10});
  CHECK(drafting.tasks[0].done_on == 1u << static_cast<unsigned>(Operation::kSubmitVersion));
  REQUIRE(drafting.transitions.size() == 1);
  const TransitionDef& consult = drafting.transitions[0];
  CHECK(consult.to == 1);
  CHECK(consult.roles == 0b0001u);
  CHECK(consult.guards == std::vector<Guard>{Guard::kNewVersionInState});
  REQUIRE(consult.inputs.size() == 2);
  CHECK(consult.inputs[0].name == "invitees");
  CHECK(consult.inputs[0].type == InputType::kParticipants);
  CHECK_FALSE(consult.inputs[0].required);
  CHECK(consult.inputs[1].type == InputType::kTime);
  CHECK_FALSE(consult.confirm);

  const StateDef& consulting = def.states[1];
  CHECK(consulting.allow[static_cast<size_t>(Operation::kComment)] == 0b0101u);
  REQUIRE(consulting.deadline);
  CHECK(consulting.deadline->due == Duration{.days = 15});
  CHECK(consulting.deadline->reminders == std::vector<Duration>{{.days = 3}, {.days = 1}});
  CHECK(consulting.deadline->on_expiry == std::uint16_t{1});
  REQUIRE(consulting.consultation);
  CHECK(consulting.consultation->consultee_role == 2);
  CHECK(consulting.consultation->quorum.rule == QuorumRule::kNOfM);
  CHECK(consulting.consultation->quorum.n == 2);
  CHECK(consulting.consultation->max_invitees == 5);
  CHECK(consulting.consultation->task.id == "reply");
  CHECK(consulting.consultation->task.role == 2);
  CHECK(consulting.consultation->task.done_on ==
        1u << static_cast<unsigned>(Operation::kNoFurtherComments));
  REQUIRE(consulting.transitions.size() == 2);
  CHECK(consulting.transitions[0].roles == 0b0011u);  // drafter and chair
  CHECK(consulting.transitions[0].to == 2);
  CHECK(consulting.transitions[1].guards == std::vector<Guard>{Guard::kDeadlinePassed});
  CHECK(consulting.transition_index("expire") == std::uint16_t{1});

  const StateDef& issuing = def.states[2];
  REQUIRE(issuing.on_enter.size() == 2);
  CHECK(issuing.on_enter[0].kind == EffectKind::kAllocateNumber);
  CHECK(issuing.on_enter[0].symbol == "{number}/{type}-{issuer}");
  CHECK(issuing.on_enter[0].series == "{type}");
  CHECK(issuing.on_enter[1].kind == EffectKind::kFreezeDocument);
  REQUIRE(issuing.transitions.size() == 1);
  CHECK(issuing.transitions[0].roles == 0b1000u);
  CHECK(issuing.transitions[0].confirm);

  CHECK(def.states[3].final);
  CHECK(def.states[3].transitions.empty());
}

TEST_CASE("quorum forms compile to their rule and numbers", "[definition]") {
  struct QuorumCase {
    const char* json;
    QuorumRule rule;
    std::uint32_t n, numerator, denominator;
  };
  const std::vector<QuorumCase> cases = {
      {R"("all")", QuorumRule::kAll, 0, 0, 1},
      {R"("any")", QuorumRule::kAny, 0, 0, 1},
      {R"({"n_of_m": 3})", QuorumRule::kNOfM, 3, 0, 1},
      {R"({"fraction": [2, 3]})", QuorumRule::kFraction, 0, 2, 3},
  };
  for (const QuorumCase& c : cases) {
    INFO(c.json);
    J doc = parse(kFull);
    doc["states"]["consulting"]["consultation"]["quorum"] = parse(c.json);
    auto def = load_definition(doc.dump());
    REQUIRE(def.ok());
    const Quorum& q = def.value().states[1].consultation->quorum;
    CHECK(q.rule == c.rule);
    CHECK(q.n == c.n);
    CHECK(q.numerator == c.numerator);
    CHECK(q.denominator == c.denominator);
  }
}

TEST_CASE("the initial state need not be the first one listed", "[definition]") {
  J doc = parse(kMinimal);
  J states = J::object();
  states["done"] = doc["states"]["done"];
  states["drafting"] = doc["states"]["drafting"];
  doc["states"] = states;
  auto def = load_definition(doc.dump());
  REQUIRE(def.ok());
  CHECK(def.value().initial == 1);
  CHECK(def.value().states[1].transitions[0].to == 0);
  CHECK(def.value().states[1].deadline == std::nullopt);
}

TEST_CASE("a document gets one number, allocated on entering a later state", "[definition]") {
  check_cases(
      kFull,
      {
          {"an effect on the initial state",
           [](J& d) {
             at(d, "/states/drafting/on_enter") = parse(R"([{"effect": "freeze_document"}])");
           },
           {{"/states/drafting/on_enter",
             "the initial state cannot have entry effects: a dossier starts there without "
             "entering it"}}},
          {"a loop back into the allocating state",
           [](J& d) {
             at(d, "/states/issuing/transitions/1") = parse(
                 R"({"action": "redo", "title": {"vi": "Lại", "en": "Again"}, "to": "consulting", "roles": ["clerk"]})");
           },
           {{"/states/issuing/on_enter",
             "a document gets one official number, but this state can be entered again after "
             "it"}}},
          {"a second allocating state after the first",
           [](J& d) {
             at(d, "/states/issued/final") = false;
             at(d, "/states/issued/on_enter") = parse(
                 R"([{"effect": "allocate_number", "symbol": "{number}/TB-{issuer}", "series": "TB"}])");
             at(d, "/states/issued/transitions") = parse(
                 R"([{"action": "end", "title": {"vi": "Hết", "en": "End"}, "to": "closed", "roles": ["clerk"]}])");
             at(d, "/states/closed") =
                 parse(R"({"title": {"vi": "Đóng", "en": "Closed"}, "final": true})");
           },
           {{"/states/issuing/on_enter",
             "a document gets one official number, but state \"issued\" allocates another after "
             "this one"}}},
      });
}

TEST_CASE("the initial state holds no consultation", "[definition]") {
  J doc = parse(kFull);
  at(doc, "/initial") = "consulting";
  at(doc, "/states/drafting/transitions/0/to") = "consulting";
  CHECK(problems_of(doc) ==
        Problems{{"/states/consulting/consultation",
                  "the initial state cannot hold a consultation: no one is invited when a "
                  "dossier is created"},
                 {"/states/drafting",
                  "unreachable: no path of transitions leads here from the initial state "
                  "\"consulting\""}});
}

TEST_CASE("a deadline's action needs nothing the timer service cannot give", "[definition]") {
  check_cases(
      kFull,
      {
          {"a required input",
           [](J& d) {
             at(d, "/states/consulting/transitions/1/inputs") =
                 parse(R"({"reason": {"type": "text", "required": true}})");
           },
           {{"/states/consulting/deadline/on_expiry",
             "the timer service gives no inputs, but action \"expire\" requires \"reason\""}}},
          {"opening a consultation",
           [](J& d) {
             at(d, "/states/drafting/deadline") =
                 parse(R"({"due": "P5D", "on_expiry": "consult"})");
           },
           {{"/states/drafting/deadline/on_expiry",
             "a deadline cannot open a consultation: the timer service invites no one"}}},
      });
}

TEST_CASE("every Annex III abbreviation is a document type", "[definition]") {
  for (const char* type :
       {"NQ", "QĐ",  "CT", "QC", "QyĐ", "TC",  "TB",  "HD", "CTr", "KH", "PA", "ĐA", "DA", "BC",
        "BB", "TTr", "HĐ", "CĐ", "GN",  "TTh", "GUQ", "GM", "GGT", "NP", "PG", "PC", "PB", "CV"}) {
    INFO(type);
    J doc = parse(kFull);
    at(doc, "/document/types") = J::array({type});
    at(doc, "/states/issuing/on_enter/0/symbol") = "{number}/{type}-{issuer}";
    CHECK(problems_of(doc).empty());
  }
}
