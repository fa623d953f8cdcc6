#include "bench/server/child_process.h"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "bench/server/common.h"

namespace planflow::server_bench {

namespace {

std::string how_it_ended(int status) {
  if (WIFEXITED(status)) return "status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "signal " + std::to_string(WTERMSIG(status));
  return "status word " + std::to_string(status);
}

// argv[0] as a path: as given when it has a slash, else the first
// executable of that name in PATH.
std::string program_path(const std::string& name) {
  if (name.find('/') != std::string::npos) return name;
  const char* path = std::getenv("PATH");
  std::istringstream folders(path ? path : "/usr/local/bin:/usr/bin:/bin");
  for (std::string folder; std::getline(folders, folder, ':');) {
    const std::string candidate = (folder.empty() ? "." : folder) + "/" + name;
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  die("there is no program \"" + name + "\" in PATH");
}

}  // namespace

ChildProcess::ChildProcess(const std::vector<std::string>& argv, const std::string& log_path,
                           int cpu)
    : log_path_(log_path) {
  // Everything the child needs is made before fork(): between fork() and
  // exec() a multithreaded process may only make async-signal-safe calls.
  const std::string program = program_path(argv.at(0));
  std::vector<char*> args;
  for (const std::string& a : argv)
    args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const int log = open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (log < 0) die("cannot write " + log_path + ": " + std::strerror(errno));
  const int null_input = open("/dev/null", O_RDONLY | O_CLOEXEC);
  cpu_set_t cpus;
  CPU_ZERO(&cpus);
  if (cpu >= 0) CPU_SET(cpu, &cpus);
  const pid_t parent = getpid();

  pid_ = fork();
  if (pid_ < 0) die(std::string("cannot fork: ") + std::strerror(errno));
  if (pid_ == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(126);  // the bench died in between
    if (cpu >= 0 && sched_setaffinity(0, sizeof cpus, &cpus) != 0) _exit(125);
    dup2(null_input, 0);
    dup2(log, 1);
    dup2(log, 2);
    execv(program.c_str(), args.data());
    const char failed[] = "exec failed: the program was not found or cannot run\n";
    (void)!write(2, failed, sizeof failed - 1);
    _exit(127);
  }
  close(log);
  if (null_input >= 0) close(null_input);
  kill_on_exit(pid_, log_path_);
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    forget_server(pid_);
  }
}

std::string ChildProcess::wait_for_output(std::string_view marker, std::chrono::seconds timeout) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    std::ifstream in(log_path_);
    for (std::string line; std::getline(in, line);)
      if (line.find(marker) != std::string::npos) return line;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      forget_server(pid_);
      pid_ = 0;
      std::ifstream again(log_path_);
      std::stringstream text;
      text << again.rdbuf();
      die("the server under test exited before it served (" + how_it_ended(status) +
          "); it wrote:\n" + text.str());
    }
    if (Clock::now() > deadline)
      die("the server under test did not say \"" + std::string(marker) + "\" within " +
          std::to_string(timeout.count()) + " s (its output is in " + log_path_ + ")");
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

void ChildProcess::pin_to(int cpu) {
  cpu_set_t cpus;
  CPU_ZERO(&cpus);
  CPU_SET(cpu, &cpus);
  // Until a pass finds every thread already pinned: one may start while
  // the folder is read.
  for (bool changed = true; changed;) {
    changed = false;
    const std::string tasks = "/proc/" + std::to_string(pid_) + "/task";
    std::error_code ec;
    for (const auto& task : std::filesystem::directory_iterator(tasks, ec)) {
      const pid_t tid = std::atoi(task.path().filename().c_str());
      cpu_set_t now;
      if (sched_getaffinity(tid, sizeof now, &now) != 0) continue;  // it has ended
      if (CPU_EQUAL(&now, &cpus)) continue;
      if (sched_setaffinity(tid, sizeof cpus, &cpus) != 0 && errno != ESRCH)
        die("cannot pin the server's thread " + std::to_string(tid) + " to CPU " +
            std::to_string(cpu) + ": " + std::strerror(errno));
      changed = true;
    }
    if (ec) die("cannot list the server's threads in " + tasks + ": " + ec.message());
  }
}

double ChildProcess::cpu_seconds() const {
  std::ifstream in("/proc/" + std::to_string(pid_) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // The command name, field 2, is in parentheses and may hold spaces.
  const auto close = stat.rfind(')');
  if (close == std::string::npos) die("cannot read the server's CPU time (/proc/PID/stat)");
  std::istringstream fields(stat.substr(close + 2));
  std::string field;
  unsigned long long utime = 0, stime = 0;
  // After the name: state (3), ppid (4), ... utime (14), stime (15).
  for (int n = 3; n <= 15 && fields >> field; ++n) {
    if (n == 14) utime = std::stoull(field);
    if (n == 15) stime = std::stoull(field);
  }
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

std::size_t ChildProcess::rss_bytes() const {
  std::ifstream in("/proc/" + std::to_string(pid_) + "/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("VmRSS:", 0) == 0) return std::stoull(line.substr(6)) * 1024;
  die("cannot read the server's resident memory (/proc/PID/status)");
}

std::string ChildProcess::stop(std::chrono::seconds grace) {
  if (pid_ <= 0) return "already gone";
  kill(pid_, SIGTERM);
  const auto deadline = Clock::now() + grace;
  int status = 0;
  std::string ended;
  for (;;) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      ended = how_it_ended(status);
      break;
    }
    if (Clock::now() > deadline) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
      ended = "killed after " + std::to_string(grace.count()) + " s";
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  forget_server(pid_);
  pid_ = 0;
  return ended;
}

}  // namespace planflow::server_bench
