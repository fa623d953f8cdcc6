#include "bench/server/machine.h"

#include <sched.h>
#include <sys/resource.h>
#include <sys/vfs.h>

#include "bench/server/common.h"

namespace planflow::server_bench {

std::vector<int> allowed_cpus() {
  cpu_set_t set;
  CPU_ZERO(&set);
  std::vector<int> cpus;
  if (sched_getaffinity(0, sizeof set, &set) != 0) return cpus;
  for (int c = 0; c < CPU_SETSIZE; ++c)
    if (CPU_ISSET(c, &set)) cpus.push_back(c);
  return cpus;
}

void pin_this_thread(int cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  if (sched_setaffinity(0, sizeof set, &set) != 0)
    die("cannot pin the client to CPU " + std::to_string(cpu));
}

FdLimit raise_fd_limit(std::size_t needed) {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) die("cannot read the file-descriptor limit");
  FdLimit out{limit.rlim_cur, limit.rlim_cur, limit.rlim_max};
  if (limit.rlim_max != RLIM_INFINITY && limit.rlim_max < needed)
    die("this needs " + std::to_string(needed) +
        " open descriptors in the client and as many in the server, but the hard limit is " +
        std::to_string(limit.rlim_max) + " (ulimit -Hn); raise it or ask for fewer sessions");
  limit.rlim_cur = limit.rlim_max;
  if (setrlimit(RLIMIT_NOFILE, &limit) != 0) die("cannot raise the file-descriptor soft limit");
  out.now = limit.rlim_cur;
  return out;
}

std::string filesystem_of(const std::string& path) {
  struct statfs fs {};
  if (statfs(path.c_str(), &fs) != 0) return "unknown";
  switch (static_cast<unsigned long>(fs.f_type)) {
    case 0xEF53:
      return "ext4";
    case 0x58465342:
      return "xfs";
    case 0x9123683E:
      return "btrfs";
    case 0x01021994:
      return "tmpfs (fsync costs nothing here: not a durable figure)";
    case 0x794C7630:
      return "overlayfs";
    default:
      return "other";
  }
}

}  // namespace planflow::server_bench
