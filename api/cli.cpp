#include "api/cli.h"

#include <iostream>

#include "engine/spelling.h"

namespace planflow {

namespace {

struct CommandEntry {
  const char* name;
  const char* usage;
  const char* summary;
  int (*run)(const Args&, std::istream&, std::ostream&, std::ostream&);
};

template <int (*Run)(const Args&, std::ostream&, std::ostream&)>
int without_input(const Args& args, std::istream&, std::ostream& out, std::ostream& err) {
  return Run(args, out, err);
}

constexpr CommandEntry kCommands[] = {
    {"validate", "validate FILE|FOLDER...",
     "check workflow definitions; prints FILE: OK or one line per problem",
     without_input<run_validate>},
    {"serve",
     "serve [--listen ADDRESS:PORT] [--db PATH] [--workflows FOLDER] [--web FOLDER]\n"
     "          [--origin URL]... [--rate-limit N]",
     "run the server for the browser app (stops cleanly on Ctrl-C or SIGTERM;\n"
     "      planflow serve --help says what each option is)",
     without_input<run_serve>},
    {"verify", "verify [--db PATH] [--workflows FOLDER]",
     "check every hash chain and that the views match the log", without_input<run_verify>},
    {"rebuild", "rebuild [--db PATH] [--workflows FOLDER]",
     "make the views again from the event log", without_input<run_rebuild>},
    {"backup", "backup DEST [--db PATH] [--workflows FOLDER]",
     "copy the database consistently while it is in use, then verify the copy",
     without_input<run_backup>},
    {"register", "register open ISSUER SERIES YEAR LAST [--db PATH]",
     "carry a register on from where it stood before planflow: the next number is LAST + 1",
     without_input<run_register>},
    {"migrate", "migrate --from PATH --to postgresql://... [--workflows FOLDER]",
     "copy a SQLite database into an empty PostgreSQL one, then verify the copy",
     without_input<run_migrate>},
    {"seed", "seed [--db PATH] [--seeds FOLDER] [--workflows FOLDER]",
     "load the demo units, accounts and real cases of seeds/ into a new database",
     without_input<run_seed>},
    {"unit", "unit add CODE NAME [--db PATH]\n  unit list [--db PATH]",
     "add a unit (its code goes into official symbols), or list the units", run_unit},
    {"user",
     "user add LOGIN --name NAME --unit CODE [--admin] [--db PATH]\n"
     "  user passwd LOGIN [--db PATH]\n  user disable LOGIN [--db PATH]\n"
     "  user list [--db PATH]",
     "add a user, set a password, disable an account (ending its sessions), or list the users;\n"
     "      passwords are read from standard input, never from the command line",
     run_user},
};

void print_help(std::ostream& out) {
  out << "planflow — plans drafted, consulted, concluded, issued and carried out\n\n"
         "Usage: planflow <command> [arguments]\n\nCommands:\n";
  for (const CommandEntry& c : kCommands)
    out << "  " << c.usage << "\n      " << c.summary << "\n";
  out << "  help\n      show this text\n\n"
         "Defaults: --db "
      << kDefaultDatabase << ", --workflows " << kDefaultWorkflows
      << "\n\n"
         "Exit status: 0 success, 1 the command found a problem, 2 a usage error.\n";
}

}  // namespace

int run_cli(const Args& args, std::ostream& out, std::ostream& err) {
  return run_cli(args, std::cin, out, err);
}

int run_cli(const Args& args, std::istream& in, std::ostream& out, std::ostream& err) {
  if (args.empty()) {
    print_help(err);
    return kExitUsage;
  }
  const std::string& name = args.front();
  if (name == "help" || name == "--help" || name == "-h") {
    print_help(out);
    return kExitOk;
  }
  std::vector<std::string> names;
  for (const CommandEntry& c : kCommands) {
    names.push_back(c.name);
    if (name == c.name) return c.run(Args(args.begin() + 1, args.end()), in, out, err);
  }
  err << "planflow: unknown command \"" << name << "\"" << did_you_mean(name, names)
      << "; see planflow --help\n";
  return kExitUsage;
}

}  // namespace planflow
