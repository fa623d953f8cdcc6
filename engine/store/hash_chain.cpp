#include "engine/store/hash_chain.h"

#include <openssl/evp.h>

#include <charconv>
#include <memory>
#include <stdexcept>

namespace planflow {

namespace {

// OpenSSL 3 looks the algorithm up by name on every EVP_sha256() digest
// (an implicit fetch, most of a short hash's cost); fetched once, it is not.
const EVP_MD* sha256() {
  static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return md;
}

// One context per thread, reset by each digest, rather than one allocated
// per hash.
EVP_MD_CTX* digest_context() {
  thread_local const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(),
                                                                                 EVP_MD_CTX_free);
  return ctx.get();
}

}  // namespace

Hash chain_hash(const Hash& previous, std::uint64_t dossier, std::uint64_t dossier_seq,
                std::string_view canonical_event) {
  // "<dossier>:<dossier_seq>:"
  char position[48];
  char* end = std::to_chars(position, position + 20, dossier).ptr;
  *end++ = ':';
  end = std::to_chars(end, end + 20, dossier_seq).ptr;
  *end++ = ':';
  Hash out{};
  EVP_MD_CTX* ctx = digest_context();
  const EVP_MD* md = sha256();
  unsigned int size = 0;
  const bool ok = ctx && md && EVP_DigestInit_ex2(ctx, md, nullptr) == 1 &&
                  EVP_DigestUpdate(ctx, previous.data(), previous.size()) == 1 &&
                  EVP_DigestUpdate(ctx, position, static_cast<size_t>(end - position)) == 1 &&
                  EVP_DigestUpdate(ctx, canonical_event.data(), canonical_event.size()) == 1 &&
                  EVP_DigestFinal_ex(ctx, out.data(), &size) == 1 && size == out.size();
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
