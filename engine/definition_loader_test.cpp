#include "engine/definition_loader.h"

#include <catch2/catch.hpp>

#include "engine/definition_loader_test_support.h"

using namespace planflow;
using namespace planflow::testing;

// The document, its roles and states, transitions, guards and inputs.

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
          {"a title in both languages",
           inputs(R"({"reason": {"type": "text", "title": {"vi": "Lý do", "en": "Reason"}}})"),
           {}},
          {"a title that is a string",
           inputs(R"({"reason": {"type": "text", "title": "Lý do"}})"),
           {{in + "/reason/title", "must be an object, found a string"}}},
          {"a title without English",
           inputs(R"({"reason": {"type": "text", "title": {"vi": "Lý do"}}})"),
           {{in + "/reason/title/en", "missing required key \"en\" (a string)"}}},
      });
}

TEST_CASE("an input's title names it in forms and in Vietnamese refusals", "[definition]") {
  J d = parse(kMinimal);
  d["states"]["drafting"]["transitions"][0]["inputs"] = parse(
      R"({"reason": {"type": "text", "required": true, "title": {"vi": "Lý do", "en": "Reason"}},
                "note": {"type": "text"}})");
  auto def = load_definition(d.dump());
  REQUIRE(def.ok());
  const auto& in = def.value().states[0].transitions[0].inputs;
  REQUIRE(in.size() == 2);
  const auto reason =
      std::find_if(in.begin(), in.end(), [](const InputDef& i) { return i.name == "reason"; });
  const auto note =
      std::find_if(in.begin(), in.end(), [](const InputDef& i) { return i.name == "note"; });
  REQUIRE((reason != in.end() && note != in.end()));
  CHECK(reason->title.vi == "Lý do");
  CHECK(reason->title.en == "Reason");
  CHECK(note->title.vi.empty());
}
