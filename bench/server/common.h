// What every part of the server benchmark shares: stopping with a message,
// the figures' arithmetic, and the one BENCH_RESULT line the harness reads.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace planflow::server_bench {

using Clock = std::chrono::steady_clock;

// Prints the message, stops the server under test and removes the temporary
// folder, then exits with status 1. Safe from any thread: it does not unwind.
[[noreturn]] void die(const std::string& message);

// What die() and a normal end clean up.
void remove_on_exit(std::string folder);
void kill_on_exit(pid_t server, std::string log_path);
void forget_server(pid_t server);
// A shell command that stops the run's PostgreSQL server.
void stop_postgres_on_exit(std::string command);
void clean_up();

// The last `lines` lines of a file, each indented under a bar.
std::string tail_of(const std::string& path, std::size_t lines);

double ms_between(Clock::time_point a, Clock::time_point b);

// Nearest-rank percentile of sorted values.
double percentile(const std::vector<double>& sorted, double p);

// Rounded to `decimals` places, so the JSON line stays readable.
double rounded(double value, int decimals);

using Figures = std::vector<std::pair<std::string, double>>;

// BENCH_RESULT {"scenario":...,"subject":...,"figures":{...},"notes":...}
void print_result(const std::string& scenario, const std::string& subject, const Figures& figures,
                  const std::string& notes);

}  // namespace planflow::server_bench
