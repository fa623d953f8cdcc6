// Replacements of every global operator new and delete, counting what each
// thread holds. Usable sizes are read back from malloc on both sides, so the
// live figure is exact with no header of our own (which would inflate the
// RSS cross-check); requested sizes come from the sized deletes C++14 made
// the default.
#include "bench/alloc_counter.h"

#include <malloc.h>

#include <cstdlib>
#include <new>

namespace planflow::bench {

namespace {

// Trivially initialised, so usable from the first allocation of the process.
thread_local HeapCounts counts;

void note_alloc(void* p, std::size_t requested) {
  ++counts.allocations;
  ++counts.live_blocks;
  counts.live_bytes += static_cast<std::int64_t>(malloc_usable_size(p));
  counts.live_requested += static_cast<std::int64_t>(requested);
}

void note_free(void* p, std::size_t requested) {
  const auto usable = static_cast<std::int64_t>(malloc_usable_size(p));
  --counts.live_blocks;
  counts.live_bytes -= usable;
  counts.live_requested -= static_cast<std::int64_t>(requested);
}

void note_unsized_free(void* p) {
  ++counts.unsized_frees;
  note_free(p, malloc_usable_size(p));
}

void* allocate(std::size_t n) {
  void* p = std::malloc(n ? n : 1);
  if (!p) throw std::bad_alloc();
  note_alloc(p, n);
  return p;
}

void* allocate(std::size_t n, std::align_val_t al) {
  void* p = nullptr;
  const auto alignment = static_cast<std::size_t>(al);
  if (posix_memalign(&p, alignment < sizeof(void*) ? sizeof(void*) : alignment, n ? n : 1) != 0)
    throw std::bad_alloc();
  note_alloc(p, n);
  return p;
}

void release(void* p) {
  if (!p) return;
  note_unsized_free(p);
  std::free(p);
}

void release(void* p, std::size_t n) {
  if (!p) return;
  note_free(p, n);
  std::free(p);
}

}  // namespace

HeapCounts heap_counts() {
  return counts;
}

}  // namespace planflow::bench

using planflow::bench::allocate;
using planflow::bench::release;

void* operator new(std::size_t n) {
  return allocate(n);
}
void* operator new[](std::size_t n) {
  return allocate(n);
}
void* operator new(std::size_t n, std::align_val_t al) {
  return allocate(n, al);
}
void* operator new[](std::size_t n, std::align_val_t al) {
  return allocate(n, al);
}

void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  try {
    return allocate(n);
  } catch (...) {
    return nullptr;
  }
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
  try {
    return allocate(n);
  } catch (...) {
    return nullptr;
  }
}
void* operator new(std::size_t n, std::align_val_t al, const std::nothrow_t&) noexcept {
  try {
    return allocate(n, al);
  } catch (...) {
    return nullptr;
  }
}
void* operator new[](std::size_t n, std::align_val_t al, const std::nothrow_t&) noexcept {
  try {
    return allocate(n, al);
  } catch (...) {
    return nullptr;
  }
}

void operator delete(void* p) noexcept {
  release(p);
}
void operator delete[](void* p) noexcept {
  release(p);
}
void operator delete(void* p, std::size_t n) noexcept {
  release(p, n);
}
void operator delete[](void* p, std::size_t n) noexcept {
  release(p, n);
}
void operator delete(void* p, std::align_val_t) noexcept {
  release(p);
}
void operator delete[](void* p, std::align_val_t) noexcept {
  release(p);
}
void operator delete(void* p, std::size_t n, std::align_val_t) noexcept {
  release(p, n);
}
void operator delete[](void* p, std::size_t n, std::align_val_t) noexcept {
  release(p, n);
}
void operator delete(void* p, const std::nothrow_t&) noexcept {
  release(p);
}
void operator delete[](void* p, const std::nothrow_t&) noexcept {
  release(p);
}
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept {
  release(p);
}
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept {
  release(p);
}
