// `planflow serve`: runs the server until SIGINT or SIGTERM.
#include <boost/asio/signal_set.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <thread>

#include "api/cli.h"
#include "api/cli_options.h"
#include "api/server/server.h"
#include "engine/store/open_store.h"

namespace planflow {

namespace {

void print_usage(std::ostream& to) {
  const ServerConfig defaults;
  to << "usage: planflow serve [--listen ADDRESS:PORT] [--db PATH] [--workflows FOLDER] "
        "[--web FOLDER]\n"
        "                      [--origin URL]... [--rate-limit N]\n"
     << "  --listen ADDRESS:PORT  where to listen (default " << defaults.address << ":"
     << defaults.port << "; port 0: any free port)\n"
     << "  --db PATH|URL          the database: a SQLite file (default " << kDefaultDatabase
     << "),\n"
     << "                         or postgresql://user@host:port/database for several nodes\n"
     << "  --workflows FOLDER     the workflow definitions (default " << kDefaultWorkflows << ")\n"
     << "  --web FOLDER           the browser app's files (default " << defaults.web_root << ")\n"
     << "  --origin URL           an origin allowed to open a WebSocket, once per origin\n"
        "                         (default: the server's own address)\n"
     << "  --rate-limit N         requests a second each connection may send, sustained,\n"
        "                         with bursts of 3 N (default "
     << defaults.limits.commands_per_second << "); load tests raise it\n";
}

constexpr long long kMaxRate = 1'000'000'000;

// A whole number of requests a second from 1 to kMaxRate, or nullopt.
std::optional<double> rate_of(const std::string& text) {
  try {
    std::size_t used = 0;
    const long long rate = std::stoll(text, &used);
    if (used == text.size() && rate >= 1 && rate <= kMaxRate) return static_cast<double>(rate);
  } catch (const std::exception&) {
  }
  return std::nullopt;
}

}  // namespace

int run_serve(const Args& args, std::ostream& out, std::ostream& err) {
  ServerConfig config;
  config.database = kDefaultDatabase;
  config.workflows = kDefaultWorkflows;
  for (size_t i = 0; i < args.size(); ++i) {
    auto value = [&](const char* name, std::string* into) {
      return option_value(args, &i, name, into);
    };
    std::string listen, origin, rate;
    if (args[i] == "--help" || args[i] == "-h") {
      print_usage(out);
      return kExitOk;
    } else if (value("--listen", &listen)) {
      const auto colon = listen.rfind(':');
      if (colon == std::string::npos) {
        err << "planflow serve: --listen takes ADDRESS:PORT, e.g. 127.0.0.1:8080\n";
        return kExitUsage;
      }
      config.address = listen.substr(0, colon);
      try {
        const int port = std::stoi(listen.substr(colon + 1));
        if (port < 0 || port > 65535) throw std::out_of_range("port");
        config.port = static_cast<unsigned short>(port);
      } catch (const std::exception&) {
        err << "planflow serve: \"" << listen.substr(colon + 1) << "\" is not a port\n";
        return kExitUsage;
      }
    } else if (value("--db", &config.database) || value("--workflows", &config.workflows) ||
               value("--web", &config.web_root)) {
    } else if (value("--origin", &origin)) {
      config.allowed_origins.push_back(origin);
    } else if (value("--rate-limit", &rate)) {
      const auto per_second = rate_of(rate);
      if (!per_second) {
        err << "planflow serve: --rate-limit takes a whole number of requests a second from 1 to "
            << kMaxRate << ", not \"" << rate << "\"\n";
        return kExitUsage;
      }
      config.limits.commands_per_second = *per_second;
      config.limits.command_burst = 3 * *per_second;
    } else {
      print_usage(err);
      return kExitUsage;
    }
  }
  auto server = Server::start(config);
  if (!server.ok()) {
    err << "planflow serve: " << server.error() << "\n";
    return kExitFailed;
  }
  Server& s = *server.value();
  out << "planflow is serving " << s.url() << "  (database " << printable_location(config.database)
      << ")\n"
      << std::flush;
  boost::asio::io_context signals_context;
  boost::asio::signal_set signals(signals_context, SIGINT, SIGTERM);
  signals.async_wait([&s, &out](const boost::system::error_code&, int) {
    out << "planflow: stopping; finishing what is in progress\n" << std::flush;
    s.stop();
  });
  std::thread signal_thread([&signals_context] { signals_context.run(); });
  s.run();
  signals_context.stop();
  signal_thread.join();
  out << "planflow: stopped\n";
  return kExitOk;
}

}  // namespace planflow
