#include "bench/server/protocol.h"

namespace planflow::server_bench {

nlohmann::json command_request(std::uint64_t dossier, const std::string& request_id,
                               nlohmann::json body) {
  return {{"op", "command"},
          {"dossier", dossier},
          {"request_id", request_id},
          {"command", std::move(body)}};
}

nlohmann::json comment_request(std::uint64_t dossier, const std::string& request_id) {
  return command_request(dossier, request_id, {{"type", "add_comment"}, {"text", kComment}});
}

nlohmann::json subscribe_request(std::uint64_t dossier, std::uint64_t after) {
  return {{"op", "subscribe"}, {"dossier", dossier}, {"after", after}};
}

}  // namespace planflow::server_bench
