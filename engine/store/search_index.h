// The full-text index (schema version 5): one FTS5 row for each dossier
// title, issued symbol, draft version and comment. `keys` holds the text's
// search keys (engine/search_text.h), which FTS5 indexes; `original` the
// text as written, unindexed, for snippets. It is a view like the others:
// written in the transaction of its events, dumped and rebuilt with them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/store/sql.h"

namespace planflow {

// What a row of the index is the text of; `number` is the version's number
// or the comment's id, 0 for a title or a symbol.
enum class SearchSource : std::uint8_t { kTitle, kSymbol, kVersion, kComment };

const char* search_source_name(SearchSource source);

class SearchIndexWriter {
 public:
  explicit SearchIndexWriter(sql::Connection& db) : db_(&db) {}
  sql::SqlStatus add(std::int64_t dossier, SearchSource source, std::int64_t number,
                     std::string_view text);
  // Takes out what add() put in for this source and number.
  sql::SqlStatus remove(std::int64_t dossier, SearchSource source, std::int64_t number);

 private:
  sql::Connection* db_;
};

// Fills the index again from the dossiers, versions and comments views, as
// the upgrade to schema version 5 needs for a database already in use.
sql::SqlStatus rewrite_search_index(sql::Connection& db);

// What FTS5 itself holds, read through fts5vocab: every indexed word and
// where it is, each row named by its dossier, source and number rather than
// by its rowid, which depends on the order rows were written in. Equal
// dumps mean equal indexes, which equal rows alone would not show.
std::vector<std::string> dump_search_terms(sql::Connection& db);

}  // namespace planflow
