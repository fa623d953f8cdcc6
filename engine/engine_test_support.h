// Helpers for the engine's tests: the shipped definitions, a register of
// official numbers in memory, and a dossier driven command by command.
#pragma once

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "engine/decide.h"
#include "engine/definition_loader.h"

namespace planflow::testing {

inline std::string read_source_file(const std::string& relative) {
  std::ifstream in(std::string(PLANFLOW_SOURCE_DIR) + "/" + relative);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline Definition load_workflow(const std::string& name) {
  auto def = load_definition(read_source_file("workflows/" + name));
  if (!def.ok())
    for (const auto& p : def.error())
      UNSCOPED_INFO(p.pointer << ": " << p.message);
  REQUIRE(def.ok());
  return std::move(def).value();
}

// What the store will do: hand out the next number of a series, and count
// it as used once the issuing event is applied.
class MemoryRegister : public NumberSource {
 public:
  std::uint32_t next_number(UnitId issuer, std::string_view series, int year) const override {
    const auto it = last_.find({issuer, std::string(series), year});
    return it == last_.end() ? 1 : it->second + 1;
  }
  void record(UnitId issuer, const IssuedNumber& n) {
    last_[{issuer, n.series, n.year}] = n.number;
  }
  void set_last(UnitId issuer, const std::string& series, int year, std::uint32_t number) {
    last_[{issuer, series, year}] = number;
  }
  std::optional<DocumentReference> issued_document(std::uint64_t dossier) const override {
    const auto it = documents_.find(dossier);
    if (it == documents_.end()) return std::nullopt;
    return it->second;
  }
  void record_document(const DocumentReference& d) { documents_[d.dossier] = d; }

 private:
  std::map<std::tuple<UnitId, std::string, int>, std::uint32_t> last_;
  std::map<std::uint64_t, DocumentReference> documents_;
};

// A dossier under test: decide, then evolve every event, as the shell will.
struct Dossier {
  explicit Dossier(const Definition& def, Time start = 1706115600) : state(def), now(start) {}

  Status run(UserId user, const Command& command) {
    std::vector<Event> events;
    Actor actor{user, 0, false};
    Status s = decide(state, command, actor, now, &events, &numbers);
    if (!s.ok()) {
      REQUIRE(events.empty());
      return s;
    }
    for (const Event& e : events) {
      Status applied = evolve(state, e);
      INFO(applied.error().message);
      REQUIRE(applied.ok());
      if (const auto* a = std::get_if<ActionTaken>(&e.body); a && a->issued)
        numbers.record(state.issuer.id, *a->issued);
      if (const auto* n = std::get_if<ConclusionNoticeIssued>(&e.body))
        numbers.record(state.issuer.id, n->issued);
      history.push_back(e);
    }
    return s;
  }

  // Runs a command that must succeed.
  void ok(UserId user, const Command& command) {
    Status s = run(user, command);
    INFO((s.ok() ? "" : s.error().message));
    REQUIRE(s.ok());
  }

  // Runs a command that must be refused with `code`; returns the error.
  Error refused(UserId user, const Command& command, ErrorCode code) {
    const DossierState before = state;
    Status s = run(user, command);
    REQUIRE_FALSE(s.ok());
    INFO(s.error().message);
    CHECK(error_code_name(s.error().code) == std::string(error_code_name(code)));
    CHECK(state == before);
    return s.error();
  }

  std::string state_id() const { return state.current().id; }

  DossierState state;
  Time now;
  MemoryRegister numbers;
  std::vector<Event> history;
};

inline constexpr Time kDay = 86400;

inline TakeAction action(std::string name, ActionInputs inputs = {}) {
  return TakeAction{std::move(name), std::move(inputs)};
}

inline InputValue text_input(std::string name, std::string text) {
  return InputValue{std::move(name), std::move(text)};
}

// Blocks of a draft, without ids, as a client sends them.
inline Block para(std::string text) {
  return Block{0, BlockKind::kParagraph, 0, {}, std::move(text), {}};
}

inline Block heading(std::uint8_t level, std::string marker, std::string text) {
  return Block{0, BlockKind::kHeading, level, std::move(marker), std::move(text), {}};
}

inline Block item(std::string marker, std::string text, std::uint8_t level = 1) {
  return Block{0, BlockKind::kItem, level, std::move(marker), std::move(text), {}};
}

inline Block table(std::vector<std::vector<std::string>> rows) {
  return Block{0, BlockKind::kTable, 0, {}, {}, std::move(rows)};
}

inline std::vector<std::uint32_t> ids_of(const std::vector<Block>& blocks) {
  std::vector<std::uint32_t> ids;
  for (const Block& b : blocks)
    ids.push_back(b.id);
  return ids;
}

inline std::vector<std::uint32_t> ids_of(const SharedBlocks& blocks) {
  return ids_of(*blocks);
}

inline std::vector<std::uint32_t> ids_of(const BlockPrints& prints) {
  std::vector<std::uint32_t> ids;
  for (std::size_t i = 0; i < prints.size(); ++i)
    ids.push_back(prints[i].id);
  return ids;
}

}  // namespace planflow::testing
