#include "engine/store/hash_chain.h"

#include <openssl/evp.h>

#include <stdexcept>

namespace planflow {

Hash chain_hash(const Hash& previous, std::uint64_t dossier, std::uint64_t dossier_seq,
                std::string_view canonical_event) {
  const std::string position = std::to_string(dossier) + ":" + std::to_string(dossier_seq) + ":";
  Hash out{};
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  unsigned int size = 0;
  const bool ok = ctx && EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr) == 1 &&
                  EVP_DigestUpdate(ctx, previous.data(), previous.size()) == 1 &&
                  EVP_DigestUpdate(ctx, position.data(), position.size()) == 1 &&
                  EVP_DigestUpdate(ctx, canonical_event.data(), canonical_event.size()) == 1 &&
                  EVP_DigestFinal_ex(ctx, out.data(), &size) == 1 && size == out.size();
  EVP_MD_CTX_free(ctx);
  // Only a broken OpenSSL installation gets here; no history can be trusted then.
  if (!ok) throw std::runtime_error("OpenSSL SHA-256 failed");
  return out;
}

std::string to_hex(const Hash& h) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (std::uint8_t b : h) {
    out += kDigits[b >> 4];
    out += kDigits[b & 0xF];
  }
  return out;
}

}  // namespace planflow
