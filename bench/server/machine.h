// The machine the benchmark runs on: its CPUs, descriptors and disk.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace planflow::server_bench {

// The CPUs this process may run on.
std::vector<int> allowed_cpus();

// Pins the calling thread to `cpu`; threads it starts later inherit it.
void pin_this_thread(int cpu);

struct FdLimit {
  unsigned long long before = 0, now = 0, hard = 0;
};

// Raises the soft limit on open descriptors to the hard one, so that both
// ends of `needed` connections fit (the server inherits it); stops with a
// message when even the hard limit is too low.
FdLimit raise_fd_limit(std::size_t needed);

// "ext4", "tmpfs (...)", ...: a durable commit costs what the disk's fdatasync costs.
std::string filesystem_of(const std::string& path);

}  // namespace planflow::server_bench
