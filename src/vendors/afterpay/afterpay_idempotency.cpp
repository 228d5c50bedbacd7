// The X-Idempotency-Key is part of the wire contract with Riverty across SDK versions: a refund
// retried by a later build must carry the key the first build sent, or Riverty refunds twice.
#include "internal/sha256.hpp"
#include "internal/text.hpp"
#include "refundkit/afterpay.hpp"

namespace refundkit {
namespace {

constexpr std::size_t kMaxKeyLength = 50;
constexpr std::string_view kHashedPrefix = "rk-";

bool is_key_character(char c) { return internal::is_ascii_alnum(c) || c == '-' || c == '_'; }

bool is_conforming_key(std::string_view reference) {
  if (reference.empty() || reference.size() > kMaxKeyLength) return false;
  for (char c : reference) {
    if (!is_key_character(c)) return false;
  }
  return true;
}

}  // namespace

std::string afterpay_idempotency_key(std::string_view reference) {
  if (is_conforming_key(reference)) return std::string(reference);
  return std::string(kHashedPrefix) +
         internal::sha256_hex(reference).substr(0, kMaxKeyLength - kHashedPrefix.size());
}

}  // namespace refundkit
