#include "engine/store/search_index.h"

#include <stdexcept>

#include "engine/search_text.h"

namespace planflow {

const char* search_source_name(SearchSource source) {
  switch (source) {
    case SearchSource::kTitle:
      return "title";
    case SearchSource::kSymbol:
      return "symbol";
    case SearchSource::kVersion:
      return "version";
    case SearchSource::kComment:
      return "comment";
  }
  return "title";
}

sql::SqlStatus SearchIndexWriter::add(std::int64_t dossier, SearchSource source,
                                      std::int64_t number, std::string_view text) {
  sql::SqlError error;
  sql::Statement* insert = db_->cached(
      "INSERT INTO search_index (keys, original, dossier_id, source, number) "
      "VALUES (?, ?, ?, ?, ?)",
      &error);
  // Fixed text against a migrated schema: failing to prepare is a
  // programming error, as for the other views.
  if (!insert) throw std::logic_error(error.message);
  return insert->bind(1, search_keys(text))
      .bind(2, text)
      .bind(3, dossier)
      .bind(4, search_source_name(source))
      .bind(5, number)
      .run();
}

sql::SqlStatus SearchIndexWriter::remove(std::int64_t dossier, SearchSource source,
                                         std::int64_t number) {
  sql::SqlError error;
  sql::Statement* erase = db_->cached(
      "DELETE FROM search_index WHERE dossier_id = ? AND source = ? AND number = ?", &error);
  if (!erase) throw std::logic_error(error.message);
  return erase->bind(1, dossier).bind(2, search_source_name(source)).bind(3, number).run();
}

sql::SqlStatus rewrite_search_index(sql::Connection& db) {
  if (auto s = db.exec("DELETE FROM search_index"); !s.ok()) return s;
  struct Source {
    SearchSource source;
    const char* sql;
  };
  // The order rows are written in matches no reader: dumps sort them.
  const Source sources[] = {
      {SearchSource::kTitle, "SELECT id, 0, title FROM dossiers"},
      {SearchSource::kSymbol, "SELECT id, 0, symbol FROM dossiers WHERE symbol IS NOT NULL"},
      {SearchSource::kVersion, "SELECT dossier_id, number, text FROM versions"},
      {SearchSource::kComment, "SELECT dossier_id, comment_id, text FROM comments"},
  };
  SearchIndexWriter writer(db);
  for (const Source& source : sources) {
    sql::SqlError error;
    auto rows = db.prepare(source.sql, &error);
    if (!rows) return error;
    int rc;
    while ((rc = rows->step()) == SQLITE_ROW)
      if (auto s = writer.add(rows->int64(0), source.source, rows->int64(1), rows->text(2));
          !s.ok())
        return s;
    if (rc != SQLITE_DONE) return rows->error("reading the views");
  }
  return {};
}

std::vector<std::string> dump_search_terms(sql::Connection& db) {
  // In temp: verify reads a database it may not write.
  if (auto s = db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_terms "
                       "USING fts5vocab(main, search_index, instance)");
      !s.ok())
    return {"error: " + s.error().message};
  sql::SqlError error;
  auto rows = db.prepare(
      "SELECT t.term, s.dossier_id, s.source, s.number, t.offset "
      "FROM temp.search_terms t JOIN search_index s ON s.rowid = t.doc "
      "ORDER BY 2, 3, 4, 5, 1",
      &error);
  if (!rows) return {"error: " + error.message};
  std::vector<std::string> out;
  int rc;
  while ((rc = rows->step()) == SQLITE_ROW)
    out.push_back(rows->text(0) + "|" + rows->text(1) + "|" + rows->text(2) + "|" + rows->text(3) +
                  "|" + rows->text(4));
  if (rc != SQLITE_DONE) out.push_back("error: " + rows->error("reading the index").message);
  return out;
}

}  // namespace planflow
