// `planflow seed`: the demo database, from seeds/.
#include <ostream>

#include "api/cli.h"
#include "api/cli_options.h"
#include "api/seed.h"
#include "api/workflow_files.h"
#include "engine/store/open_store.h"

namespace planflow {

namespace {

constexpr const char* kDefaultSeeds = "seeds";
// Printed with the logins: a demo database is for trying planflow out, and
// its password is no secret.
constexpr const char* kDemoPassword = "planflow-demo-2026";

}  // namespace

int run_seed(const Args& args, std::ostream& out, std::ostream& err) {
  std::string db = kDefaultDatabase, workflows = kDefaultWorkflows, seeds = kDefaultSeeds;
  for (size_t i = 0; i < args.size(); ++i) {
    if (option_value(args, &i, "--db", &db) || option_value(args, &i, "--workflows", &workflows) ||
        option_value(args, &i, "--seeds", &seeds))
      continue;
    refuse_unknown_option("seed", args[i], err);
    err << "usage: planflow seed [--db PATH] [--seeds FOLDER] [--workflows FOLDER]\n";
    return kExitUsage;
  }
  // A seed is built aside and moved into place, which a file allows.
  if (parse_store_location(db).kind == StoreKind::kPostgres) {
    err << "planflow seed: the demo is loaded into a new SQLite file; for PostgreSQL, seed a file "
           "and copy it with planflow migrate --from FILE --to URL\n";
    return kExitUsage;
  }
  DefinitionSet defs;
  auto files = list_definition_files(workflows);
  auto calendar = load_working_calendar(workflows);
  if (!files.ok() || !calendar.ok()) {
    out << workflows << ": " << (files.ok() ? calendar.error().message : files.error().message)
        << "\n";
    return kExitFailed;
  }
  for (const FileProblems& f : load_definition_files(files.value(), &defs, calendar.value()))
    if (!f.problems.empty() || f.unreadable) {
      out << f.path << ": not a valid definition (planflow validate " << workflows << ")\n";
      return kExitFailed;
    }
  auto report = seed_database(db, seeds, defs, kDemoPassword);
  if (!report.ok()) {
    out << "planflow seed: " << report.error() << "\n";
    return kExitFailed;
  }
  const SeedReport& r = report.value();
  out << db << ": " << r.dossiers << " demo dossiers from " << r.commands << " commands, "
      << r.units << " units and " << r.logins.size()
      << " accounts; each signs in with the password " << kDemoPassword << ":\n";
  for (const SeedLogin& l : r.logins)
    out << "  " << l.login << "\t" << l.name << "\t" << l.unit << "\t" << l.role << "\n";
  return kExitOk;
}

}  // namespace planflow
