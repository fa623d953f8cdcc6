// Helpers for the definition loader's table tests: a minimal and a full
// valid definition to break one thing at a time, and whole-list comparison
// of the problems reported.
#pragma once

#include <catch2/catch.hpp>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "engine/definition_loader.h"

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

namespace planflow::testing {

using J = nlohmann::ordered_json;

inline std::string read_workflow(const std::string& name) {
  std::ifstream in(std::string(PLANFLOW_SOURCE_DIR) + "/workflows/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Two states and one transition: the least a valid definition needs. Cases
// about the document's skeleton start here so that nothing else can report.
inline constexpr const char* kMinimal = R"({
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
inline constexpr const char* kFull = R"({
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

inline J parse(const char* text) {
  return J::parse(text);
}

inline J title() {
  return parse(R"({"vi": "Tên", "en": "Name"})");
}

// The value at an RFC 6901 pointer, created if absent.
inline J& at(J& doc, const std::string& pointer) {
  return doc[J::json_pointer(pointer)];
}

// What the loader reports for the text; empty when it loads.
inline Problems problems_of_text(std::string_view text) {
  auto def = load_definition(text);
  return def.ok() ? Problems{} : def.error();
}

inline Problems problems_of(const J& doc) {
  return problems_of_text(doc.dump());
}

struct Case {
  const char* what;
  std::function<void(J&)> change;
  Problems expected;
};

// Each case changes a fresh copy of `base`; the whole list of problems must
// match, so a missing, extra or reordered problem fails the case.
inline void check_cases(const char* base_text, const std::vector<Case>& cases) {
  const J base = parse(base_text);
  REQUIRE(problems_of(base).empty());
  for (const Case& c : cases) {
    INFO(c.what);
    J doc = base;
    c.change(doc);
    CHECK(problems_of(doc) == c.expected);
  }
}

inline const std::string kQuorumUsage =
    "use \"all\", \"any\", {\"n_of_m\": n} or {\"fraction\": [numerator, denominator]}";
inline const std::string kSystemReserved =
    "\"system\" is reserved for the timer service and cannot be given to people";
inline const std::string kUnreachable =
    "unreachable: no path of transitions leads here from the initial state \"drafting\"";
inline const std::string kNoFinalReachable = "no final state can be reached from here";

}  // namespace planflow::testing
