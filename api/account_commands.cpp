// `planflow unit ...` and `planflow user ...`: accounts as an administrator
// sets them up before anyone signs in. Problems go to standard output as
// "SUBJECT: message" (exit 1), usage errors to standard error (exit 2).
#include <openssl/crypto.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "api/accounts.h"
#include "api/cli.h"
#include "api/cli_options.h"
#include "engine/spelling.h"
#include "engine/store/open_store.h"

namespace planflow {

namespace {

constexpr const char* kUnitUsage =
    "usage: planflow unit add CODE NAME [--db PATH]\n"
    "       planflow unit list [--db PATH]\n";
constexpr const char* kUserUsage =
    "usage: planflow user add LOGIN --name NAME --unit CODE [--admin] [--db PATH]\n"
    "       planflow user passwd LOGIN [--db PATH]\n"
    "       planflow user disable LOGIN [--db PATH]\n"
    "       planflow user list [--db PATH]\n"
    "Passwords are read from standard input, one line each.\n";

struct Options {
  std::string db = kDefaultDatabase;
  std::optional<std::string> name;
  std::optional<std::string> unit;
  bool admin = false;
  std::vector<std::string> positional;
};

// Reads the options `allowed` names ("--db", "--name", "--unit" as "--x
// VALUE" or "--x=VALUE"; "--admin" alone); any other "--" argument is a
// usage error.
std::optional<Options> parse(const Args& args, std::initializer_list<std::string_view> allowed,
                             const std::string& command, std::ostream& err) {
  auto permitted = [&](std::string_view name) {
    return std::find(allowed.begin(), allowed.end(), name) != allowed.end();
  };
  Options o;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value_of = [&](std::string_view name, auto* into) {
      return permitted(name) && option_value(args, &i, name, into);
    };
    if (value_of("--db", &o.db) || value_of("--name", &o.name) || value_of("--unit", &o.unit))
      continue;
    if (a == "--admin" && permitted(a)) {
      o.admin = true;
      continue;
    }
    if (refuse_unknown_option(command, a, err)) return std::nullopt;
    o.positional.push_back(a);
  }
  return o;
}

int usage(std::ostream& err, const char* text) {
  err << text;
  return kExitUsage;
}

// Opens the accounts at `db`. Only the commands that add something may
// create the database (and its folder): a mistyped path to a listing
// should say so, not leave an empty database behind.
std::unique_ptr<Accounts> open(const std::string& db, bool create, std::ostream& out) {
  std::error_code ec;
  // A PostgreSQL database is made by its operator (docs/deployment.md).
  const StoreLocation at = parse_store_location(db);
  if (at.kind == StoreKind::kSqlite && !create && !std::filesystem::exists(at.where, ec)) {
    out << db << ": there is no database at " << db << "\n";
    return nullptr;
  }
  const std::filesystem::path folder = std::filesystem::path(at.where).parent_path();
  if (at.kind == StoreKind::kSqlite && create && !folder.empty() &&
      !std::filesystem::create_directories(folder, ec) && ec) {
    out << db << ": cannot create the folder " << folder.string() << ": " << ec.message() << "\n";
    return nullptr;
  }
  auto accounts = open_accounts(db);
  if (!accounts.ok()) {
    out << printable_location(db) << ": " << accounts.error().message << "\n";
    return nullptr;
  }
  return std::move(accounts).value();
}

int problem(std::ostream& out, const std::string& db, const std::string& subject,
            const AccountError& e) {
  out << (e.code == AccountErrorCode::kUnavailable ? db : subject) << ": " << e.message << "\n";
  return kExitFailed;
}

// Display width, counting code points: right for Vietnamese in the
// precomposed form every keyboard produces.
std::size_t width(std::string_view s) {
  std::size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

void print_table(std::ostream& out, const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()));
    for (std::size_t i = 0; i < row.size(); ++i)
      widths[i] = std::max(widths[i], width(row[i]));
  }
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(widths[i] - width(row[i]) + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ')
      line.pop_back();
    out << line << "\n";
  }
}

// Clears a password from memory when it goes out of scope.
class Secret {
 public:
  Secret() = default;
  ~Secret() { OPENSSL_cleanse(text.data(), text.size()); }
  Secret(const Secret&) = delete;
  Secret& operator=(const Secret&) = delete;
  std::string text;
};

// Turns off echo on a terminal standard input while it lives.
class EchoOff {
 public:
  EchoOff() {
    if (tcgetattr(STDIN_FILENO, &saved_) != 0) return;
    termios quiet = saved_;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    active_ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
  }
  ~EchoOff() {
    if (active_) tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
  }
  EchoOff(const EchoOff&) = delete;
  EchoOff& operator=(const EchoOff&) = delete;

 private:
  termios saved_{};
  bool active_ = false;
};

bool read_line(std::istream& in, std::string* line) {
  if (!std::getline(in, *line)) return false;
  if (!line->empty() && line->back() == '\r') line->pop_back();
  return true;
}

// One line from `in`; on a terminal, typed twice without echo. False, with
// the reason on `out`, when no password came.
bool read_password(std::istream& in, std::ostream& out, std::ostream& err, const std::string& login,
                   Secret* password) {
  if (&in != &std::cin || !isatty(STDIN_FILENO)) {
    if (read_line(in, &password->text)) return true;
    out << login << ": no password on standard input (give it as one line)\n";
    return false;
  }
  Secret again;
  bool read = false;
  {
    EchoOff quiet;
    err << "new password for " << login << ": " << std::flush;
    read = read_line(in, &password->text);
    err << "\n";
    if (read) {
      err << "the same again: " << std::flush;
      read = read_line(in, &again.text);
      err << "\n";
    }
  }
  if (!read) {
    out << login << ": no password was typed; nothing was changed\n";
    return false;
  }
  if (password->text != again.text) {
    out << login << ": the two passwords differ; nothing was changed\n";
    return false;
  }
  return true;
}

std::string unit_code_of(Accounts& accounts, UnitId id) {
  auto units = accounts.units();
  if (units.ok())
    for (const Unit& u : units.value())
      if (u.id == id) return u.code;
  return "unit " + std::to_string(id);
}

int unit_add(const Options& o, std::ostream& out) {
  const std::string& code = o.positional[0];
  auto accounts = open(o.db, true, out);
  if (!accounts) return kExitFailed;
  auto added = accounts->add_unit(code, o.positional[1]);
  if (!added.ok()) return problem(out, o.db, code, added.error());
  out << "added unit " << added.value().code << " (" << added.value().name << ")\n";
  return kExitOk;
}

int unit_list(const Options& o, std::ostream& out) {
  auto accounts = open(o.db, false, out);
  if (!accounts) return kExitFailed;
  auto units = accounts->units();
  if (!units.ok()) return problem(out, o.db, o.db, units.error());
  if (units.value().empty()) {
    out << "no units yet; add one with planflow unit add CODE NAME\n";
    return kExitOk;
  }
  std::vector<std::vector<std::string>> rows{{"CODE", "NAME"}};
  for (const Unit& u : units.value())
    rows.push_back({u.code, u.name});
  print_table(out, rows);
  return kExitOk;
}

int user_add(const Options& o, std::istream& in, std::ostream& out, std::ostream& err) {
  const std::string& login = o.positional[0];
  auto accounts = open(o.db, true, out);
  if (!accounts) return kExitFailed;
  // Mistakes the database can tell now are told before anyone types a password.
  auto units = accounts->units();
  if (!units.ok()) return problem(out, o.db, login, units.error());
  const bool unit_known = std::any_of(units.value().begin(), units.value().end(),
                                      [&](const Unit& u) { return u.code == *o.unit; });
  if (!unit_known) {
    std::vector<std::string> codes;
    for (const Unit& u : units.value())
      codes.push_back(u.code);
    out << login << ": there is no unit " << *o.unit << did_you_mean(*o.unit, codes)
        << "; see planflow unit list\n";
    return kExitFailed;
  }
  Secret password;
  if (!read_password(in, out, err, login, &password)) return kExitFailed;
  auto added = accounts->add_user(login, *o.name, *o.unit, password.text, o.admin);
  if (!added.ok()) return problem(out, o.db, login, added.error());
  const User& u = added.value();
  out << "added user " << u.login << " (" << u.name << ", " << *o.unit
      << (u.admin ? ", administrator" : "") << ")\n";
  return kExitOk;
}

int user_passwd(const Options& o, std::istream& in, std::ostream& out, std::ostream& err) {
  const std::string& login = o.positional[0];
  auto accounts = open(o.db, false, out);
  if (!accounts) return kExitFailed;
  auto users = accounts->users();
  if (!users.ok()) return problem(out, o.db, login, users.error());
  if (std::none_of(users.value().begin(), users.value().end(),
                   [&](const User& u) { return u.login == login; })) {
    out << login << ": there is no user " << login << "\n";
    return kExitFailed;
  }
  Secret password;
  if (!read_password(in, out, err, login, &password)) return kExitFailed;
  auto changed = accounts->set_password(login, password.text);
  if (!changed.ok()) return problem(out, o.db, login, changed.error());
  out << "set a new password for " << login << "; their sessions have ended\n";
  return kExitOk;
}

int user_disable(const Options& o, std::ostream& out) {
  const std::string& login = o.positional[0];
  auto accounts = open(o.db, false, out);
  if (!accounts) return kExitFailed;
  auto disabled = accounts->disable(login);
  if (!disabled.ok()) return problem(out, o.db, login, disabled.error());
  const User& u = disabled.value();
  out << "disabled user " << u.login << " (" << u.name << ", " << unit_code_of(*accounts, u.unit)
      << "); their sessions have ended\n";
  return kExitOk;
}

int user_list(const Options& o, std::ostream& out) {
  auto accounts = open(o.db, false, out);
  if (!accounts) return kExitFailed;
  auto users = accounts->users();
  if (!users.ok()) return problem(out, o.db, o.db, users.error());
  auto units = accounts->units();
  if (!units.ok()) return problem(out, o.db, o.db, units.error());
  if (users.value().empty()) {
    out << "no users yet; add one with planflow user add LOGIN --name NAME --unit CODE\n";
    return kExitOk;
  }
  std::vector<std::vector<std::string>> rows{{"LOGIN", "NAME", "UNIT", "ROLE", "STATE"}};
  for (const User& u : users.value()) {
    std::string code = "unit " + std::to_string(u.unit);
    for (const Unit& unit : units.value())
      if (unit.id == u.unit) code = unit.code;
    rows.push_back(
        {u.login, u.name, code, u.admin ? "admin" : "user", u.disabled ? "disabled" : "active"});
  }
  print_table(out, rows);
  return kExitOk;
}

bool asks_help(const Args& args) {
  return !args.empty() && (args[0] == "--help" || args[0] == "-h" || args[0] == "help");
}

int unknown_subcommand(const std::string& command, const std::string& given,
                       const std::vector<std::string>& known, const char* text, std::ostream& err) {
  if (given.rfind('-', 0) == 0) return usage(err, text);  // an option before any subcommand
  err << "planflow " << command << ": unknown subcommand \"" << given << "\""
      << did_you_mean(given, known) << "\n";
  return usage(err, text);
}

}  // namespace

int run_unit(const Args& args, std::istream&, std::ostream& out, std::ostream& err) {
  if (asks_help(args)) {
    out << kUnitUsage;
    return kExitOk;
  }
  if (args.empty()) return usage(err, kUnitUsage);
  const std::string& sub = args[0];
  const Args rest(args.begin() + 1, args.end());
  if (sub == "add") {
    auto o = parse(rest, {"--db"}, "unit add", err);
    if (!o || o->positional.size() != 2) return usage(err, kUnitUsage);
    return unit_add(*o, out);
  }
  if (sub == "list") {
    auto o = parse(rest, {"--db"}, "unit list", err);
    if (!o || !o->positional.empty()) return usage(err, kUnitUsage);
    return unit_list(*o, out);
  }
  return unknown_subcommand("unit", sub, {"add", "list"}, kUnitUsage, err);
}

int run_user(const Args& args, std::istream& in, std::ostream& out, std::ostream& err) {
  if (asks_help(args)) {
    out << kUserUsage;
    return kExitOk;
  }
  if (args.empty()) return usage(err, kUserUsage);
  const std::string& sub = args[0];
  const Args rest(args.begin() + 1, args.end());
  if (sub == "add") {
    auto o = parse(rest, {"--db", "--name", "--unit", "--admin"}, "user add", err);
    if (!o || o->positional.size() != 1 || !o->name || !o->unit) return usage(err, kUserUsage);
    return user_add(*o, in, out, err);
  }
  if (sub == "passwd" || sub == "disable" || sub == "list") {
    auto o = parse(rest, {"--db"}, "user " + sub, err);
    if (!o || o->positional.size() != (sub == "list" ? 0u : 1u)) return usage(err, kUserUsage);
    if (sub == "passwd") return user_passwd(*o, in, out, err);
    if (sub == "disable") return user_disable(*o, out);
    return user_list(*o, out);
  }
  return unknown_subcommand("user", sub, {"add", "passwd", "disable", "list"}, kUserUsage, err);
}

}  // namespace planflow
