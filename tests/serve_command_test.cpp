// `planflow serve` as an operator runs it: a child process that prints the
// URL it serves, answers on it, and on SIGTERM or SIGINT stops and exits 0.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

#include "api/accounts.h"
#include "tests/child_process.h"
#include "tests/cli_test_support.h"
#include "tests/server_test_support.h"

using namespace planflow;
using namespace planflow::testing;

TEST_CASE("planflow serve prints its URL, serves, and exits 0 on SIGTERM and on SIGINT",
          "[server][serve]") {
  for (int signal : {SIGTERM, SIGINT}) {
    INFO("signal " << signal);
    TempDir dir;
    // --db in a folder that does not exist yet: serve creates it.
    Child serve({PLANFLOW_BINARY, "serve", "--listen", "127.0.0.1:0", "--db",
                 dir.file("data/planflow.db"), "--workflows",
                 std::string(PLANFLOW_SOURCE_DIR) + "/workflows", "--web", dir.file("")});
    const std::string first = serve.line();
    INFO(first);
    const std::string prefix = "planflow is serving http://127.0.0.1:";
    REQUIRE(first.rfind(prefix, 0) == 0);
    const auto port = static_cast<unsigned short>(std::stoi(first.substr(prefix.size())));
    CHECK(http_request(port, http::verb::get, "/healthz", "").body() == "ok\n");

    REQUIRE(kill(serve.pid, signal) == 0);
    CHECK(serve.wait_exit(std::chrono::seconds(20)) == 0);
    std::string rest, line;
    while (!(line = serve.line()).empty())
      rest += line;
    CHECK(rest.find("planflow: stopped") != std::string::npos);
  }
}

TEST_CASE("planflow serve refuses a --rate-limit that is not a whole number from 1 up",
          "[server][serve]") {
  for (const char* rate : {"0", "-3", "abc", "5x", "2.5", "", "1000000001"}) {
    INFO("--rate-limit \"" << rate << "\"");
    const Run r = cli({"serve", "--listen", "127.0.0.1:0", "--rate-limit", rate});
    CHECK(r.status == kExitUsage);
    CHECK(r.err.find("--rate-limit takes a whole number") != std::string::npos);
    CHECK(r.err.find("\"" + std::string(rate) + "\"") != std::string::npos);
  }
}

TEST_CASE("planflow serve --rate-limit N lets a connection send a burst of 3 N, then refuses",
          "[server][serve]") {
  TempDir dir;
  const std::string db = dir.file("planflow.db");
  {
    auto accounts = open_accounts(db);
    REQUIRE(accounts.ok());
    REQUIRE(accounts.value()->add_unit("SNV", "Sở Nội vụ").ok());
    REQUIRE(accounts.value()->add_user("drafter", "drafter", "SNV", kPassword, false).ok());
  }
  Child serve({PLANFLOW_BINARY, "serve", "--listen", "127.0.0.1:0", "--db", db, "--workflows",
               std::string(PLANFLOW_SOURCE_DIR) + "/workflows", "--web", dir.file(""),
               "--rate-limit", "2"});
  const std::string first = serve.line();
  INFO(first);
  const std::string prefix = "planflow is serving http://127.0.0.1:";
  REQUIRE(first.rfind(prefix, 0) == 0);
  const auto port = static_cast<unsigned short>(std::stoi(first.substr(prefix.size())));
  Client client(port, sign_in(port, "drafter"), "http://127.0.0.1:" + std::to_string(port));

  // Sent at once, faster than two a second refills: the burst of 6 passes,
  // and before a second has gone by at most one more token has come back.
  const int sent = 12;
  for (int i = 0; i < sent; ++i)
    client.send_text(json{{"op", "inbox"}, {"id", i}}.dump());
  int answered = 0;
  json refusal;
  for (int i = 0; i < sent; ++i) {
    const auto reply = client.next_within(std::chrono::seconds(20));
    REQUIRE(reply);
    CHECK((*reply)["id"] == i);
    if (reply->contains("result"))
      ++answered;
    else
      refusal = *reply;
  }
  CHECK(answered >= 6);
  CHECK(answered < sent);
  INFO(refusal.dump());
  CHECK(refusal["error"]["code"] == "rate_limited");
  CHECK(refusal["error"]["message"].get<std::string>().find("tối đa 2 yêu cầu mỗi giây") !=
        std::string::npos);
}
