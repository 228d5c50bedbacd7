#pragma once

#include <string>
#include <string_view>

namespace refundkit::internal {

/// The SHA-256 digest of `data` as 64 lowercase hex digits (OpenSSL's libcrypto, which libcurl
/// already runs on). For identifiers derived from merchant data (Riverty idempotency keys), not
/// for secrets.
std::string sha256_hex(std::string_view data);

}  // namespace refundkit::internal
