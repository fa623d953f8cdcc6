// The official number register as the engine's decide() asks it
// (NumberSource), read from the register view inside the writer's
// transaction, so a number and the event that takes it commit together.
#pragma once

#include "engine/decide.h"
#include "engine/store/sql.h"

namespace planflow {

class RegisterNumbers : public NumberSource {
 public:
  explicit RegisterNumbers(sql::Connection& db) : db_(db) {}
  std::uint32_t next_number(UnitId issuer, std::string_view series, int year) const override {
    sql::SqlError e;
    auto* stmt = db_.cached(
        "SELECT COALESCE(MAX(n), 0) + 1 FROM ("
        "SELECT MAX(number) AS n FROM register WHERE issuer_id = ?1 AND series = ?2 AND year = ?3 "
        "UNION ALL SELECT last_number FROM register_openings "
        "WHERE issuer_id = ?1 AND series = ?2 AND year = ?3) AS numbers",
        &e);
    if (!stmt) return 0;
    stmt->bind(1, issuer).bind(2, series).bind(3, year);
    const auto next = stmt->step() == SQLITE_ROW ? static_cast<std::uint32_t>(stmt->int64(0)) : 0;
    stmt->reset();
    return next;
  }

  // The dossier's own number (the one its view shows), not a notice the
  // register may also have given it.
  std::optional<DocumentReference> issued_document(std::uint64_t dossier) const override {
    sql::SqlError e;
    auto* stmt = db_.cached(
        "SELECT r.symbol, r.issued_at FROM dossiers d "
        "JOIN register r ON r.dossier_id = d.id AND r.symbol = d.symbol WHERE d.id = ?",
        &e);
    if (!stmt) return std::nullopt;
    stmt->bind(1, static_cast<std::int64_t>(dossier));
    std::optional<DocumentReference> found;
    if (stmt->step() == SQLITE_ROW)
      found = DocumentReference{dossier, stmt->text(0), stmt->int64(1)};
    stmt->reset();
    return found;
  }

 private:
  sql::Connection& db_;
};

}  // namespace planflow
