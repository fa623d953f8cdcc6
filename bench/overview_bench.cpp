// The monitor's overview of implementation across plans (the
// `implementation_overview` op), as the plans a monitoring unit follows
// grow: every plan issued through the real plan process into a SQLite
// database, each with tasks carrying targets and milestones and the lead
// unit's reports, then the time of one overview, built the way the op
// builds it (state and history read from the store, the board derived, the
// tasks sorted), and the size of its reply.
//
//   planflow_overview_bench [--plans=10,100,500] [--tasks=20] [--reports=3]
//                           [--seconds=2] [--dir=/tmp]
//
// It prints figures and asserts nothing about speed; a refused setup
// command stops it with the store's message.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "api/server/implementation_overview.h"
#include "api/workflow_files.h"
#include "engine/store/queries.h"
#include "engine/store/sqlite_store.h"
#include "engine/time.h"

using namespace planflow;
using Clock = std::chrono::steady_clock;

namespace {

struct Config {
  std::vector<int> plans{10, 100, 500};
  int tasks = 20;
  int reports = 3;
  double seconds = 2;
  std::string dir = "/tmp";
};

constexpr UserId kDrafter = 1, kDelegate = 2, kChair = 5, kClerk = 6, kImplementer = 7,
                 kMonitor = 8;
constexpr UnitId kImplementingUnit = 70;
// Writers enough for group commit to fill the database in seconds.
constexpr int kWriters = 16;

Time at(const char* text) {
  return *parse_time(text);
}

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "planflow_overview_bench: %s\n", what.c_str());
  std::exit(1);
}

std::vector<int> parse_list(const std::string& text) {
  std::vector<int> out;
  std::size_t from = 0;
  while (from <= text.size()) {
    const std::size_t comma = std::min(text.find(',', from), text.size());
    const int n = std::atoi(text.substr(from, comma - from).c_str());
    if (n <= 0 || n > 100000) die("--plans takes counts from 1 to 100000, comma-separated");
    out.push_back(n);
    from = comma + 1;
  }
  std::sort(out.begin(), out.end());
  return out;
}

Config parse_options(int argc, char** argv) {
  Config cfg;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const auto value = [&](const char* flag) {
      return a.rfind(flag, 0) == 0 ? a.substr(std::string(flag).size()) : std::string();
    };
    if (!value("--plans=").empty()) {
      cfg.plans = parse_list(value("--plans="));
    } else if (!value("--tasks=").empty()) {
      cfg.tasks = std::clamp(std::atoi(value("--tasks=").c_str()), 1, 500);
    } else if (!value("--reports=").empty()) {
      cfg.reports = std::clamp(std::atoi(value("--reports=").c_str()), 0, 100);
    } else if (!value("--seconds=").empty()) {
      cfg.seconds = std::stod(value("--seconds="));
    } else if (!value("--dir=").empty()) {
      cfg.dir = value("--dir=");
    } else {
      die("usage: planflow_overview_bench [--plans=10,100,500] [--tasks=20] [--reports=3] "
          "[--seconds=2] [--dir=/tmp]");
    }
  }
  return cfg;
}

// One plan issued and implemented: its commands run in order by one writer.
class PlanWriter {
 public:
  PlanWriter(Store& store, int writer) : store_(store), writer_(writer) {}

  void issued_plan_with_tasks(int plan, const Config& cfg) {
    CreateDossier create{"Kế hoạch cải cách hành chính số " + std::to_string(plan),
                         "KH",
                         {50, "UBND"},
                         {10, "SNV"},
                         {{"drafter", {kDrafter, 10}},
                          {"delegate", {kDelegate, 20}},
                          {"chair", {kChair, 50}},
                          {"clerk", {kClerk, 60}},
                          {"implementer", {kImplementer, kImplementingUnit}},
                          {"monitor", {kMonitor, 10}}}};
    now_ = at("2024-01-02T08:00");
    const DossierId id = run(0, create, kDrafter);
    run(id, SubmitVersion{blocks_from_text("Kế hoạch triển khai năm 2024"), ""}, kDrafter);
    run(id, TakeAction{"open_consultation", {}}, kDrafter);
    run(id, NoFurtherComments{}, kDelegate);
    run(id, TakeAction{"close_consultation", {}}, kChair);
    run(id, TakeAction{"approve", {}}, kChair);
    run(id, TakeAction{"issue", {}}, kClerk);
    for (int t = 0; t < cfg.tasks; ++t) {
      ImplementationTaskSpec task;
      task.title = "Nhiệm vụ " + std::to_string(t + 1) + ": giải quyết hồ sơ tồn đọng";
      task.lead_unit = kImplementingUnit;
      task.supporting_units = {10, 20};
      task.starts = at("2024-01-15");
      task.due = at("2024-12-31T23:59:59");
      TaskTarget target{{0, 1240, {{at("2024-06-30"), 600}}}, "hồ sơ", 2023};
      task.target = target;
      run(id, AddImplementationTask{std::move(task)}, kDrafter);
    }
    for (int r = 0; r < cfg.reports; ++r) {
      now_ = at("2024-02-20T09:00") + r * 30 * 86400;
      for (int t = 0; t < cfg.tasks; ++t) {
        ProgressReport report;
        report.task = static_cast<std::uint32_t>(t + 1);
        report.value = 100.0 * (r + 1) + t;
        report.narrative = "Đã giải quyết " + std::to_string(100 * (r + 1) + t) + " hồ sơ";
        report.difficulties = "Thiếu cán bộ thẩm định";
        run(id, ReportProgress{std::move(report)}, kImplementer);
      }
    }
  }

 private:
  DossierId run(DossierId dossier, Command command, UserId actor) {
    now_ += 60;
    const UnitId unit = actor == kImplementer ? kImplementingUnit : 10;
    auto res = store_.execute({"w" + std::to_string(writer_) + "-" + std::to_string(request_++),
                               dossier,
                               "plan",
                               {},
                               std::move(command),
                               {actor, unit, false},
                               now_});
    if (!res.ok()) die("setup refused: " + res.error().message);
    return res.value().dossier;
  }

  Store& store_;
  int writer_;
  int request_ = 0;
  Time now_ = 0;
};

// Plans `from`..`to`-1, spread over the writers.
void add_plans(Store& store, int from, int to, const Config& cfg) {
  std::atomic<int> next{from};
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w)
    writers.emplace_back([&, w] {
      PlanWriter writer(store, w * 1000000 + from);
      for (int p; (p = next++) < to;)
        writer.issued_plan_with_tasks(p, cfg);
    });
  for (auto& t : writers)
    t.join();
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  const auto rank = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(rank, v.size() - 1)];
}

void measure(Store& store, Queries& queries, int plans, const Config& cfg) {
  const Time now = at("2024-05-10T10:00");
  std::vector<double> ms;
  std::size_t bytes = 0, tasks = 0, listed = 0;
  const auto start = Clock::now();
  while (ms.size() < 5 ||
         (std::chrono::duration<double>(Clock::now() - start).count() < cfg.seconds &&
          ms.size() < 1000)) {
    const auto t0 = Clock::now();
    auto overview = implementation_overview(store, queries, kMonitor, now);
    const auto t1 = Clock::now();
    if (!overview.ok()) die("overview failed: " + overview.error().message);
    ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    listed = overview.value()["plans"].size();
    tasks = overview.value()["tasks"].size();
    if (bytes == 0) bytes = overview.value().dump().size();
  }
  if (listed != static_cast<std::size_t>(plans)) die("the overview lists the wrong plans");
  const double p50 = percentile(ms, 0.5);
  std::printf(
      "%6d plans %7zu tasks   p50 %9.2f ms   p99 %9.2f ms   %7.3f ms a plan   reply %8.1f KiB"
      "   (%zu runs)\n",
      plans, tasks, p50, percentile(ms, 0.99), p50 / plans, static_cast<double>(bytes) / 1024,
      ms.size());
}

}  // namespace

int main(int argc, char** argv) {
  const Config cfg = parse_options(argc, argv);
  const std::string folder = PLANFLOW_SOURCE_DIR "/workflows";
  auto calendar = load_working_calendar(folder);
  if (!calendar.ok()) die(calendar.error().message);
  DefinitionSet defs;
  for (const FileProblems& f :
       load_definition_files({folder + "/plan.json"}, &defs, calendar.value()))
    if (!f.problems.empty() || f.unreadable) die("cannot load " + f.path);

  const std::string path = cfg.dir + "/planflow-bench-overview.db";
  const auto remove_database = [&] {
    for (const char* suffix : {"", "-wal", "-shm"})
      std::filesystem::remove(path + suffix);
  };
  remove_database();
  auto opened = open_sqlite_store(path, defs);
  if (!opened.ok()) die("cannot open " + path + ": " + opened.error().message);
  Store& store = *opened.value();
  auto queries = Queries::open(path);
  if (!queries.ok()) die("cannot open the read views: " + queries.error().message);

  std::printf(
      "== implementation_overview: one monitor, every plan issued, %d tasks a plan with "
      "targets, %d reports a task ==\n",
      cfg.tasks, cfg.reports);
  int have = 0;
  for (int plans : cfg.plans) {
    const auto start = Clock::now();
    add_plans(store, have, plans, cfg);
    std::printf("(set up %d more plans in %.1f s)\n", plans - have,
                std::chrono::duration<double>(Clock::now() - start).count());
    have = plans;
    measure(store, *queries.value(), plans, cfg);
  }
  queries.value().reset();
  store.close();
  remove_database();
  return 0;
}
