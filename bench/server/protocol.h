// The frames the client sends: planflow's protocol (docs/protocol.md), the
// same bytes for every subject but the dossier ids.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace planflow::server_bench {

// The comment every measured command adds.
inline constexpr const char* kComment =
    "Đề nghị điều chỉnh chỉ tiêu cho sát thực tiễn, bổ sung lộ trình thi tuyển.";

// {"op":"command", ...} on a dossier that exists.
nlohmann::json command_request(std::uint64_t dossier, const std::string& request_id,
                               nlohmann::json body);

// The add_comment command the scenarios time.
nlohmann::json comment_request(std::uint64_t dossier, const std::string& request_id);

nlohmann::json subscribe_request(std::uint64_t dossier, std::uint64_t after);

}  // namespace planflow::server_bench
