// Password hashing with Argon2id (libargon2), and the rules a new password
// must meet. Hashes are PHC strings ("$argon2id$v=19$m=...,t=...,p=...$salt$hash")
// that carry their own parameters, so raising the cost later leaves old
// hashes verifiable.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace planflow {

struct PasswordCost {
  std::uint32_t passes;
  std::uint32_t memory_kib;
  std::uint32_t lanes;
};

// Above OWASP's minimum (19 MiB, 2 passes) on both counts. The memory stays
// under glibc's 32 MiB mmap ceiling: beyond it every hash maps fresh pages,
// and on small virtual machines the page faults cost more than the hashing.
// One lane: the server signs several people in at once on two cores.
inline constexpr PasswordCost kPasswordCost{3, 24 * 1024, 1};

inline constexpr std::size_t kMinPasswordChars = 10;
inline constexpr std::size_t kMaxPasswordBytes = 1024;

// A PHC string with a fresh 16-byte salt; nullopt when the system random
// source or libargon2 fails.
std::optional<std::string> hash_password(std::string_view password,
                                         PasswordCost cost = kPasswordCost);

// Whether `password` matches `encoded`, in time independent of where they differ.
bool verify_password(const std::string& encoded, std::string_view password);

// A hash nobody knows the password of, at kPasswordCost: verifying against
// it when a login does not exist costs what a wrong password costs, so
// timing does not tell which logins exist.
const std::string& dummy_password_hash();

// Why `password` may not be used by `login`, or nullopt when it may.
std::optional<std::string> password_problem(std::string_view password, std::string_view login);

}  // namespace planflow
