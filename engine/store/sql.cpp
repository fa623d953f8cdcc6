#include "engine/store/sql.h"

namespace planflow::sql {

std::string printable_url(const std::string& url) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  const auto at = url.find('@', scheme + 3);
  const auto colon = url.find(':', scheme + 3);
  if (at == std::string::npos || colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

SqlStatus Statement::run() {
  const int rc = step();
  if (rc == SQLITE_DONE || rc == SQLITE_ROW) {
    reset();
    return {};
  }
  SqlError e = error("executing statement");
  reset();
  return e;
}

std::optional<Statement> Connection::prepare(std::string_view sql, SqlError* error) {
  auto backend = b_->prepare(sql, error);
  if (!backend) return std::nullopt;
  return Statement(std::move(backend));
}

Statement* Connection::cached(std::string_view sql, SqlError* error) {
  const std::string key(sql);
  if (auto it = cache_.find(key); it != cache_.end()) {
    it->second->reset();
    return it->second.get();
  }
  auto prepared = prepare(sql, error);
  if (!prepared) return nullptr;
  auto [it, _] = cache_.emplace(key, std::make_unique<Statement>(std::move(*prepared)));
  return it->second.get();
}

}  // namespace planflow::sql
