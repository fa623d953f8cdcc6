// The per-dossier hash chain that makes the event log tamper-evident: each
// event's hash is SHA-256 over the previous event's hash, the dossier id,
// the event's place in the dossier and its canonical bytes. Editing,
// deleting or reordering any past event changes every hash after it.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace planflow {

using Hash = std::array<std::uint8_t, 32>;

inline constexpr Hash kGenesisHash{};  // the "previous hash" of a dossier's first event

Hash chain_hash(const Hash& previous, std::uint64_t dossier, std::uint64_t dossier_seq,
                std::string_view canonical_event);

std::string to_hex(const Hash& h);

}  // namespace planflow
