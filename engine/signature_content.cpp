#include "engine/signature_content.h"

#include <openssl/evp.h>

#include <cstdint>
#include <cstring>

#include <nlohmann/json.hpp>

#include "engine/dossier_state.h"

namespace planflow {

using nlohmann::json;

namespace {

// OpenSSL 3 looks EVP_sha256() up in its provider table, under a lock, on
// every use; fetched once, the digest is reused by every thread.
const EVP_MD* sha256_method() {
  static EVP_MD* const method = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return method;
}

}  // namespace

Sha256 sha256(std::string_view bytes) {
  Sha256 out{};
  unsigned int size = 0;
  // One-shot SHA-256 fails only without memory or with a broken OpenSSL;
  // the all-zero digest then matches nothing signed.
  if (EVP_Digest(bytes.data(), bytes.size(), out.data(), &size, sha256_method(), nullptr) != 1 ||
      size != out.size())
    out.fill(0);
  return out;
}

namespace {

// Whether none of the eight bytes needs escaping: none below the space, no
// quote, no backslash (the classic "has a byte less than n" and "has a zero
// byte" bit tricks; bytes of UTF-8 sequences, 0x80 and up, pass).
constexpr bool needs_no_escape(std::uint64_t x) {
  constexpr std::uint64_t kOnes = 0x0101010101010101u, kHigh = 0x8080808080808080u;
  auto has_zero = [](std::uint64_t v) { return ((v - kOnes) & ~v & kHigh) != 0; };
  const bool below_space = ((x - kOnes * 0x20) & ~x & kHigh) != 0;
  return !below_space && !has_zero(x ^ (kOnes * '"')) && !has_zero(x ^ (kOnes * '\\'));
}

// The canonical JSON of a version (nlohmann's dump of the tree, keys sorted)
// written straight into the hash: a version is submitted far more often than
// it is issued, and building the tree cost more than deciding the command.
// Texts are UTF-8 here (decide() refuses anything else, and reading an event
// checks it), so no byte needs the replacement nlohmann would make.
class CanonicalVersionWriter {
 public:
  CanonicalVersionWriter() : ctx_(EVP_MD_CTX_new()) {
    ok_ = ctx_ && EVP_DigestInit_ex(ctx_, sha256_method(), nullptr) == 1;
  }
  ~CanonicalVersionWriter() { EVP_MD_CTX_free(ctx_); }
  CanonicalVersionWriter(const CanonicalVersionWriter&) = delete;
  CanonicalVersionWriter& operator=(const CanonicalVersionWriter&) = delete;

  void raw(std::string_view bytes) {
    buffer_.append(bytes);
    if (buffer_.size() >= 4096) flush();
  }
  void number(std::uint64_t n) { raw(std::to_string(n)); }
  // A JSON string as nlohmann dumps it without ensure_ascii: the two-letter
  // escapes it knows, \u00xx in lower-case hex for the other control
  // characters, every other byte as it is.
  void string(std::string_view text) {
    raw("\"");
    std::size_t plain = 0;
    for (std::size_t i = 0; i < text.size();) {
      std::uint64_t eight;
      if (i + 8 <= text.size() &&
          (std::memcpy(&eight, text.data() + i, 8), needs_no_escape(eight))) {
        i += 8;
        continue;
      }
      const auto c = static_cast<unsigned char>(text[i++]);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      raw(text.substr(plain, i - 1 - plain));
      plain = i;
      switch (c) {
        case '"':
          raw("\\\"");
          break;
        case '\\':
          raw("\\\\");
          break;
        case '\b':
          raw("\\b");
          break;
        case '\f':
          raw("\\f");
          break;
        case '\n':
          raw("\\n");
          break;
        case '\r':
          raw("\\r");
          break;
        case '\t':
          raw("\\t");
          break;
        default: {
          static constexpr char kHex[] = "0123456789abcdef";
          const char escape[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
          raw(std::string_view(escape, sizeof escape));
        }
      }
    }
    raw(text.substr(plain));
    raw("\"");
  }

  Sha256 finish() {
    flush();
    Sha256 out{};
    unsigned int size = 0;
    if (!ok_ || EVP_DigestFinal_ex(ctx_, out.data(), &size) != 1 || size != out.size()) out.fill(0);
    return out;
  }

 private:
  void flush() {
    ok_ = ok_ && EVP_DigestUpdate(ctx_, buffer_.data(), buffer_.size()) == 1;
    buffer_.clear();
  }

  EVP_MD_CTX* ctx_;
  bool ok_ = false;
  std::string buffer_;
};

}  // namespace

Sha256 version_digest(std::uint32_t number, const std::vector<Block>& blocks) {
  CanonicalVersionWriter w;
  w.raw("{\"blocks\":[");
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const Block& b = blocks[i];
    w.raw(i ? ",{\"id\":" : "{\"id\":");
    w.number(b.id);
    w.raw(",\"kind\":");
    w.string(block_kind_name(b.kind));
    w.raw(",\"level\":");
    w.number(b.level);
    w.raw(",\"marker\":");
    w.string(b.marker);
    // Sorted keys put "rows" before "text"; only tables have rows.
    if (b.kind == BlockKind::kTable) {
      w.raw(",\"rows\":[");
      for (std::size_t r = 0; r < b.rows.size(); ++r) {
        w.raw(r ? ",[" : "[");
        for (std::size_t c = 0; c < b.rows[r].size(); ++c) {
          if (c) w.raw(",");
          w.string(b.rows[r][c]);
        }
        w.raw("]");
      }
      w.raw("]");
    }
    w.raw(",\"text\":");
    w.string(b.text);
    w.raw("}");
  }
  w.raw("],\"number\":");
  w.number(number);
  w.raw("}");
  return w.finish();
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
