// Counting the heap. The bench binary replaces the global operator new and
// delete (alloc_counter.cpp), so memory per dossier is counted, not guessed,
// and the throughput benchmarks can say how many allocations a command costs.
#pragma once

#include <cstdint>

namespace planflow::bench {

struct HeapCounts {
  // Usable bytes (malloc_usable_size) of the blocks still live: what malloc
  // actually set aside, rounding included, but not its per-block header.
  std::int64_t live_bytes = 0;
  // The bytes asked for, of the blocks still live. Exact only while every
  // free in the window is a sized one (see unsized_frees).
  std::int64_t live_requested = 0;
  std::int64_t live_blocks = 0;
  std::uint64_t allocations = 0;  // ever made
  // Frees that did not pass the block's size; live_requested then assumes
  // the usable size, so a window with any of these has an inexact figure.
  std::uint64_t unsized_frees = 0;
};

// The calling thread's counts. The benchmarks are single-threaded; counting
// per thread keeps atomics off the allocation path being measured.
HeapCounts heap_counts();

// malloc's per-block overhead on top of the usable bytes (glibc: the 8-byte
// chunk size word), to turn counts into a footprint comparable with RSS.
inline constexpr std::int64_t kMallocHeaderBytes = 8;

}  // namespace planflow::bench
