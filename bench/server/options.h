// The command line: one subject and one scenario per run, so the harness
// can alternate planflow and its peer.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace planflow::server_bench {

enum class Subject { kPlanflow, kNodeWs, kBpmnEngine };
enum class Scenario { kDurable, kFanOut, kIdle };

const char* subject_name(Subject s);    // "planflow", "node-ws", "bpmn-engine"
const char* scenario_name(Scenario s);  // "durable", "fanout", "idle"

struct Options {
  Subject subject = Subject::kPlanflow;
  Scenario scenario = Scenario::kDurable;
  std::string planflow;  // the planflow binary
  std::string node = "node";
  bool quick = false;
  bool pin = true;
  std::string dir = "/tmp";
  // planflow on PostgreSQL: a private server (scripts/test-postgres) this
  // run starts in its folder, and how many `planflow serve` nodes share it.
  bool postgres = false;
  int nodes = 1;
  // Delegates signed in; every scenario's sessions are spread over them.
  std::size_t users = 16;
  // durable
  std::vector<int> sessions{1, 16, 256};
  double seconds = 5;
  // fanout
  int subscribers = 1000;
  int rounds = 50;
  // idle
  int idle_sessions = 10000;
  double settle_seconds = 2;
};

struct Options;
// The subject as the results name it: planflow on PostgreSQL is a subject
// of its own, "planflow-postgres" or "planflow-postgres-2-nodes".
std::string subject_label(const Options& o);

// Stops with a message on a bad command line; prints the usage and exits 0 on --help.
Options parse_options(int argc, char** argv);

}  // namespace planflow::server_bench
