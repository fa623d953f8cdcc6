// The planflow command line: `planflow <command> [args]`. Each command is a
// function from its arguments and two streams to an exit status, so tests
// run commands in process and read what a user would see.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace planflow {

using Args = std::vector<std::string>;

// Exit statuses shared by every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;  // the command ran and found a problem
inline constexpr int kExitUsage = 2;   // the command line itself is wrong

// `in` feeds the commands that read a password; the first form reads std::cin.
int run_cli(const Args& args, std::ostream& out, std::ostream& err);
int run_cli(const Args& args, std::istream& in, std::ostream& out, std::ostream& err);

inline constexpr const char* kDefaultDatabase = "data/planflow.db";
inline constexpr const char* kDefaultWorkflows = "workflows";

int run_validate(const Args& args, std::ostream& out, std::ostream& err);
int run_serve(const Args& args, std::ostream& out, std::ostream& err);
int run_verify(const Args& args, std::ostream& out, std::ostream& err);
int run_rebuild(const Args& args, std::ostream& out, std::ostream& err);
int run_backup(const Args& args, std::ostream& out, std::ostream& err);
int run_seed(const Args& args, std::ostream& out, std::ostream& err);
int run_register(const Args& args, std::ostream& out, std::ostream& err);
int run_migrate(const Args& args, std::ostream& out, std::ostream& err);
int run_unit(const Args& args, std::istream& in, std::ostream& out, std::ostream& err);
// Passwords come one line at a time from `in`, never from the command line;
// when `in` is std::cin on a terminal, after a prompt on `err`, unechoed.
int run_user(const Args& args, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace planflow
