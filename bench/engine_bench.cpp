// The engine-core benchmark: decide + evolve on one core, against the
// targets of DESIGN.md §4 (>= 3,000,000 transitions/s, <= 2 KiB per live
// dossier). See bench/README.md for how to run it and what each figure means.
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <malloc.h>
#include <sched.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "bench/alloc_counter.h"
#include "bench/plan_scenario.h"

namespace planflow::bench {

namespace {

constexpr double kTargetTransitionsPerSecond = 3'000'000;
constexpr double kTargetBytesPerDossier = 2048;

struct Setup {
  Setup(Definition d, PlanTexts t, std::size_t n)
      : definition(std::move(d)), texts(std::move(t)), dossiers(n) {}

  Definition definition;
  Cast cast;
  PlanTexts texts;
  PlanCommands commands{cast, texts};
  std::size_t dossiers;
};

// One kind of storage in a dossier, averaged over the dossiers held.
struct LayoutPart {
  const char* name;
  std::size_t element;  // bytes per element
  double count = 0, used = 0, reserved = 0;
};
constexpr std::size_t kLayoutParts = 9;

// What the memory benchmark found, for the summary (counters hold numbers
// only, and the breakdown is a table).
struct MemoryFindings {
  bool measured = false;
  std::size_t dossiers = 0;
  double heap_bytes = 0;       // usable bytes, per dossier
  double requested_bytes = 0;  // bytes asked for, per dossier
  double blocks = 0;           // heap blocks, per dossier
  double rss_bytes = 0;        // RSS growth, per dossier
  bool requested_exact = true;
  bool freed_all = true;
  std::array<LayoutPart, kLayoutParts> breakdown{};
};

// Aborts: a scenario that went astray would make every figure meaningless.
[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "planflow_engine_bench: %s\n", what);
  std::abort();
}

// The counters every throughput benchmark reports; `allocations` is the
// heap_counts() delta over the timed loop.
void report_rates(benchmark::State& st, std::uint64_t transitions, std::uint64_t commands,
                  std::uint64_t events, std::uint64_t allocations) {
  using benchmark::Counter;
  st.counters["transitions"] = Counter(static_cast<double>(transitions), Counter::kIsRate);
  st.counters["events"] = Counter(static_cast<double>(events), Counter::kIsRate);
  if (commands) {
    st.counters["commands"] = Counter(static_cast<double>(commands), Counter::kIsRate);
    st.counters["allocs/cmd"] =
        Counter(static_cast<double>(allocations) / static_cast<double>(commands));
  } else if (events) {
    st.counters["allocs/event"] =
        Counter(static_cast<double>(allocations) / static_cast<double>(events));
  }
}

// A dossier brought, through the real commands, to conclusion after one
// full revision round: from here revise / submit a version /
// submit_revision can repeat forever without anything growing.
void bring_to_steady_conclusion(PlanDriver& driver, DossierState& s) {
  driver.create_with_draft(s);
  driver.open_consultation(s);
  driver.delegates_comment(s, kDelegates);
  driver.delegates_finish(s);
  driver.close_and_revise(s);
  driver.dispose_and_resubmit(s, kDelegates);
  driver.submit_revision(s);
}

void require_step(const DossierState& s, const char* id) {
  if (s.current().id != id) fail("the scenario did not reach the expected step");
}

// 1. One workflow transition at a time, in a loop that can repeat forever.
void bm_revision_loop(benchmark::State& st, const Setup& setup) {
  MemoryRegister numbers;
  PlanDriver driver(setup.commands, setup.cast, numbers);
  DossierState s(setup.definition);
  bring_to_steady_conclusion(driver, s);
  require_step(s, "conclusion");
  const auto c0 = driver.commands(), t0 = driver.transitions(), e0 = driver.events();
  const auto a0 = heap_counts().allocations;
  for (auto _ : st) {
    driver.revision_cycle(s);
    benchmark::DoNotOptimize(s.version);
    benchmark::ClobberMemory();
  }
  require_step(s, "conclusion");
  report_rates(st, driver.transitions() - t0, driver.commands() - c0, driver.events() - e0,
               heap_counts().allocations - a0);
}

// 1a. decide() alone for the revise transition: the state never changes, so
// it is the decision's cost without evolve's.
void bm_decide_revise(benchmark::State& st, const Setup& setup) {
  MemoryRegister numbers;
  PlanDriver driver(setup.commands, setup.cast, numbers);
  DossierState s(setup.definition);
  bring_to_steady_conclusion(driver, s);
  std::vector<Event>& events = driver.scratch();
  const Time now = 1735700000;
  const auto a0 = heap_counts().allocations;
  for (auto _ : st) {
    events.clear();
    if (Status r = decide(s, setup.commands.revise, setup.cast.chair, now, &events, &numbers);
        !r.ok()) [[unlikely]]
      die_refused(s, setup.commands.revise, setup.cast.chair, r.error());
    benchmark::DoNotOptimize(events.data());
    benchmark::ClobberMemory();
  }
  const auto n = static_cast<std::uint64_t>(st.iterations());
  report_rates(st, n, n, n, heap_counts().allocations - a0);
}

// 1b. evolve() alone: two ActionTaken events decided once (conclusion ->
// revision, revision -> conclusion) applied in turn. evolve does not recheck
// guards, so the pair repeats without a version in between.
void bm_evolve_action_taken(benchmark::State& st, const Setup& setup) {
  MemoryRegister numbers;
  PlanDriver driver(setup.commands, setup.cast, numbers);
  DossierState s(setup.definition);
  bring_to_steady_conclusion(driver, s);
  const Time now = 1735700000;
  std::vector<Event> out, back;
  auto decide_into = [&](std::vector<Event>& into, const Command& c, const Actor& a) {
    if (Status r = decide(s, c, a, now, &into, &numbers); !r.ok()) die_refused(s, c, a, r.error());
    for (const Event& ev : into)
      if (Status r = evolve(s, ev); !r.ok()) die_corrupt(s, ev, r.error());
  };
  decide_into(out, setup.commands.revise, setup.cast.chair);
  std::vector<Event> version;
  decide_into(version, setup.commands.submit_revised, setup.cast.drafter);
  decide_into(back, setup.commands.submit_revision, setup.cast.drafter);
  if (out.size() != 1 || back.size() != 1) fail("expected one ActionTaken per transition");
  const auto a0 = heap_counts().allocations;
  for (auto _ : st) {
    if (Status r = evolve(s, out[0]); !r.ok()) [[unlikely]]
      die_corrupt(s, out[0], r.error());
    if (Status r = evolve(s, back[0]); !r.ok()) [[unlikely]]
      die_corrupt(s, back[0], r.error());
    benchmark::DoNotOptimize(s.version);
    benchmark::ClobberMemory();
  }
  const auto n = 2 * static_cast<std::uint64_t>(st.iterations());
  report_rates(st, n, 0, n, heap_counts().allocations - a0);
}

// 2. The whole plan process, one fresh dossier per iteration.
void bm_full_process(benchmark::State& st, const Setup& setup) {
  MemoryRegister numbers;
  PlanDriver driver(setup.commands, setup.cast, numbers);
  {
    DossierState probe(setup.definition);
    driver.full_process(probe);
    require_step(probe, "closed");
    if (!probe.issued) fail("the plan was closed without an official number");
  }
  const auto c0 = driver.commands(), t0 = driver.transitions(), e0 = driver.events();
  const auto a0 = heap_counts().allocations;
  for (auto _ : st) {
    DossierState s(setup.definition);
    driver.full_process(s);
    benchmark::DoNotOptimize(s.version);
    benchmark::ClobberMemory();
  }
  report_rates(st, driver.transitions() - t0, driver.commands() - c0, driver.events() - e0,
               heap_counts().allocations - a0);
  st.counters["processes"] =
      benchmark::Counter(static_cast<double>(st.iterations()), benchmark::Counter::kIsRate);
}

// Resident bytes, read without the heap (an ifstream would allocate inside
// the window being counted).
long rss_bytes() {
  char text[128] = {};
  const int fd = open("/proc/self/statm", O_RDONLY);
  if (fd < 0) return 0;
  const ssize_t n = read(fd, text, sizeof text - 1);
  close(fd);
  if (n <= 0) return 0;
  long size = 0, resident = 0;
  if (std::sscanf(text, "%ld %ld", &size, &resident) != 2) return 0;
  return resident * sysconf(_SC_PAGESIZE);
}

// Where a dossier's heap bytes go, from the containers' own sizes: what
// shrinking or inlining each would save. Averages per dossier.
std::array<LayoutPart, kLayoutParts> layout_breakdown(const std::vector<DossierState>& held) {
  std::array<LayoutPart, kLayoutParts> parts{{{"slot", sizeof(DossierState)},
                                              {"bindings", sizeof(Binding)},
                                              {"tasks", sizeof(OpenTask)},
                                              {"timers", sizeof(Timer)},
                                              {"invitees", sizeof(Invitee)},
                                              {"comments", sizeof(CommentInfo)},
                                              {"prints", sizeof(BlockPrint)},
                                              {"words", sizeof(std::uint16_t)},
                                              {"strings", 1}}};
  const std::size_t sso = std::string().capacity();
  auto add = [](LayoutPart& p, std::size_t size, std::size_t capacity) {
    p.count += static_cast<double>(size);
    p.used += static_cast<double>(size * p.element);
    p.reserved += static_cast<double>(capacity * p.element);
  };
  auto add_string = [&](const std::string& x) {
    if (x.capacity() > sso) add(parts[8], x.size() + 1, x.capacity() + 1);
  };
  for (const DossierState& s : held) {
    add(parts[0], 1, 1);
    add(parts[1], s.bindings.size(), s.bindings.capacity());
    add(parts[2], s.tasks.size(), s.tasks.capacity());
    add(parts[3], s.timers.size(), s.timers.capacity());
    add(parts[4], s.invitees.size(), s.invitees.capacity());
    add(parts[5], s.comments.size(), s.comments.capacity());
    add_string(s.document_type);
    add_string(s.issuer.code);
    add_string(s.drafting_unit.code);
    // The prints of the latest draft's blocks, kept for the next version's
    // ids; each dossier here holds its own (vectors sized exactly).
    add(parts[6], s.last_prints->size(), s.last_prints->size());
    add(parts[7], s.last_prints->word_count(), s.last_prints->word_count());
  }
  for (LayoutPart& p : parts) {
    const double n = static_cast<double>(held.size());
    p.count /= n;
    p.used /= n;
    p.reserved /= n;
  }
  return parts;
}

// 3. Memory per live dossier: `setup.dossiers` dossiers held at once, each
// in consultation with 5 invitees, one draft version and 3 comments.
void bm_memory(benchmark::State& st, const Setup& setup, MemoryFindings* found) {
  for (auto _ : st) {
    MemoryRegister numbers;
    PlanDriver driver(setup.commands, setup.cast, numbers);
    // Free pages go back to the kernel first, so reuse of old holes shows up
    // in RSS as it would in a fresh server.
    malloc_trim(0);
    const HeapCounts before = heap_counts();
    const long rss_before = rss_bytes();
    {
      std::vector<DossierState> held;
      held.reserve(setup.dossiers);
      for (std::size_t i = 0; i < setup.dossiers; ++i) {
        DossierState& s = held.emplace_back(setup.definition);
        driver.create_with_draft(s);
        driver.open_consultation(s);
        driver.delegates_comment(s, 3);
      }
      // The last command's events (a comment's text) are the driver's, not
      // a dossier's.
      driver.scratch().clear();
      const HeapCounts after = heap_counts();
      const long rss_after = rss_bytes();
      benchmark::DoNotOptimize(held.data());
      benchmark::ClobberMemory();
      const DossierState& sample = held.back();
      if (sample.current().id != "consultation" || sample.invitees.size() != kDelegates ||
          sample.versions != 1 || sample.comments.size() != 3)
        fail("the held dossiers are not in the intended consultation state");
      const double n = static_cast<double>(setup.dossiers);
      found->measured = true;
      found->dossiers = setup.dossiers;
      found->heap_bytes = static_cast<double>(after.live_bytes - before.live_bytes) / n;
      found->requested_bytes =
          static_cast<double>(after.live_requested - before.live_requested) / n;
      found->blocks = static_cast<double>(after.live_blocks - before.live_blocks) / n;
      found->rss_bytes = static_cast<double>(rss_after - rss_before) / n;
      found->requested_exact = after.unsized_frees == before.unsized_frees;
      found->breakdown = layout_breakdown(held);
    }
    found->freed_all = heap_counts().live_bytes == before.live_bytes;
  }
  using benchmark::Counter;
  st.counters["dossiers"] = Counter(static_cast<double>(found->dossiers));
  st.counters["heap_B/dossier"] = Counter(found->heap_bytes);
  st.counters["with_malloc_hdr_B"] =
      Counter(found->heap_bytes + found->blocks * static_cast<double>(kMallocHeaderBytes));
  st.counters["requested_B"] = Counter(found->requested_bytes);
  st.counters["blocks/dossier"] = Counter(found->blocks);
  st.counters["rss_B/dossier"] = Counter(found->rss_bytes);
}

// Keeps the console output and remembers each benchmark's counters for the
// summary. With --benchmark_repetitions the median replaces the single runs.
class SummaryReporter : public benchmark::ConsoleReporter {
 public:
  using ConsoleReporter::ConsoleReporter;

  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& r : runs) {
      if (r.error_occurred) continue;
      if (r.run_type == Run::RT_Aggregate && r.aggregate_name != "median") continue;
      counters_[r.run_name.function_name] = r.counters;
    }
    ConsoleReporter::ReportRuns(runs);
  }

  // nullptr when the benchmark did not run (filtered out) or failed.
  const benchmark::UserCounters* find(const std::string& name) const {
    const auto it = counters_.find(name);
    return it == counters_.end() ? nullptr : &it->second;
  }

 private:
  std::map<std::string, benchmark::UserCounters> counters_;
};

// 1234567.8 -> "1,234,568".
std::string grouped(double v) {
  const auto n = static_cast<long long>(v + (v < 0 ? -0.5 : 0.5));
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

double value(const benchmark::UserCounters& c, const char* name) {
  const auto it = c.find(name);
  return it == c.end() ? 0 : it->second.value;
}

const char* verdict(bool met) {
  return met ? "MET" : "NOT MET";
}

void print_summary(const SummaryReporter& r, const Setup& setup, const MemoryFindings& mem,
                   int cpus) {
  std::printf("\n== planflow engine core: summary (targets: DESIGN.md §4) ==\n");
  std::printf("texts carried: draft %zu B, comment %zu B, conclusion %zu B\n",
              setup.texts.draft.size(), setup.texts.comment.size(), setup.texts.conclusion.size());
  if (cpus != 1)
    std::printf("note: %d CPUs allowed; pin to one core (taskset -c 1) for comparable figures\n",
                cpus);
#ifndef __OPTIMIZE__
  std::printf("note: built without optimisation; the figures say little about a release build\n");
#endif
#ifdef __SANITIZE_ADDRESS__
  std::printf("note: built with AddressSanitizer; speed and RSS figures are not representative\n");
#endif
  if (const auto* c = r.find("transition/revision_loop")) {
    const double t = value(*c, "transitions");
    std::printf(
        "1. single transitions (revise / submit_revision loop): %s transitions/s   target >= %s/s "
        "  %s (%.0f%%)\n   all commands incl. version submits: %s commands/s, %.1f allocations "
        "per command\n",
        grouped(t).c_str(), grouped(kTargetTransitionsPerSecond).c_str(),
        verdict(t >= kTargetTransitionsPerSecond), 100 * t / kTargetTransitionsPerSecond,
        grouped(value(*c, "commands")).c_str(), value(*c, "allocs/cmd"));
  }
  const auto* d = r.find("transition/decide_revise");
  const auto* e = r.find("transition/evolve_action_taken");
  if (d && e)
    std::printf("   split: decide(revise) alone %s/s, evolve(ActionTaken) alone %s/s\n",
                grouped(value(*d, "transitions")).c_str(),
                grouped(value(*e, "transitions")).c_str());
  if (const auto* c = r.find("process/full_plan")) {
    const double t = value(*c, "transitions");
    std::printf(
        "2. full plan processes: %s processes/s = %s transitions/s   target >= %s/s   %s (%.0f%%)\n"
        "   %s commands/s, %.1f allocations per command\n",
        grouped(value(*c, "processes")).c_str(), grouped(t).c_str(),
        grouped(kTargetTransitionsPerSecond).c_str(), verdict(t >= kTargetTransitionsPerSecond),
        100 * t / kTargetTransitionsPerSecond, grouped(value(*c, "commands")).c_str(),
        value(*c, "allocs/cmd"));
  }
  if (mem.measured) {
    const double footprint = mem.heap_bytes + mem.blocks * kMallocHeaderBytes;
    std::printf(
        "3. memory per live dossier (%s held, in consultation: 5 invitees, 1 version, 3 "
        "comments):\n"
        "   %s B heap counted (usable bytes incl. the %zu B vector slot; %s B requested%s;\n"
        "   %.1f blocks -> %s B with malloc headers)   RSS delta %s B   target <= %s B   %s\n",
        grouped(static_cast<double>(mem.dossiers)).c_str(), grouped(mem.heap_bytes).c_str(),
        sizeof(DossierState), grouped(mem.requested_bytes).c_str(),
        mem.requested_exact ? "" : " (approximate: unsized frees in the window)", mem.blocks,
        grouped(footprint).c_str(), grouped(mem.rss_bytes).c_str(),
        grouped(kTargetBytesPerDossier).c_str(), verdict(footprint <= kTargetBytesPerDossier));
    std::printf("   where it goes (from the containers' sizes and capacities):\n");
    for (const LayoutPart& p : mem.breakdown)
      std::printf("     %-9s %5.1f x %3zu B = %5.0f B used, %5.0f B reserved\n", p.name, p.count,
                  p.element, p.used, p.reserved);
    if (!mem.freed_all)
      std::printf("   warning: the heap did not return to its size before the window\n");
  }
}

// `text` as the body of a JSON string.
std::string json_escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) continue;
    out += c;
  }
  return out;
}

// The one line bench/run reads (one figure name per thing measured, the
// same as the peers' in bench/peers/engine_*.mjs): printed last, and only
// with the figures of the benchmarks that ran.
void print_bench_result(const SummaryReporter& r, const Setup& setup, const MemoryFindings& mem,
                        bool quick, int cpus) {
  std::string figures;
  auto add = [&figures](const char* name, double v, int decimals) {
    char number[64];
    std::snprintf(number, sizeof number, "%.*f", decimals, v);
    figures += (figures.empty() ? "" : ",") + std::string("\"") + name + "\":" + number;
  };
  if (const auto* c = r.find("transition/revision_loop")) {
    add("transitions_per_s", value(*c, "transitions"), 0);
    add("allocs_per_command", value(*c, "allocs/cmd"), 1);
  }
  if (const auto* c = r.find("process/full_plan")) {
    add("full_processes_per_s", value(*c, "processes"), 1);
    add("full_allocs_per_command", value(*c, "allocs/cmd"), 1);
  }
  if (mem.measured) {
    add("bytes_per_dossier", mem.heap_bytes + mem.blocks * kMallocHeaderBytes, 1);
    add("heap_bytes_per_dossier", mem.heap_bytes, 1);
    add("rss_bytes_per_dossier", mem.rss_bytes, 1);
    add("dossiers_held", static_cast<double>(mem.dossiers), 0);
  }
  if (const auto* c = r.find("transition/decide_revise"))
    add("decide_revise_per_s", value(*c, "transitions"), 0);
  if (const auto* c = r.find("transition/evolve_action_taken"))
    add("evolve_action_taken_per_s", value(*c, "transitions"), 0);
  if (figures.empty()) return;
#ifdef __OPTIMIZE__
  const char* build = "";
#else
  const char* build = "; built without optimisation";
#endif
  char notes[512];
  std::snprintf(
      notes, sizeof notes,
      "decide()+evolve(): events with texts copied in, blocks hashed, versions digested "
      "(SHA-256 over JSON); rates per CPU s (Google Benchmark)%s; %zu dossiers held, heap "
      "with 8-byte malloc headers; draft %zu B in %zu blocks; %d CPU(s) allowed%s",
      quick ? ", --quick: 0.05 s minimum per benchmark" : "", setup.dossiers,
      setup.texts.draft.size(), blocks_from_text(setup.texts.draft).size(), cpus, build);
  std::printf(
      "BENCH_RESULT {\"scenario\":\"engine\",\"subject\":\"planflow\",\"figures\":{%s},"
      "\"notes\":\"%s\"}\n",
      figures.c_str(), json_escaped(notes).c_str());
}

int allowed_cpus() {
  cpu_set_t set;
  CPU_ZERO(&set);
  return sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : 0;
}

void print_usage() {
  std::printf(
      "planflow_engine_bench [--quick] [--workflow=PATH] [--dossiers=N] [Google Benchmark flags]\n"
      "  --quick          a smoke run: 10,000 dossiers held, 0.05 s minimum per benchmark\n"
      "  --workflow=PATH  the plan definition (default: $PLANFLOW_BENCH_WORKFLOW, else\n"
      "                   %s/workflows/plan.json)\n"
      "  --dossiers=N     dossiers held for the memory figure (default 100000, 10000 with "
      "--quick)\n"
      "  --draft-bytes=N  size of each draft version's text (default: a 1,070-byte section)\n\n",
      PLANFLOW_SOURCE_DIR);
}

}  // namespace

int run(int argc, char** argv) {
  std::string workflow = std::string(PLANFLOW_SOURCE_DIR) + "/workflows/plan.json";
  if (const char* env = std::getenv("PLANFLOW_BENCH_WORKFLOW"); env && *env) workflow = env;
  std::size_t dossiers = 0;
  std::size_t draft_bytes = 0;
  bool quick = false;
  bool min_time_given = false;
  // Our flags come out of argv before Google Benchmark sees it, since it
  // refuses flags it does not know.
  std::vector<char*> args{argv[0]};
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--quick") {
      quick = true;
    } else if (arg.rfind("--workflow=", 0) == 0) {
      workflow = arg.substr(std::strlen("--workflow="));
    } else if (arg.rfind("--dossiers=", 0) == 0) {
      dossiers = std::strtoull(arg.c_str() + std::strlen("--dossiers="), nullptr, 10);
      if (dossiers == 0) {
        std::fprintf(stderr, "planflow_engine_bench: --dossiers needs a positive number\n");
        return 2;
      }
    } else if (arg.rfind("--draft-bytes=", 0) == 0) {
      draft_bytes = std::strtoull(arg.c_str() + std::strlen("--draft-bytes="), nullptr, 10);
      if (draft_bytes == 0 || draft_bytes > kMaxDraftBytes) {
        std::fprintf(stderr, "planflow_engine_bench: --draft-bytes needs 1 to %zu\n",
                     kMaxDraftBytes);
        return 2;
      }
    } else {
      if (arg == "--help" || arg == "-h") print_usage();
      if (arg.rfind("--benchmark_min_time", 0) == 0) min_time_given = true;
      args.push_back(argv[i]);
    }
  }
  if (dossiers == 0) dossiers = quick ? 10'000 : 100'000;
  // A minimum time given by hand is kept.
  static char quick_min_time[] = "--benchmark_min_time=0.05";
  if (quick && !min_time_given) args.insert(args.begin() + 1, quick_min_time);
  int kept = static_cast<int>(args.size());
  args.push_back(nullptr);
  benchmark::Initialize(&kept, args.data());
  if (benchmark::ReportUnrecognizedArguments(kept, args.data())) return 1;

  const Setup setup(load_definition_file(workflow), plan_texts(draft_bytes), dossiers);
  MemoryFindings memory;
  const int cpus = allowed_cpus();
  benchmark::AddCustomContext("workflow", workflow);
  benchmark::AddCustomContext("cpus_allowed", std::to_string(cpus));

  benchmark::RegisterBenchmark("transition/revision_loop", bm_revision_loop, std::cref(setup));
  benchmark::RegisterBenchmark("transition/decide_revise", bm_decide_revise, std::cref(setup));
  benchmark::RegisterBenchmark("transition/evolve_action_taken", bm_evolve_action_taken,
                               std::cref(setup));
  benchmark::RegisterBenchmark("process/full_plan", bm_full_process, std::cref(setup))
      ->Unit(benchmark::kMicrosecond);
  // Once: it holds every dossier at the same time, and its time is setup.
  benchmark::RegisterBenchmark("memory/live_dossiers", bm_memory, std::cref(setup), &memory)
      ->Iterations(1)
      ->Unit(benchmark::kMillisecond);

  SummaryReporter reporter(isatty(STDOUT_FILENO) ? benchmark::ConsoleReporter::OO_ColorTabular
                                                 : benchmark::ConsoleReporter::OO_Tabular);
  benchmark::RunSpecifiedBenchmarks(&reporter);
  print_summary(reporter, setup, memory, cpus);
  print_bench_result(reporter, setup, memory, quick, cpus);
  benchmark::Shutdown();
  return 0;
}

}  // namespace planflow::bench

int main(int argc, char** argv) {
  return planflow::bench::run(argc, argv);
}
