// Operator commands on the database: verify, rebuild, backup, register, migrate. Each loads the
// workflow definitions (a dossier's events are read under its definition).
#include <filesystem>
#include <ostream>

#include "api/accounts.h"
#include "api/cli.h"
#include "api/cli_options.h"
#include "api/server/server_config.h"
#include "api/workflow_files.h"
#include "engine/store/copy_database.h"
#include "engine/store/maintenance.h"
#include "engine/store/open_store.h"

namespace planflow {

namespace {

struct DbOptions {
  std::string db = kDefaultDatabase;
  std::string workflows = kDefaultWorkflows;
  std::vector<std::string> positional;
};

// Reads --db and --workflows (as "--db PATH" or "--db=PATH"); anything else
// starting with "--" is a usage error.
std::optional<DbOptions> parse(const Args& args, const char* command, std::ostream& err) {
  DbOptions o;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (option_value(args, &i, "--db", &o.db) ||
        option_value(args, &i, "--workflows", &o.workflows))
      continue;
    if (refuse_unknown_option(command, a, err)) return std::nullopt;
    o.positional.push_back(a);
  }
  return o;
}

bool load_definitions(const std::string& folder, DefinitionSet* set, std::ostream& out) {
  auto files = list_definition_files(folder);
  if (!files.ok()) {
    out << folder << ": " << files.error().message << "\n";
    return false;
  }
  auto calendar = load_working_calendar(folder);
  if (!calendar.ok()) {
    out << calendar.error().message << "\n";
    return false;
  }
  bool ok = true;
  for (const FileProblems& file : load_definition_files(files.value(), set, calendar.value())) {
    for (const Problem& p : file.problems) {
      out << file.path << ": " << (p.pointer.empty() ? "/" : p.pointer) << ": " << p.message
          << "\n";
      ok = false;
    }
  }
  if (!ok) out << "fix the workflow definitions first (planflow validate " << folder << ")\n";
  return ok;
}

}  // namespace

int run_verify(const Args& args, std::ostream& out, std::ostream& err) {
  auto o = parse(args, "verify", err);
  if (!o || !o->positional.empty()) {
    err << "usage: planflow verify [--db PATH] [--workflows FOLDER]\n";
    return kExitUsage;
  }
  DefinitionSet defs;
  if (!load_definitions(o->workflows, &defs, out)) return kExitFailed;
  auto report = verify_database(o->db, defs);
  if (!report.ok()) {
    out << printable_location(o->db) << ": " << report.error().message << "\n";
    return kExitFailed;
  }
  const VerifyReport& r = report.value();
  if (!r.ok) {
    out << printable_location(o->db) << ": ";
    if (r.bad_dossier) out << "dossier " << *r.bad_dossier;
    if (r.bad_dossier_seq) out << ", event " << *r.bad_dossier_seq;
    out << (r.bad_dossier ? ": " : "") << r.problem << "\n";
    return kExitFailed;
  }
  out << printable_location(o->db) << ": OK — " << r.dossiers << " dossiers, " << r.events
      << " events; every hash chain holds and the views match the log\n";
  return kExitOk;
}

int run_rebuild(const Args& args, std::ostream& out, std::ostream& err) {
  auto o = parse(args, "rebuild", err);
  if (!o || !o->positional.empty()) {
    err << "usage: planflow rebuild [--db PATH] [--workflows FOLDER]\n";
    return kExitUsage;
  }
  DefinitionSet defs;
  if (!load_definitions(o->workflows, &defs, out)) return kExitFailed;
  auto report = rebuild_views(o->db, defs);
  if (!report.ok()) {
    out << printable_location(o->db) << ": " << report.error().message << "\n";
    return kExitFailed;
  }
  out << printable_location(o->db) << ": rebuilt the views of " << report.value().dossiers
      << " dossiers from " << report.value().events << " events\n";
  return kExitOk;
}

int run_backup(const Args& args, std::ostream& out, std::ostream& err) {
  auto o = parse(args, "backup", err);
  if (!o || o->positional.size() != 1) {
    err << "usage: planflow backup DEST [--db PATH] [--workflows FOLDER]\n";
    return kExitUsage;
  }
  const std::string& dest = o->positional[0];
  auto copied = backup_database(o->db, dest);
  if (!copied.ok()) {
    out << printable_location(o->db) << ": " << copied.error().message << "\n";
    return kExitFailed;
  }
  // A backup nobody has checked is a hope; check it now.
  DefinitionSet defs;
  if (!load_definitions(o->workflows, &defs, out)) return kExitFailed;
  auto report = verify_database(dest, defs);
  if (!report.ok() || !report.value().ok) {
    out << dest << ": the copy does not verify: "
        << (report.ok() ? report.value().problem : report.error().message) << "\n";
    return kExitFailed;
  }
  out << printable_location(o->db) << ": backed up to " << dest << " (" << report.value().dossiers
      << " dossiers, " << report.value().events << " events, verified)\n";
  return kExitOk;
}

// `register open ISSUER SERIES YEAR LAST`: where a register stood before
// planflow, so numbering carries on from the province's own book.
int run_register(const Args& args, std::ostream& out, std::ostream& err) {
  auto o = parse(args, "register", err);
  const char* usage = "usage: planflow register open ISSUER SERIES YEAR LAST [--db PATH]\n";
  if (!o || o->positional.size() != 5 || o->positional[0] != "open") {
    err << usage;
    return kExitUsage;
  }
  const std::string& code = o->positional[1];
  int year = 0;
  long long last = -1;
  try {
    year = std::stoi(o->positional[3]);
    last = std::stoll(o->positional[4]);
  } catch (const std::exception&) {
    err << "planflow register: YEAR and LAST are whole numbers\n" << usage;
    return kExitUsage;
  }
  if (last < 0 || last > 9999999) {
    err << "planflow register: LAST is the last number already used, 0 to 9999999\n";
    return kExitUsage;
  }
  if (parse_store_location(o->db).kind == StoreKind::kSqlite && !std::filesystem::exists(o->db)) {
    out << printable_location(o->db) << ": there is no database here\n";
    return kExitFailed;
  }
  UnitId issuer = 0;
  {
    auto accounts = open_accounts(o->db);
    if (!accounts.ok()) {
      out << printable_location(o->db) << ": " << accounts.error().message << "\n";
      return kExitFailed;
    }
    auto units = accounts.value()->units();
    if (!units.ok()) {
      out << printable_location(o->db) << ": " << units.error().message << "\n";
      return kExitFailed;
    }
    for (const Unit& u : units.value())
      if (u.code == code) issuer = u.id;
  }
  if (issuer == 0) {
    out << "planflow register: no unit " << code << " (planflow unit list)\n";
    return kExitFailed;
  }
  auto opened = open_register(
      o->db, {issuer, o->positional[2], year, static_cast<std::uint32_t>(last)}, wall_clock_now());
  if (!opened.ok()) {
    out << printable_location(o->db) << ": " << opened.error().message << "\n";
    return kExitFailed;
  }
  out << printable_location(o->db) << ": the " << o->positional[2] << " register of " << code
      << " for " << year << " carries on from " << last << "; the next number is " << last + 1
      << "\n";
  return kExitOk;
}

// `migrate --from PATH --to URL`: a province's SQLite history into the
// PostgreSQL several nodes share, checked twice: the chains' last hashes
// while copying, and a full verify of the target after.
int run_migrate(const Args& args, std::ostream& out, std::ostream& err) {
  const char* usage =
      "usage: planflow migrate --from PATH --to postgresql://... [--workflows FOLDER]\n";
  std::string from, to, workflows = kDefaultWorkflows;
  for (size_t i = 0; i < args.size(); ++i) {
    if (option_value(args, &i, "--from", &from) || option_value(args, &i, "--to", &to) ||
        option_value(args, &i, "--workflows", &workflows))
      continue;
    if (refuse_unknown_option("migrate", args[i], err)) return kExitUsage;
    err << usage;
    return kExitUsage;
  }
  if (from.empty() || to.empty()) {
    err << usage;
    return kExitUsage;
  }
  if (parse_store_location(to).kind != StoreKind::kPostgres) {
    err << "planflow migrate: --to takes a postgresql:// URL\n" << usage;
    return kExitUsage;
  }
  DefinitionSet defs;
  if (!load_definitions(workflows, &defs, out)) return kExitFailed;
  auto copied = copy_sqlite_to_postgres(parse_store_location(from).where, to);
  if (!copied.ok()) {
    out << from << ": " << copied.error().message << "\n";
    return kExitFailed;
  }
  auto report = verify_database(to, defs);
  if (!report.ok() || !report.value().ok) {
    out << printable_location(to) << ": the copy does not verify: "
        << (report.ok() ? report.value().problem : report.error().message) << "\n";
    return kExitFailed;
  }
  out << from << ": copied " << copied.value().rows << " rows (" << copied.value().events
      << " events of " << copied.value().dossiers
      << " dossiers, every hash chain the same) and verified the copy\n";
  return kExitOk;
}

}  // namespace planflow
