#include "engine/definition_loader.h"

#include <catch2/catch.hpp>

#include "engine/definition_loader_test_support.h"

using namespace planflow;
using namespace planflow::testing;

// What states hold: deadlines, consultations, allowed operations, tasks,
// effects; and what a valid definition compiles into.

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
