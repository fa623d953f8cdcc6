// What a signature on an issued document covers, computed the same way by
// the engine (which refuses a signature over anything else), the server
// (which signs) and `planflow verify` (which checks every signature in the
// log). Pure: SHA-256 of bytes, no keys, no clock.
//
// The issued version is first reduced to its digest, so a dossier's state
// keeps 32 bytes of it and no text:
//
//   version digest = SHA-256 of {"blocks":[...],"number":N}
//
// with the blocks as the version_submitted event writes them (event_json.h),
// keys sorted, no white space. What is signed is then
//
//   signed digest  = SHA-256 of signed_content_bytes(), the canonical JSON
//   {"dossier":7,"issued_at":1706115600,"number":1,"purpose":"planflow/issued-document/v1",
//    "signer":3,"symbol":"01/KH-UBND","version":2,"version_sha256":"<64 hex>","year":2024}
//
// and Ed25519 signs those 32 bytes. An outside verifier can rebuild both from
// the log alone.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/document.h"
#include "engine/ids.h"
#include "engine/time.h"

namespace planflow {

using Sha256 = std::array<std::uint8_t, 32>;

inline constexpr std::string_view kSignaturePurpose = "planflow/issued-document/v1";
inline constexpr std::string_view kSignatureAlgorithm = "Ed25519";

Sha256 sha256(std::string_view bytes);

// SHA-256 of the canonical JSON of a version: its number and its blocks,
// whose texts must be UTF-8 (every text decide() accepts is).
Sha256 version_digest(std::uint32_t number, const std::vector<Block>& blocks);

struct SignedContent {
  std::uint64_t dossier = 0;
  std::uint32_t version = 0;  // the issued version's number
  Sha256 version_sha256{};    // version_digest() of it
  std::uint32_t number = 0;   // the official number
  int year = 0;
  std::string symbol;  // "01/KH-UBND"
  Time issued_at = 0;
  UserId signer = 0;
};

class DossierState;

// What `signer` signs for an issued dossier (its id, latest version, number
// and issue time from the state); nothing before the dossier is issued.
std::optional<SignedContent> signed_content_of(const DossierState& state, UserId signer);

std::string signed_content_bytes(const SignedContent& content);
Sha256 signed_content_digest(const SignedContent& content);

// Lower-case hex; from_hex refuses anything but 2 * N hex digits.
std::string to_hex(std::span<const std::uint8_t> bytes);
std::optional<std::vector<std::uint8_t>> from_hex(std::string_view hex);

}  // namespace planflow
