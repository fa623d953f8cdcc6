#include "bench/server/server_under_test.h"

#include "bench/server/common.h"

namespace planflow::server_bench {

std::vector<std::string> ServerUnderTest::delegate_sessions(std::size_t n) const {
  std::vector<std::string> cookies;
  cookies.reserve(n);
  for (std::size_t i = 0; i < n; ++i)
    cookies.push_back(delegate_cookies[i % delegate_cookies.size()]);
  return cookies;
}

unsigned short port_in(const std::string& line) {
  const auto at = line.find("http://127.0.0.1:");
  if (at == std::string::npos) die("the server does not listen on 127.0.0.1: " + line);
  const int port = std::atoi(line.c_str() + at + 17);
  if (port <= 0 || port > 65535) die("no port in \"" + line + "\"");
  return static_cast<unsigned short>(port);
}

}  // namespace planflow::server_bench
