#include "api/seed.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "api/accounts.h"
#include "api/workflow_files.h"
#include "engine/command_json.h"
#include "engine/store/maintenance.h"
#include "engine/store/sqlite_store.h"
#include "engine/time.h"

namespace planflow {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxSeedFileBytes = 4 * 1024 * 1024;

struct Directory {
  std::map<std::string, Unit, std::less<>> units;
  std::map<std::string, User, std::less<>> users;
};

Result<json, std::string> read_json(const std::string& path) {
  auto text = read_text_file(path, kMaxSeedFileBytes);
  if (!text.ok()) return path + ": " + text.error().message;
  json j = json::parse(text.value(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) return path + ": not a JSON object";
  return j;
}

std::string text_field(const json& j, const char* name) {
  const auto it = j.find(name);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// "@unit:CODE" and "@user:LOGIN" anywhere in a command become the ids the
// accounts gave them.
Result<json, std::string> resolve(const json& j, const Directory& dir) {
  if (j.is_string()) {
    const std::string& s = j.get_ref<const std::string&>();
    if (s.rfind("@unit:", 0) == 0) {
      const auto u = dir.units.find(s.substr(6));
      if (u == dir.units.end()) return "no unit " + s.substr(6);
      return json(u->second.id);
    }
    if (s.rfind("@user:", 0) == 0) {
      const auto u = dir.users.find(s.substr(6));
      if (u == dir.users.end()) return "no user " + s.substr(6);
      return json(u->second.id);
    }
    return j;
  }
  if (j.is_array() || j.is_object()) {
    json out = j;
    for (auto it = out.begin(); it != out.end(); ++it) {
      auto r = resolve(*it, dir);
      if (!r.ok()) return r.error();
      *it = std::move(r).value();
    }
    return out;
  }
  return j;
}

Result<bool, std::string> add_accounts(Accounts& accounts, const json& file,
                                       const std::string& path, const std::string& password,
                                       Directory* dir, SeedReport* report) {
  for (const json& u : file.value("units", json::array())) {
    auto added = accounts.add_unit(text_field(u, "code"), text_field(u, "name"));
    if (!added.ok()) return path + ": unit " + text_field(u, "code") + ": " + added.error().message;
    dir->units[added.value().code] = added.value();
    ++report->units;
  }
  for (const json& u : file.value("users", json::array())) {
    const std::string login = text_field(u, "login");
    auto added = accounts.add_user(login, text_field(u, "name"), text_field(u, "unit"), password,
                                   u.value("admin", false));
    if (!added.ok()) return path + ": user " + login + ": " + added.error().message;
    dir->users[login] = added.value();
    report->logins.push_back(
        {login, text_field(u, "name"), text_field(u, "unit"), text_field(u, "role")});
  }
  return true;
}

Result<bool, std::string> open_registers(const std::string& database, const json& file,
                                         const std::string& path, const Directory& dir) {
  for (const json& r : file.value("registers", json::array())) {
    const auto issuer = dir.units.find(text_field(r, "issuer"));
    if (issuer == dir.units.end())
      return path + ": register of unknown unit " + text_field(r, "issuer");
    const int year = r.value("year", 0);
    const auto last = r.value("last", -1);
    if (last < 0) return path + ": a register needs its \"last\" number";
    auto opened = open_register(
        database,
        {issuer->second.id, text_field(r, "series"), year, static_cast<std::uint32_t>(last)}, 0);
    if (!opened.ok())
      return path + ": register " + text_field(r, "series") + ": " + opened.error().message;
  }
  return true;
}

std::string refusal(const StoreError& e) {
  if (e.engine)
    return e.engine->message + (e.engine->detail.empty() ? "" : " (" + e.engine->detail + ")");
  return e.message;
}

Result<bool, std::string> replay_dossiers(Store& store, const DefinitionSet& defs, const json& file,
                                          const std::string& path, const Directory& dir,
                                          SeedReport* report) {
  std::size_t n = 0;
  for (const json& d : file.value("dossiers", json::array())) {
    ++n;
    const std::string workflow = text_field(d, "workflow");
    const Definition* def = defs.latest(workflow);
    if (!def) return path + ": dossier " + std::to_string(n) + ": no workflow \"" + workflow + "\"";
    DossierId id = 0;
    std::size_t step = 0;
    for (const json& s : d.value("steps", json::array())) {
      ++step;
      const std::string where =
          path + ": dossier " + std::to_string(n) + ", step " + std::to_string(step);
      const auto at = parse_time(text_field(s, "at"));
      if (!at) return where + ": \"at\" is not a time";
      const auto by = dir.users.find(text_field(s, "by"));
      if (by == dir.users.end()) return where + ": no user \"" + text_field(s, "by") + "\"";
      auto body = resolve(s.value("command", json()), dir);
      if (!body.ok()) return where + ": " + body.error();
      auto command = command_from_json(body.value(), def);
      if (!command.ok()) return where + ": " + command.error().message;
      CommandRequest request;
      request.request_id = "seed/" + std::filesystem::path(path).filename().string() + "/" +
                           std::to_string(n) + "/" + std::to_string(step);
      request.dossier = id;
      request.workflow = workflow;
      request.command = std::move(command).value();
      request.actor = Actor{by->second.id, by->second.unit, by->second.admin};
      request.now = *at;
      auto committed = store.execute(std::move(request));
      if (!committed.ok())
        return where + " (" + body.value().value("type", "?") + "): " + refusal(committed.error());
      id = committed.value().dossier;
      ++report->commands;
    }
    if (id != 0) ++report->dossiers;
  }
  return true;
}

Result<SeedReport, std::string> seed_into(const std::string& database,
                                          const std::vector<std::string>& files,
                                          const DefinitionSet& defs, const std::string& password) {
  std::vector<json> parsed;
  for (const std::string& f : files) {
    auto j = read_json(f);
    if (!j.ok()) return j.error();
    parsed.push_back(std::move(j).value());
  }
  SeedReport report;
  Directory dir;
  // A field of the wrong JSON type (a year in quotes, "admin": "yes") is
  // the file's fault: say which file, never stop on the exception.
  std::size_t at = 0;
  try {
    {
      auto accounts = open_accounts(database);
      if (!accounts.ok()) return database + ": " + accounts.error().message;
      for (at = 0; at < files.size(); ++at)
        if (auto r =
                add_accounts(*accounts.value(), parsed[at], files[at], password, &dir, &report);
            !r.ok())
          return r.error();
    }
    auto store = open_sqlite_store(database, defs);
    if (!store.ok()) return database + ": " + store.error().message;
    for (at = 0; at < files.size(); ++at)
      if (auto r = open_registers(database, parsed[at], files[at], dir); !r.ok()) return r.error();
    for (at = 0; at < files.size(); ++at)
      if (auto r = replay_dossiers(*store.value(), defs, parsed[at], files[at], dir, &report);
          !r.ok())
        return r.error();
    store.value()->close();
  } catch (const json::exception& e) {
    return files[std::min(at, files.size() - 1)] + ": " + e.what();
  }
  return report;
}

void remove_database(const std::string& path) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"})
    std::filesystem::remove(path + suffix, ec);
}

// Whether the database holds anything a seed would mix with.
Result<bool, std::string> holds_data(const std::string& database, const DefinitionSet& defs) {
  if (!std::filesystem::exists(database)) return false;
  auto accounts = open_accounts(database);
  if (!accounts.ok()) return database + ": " + accounts.error().message;
  auto units = accounts.value()->units();
  auto users = accounts.value()->users();
  if (!units.ok() || !users.ok()) return database + ": cannot read its accounts";
  if (!units.value().empty() || !users.value().empty()) return true;
  auto store = open_sqlite_store(database, defs);
  if (!store.ok()) return database + ": " + store.error().message;
  auto sequence = store.value()->last_sequence();
  if (!sequence.ok()) return database + ": " + sequence.error().message;
  return sequence.value() > 0;
}

}  // namespace

Result<SeedReport, std::string> seed_database(const std::string& database,
                                              const std::string& folder,
                                              const DefinitionSet& definitions,
                                              const std::string& password) {
  auto full = holds_data(database, definitions);
  if (!full.ok()) return full.error();
  if (full.value())
    return database + " is not empty: planflow seed loads the demo only into a new database";
  std::vector<std::string> files{folder + "/accounts.json"};
  std::vector<std::string> cases;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(folder + "/cases", ec), end; !ec && it != end;
       it.increment(ec))
    if (it->path().extension() == ".json") cases.push_back(it->path().string());
  if (ec) return folder + "/cases: " + ec.message();
  std::sort(cases.begin(), cases.end());
  files.insert(files.end(), cases.begin(), cases.end());
  // Built aside and moved into place, so a case that fails leaves nothing
  // half-seeded behind.
  const std::string building = database + ".seeding";
  remove_database(building);
  auto report = seed_into(building, files, definitions, password);
  if (!report.ok()) {
    remove_database(building);
    return report.error();
  }
  remove_database(database);
  std::filesystem::rename(building, database, ec);
  if (ec) return database + ": " + ec.message();
  return report;
}

}  // namespace planflow
