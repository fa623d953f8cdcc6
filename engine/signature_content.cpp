#include "engine/signature_content.h"

#include <openssl/evp.h>

#include <nlohmann/json.hpp>

#include "engine/dossier_state.h"
#include "engine/event_json.h"

namespace planflow {

using nlohmann::json;

Sha256 sha256(std::string_view bytes) {
  Sha256 out{};
  unsigned int size = 0;
  // One-shot SHA-256 fails only without memory or with a broken OpenSSL;
  // the all-zero digest then matches nothing signed.
  if (EVP_Digest(bytes.data(), bytes.size(), out.data(), &size, EVP_sha256(), nullptr) != 1 ||
      size != out.size())
    out.fill(0);
  return out;
}

Sha256 version_digest(std::uint32_t number, const std::vector<Block>& blocks) {
  json version = {{"number", number}, {"blocks", blocks_to_json(blocks)}};
  // nlohmann::json keeps object keys sorted, so dump() is canonical.
  return sha256(version.dump(-1, ' ', false, json::error_handler_t::replace));
}

std::optional<SignedContent> signed_content_of(const DossierState& s, UserId signer) {
  if (!s.issued || !s.frozen || s.versions == 0) return std::nullopt;
  return SignedContent{s.id,           s.versions,       s.last_version_digest, s.issued->number,
                       s.issued->year, s.issued->symbol, s.issued_at,           signer};
}

std::string signed_content_bytes(const SignedContent& c) {
  const json content = {{"purpose", std::string(kSignaturePurpose)},
                        {"dossier", c.dossier},
                        {"version", c.version},
                        {"version_sha256", to_hex(c.version_sha256)},
                        {"number", c.number},
                        {"year", c.year},
                        {"symbol", c.symbol},
                        {"issued_at", c.issued_at},
                        {"signer", c.signer}};
  return content.dump(-1, ' ', false, json::error_handler_t::replace);
}

Sha256 signed_content_digest(const SignedContent& content) {
  return sha256(signed_content_bytes(content));
}

std::string to_hex(std::span<const std::uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (std::uint8_t b : bytes) {
    out += kDigits[b >> 4];
    out += kDigits[b & 0xF];
  }
  return out;
}

std::optional<std::vector<std::uint8_t>> from_hex(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  std::vector<std::uint8_t> out;
  out.reserve(hex.size() / 2);
  for (size_t i = 0; i < hex.size(); i += 2) {
    const int hi = digit(hex[i]), lo = digit(hex[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.push_back(static_cast<std::uint8_t>(hi * 16 + lo));
  }
  return out;
}

}  // namespace planflow
