#include "engine/store/ed25519.h"

#include <openssl/evp.h>

#include <memory>

#include "engine/signature_content.h"

namespace planflow {

namespace {

struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct PkeyCtxFree {
  void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

std::optional<Ed25519PublicKey> public_of(EVP_PKEY* key) {
  Ed25519PublicKey out{};
  size_t size = out.size();
  if (EVP_PKEY_get_raw_public_key(key, out.data(), &size) != 1 || size != out.size())
    return std::nullopt;
  return out;
}

}  // namespace

std::optional<Ed25519KeyPair> ed25519_generate() {
  std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr));
  EVP_PKEY* raw = nullptr;
  if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 || EVP_PKEY_keygen(ctx.get(), &raw) != 1)
    return std::nullopt;
  Pkey key(raw);
  Ed25519KeyPair out;
  size_t size = out.private_key.size();
  if (EVP_PKEY_get_raw_private_key(key.get(), out.private_key.data(), &size) != 1 ||
      size != out.private_key.size())
    return std::nullopt;
  const auto pub = public_of(key.get());
  if (!pub) return std::nullopt;
  out.public_key = *pub;
  return out;
}

std::optional<Ed25519PublicKey> ed25519_public_key(const Ed25519PrivateKey& private_key) {
  Pkey key(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, private_key.data(),
                                        private_key.size()));
  if (!key) return std::nullopt;
  return public_of(key.get());
}

std::optional<Ed25519Signature> ed25519_sign(const Ed25519PrivateKey& private_key,
                                             std::span<const std::uint8_t> message) {
  Pkey key(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, private_key.data(),
                                        private_key.size()));
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  if (!key || !ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1)
    return std::nullopt;
  Ed25519Signature out{};
  size_t size = out.size();
  if (EVP_DigestSign(ctx.get(), out.data(), &size, message.data(), message.size()) != 1 ||
      size != out.size())
    return std::nullopt;
  return out;
}

bool ed25519_verify(std::span<const std::uint8_t> public_key, std::span<const std::uint8_t> message,
                    std::span<const std::uint8_t> signature) {
  if (public_key.size() != 32 || signature.size() != 64) return false;
  Pkey key(
      EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, public_key.data(), public_key.size()));
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  if (!key || !ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1)
    return false;
  return EVP_DigestVerify(ctx.get(), signature.data(), signature.size(), message.data(),
                          message.size()) == 1;
}

std::string key_fingerprint(std::span<const std::uint8_t> public_key) {
  const Sha256 digest =
      sha256(std::string_view(reinterpret_cast<const char*>(public_key.data()), public_key.size()));
  const std::string hex = to_hex(std::span<const std::uint8_t>(digest.data(), 16));
  std::string out;
  for (size_t i = 0; i < hex.size(); i += 4) {
    if (i) out += ':';
    out += hex.substr(i, 4);
  }
  return out;
}

std::optional<std::string> signature_problem(const DossierState& state, const DocumentSigned& d,
                                             const std::optional<std::string>& registered_key) {
  if (d.algorithm != kSignatureAlgorithm)
    return "the signature's algorithm is \"" + d.algorithm + "\", not Ed25519";
  const auto content = signed_content_of(state, d.signer);
  if (!content) return "the signature is on a document that was not issued";
  const Sha256 digest = signed_content_digest(*content);
  if (d.digest != to_hex(digest))
    return "the signed digest is not that of the issued document (its text, number, issue time "
           "or signer changed after signing)";
  const auto key = from_hex(d.public_key);
  const auto signature = from_hex(d.signature);
  if (!key || !signature || !ed25519_verify(*key, digest, *signature))
    return "the Ed25519 signature does not verify with the recorded public key";
  if (!registered_key)
    return "the signer, user " + std::to_string(d.signer) + ", has no signing key in the accounts";
  if (*registered_key != d.public_key)
    return "the recorded public key is not the signing key of user " + std::to_string(d.signer);
  return std::nullopt;
}

}  // namespace planflow
