#include "engine/unicode_nfc.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/utypes.h>

#include <cstdint>
#include <limits>

namespace planflow {

namespace {

Error icu_failure(UErrorCode status) {
  return user_error(
      ErrorCode::kInvalidArgument,
      std::string("Unicode normalisation failed: ") + u_errorName(status),
      std::string("Không chuẩn hóa được văn bản theo Unicode (lỗi ") + u_errorName(status) + ")");
}

}  // namespace

Result<std::string> normalize_nfc(std::string_view utf8) {
  // ICU measures strings in int32_t.
  if (utf8.size() > static_cast<size_t>(std::numeric_limits<std::int32_t>::max()))
    return user_error(ErrorCode::kInvalidArgument, "text too long to normalise",
                      "Văn bản quá dài, không chuẩn hóa được theo Unicode");
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return icu_failure(status);
  const icu::StringPiece in(utf8.data(), static_cast<std::int32_t>(utf8.size()));
  // Nearly all text arrives already composed; checking is cheaper than
  // rebuilding, and a draft may be megabytes.
  const bool normalized = nfc->isNormalizedUTF8(in, status);
  if (U_FAILURE(status)) return icu_failure(status);
  if (normalized) return std::string(utf8);
  std::string out;
  out.reserve(utf8.size());
  icu::StringByteSink<std::string> sink(&out);
  nfc->normalizeUTF8(0, in, sink, nullptr, status);
  if (U_FAILURE(status)) return icu_failure(status);
  return out;
}

}  // namespace planflow
