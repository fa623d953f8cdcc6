// Ed25519 (OpenSSL EVP) for signatures on issued documents, and the check
// of a recorded signature that `planflow verify` and the server's dossier
// reply both make. Key pairs are made and used by the accounts (api), which
// keep the private keys; nothing here keeps one.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "engine/dossier_state.h"
#include "engine/event.h"

namespace planflow {

using Ed25519PublicKey = std::array<std::uint8_t, 32>;
using Ed25519PrivateKey = std::array<std::uint8_t, 32>;  // the seed, as RFC 8032 names it
using Ed25519Signature = std::array<std::uint8_t, 64>;

struct Ed25519KeyPair {
  Ed25519PublicKey public_key{};
  Ed25519PrivateKey private_key{};
};

// A fresh key pair from OpenSSL's random generator; nullopt if it fails.
std::optional<Ed25519KeyPair> ed25519_generate();
std::optional<Ed25519PublicKey> ed25519_public_key(const Ed25519PrivateKey& private_key);
std::optional<Ed25519Signature> ed25519_sign(const Ed25519PrivateKey& private_key,
                                             std::span<const std::uint8_t> message);
bool ed25519_verify(std::span<const std::uint8_t> public_key, std::span<const std::uint8_t> message,
                    std::span<const std::uint8_t> signature);

// What people compare by eye: the first 16 bytes of SHA-256 of the public
// key, in groups of four hex digits ("3f2a:9c41:...").
std::string key_fingerprint(std::span<const std::uint8_t> public_key);

// Why the recorded signature on an issued dossier does not hold, or nothing
// when it does: its digest must be that of the issued content as `state`
// (the dossier's state at or after the signature) has it, the signature must
// verify with the recorded public key, and that key must be the one the
// accounts hold for the signer (`registered_key`, hex; nullopt when they
// hold none).
std::optional<std::string> signature_problem(const DossierState& state, const DocumentSigned& d,
                                             const std::optional<std::string>& registered_key);

}  // namespace planflow
