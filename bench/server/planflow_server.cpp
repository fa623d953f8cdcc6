// planflow's side: the accounts, their sign-in sessions and the dossiers
// are made in this process, straight into the database, before
// `planflow serve` opens it. Sessions live in the database, so the cookies
// made here are valid in the server.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <future>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "api/accounts.h"
#include "api/workflow_files.h"
#include "bench/server/common.h"
#include "bench/server/machine.h"
#include "bench/server/server_under_test.h"
#include "engine/command_json.h"
#include "engine/store/open_store.h"
#include "engine/store/sql.h"

namespace planflow::server_bench {

namespace {

using nlohmann::json;

constexpr const char* kPassword = "mat-khau-du-dai-1";
constexpr const char* kWorkflows = PLANFLOW_SOURCE_DIR "/workflows";

struct Member {
  UserId user = 0;
  UnitId unit = 0;
  std::string cookie;
};

struct People {
  UnitId issuer_unit = 0;
  Member drafter;
  std::vector<Member> delegates;
};

template <class T>
T must(Result<T, AccountError> r, const std::string& what) {
  if (!r.ok()) die(what + ": " + r.error().message);
  return std::move(r).value();
}

// Accounts::sign_in is the only way to a session token; called in-process it
// skips HTTP and the per-address throttle, not the Argon2id check.
Member make_member(Accounts& accounts, const std::string& login, const std::string& name) {
  const User user =
      must(accounts.add_user(login, name, "SNV", kPassword, false), "adding user " + login);
  const SignIn s =
      must(accounts.sign_in(login, kPassword, "", std::time(nullptr)), "signing in " + login);
  return {user.id, user.unit, "planflow_session=" + s.token};
}

People make_people(const std::string& database, std::size_t delegates) {
  auto opened = open_accounts(database);
  if (!opened.ok()) die("cannot open the accounts: " + opened.error().message);
  Accounts& accounts = *opened.value();
  must(accounts.add_unit("SNV", "Sở Nội vụ"), "adding a unit");
  const Unit issuer = must(accounts.add_unit("UBND", "Ủy ban nhân dân tỉnh"), "adding a unit");

  std::vector<std::string> logins{"chu.tri"};
  for (std::size_t i = 1; i <= delegates; ++i)
    logins.push_back("dai.bieu." + std::to_string(i));
  std::vector<Member> members(logins.size());
  // Argon2id runs twice per user (the account, then the sign-in): spread it
  // over the CPUs, since the accounts hash outside their lock.
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> workers;
  const std::size_t threads = std::max<std::size_t>(1, allowed_cpus().size());
  for (std::size_t w = 0; w < threads; ++w)
    workers.emplace_back([&] {
      for (std::size_t i; (i = next++) < logins.size();)
        members[i] = make_member(accounts, logins[i],
                                 i == 0 ? "Chủ trì soạn thảo" : "Đại biểu " + std::to_string(i));
    });
  for (auto& w : workers)
    w.join();
  return {issuer.id, members[0], {members.begin() + 1, members.end()}};
}

json binding(const char* role, const Member& m) {
  return {{"role", role}, {"user", m.user}, {"unit", m.unit}};
}

// Commands submitted together, so the store commits them in a few group
// commits rather than one fdatasync each; waits for them all.
class Batch {
 public:
  Batch(Store& store, const DefinitionSet& definitions, const Member& drafter)
      : store_(store), definitions_(definitions), drafter_(drafter) {}

  // Returns the index of the command's result.
  std::size_t add(std::uint64_t dossier, const std::string& request_id, const json& body) {
    const Definition* def = definitions_.latest("plan");
    if (!def) die("there is no plan workflow in " + std::string(kWorkflows));
    auto command = command_from_json(body, def);
    if (!command.ok()) die("the bench built a bad command: " + command.error().message);
    CommandRequest r;
    r.request_id = request_id;
    r.dossier = dossier;
    if (dossier == 0) r.workflow = "plan";
    r.command = std::move(command).value();
    r.actor = Actor{drafter_.user, drafter_.unit, false};
    r.now = std::time(nullptr);
    requests_.push_back(std::move(r));
    return requests_.size() - 1;
  }

  // Commits every command added and returns their results in order.
  std::vector<CommitResult> commit() {
    std::vector<std::optional<CommitResult>> results(requests_.size());
    std::mutex mu;
    std::size_t left = requests_.size();
    std::promise<void> all;
    auto done = all.get_future();
    for (std::size_t i = 0; i < requests_.size(); ++i)
      store_.submit(std::move(requests_[i]), [&, i](Result<CommitResult, StoreError> r) {
        if (!r.ok()) die("preparing the dossiers: " + r.error().message);
        std::lock_guard lock(mu);
        results[i] = std::move(r).value();
        if (--left == 0) all.set_value();
      });
    if (!requests_.empty()) done.get();
    requests_.clear();
    std::vector<CommitResult> out;
    for (auto& r : results)
      out.push_back(std::move(*r));
    return out;
  }

 private:
  Store& store_;
  const DefinitionSet& definitions_;
  const Member& drafter_;
  std::vector<CommandRequest> requests_;
};

// Plan dossiers in consultation, as the drafter makes them: created with
// its delegates, a draft submitted, the consultation opened.
std::vector<Dossier> make_dossiers(const std::string& database, const People& people,
                                   const std::vector<std::vector<const Member*>>& delegates) {
  DefinitionSet definitions;
  auto files = list_definition_files(kWorkflows);
  if (!files.ok()) die(std::string(kWorkflows) + ": " + files.error().message);
  auto calendar = load_working_calendar(kWorkflows);
  if (!calendar.ok()) die(std::string(kWorkflows) + ": " + calendar.error().message);
  for (const FileProblems& f : load_definition_files(files.value(), &definitions, calendar.value()))
    if (!f.problems.empty()) die(f.path + ": " + f.problems[0].message);
  auto opened = open_store(parse_store_location(database), definitions);
  if (!opened.ok()) die("cannot open the store: " + opened.error().message);
  Store& store = *opened.value();

  Batch batch(store, definitions, people.drafter);
  for (std::size_t d = 0; d < delegates.size(); ++d) {
    json bindings =
        json::array({binding("drafter", people.drafter), binding("chair", people.drafter)});
    for (const Member* m : delegates[d])
      bindings.push_back(binding("delegate", *m));
    batch.add(0, "bench-" + std::to_string(d) + "-create",
              {{"type", "create_dossier"},
               {"title", "Kế hoạch cải cách hành chính " + std::to_string(d + 1)},
               {"issuer", {{"id", people.issuer_unit}, {"code", "UBND"}}},
               {"drafting_unit", {{"id", people.drafter.unit}, {"code", "SNV"}}},
               {"bindings", std::move(bindings)}});
  }
  std::vector<Dossier> dossiers;
  for (const CommitResult& c : batch.commit())
    dossiers.push_back({c.dossier, 0});
  for (std::size_t d = 0; d < dossiers.size(); ++d)
    batch.add(dossiers[d].id, "bench-" + std::to_string(d) + "-v1",
              {{"type", "submit_version"}, {"text", "Dự thảo"}});
  batch.commit();
  for (std::size_t d = 0; d < dossiers.size(); ++d)
    batch.add(dossiers[d].id, "bench-" + std::to_string(d) + "-open",
              {{"type", "take_action"}, {"action", "open_consultation"}});
  const auto opened_results = batch.commit();
  for (std::size_t d = 0; d < dossiers.size(); ++d)
    dossiers[d].last_seq = opened_results[d].events.back().seq;
  store.close();
  return dossiers;
}

// A PostgreSQL server of the run's own, in its folder, and an empty
// database on it; returns the database's URL.
std::string start_postgres(const std::string& folder) {
  const std::string script = PLANFLOW_SOURCE_DIR "/scripts/test-postgres";
  const std::string dir = folder + "/postgres";
  stop_postgres_on_exit(script + " stop " + dir + " >/dev/null 2>&1");
  if (std::system(
          (script + " start " + dir + " >" + folder + "/postgres-start.log 2>&1").c_str()) != 0)
    die("cannot start PostgreSQL:\n" + tail_of(folder + "/postgres-start.log", 20));
  std::ifstream in(dir + "/url");
  std::string server;
  std::getline(in, server);
  sql::SqlError e;
  auto admin = sql::Connection::open_postgres(server, &e);
  if (!admin) die(e.message);
  if (auto made = admin->exec("CREATE DATABASE planflow_bench"); !made.ok())
    die("cannot create the bench database: " + made.error().message);
  return server.substr(0, server.rfind('/') + 1) + "planflow_bench";
}

}  // namespace

ServerUnderTest start_planflow(const Options& o, const Cast& cast, const std::string& folder,
                               int cpu) {
  ServerUnderTest s;
  const std::string database = o.postgres ? start_postgres(folder) : folder + "/planflow.db";
  const auto started = Clock::now();
  const People people = make_people(database, cast.users);
  const double sign_in_seconds = ms_between(started, Clock::now()) / 1000;

  std::vector<std::vector<const Member*>> delegates;
  for (std::size_t d = 0; d < cast.load_dossiers; ++d)
    delegates.push_back({&people.delegates[d % people.delegates.size()]});
  if (cast.fan_out_dossier) {
    delegates.emplace_back();
    for (const Member& m : people.delegates)
      delegates.back().push_back(&m);
  }
  const auto dossiers_started = Clock::now();
  std::vector<Dossier> dossiers = make_dossiers(database, people, delegates);
  const double dossier_seconds = ms_between(dossiers_started, Clock::now()) / 1000;
  if (cast.fan_out_dossier) {
    s.fan_out = dossiers.back();
    dossiers.pop_back();
  }
  s.load_dossiers = std::move(dossiers);
  s.drafter_cookie = people.drafter.cookie;
  for (const Member& m : people.delegates)
    s.delegate_cookies.push_back(m.cookie);

  // The per-connection limit (20 requests a second) would cap a closed loop
  // at 20 commands a second per session: the figures are the server's, not
  // the limiter's.
  s.log = folder + "/server.log";
  std::vector<std::string> argv{o.planflow, "serve",  "--listen",     "127.0.0.1:0",
                                "--db",     database, "--workflows",  kWorkflows,
                                "--web",    folder,   "--rate-limit", "1000000000"};
  // Nodes on other ports serve the same browsers: one origin for them all.
  if (o.postgres) {
    s.allowed_origin = "http://bench.planflow.invalid";
    argv.insert(argv.end(), {"--origin", s.allowed_origin});
  }
  for (int n = 0; n < o.nodes; ++n) {
    const std::string log = n == 0 ? s.log : folder + "/server-" + std::to_string(n + 1) + ".log";
    auto node = std::make_unique<ChildProcess>(argv, log, cpu);
    const unsigned short port =
        port_in(node->wait_for_output("planflow is serving", std::chrono::seconds(30)));
    s.ports.push_back(port);
    if (n == 0)
      s.process = std::move(node);
    else
      s.other_nodes.push_back(std::move(node));
  }
  s.port = s.ports.front();
  char line[512];
  std::snprintf(line, sizeof line,
                "planflow serve (%s), its defaults but --rate-limit 1000000000: 2 io threads and "
                "the store's writer",
                o.planflow.c_str());
  s.setup.push_back(line);
  s.setup.push_back(
      "rate limit per connection raised from 20 to 1e9 requests/s (bursts 3e9): the figures are "
      "throughput, not the limiter");
  if (o.postgres)
    std::snprintf(line, sizeof line,
                  "database: PostgreSQL 15 (scripts/test-postgres: fsync and synchronous_commit "
                  "on) on %s, unpinned, shared by %d node%s",
                  filesystem_of(folder).c_str(), o.nodes, o.nodes == 1 ? "" : "s");
  else
    std::snprintf(line, sizeof line, "database: %s on %s, synchronous=FULL", database.c_str(),
                  filesystem_of(folder).c_str());
  s.setup.push_back(line);
  std::snprintf(line, sizeof line,
                "prepared in-process before the server started: %zu accounts made and signed in "
                "(Argon2id, no HTTP) in %.1f s, %zu dossiers in consultation in %.1f s",
                cast.users + 1, sign_in_seconds, s.load_dossiers.size() + cast.fan_out_dossier,
                dossier_seconds);
  s.setup.push_back(line);
  s.commit_metrics = "planflow";
  s.notes = o.postgres ? "planflow serve x" + std::to_string(o.nodes) +
                             " on PostgreSQL 15 (synchronous_commit on) on " +
                             filesystem_of(folder) + ", request rate limit raised to 1e9/s"
                       : "planflow serve, synchronous=FULL on " + filesystem_of(folder) +
                             ", request rate limit raised to 1e9/s";
  return s;
}

}  // namespace planflow::server_bench
