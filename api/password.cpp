#include "api/password.h"

#include <argon2.h>
#include <openssl/rand.h>

#include <array>
#include <vector>

#include "engine/text.h"

namespace planflow {

namespace {

constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;

std::optional<std::string> encode(std::string_view password, const std::uint8_t* salt,
                                  PasswordCost cost) {
  std::vector<char> out(argon2_encodedlen(cost.passes, cost.memory_kib, cost.lanes, kSaltBytes,
                                          kHashBytes, Argon2_id) +
                        1);
  const int rc =
      argon2id_hash_encoded(cost.passes, cost.memory_kib, cost.lanes, password.data(),
                            password.size(), salt, kSaltBytes, kHashBytes, out.data(), out.size());
  if (rc != ARGON2_OK) return std::nullopt;
  return std::string(out.data());
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace

std::optional<std::string> hash_password(std::string_view password, PasswordCost cost) {
  std::array<std::uint8_t, kSaltBytes> salt{};
  if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1) return std::nullopt;
  return encode(password, salt.data(), cost);
}

bool verify_password(const std::string& encoded, std::string_view password) {
  return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

const std::string& dummy_password_hash() {
  // A fixed salt is harmless here: no password is ever accepted against
  // this hash (a login that does not exist fails whatever it is given).
  static const std::string hash = [] {
    const std::array<std::uint8_t, kSaltBytes> salt{};
    return encode("planflow: no such account", salt.data(), kPasswordCost).value_or("");
  }();
  return hash;
}

std::optional<std::string> password_problem(std::string_view password, std::string_view login) {
  if (!is_valid_utf8(password)) return "the password is not valid UTF-8 text";
  if (password.size() > kMaxPasswordBytes)
    return "the password is longer than " + std::to_string(kMaxPasswordBytes) + " bytes";
  if (code_points(password) < kMinPasswordChars)
    return "the password must have at least " + std::to_string(kMinPasswordChars) + " characters";
  std::string lowered(password);
  for (char& c : lowered)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  if (lowered == login) return "the password must not be the login";
  return std::nullopt;
}

}  // namespace planflow
