#include "bench/server/options.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "bench/server/common.h"

namespace planflow::server_bench {

namespace {

void print_usage() {
  std::printf(
      "usage: planflow_server_bench --subject planflow|node-ws|bpmn-engine\n"
      "                             --scenario durable|fanout|idle [--planflow PATH] [--quick]\n"
      "                             [options]\n"
      "  --subject S          planflow (planflow serve), node-ws (bench/peers/ws_server.mjs)\n"
      "                       or bpmn-engine (bench/peers/durable_bpmn_server.mjs, durable only)\n"
      "  --scenario S         durable: add_comment commands, closed loop, per session count\n"
      "                       fanout: one comment pushed to every subscribed session\n"
      "                       idle: resident memory per idle authenticated session\n"
      "  --planflow PATH      the planflow binary (default: the one built beside this)\n"
      "  --node PATH          the Node.js binary (default: node in PATH)\n"
      "  --users N            delegates signed in, the sessions spread over them (default 16)\n"
      "  --sessions LIST      durable: session counts, one run each (default 1,16,256)\n"
      "  --seconds S          durable: length of each run (default 5)\n"
      "  --subscribers N      fanout: sessions subscribed to the dossier (default 1000)\n"
      "  --rounds N           fanout: comments pushed, one at a time (default 50)\n"
      "  --idle-sessions N    idle: sessions held (default 10000)\n"
      "  --settle S           idle: seconds to wait once all are open (default 2)\n"
      "  --dir PATH           where the temporary folder goes (default /tmp)\n"
      "  --no-pin             leave the server and the client unpinned\n"
      "  --postgres           planflow on a PostgreSQL 15 started for the run (fsync and\n"
      "                       synchronous_commit on) instead of SQLite\n"
      "  --nodes N            with --postgres: planflow serve nodes sharing it, the sessions\n"
      "                       spread over them (default 1)\n"
      "  --quick              small sizes, a few seconds (later flags override it)\n");
}

int parse_int(const std::string& flag, const std::string& text, int min, int max) {
  try {
    std::size_t used = 0;
    const int v = std::stoi(text, &used);
    if (used == text.size() && v >= min && v <= max) return v;
  } catch (const std::exception&) {
  }
  die(flag + " wants a whole number from " + std::to_string(min) + " to " + std::to_string(max) +
      ", not \"" + text + "\"");
}

double parse_seconds(const std::string& flag, const std::string& text) {
  try {
    std::size_t used = 0;
    const double v = std::stod(text, &used);
    if (used == text.size() && v >= 0.1 && v <= 3600) return v;
  } catch (const std::exception&) {
  }
  die(flag + " wants seconds from 0.1 to 3600, not \"" + text + "\"");
}

std::vector<int> parse_list(const std::string& flag, const std::string& text) {
  std::vector<int> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    out.push_back(parse_int(flag, text.substr(start, comma - start), 1, 10000));
    start = comma + 1;
  }
  return out;
}

}  // namespace

const char* subject_name(Subject s) {
  switch (s) {
    case Subject::kPlanflow:
      return "planflow";
    case Subject::kNodeWs:
      return "node-ws";
    case Subject::kBpmnEngine:
      return "bpmn-engine";
  }
  return "?";
}

const char* scenario_name(Scenario s) {
  switch (s) {
    case Scenario::kDurable:
      return "durable";
    case Scenario::kFanOut:
      return "fanout";
    case Scenario::kIdle:
      return "idle";
  }
  return "?";
}

std::string subject_label(const Options& o) {
  if (!o.postgres) return subject_name(o.subject);
  return o.nodes == 1 ? "planflow-postgres"
                      : "planflow-postgres-" + std::to_string(o.nodes) + "-nodes";
}

Options parse_options(int argc, char** argv) {
  Options o;
  o.planflow = PLANFLOW_BINARY;
  bool subject = false, scenario = false;
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    std::optional<std::string> inline_value;
    if (const auto eq = flag.find('='); eq != std::string::npos) {
      inline_value = flag.substr(eq + 1);
      flag.resize(eq);
    }
    auto value = [&]() -> std::string {
      if (inline_value) return *inline_value;
      if (i + 1 >= argc) die(flag + " needs a value");
      return argv[++i];
    };
    if (flag == "--help" || flag == "-h") {
      print_usage();
      std::exit(0);
    } else if (flag == "--subject") {
      const std::string s = value();
      if (s == "planflow")
        o.subject = Subject::kPlanflow;
      else if (s == "node-ws")
        o.subject = Subject::kNodeWs;
      else if (s == "bpmn-engine")
        o.subject = Subject::kBpmnEngine;
      else
        die("--subject is planflow, node-ws or bpmn-engine, not \"" + s + "\"");
      subject = true;
    } else if (flag == "--scenario") {
      const std::string s = value();
      if (s == "durable")
        o.scenario = Scenario::kDurable;
      else if (s == "fanout")
        o.scenario = Scenario::kFanOut;
      else if (s == "idle")
        o.scenario = Scenario::kIdle;
      else
        die("--scenario is durable, fanout or idle, not \"" + s + "\"");
      scenario = true;
    } else if (flag == "--quick") {
      o.quick = true;
      o.users = 4;
      o.seconds = 0.5;
      o.rounds = 10;
      o.idle_sessions = 1000;
      o.settle_seconds = 1;
    } else if (flag == "--planflow") {
      o.planflow = value();
    } else if (flag == "--node") {
      o.node = value();
    } else if (flag == "--users") {
      o.users = static_cast<std::size_t>(parse_int(flag, value(), 1, 400));
    } else if (flag == "--sessions") {
      o.sessions = parse_list(flag, value());
    } else if (flag == "--seconds") {
      o.seconds = parse_seconds(flag, value());
    } else if (flag == "--subscribers") {
      o.subscribers = parse_int(flag, value(), 1, 15000);
    } else if (flag == "--rounds") {
      o.rounds = parse_int(flag, value(), 1, 100000);
    } else if (flag == "--idle-sessions") {
      o.idle_sessions = parse_int(flag, value(), 1, 15000);
    } else if (flag == "--settle") {
      o.settle_seconds = parse_seconds(flag, value());
    } else if (flag == "--dir") {
      o.dir = value();
    } else if (flag == "--no-pin") {
      o.pin = false;
    } else if (flag == "--postgres") {
      o.postgres = true;
    } else if (flag == "--nodes") {
      o.nodes = parse_int(flag, value(), 1, 8);
    } else {
      die("unknown option " + flag + " (see --help)");
    }
  }
  if (!subject || !scenario) die("--subject and --scenario are required (see --help)");
  if ((o.postgres || o.nodes > 1) && o.subject != Subject::kPlanflow)
    die("--postgres and --nodes are for --subject planflow");
  if (o.nodes > 1 && !o.postgres) die("--nodes N > 1 needs --postgres: nodes share its log");
  if (o.subject == Subject::kBpmnEngine && o.scenario != Scenario::kDurable)
    die(std::string("--subject bpmn-engine runs only --scenario durable, not ") +
        scenario_name(o.scenario) +
        ": it is the peer that stores what it acknowledges; node-ws stands for Node.js in the "
        "fanout and idle scenarios, which measure the transport");
  return o;
}

}  // namespace planflow::server_bench
