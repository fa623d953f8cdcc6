// Durable commands per second through the SQLite store, beside the physical
// limit of the same disk: write + fdatasync of a 200-byte record. Commands
// are comments added to plan dossiers in consultation, acknowledged only
// after their transaction committed with synchronous=FULL. Then the time of
// one full-text search over 10,000 comments.
//
// SQLite's own insert rate with the same durability (WAL, synchronous=FULL)
// is the other limit: one row per transaction, and 256 per transaction as
// the store's group commit makes them at most.
//
//   planflow_store_bench [--seconds=N] [--dir=PATH] [--quick]
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "engine/definition_loader.h"
#include "engine/store/queries.h"
#include "engine/store/sqlite_store.h"

using namespace planflow;
using Clock = std::chrono::steady_clock;

namespace {

struct Config {
  double seconds = 3;
  std::string dir = "/tmp";
  bool quick = false;
  std::string workflow = PLANFLOW_SOURCE_DIR "/workflows/plan.json";
};

double since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The disk's own limit: how many small appends per second can be made durable.
double fdatasync_rate(const Config& cfg) {
  const std::string path = cfg.dir + "/planflow-fsync-probe";
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) return 0;
  const std::string record(200, 'e');
  std::uint64_t n = 0;
  const auto start = Clock::now();
  while (since(start) < cfg.seconds) {
    if (::write(fd, record.data(), record.size()) < 0 || ::fdatasync(fd) != 0) break;
    ++n;
  }
  const double rate = static_cast<double>(n) / since(start);
  ::close(fd);
  std::filesystem::remove(path);
  return rate;
}

// Rows of an event's size (a 300-byte payload, a 32-byte hash) inserted
// into a table shaped like the event log, `per_commit` rows a transaction,
// with the store's own durability settings. Rows per second.
double sqlite_insert_rate(const Config& cfg, int per_commit) {
  const std::string path = cfg.dir + "/planflow-sqlite-probe.db";
  for (const char* suffix : {"", "-wal", "-shm"})
    std::filesystem::remove(path + suffix);
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) return 0;
  auto exec = [db](const char* sql) {
    if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
      std::fprintf(stderr, "sqlite: %s\n", sqlite3_errmsg(db));
      std::exit(1);
    }
  };
  exec("PRAGMA journal_mode = WAL");
  exec("PRAGMA synchronous = FULL");
  exec(
      "CREATE TABLE events (seq INTEGER PRIMARY KEY, dossier_id INTEGER NOT NULL, dossier_seq "
      "INTEGER NOT NULL, type TEXT NOT NULL, actor INTEGER NOT NULL, at INTEGER NOT NULL, "
      "payload TEXT NOT NULL, hash BLOB NOT NULL, UNIQUE (dossier_id, dossier_seq))");
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO events VALUES (NULL, ?, ?, 'comment_added', 1000, ?, ?, ?)",
                     -1, &insert, nullptr);
  const std::string payload(300, 'p');
  const std::string hash(32, 'h');
  std::uint64_t rows = 0;
  const auto start = Clock::now();
  while (since(start) < cfg.seconds) {
    exec("BEGIN");
    for (int i = 0; i < per_commit; ++i, ++rows) {
      sqlite3_bind_int64(insert, 1, static_cast<sqlite3_int64>(rows % 64));
      sqlite3_bind_int64(insert, 2, static_cast<sqlite3_int64>(rows));
      sqlite3_bind_int64(insert, 3, 1376539200);
      sqlite3_bind_text(insert, 4, payload.data(), static_cast<int>(payload.size()), SQLITE_STATIC);
      sqlite3_bind_blob(insert, 5, hash.data(), static_cast<int>(hash.size()), SQLITE_STATIC);
      if (sqlite3_step(insert) != SQLITE_DONE) {
        std::fprintf(stderr, "sqlite insert: %s\n", sqlite3_errmsg(db));
        std::exit(1);
      }
      sqlite3_reset(insert);
    }
    exec("COMMIT");
  }
  const double rate = static_cast<double>(rows) / since(start);
  sqlite3_finalize(insert);
  sqlite3_close(db);
  for (const char* suffix : {"", "-wal", "-shm"})
    std::filesystem::remove(path + suffix);
  return rate;
}

struct LoadResult {
  double rate = 0;
  double p50_ms = 0, p99_ms = 0;
  double mean_batch = 0;
  std::uint64_t commands = 0;
};

LoadResult run_clients(const Config& cfg, const DefinitionSet& defs, int clients) {
  const std::string path = cfg.dir + "/planflow-bench-" + std::to_string(clients) + ".db";
  for (const char* suffix : {"", "-wal", "-shm"})
    std::filesystem::remove(path + suffix);
  auto opened = open_sqlite_store(path, defs);
  if (!opened.ok()) {
    std::fprintf(stderr, "cannot open %s: %s\n", path.c_str(), opened.error().message.c_str());
    std::exit(1);
  }
  Store& store = *opened.value();
  // One dossier per client, each in its consultation with the client invited.
  std::vector<DossierId> dossiers;
  for (int c = 0; c < clients; ++c) {
    const UserId delegate = 1000 + static_cast<UserId>(c);
    CreateDossier create{"Kế hoạch " + std::to_string(c),
                         "KH",
                         {50, "UBND"},
                         {10, "SNV"},
                         {{"drafter", {1, 10}}, {"delegate", {delegate, 20}}, {"chair", {5, 50}}}};
    auto run = [&store](CommandRequest r) {
      auto res = store.execute(std::move(r));
      if (!res.ok()) {
        std::fprintf(stderr, "setup refused: %s\n", res.error().message.c_str());
        std::exit(1);
      }
      return res.value().dossier;
    };
    static int setup = 0;
    const DossierId id =
        run({"setup-" + std::to_string(setup++), 0, "plan", {}, create, {1, 10, false}, 0});
    run({"setup-" + std::to_string(setup++),
         id,
         "",
         {},
         SubmitVersion{blocks_from_text("Dự thảo"), ""},
         {1, 10, false},
         0});
    run({"setup-" + std::to_string(setup++),
         id,
         "",
         {},
         TakeAction{"open_consultation", {}},
         {1, 10, false},
         0});
    dossiers.push_back(id);
  }
  const StoreStats before = store.stats();
  std::atomic<bool> stop{false};
  std::vector<std::vector<double>> latencies(clients);
  std::vector<std::thread> threads;
  const auto start = Clock::now();
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      const UserId delegate = 1000 + static_cast<UserId>(c);
      for (int i = 0; !stop; ++i) {
        CommandRequest r{
            "c" + std::to_string(c) + "-" + std::to_string(i),
            dossiers[c],
            "",
            {},
            AddComment{"Đề nghị điều chỉnh chỉ tiêu cho sát thực tiễn, bổ sung lộ trình thi tuyển.",
                       0,
                       {}},
            {delegate, 20, false},
            1376539200 + i};
        const auto t0 = Clock::now();
        auto res = store.execute(std::move(r));
        if (!res.ok()) {
          std::fprintf(stderr, "refused: %s\n", res.error().message.c_str());
          std::exit(1);
        }
        latencies[c].push_back(since(t0) * 1000);
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(cfg.seconds));
  stop = true;
  for (auto& t : threads)
    t.join();
  const double elapsed = since(start);
  const StoreStats after = store.stats();
  std::vector<double> all;
  for (auto& l : latencies)
    all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  LoadResult r;
  r.commands = all.size();
  r.rate = static_cast<double>(all.size()) / elapsed;
  r.p50_ms = all.empty() ? 0 : all[all.size() / 2];
  r.p99_ms = all.empty() ? 0 : all[std::min(all.size() - 1, all.size() * 99 / 100)];
  const auto batches = after.batches - before.batches;
  r.mean_batch = batches ? static_cast<double>(after.committed - before.committed) / batches : 0;
  store.close();
  for (const char* suffix : {"", "-wal", "-shm"})
    std::filesystem::remove(path + suffix);
  return r;
}

// Search over 10,000 comments in 100 dossiers, from phrases mixed so that
// some words are in every comment and some in few: the time of one search
// as the search op runs it (FTS5 match, participants, bm25, 20 snippets).
void search_figures(const Config& cfg, const DefinitionSet& defs) {
  const std::string path = cfg.dir + "/planflow-bench-search.db";
  for (const char* suffix : {"", "-wal", "-shm"})
    std::filesystem::remove(path + suffix);
  auto opened = open_sqlite_store(path, defs);
  if (!opened.ok()) {
    std::fprintf(stderr, "cannot open %s: %s\n", path.c_str(), opened.error().message.c_str());
    std::exit(1);
  }
  Store& store = *opened.value();
  const char* phrases[] = {"tinh giản biên chế", "đào tạo, bồi dưỡng công chức",
                           "vị trí việc làm",    "cải cách hành chính",
                           "chỉ tiêu năm 2025",  "sát thực tiễn địa phương",
                           "lộ trình thi tuyển", "Đà Nẵng và Quảng Nam",
                           "ngân sách nhà nước", "chuyển đổi số"};
  constexpr int kDossiers = 100, kComments = 100;
  int request = 0;
  auto run = [&](DossierId dossier, Command command, UserId actor) {
    auto res = store.execute({"search-" + std::to_string(request++),
                              dossier,
                              "plan",
                              {},
                              std::move(command),
                              {actor, 10, false},
                              1376539200});
    if (!res.ok()) {
      std::fprintf(stderr, "setup refused: %s\n", res.error().message.c_str());
      std::exit(1);
    }
    return res.value().dossier;
  };
  std::atomic<int> next{0};
  std::vector<std::thread> writers;
  std::vector<DossierId> dossiers;
  for (int d = 0; d < kDossiers; ++d) {
    CreateDossier create{"Kế hoạch số " + std::to_string(d) + " về " + phrases[d % 10],
                         "KH",
                         {50, "UBND"},
                         {10, "SNV"},
                         {{"drafter", {1, 10}}, {"delegate", {1000, 20}}, {"chair", {5, 50}}}};
    const DossierId id = run(0, create, 1);
    run(id, SubmitVersion{blocks_from_text("Dự thảo về " + std::string(phrases[(d + 3) % 10])), ""},
        1);
    run(id, TakeAction{"open_consultation", {}}, 1);
    dossiers.push_back(id);
  }
  // Many writers, so group commit fills the database in seconds.
  std::atomic<int> counter{0};
  for (int w = 0; w < 16; ++w)
    writers.emplace_back([&, w] {
      for (int i; (i = next++) < kDossiers * kComments;) {
        const std::string text = std::string("Đề nghị ") + phrases[i % 10] + ", " +
                                 phrases[(i / 10) % 10] + ", ý kiến số " + std::to_string(i);
        CommandRequest r{"sc-" + std::to_string(w) + "-" + std::to_string(counter++),
                         dossiers[static_cast<std::size_t>(i % kDossiers)],
                         "",
                         {},
                         AddComment{text, 0, {}},
                         {1000, 20, false},
                         1376539200};
        if (auto res = store.execute(std::move(r)); !res.ok()) {
          std::fprintf(stderr, "refused: %s\n", res.error().message.c_str());
          std::exit(1);
        }
      }
    });
  for (auto& t : writers)
    t.join();
  store.close();
  auto queries = Queries::open(path);
  if (!queries.ok()) std::exit(1);
  std::printf("== search over %d comments in %d dossiers (20 hits with snippets) ==\n",
              kDossiers * kComments, kDossiers);
  for (const char* text :
       {"tinh gian bien che", "da nang", "bien c", "y kien so 4242", "khong co tu nay"}) {
    std::size_t hits = 0;
    int n = 0;
    const auto start = Clock::now();
    while (since(start) < std::min(cfg.seconds, 1.0) || n < 5) {
      auto r = queries.value()->search(1000, text, 20);
      if (!r.ok()) std::exit(1);
      hits = r.value().size();
      ++n;
    }
    std::printf("%-34s %8.3f ms a search   (%zu hits)\n", (std::string("\"") + text + "\"").c_str(),
                since(start) * 1000 / n, hits);
  }
  queries.value().reset();
  for (const char* suffix : {"", "-wal", "-shm"})
    std::filesystem::remove(path + suffix);
}

}  // namespace

int main(int argc, char** argv) {
  Config cfg;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a.rfind("--seconds=", 0) == 0)
      cfg.seconds = std::stod(a.substr(10));
    else if (a.rfind("--dir=", 0) == 0)
      cfg.dir = a.substr(6);
    else if (a == "--quick")
      cfg.quick = true, cfg.seconds = 0.5;
    else {
      std::fprintf(stderr, "usage: planflow_store_bench [--seconds=N] [--dir=PATH] [--quick]\n");
      return 2;
    }
  }
  FILE* f = std::fopen(cfg.workflow.c_str(), "rb");
  if (!f) return 1;
  std::string text;
  char buf[65536];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;)
    text.append(buf, n);
  std::fclose(f);
  auto def = load_definition(text);
  if (!def.ok()) return 1;
  DefinitionSet defs;
  (void)defs.add(std::move(def).value());

  std::printf(
      "== planflow store: durable commands (comment added, acknowledged after commit) ==\n");
  std::printf("disk: %s, %.1f s per figure\n", cfg.dir.c_str(), cfg.seconds);
  const double fsync = fdatasync_rate(cfg);
  std::printf("%-34s %10.0f /s\n", "raw write(200 B) + fdatasync", fsync);
  const double sqlite_one = sqlite_insert_rate(cfg, 1);
  std::printf("%-34s %10.0f /s\n", "SQLite, 1 insert per commit", sqlite_one);
  const double sqlite_grouped = sqlite_insert_rate(cfg, 256);
  std::printf("%-34s %10.0f /s\n", "SQLite, 256 inserts per commit", sqlite_grouped);
  std::string figures;
  for (int clients : {1, 16, 64}) {
    const LoadResult r = run_clients(cfg, defs, clients);
    figures +=
        ",\"store_commands_per_s@" + std::to_string(clients) + "\":" + std::to_string(r.rate);
    std::printf(
        "%2d client%s %-23s %10.0f /s   p50 %6.2f ms   p99 %6.2f ms   %5.1f commands per commit   "
        "(%.2fx fdatasync)\n",
        clients, clients == 1 ? " " : "s", "", r.rate, r.p50_ms, r.p99_ms, r.mean_batch,
        fsync > 0 ? r.rate / fsync : 0);
  }
  // For bench/run: the machine's limits, and the store alone beside them.
  std::printf(
      "BENCH_RESULT {\"scenario\":\"limits\",\"subject\":\"machine\",\"figures\":{"
      "\"fdatasync_per_s\":%.1f,\"sqlite_inserts_per_s@1\":%.1f,\"sqlite_inserts_per_s@256\":%."
      "1f},\"notes\":\"%s; write(200 B)+fdatasync; SQLite WAL, synchronous=FULL, 1 or 256 "
      "rows a transaction\"}\n",
      fsync, sqlite_one, sqlite_grouped, cfg.dir.c_str());
  std::printf(
      "BENCH_RESULT {\"scenario\":\"limits\",\"subject\":\"planflow\",\"figures\":{%s},"
      "\"notes\":\"the store alone, no network: add_comment by 1, 16, 64 client threads\"}\n",
      figures.substr(1).c_str());
  if (!cfg.quick) search_figures(cfg, defs);
  return 0;
}
