// The server under test, in a process of its own, so that its CPU time and
// resident memory are its alone, read from /proc.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace planflow::server_bench {

class ChildProcess {
 public:
  // Runs `argv` (argv[0] looked up in PATH when it has no slash) with its standard output and
  // error going to `log_path`, on `cpu` alone (-1: wherever the scheduler
  // likes). It is killed if this process dies first.
  ChildProcess(const std::vector<std::string>& argv, const std::string& log_path, int cpu);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // The first line of its output that contains `marker`; stops the run when
  // it exits or `timeout` passes first.
  std::string wait_for_output(std::string_view marker, std::chrono::seconds timeout);

  // Pins every thread it has to `cpu`, for a child started on any CPU that
  // prepares its state before it serves; threads it starts later inherit it.
  void pin_to(int cpu);

  pid_t pid() const { return pid_; }
  // User plus system time of all its threads so far (/proc/PID/stat).
  double cpu_seconds() const;
  // Its resident set (VmRSS in /proc/PID/status).
  std::size_t rss_bytes() const;

  // SIGTERM, then waits up to `grace` (then SIGKILL). Returns how it ended:
  // "status 0", "signal 15", "killed after 5 s".
  std::string stop(std::chrono::seconds grace);

 private:
  pid_t pid_ = 0;
  std::string log_path_;
};

}  // namespace planflow::server_bench
