// What the Node.js peers (ws_server.mjs, durable_bpmn_server.mjs) are given
// alike: the same users and sign-in sessions as planflow's, as random
// tokens in a file they read at start, and the check that `npm ci` has
// installed the packages they run on.
#pragma once

#include <string>

#include "bench/server/server_under_test.h"

namespace planflow::server_bench {

inline constexpr const char* kPeers = PLANFLOW_SOURCE_DIR "/bench/peers";

// The version of `package` that `npm ci` installed in bench/peers, or stops
// with a message on how to install it.
std::string installed_peer_version(const std::string& package);

// Writes FOLDER/tokens.json, token -> {user, unit, login}, for the drafter
// (user 1) and `cast.users` delegates (2, 3, ...), and sets `s`'s cookies
// to them; returns the file's path.
std::string write_peer_sessions(ServerUnderTest& s, const Cast& cast, const std::string& folder);

}  // namespace planflow::server_bench
