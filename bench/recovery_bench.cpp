// Recovery: how long `planflow serve` takes from its start until it serves,
// on a database holding 1,000,000 events (DESIGN.md §4: serving again in
// ≤ 1 s). The database is written once through the store — dossiers in
// consultation and their comments, each a real, hash-chained event — and
// kept in a cache file, since writing a million durable events takes longer
// than the figure it serves; a later run with the same count reuses it.
//
//   planflow_recovery_bench --planflow PATH [--events N] [--restarts N]
//                           [--cache PATH] [--quick]
//
// "Serving" is the first 200 from GET /healthz, polled every millisecond
// from the moment before fork(); the server is then stopped with SIGTERM and
// the next restart begins. It prints one BENCH_RESULT line for bench/run.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "engine/definition_loader.h"
#include "engine/store/sqlite_store.h"

using namespace planflow;
using Clock = std::chrono::steady_clock;

namespace {

struct Config {
  std::string planflow;
  std::string workflows = PLANFLOW_SOURCE_DIR "/workflows";
  std::uint64_t events = 1'000'000;
  int restarts = 3;
  std::string cache;
};

[[noreturn]] void fail(const std::string& why) {
  std::fprintf(stderr, "planflow_recovery_bench: %s\n", why.c_str());
  std::exit(1);
}

double since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::uint64_t events_in(const std::string& path) {
  sqlite3* db = nullptr;
  std::uint64_t n = 0;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT coalesce(max(seq), 0) FROM events", -1, &st, nullptr) ==
            SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
      n = static_cast<std::uint64_t>(sqlite3_column_int64(st, 0));
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return n;
}

// Keeps up to `window` commands queued so group commit fills every
// transaction, and stops the run on the first refusal.
class Pipeline {
 public:
  explicit Pipeline(Store& store, std::size_t window) : store_(store), window_(window) {}

  void submit(CommandRequest request) {
    std::unique_lock lock(mutex_);
    room_.wait(lock, [&] { return in_flight_ < window_; });
    ++in_flight_;
    lock.unlock();
    store_.submit(std::move(request), [this](Result<CommitResult, StoreError> r) {
      if (!r.ok()) fail("refused while writing the database: " + r.error().message);
      std::lock_guard done(mutex_);
      --in_flight_;
      room_.notify_all();
    });
  }

  void drain() {
    std::unique_lock lock(mutex_);
    room_.wait(lock, [&] { return in_flight_ == 0; });
  }

 private:
  Store& store_;
  std::size_t window_;
  std::mutex mutex_;
  std::condition_variable room_;
  std::size_t in_flight_ = 0;
};

void write_database(const Config& cfg, const std::string& path) {
  DefinitionSet defs;
  std::string text;
  if (FILE* f = std::fopen((cfg.workflows + "/plan.json").c_str(), "rb")) {
    char buf[65536];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;)
      text.append(buf, n);
    std::fclose(f);
  }
  auto plan = load_definition(text);
  if (!plan.ok()) fail("cannot load " + cfg.workflows + "/plan.json");
  (void)defs.add(std::move(plan).value());
  for (const char* suffix : {"", "-wal", "-shm"})
    std::filesystem::remove(path + suffix);
  const std::string partial = path + ".partial";
  for (const char* suffix : {"", "-wal", "-shm"})
    std::filesystem::remove(partial + suffix);
  auto opened = open_sqlite_store(partial, defs);
  if (!opened.ok()) fail("cannot open " + partial + ": " + opened.error().message);
  Store& store = *opened.value();

  // Dossiers of 500 comments each: what a busy consultation gathers.
  constexpr std::uint64_t kCommentsPerDossier = 500;
  const std::uint64_t dossiers = std::max<std::uint64_t>(1, cfg.events / (kCommentsPerDossier + 3));
  const Actor drafter{1, 10, false};
  std::vector<DossierId> ids;
  std::uint64_t request = 0, setup_events = 0;
  auto run = [&](DossierId dossier, Command command, Actor actor) {
    auto r = store.execute({"setup-" + std::to_string(request++),
                            dossier,
                            "plan",
                            {},
                            std::move(command),
                            actor,
                            1376539200});
    if (!r.ok()) fail("setup refused: " + r.error().message);
    setup_events += r.value().events.size();
    return r.value().dossier;
  };
  const auto start = Clock::now();
  for (std::uint64_t d = 0; d < dossiers; ++d) {
    CreateDossier create{"Kế hoạch cải cách hành chính số " + std::to_string(d + 1),
                         "KH",
                         {50, "UBND"},
                         {10, "SNV"},
                         {{"drafter", {1, 10}}, {"delegate", {1000, 20}}, {"chair", {5, 50}}}};
    const DossierId id = run(0, create, drafter);
    run(id,
        SubmitVersion{blocks_from_text("I. MỤC ĐÍCH, YÊU CẦU\n1. Xây dựng nền công vụ chuyên "
                                       "nghiệp, trách nhiệm, năng động."),
                      ""},
        drafter);
    run(id, TakeAction{"open_consultation", {}}, drafter);
    ids.push_back(id);
  }
  const std::uint64_t written = setup_events;
  Pipeline pipeline(store, 4096);
  const std::uint64_t comments = cfg.events > written ? cfg.events - written : 0;
  for (std::uint64_t i = 0; i < comments; ++i)
    pipeline.submit({"comment-" + std::to_string(i),
                     ids[i % ids.size()],
                     "",
                     {},
                     AddComment{"Đề nghị điều chỉnh chỉ tiêu cho sát thực tiễn, bổ sung lộ trình "
                                "thi tuyển lãnh đạo cấp phòng, ý kiến số " +
                                    std::to_string(i),
                                0,
                                {}},
                     {1000, 20, false},
                     1376539200 + static_cast<Time>(i)});
  pipeline.drain();
  store.close();
  opened.value().reset();
  std::printf("wrote %llu events in %llu dossiers in %.1f s\n",
              static_cast<unsigned long long>(written + comments),
              static_cast<unsigned long long>(dossiers), since(start));
  for (const char* suffix : {"", "-wal", "-shm"})
    if (std::filesystem::exists(partial + suffix))
      std::filesystem::rename(partial + suffix, path + suffix);
}

unsigned short free_port() {
  const int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  if (::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len) != 0)
    fail("no free port on 127.0.0.1");
  ::close(s);
  return ntohs(a.sin_port);
}

bool healthz_ok(unsigned short port) {
  const int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = false;
  if (::connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0) {
    const char req[] = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    char reply[64] = {};
    if (::send(s, req, sizeof req - 1, MSG_NOSIGNAL) == sizeof req - 1 &&
        ::recv(s, reply, sizeof reply - 1, MSG_WAITALL) > 12)
      ok = std::strncmp(reply, "HTTP/1.1 200", 12) == 0;
  }
  ::close(s);
  return ok;
}

// One start: fork, exec `planflow serve`, poll until it serves, stop it.
double time_to_serving(const Config& cfg, const std::string& db) {
  const std::string port = std::to_string(free_port());
  const auto start = Clock::now();
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 1);
    ::execl(cfg.planflow.c_str(), cfg.planflow.c_str(), "serve", "--db", db.c_str(), "--workflows",
            cfg.workflows.c_str(), "--listen", ("127.0.0.1:" + port).c_str(),
            static_cast<char*>(nullptr));
    std::_Exit(127);
  }
  if (pid < 0) fail("cannot fork");
  double seconds = -1;
  while (since(start) < 120) {
    if (healthz_ok(static_cast<unsigned short>(std::stoi(port)))) {
      seconds = since(start);
      break;
    }
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid)
      fail("planflow serve exited before serving (status " + std::to_string(status) + ")");
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ::kill(pid, SIGTERM);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (seconds < 0) fail("planflow serve did not serve within 120 s");
  return seconds;
}

}  // namespace

int main(int argc, char** argv) {
  Config cfg;
  auto usage = [] {
    std::fprintf(stderr,
                 "usage: planflow_recovery_bench --planflow PATH [--events N] [--restarts N] "
                 "[--cache PATH] [--workflows DIR] [--quick]\n");
    std::exit(2);
  };
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) usage();
      return argv[++i];
    };
    if (a == "--planflow")
      cfg.planflow = next();
    else if (a == "--events")
      cfg.events = std::stoull(next());
    else if (a == "--restarts")
      cfg.restarts = std::max(1, std::stoi(next()));
    else if (a == "--cache")
      cfg.cache = next();
    else if (a == "--workflows")
      cfg.workflows = next();
    else if (a == "--quick")
      cfg.events = 20'000, cfg.restarts = 2;
    else
      usage();
  }
  if (cfg.planflow.empty()) usage();
  if (cfg.cache.empty())
    cfg.cache = (std::filesystem::temp_directory_path() /
                 ("planflow-recovery-" + std::to_string(cfg.events) + ".db"))
                    .string();
  if (events_in(cfg.cache) != cfg.events) write_database(cfg, cfg.cache);
  const std::uint64_t events = events_in(cfg.cache);
  if (events != cfg.events)
    fail("the database holds " + std::to_string(events) + " events, not " +
         std::to_string(cfg.events));
  const auto bytes = std::filesystem::file_size(cfg.cache);

  // A start with nothing of the database in memory, as after a reboot: only
  // where the kernel lets this process drop its page cache (root).
  double cold = -1;
  if (std::FILE* drop = std::fopen("/proc/sys/vm/drop_caches", "w")) {
    ::sync();
    const bool dropped = std::fputs("3\n", drop) >= 0;
    if (std::fclose(drop) == 0 && dropped) cold = time_to_serving(cfg, cfg.cache);
  }
  std::vector<double> times;
  for (int r = 0; r < cfg.restarts; ++r)
    times.push_back(time_to_serving(cfg, cfg.cache));
  std::sort(times.begin(), times.end());
  const double median = times[times.size() / 2];
  std::printf("== recovery: planflow serve on %llu events (%.0f MiB) ==\n",
              static_cast<unsigned long long>(events), static_cast<double>(bytes) / (1 << 20));
  for (double t : times)
    std::printf("  serving after %.3f s\n", t);
  std::printf("  median %.3f s (target ≤ 1 s)\n", median);
  std::string cold_figure;
  if (cold >= 0) {
    std::printf("  from a cold page cache: %.3f s\n", cold);
    cold_figure = ",\"seconds_to_serving_cold\":" + std::to_string(cold);
  }
  std::printf(
      "BENCH_RESULT {\"scenario\":\"recovery\",\"subject\":\"planflow\",\"figures\":{"
      "\"seconds_to_serving\":%.4f%s,\"events\":%llu,\"database_bytes\":%llu},\"notes\":"
      "\"median of %d starts until GET /healthz answers 200, the database's pages in the OS "
      "cache; _cold: one start after dropping the page cache\"}\n",
      median, cold_figure.c_str(), static_cast<unsigned long long>(events),
      static_cast<unsigned long long>(bytes), cfg.restarts);
  return 0;
}
