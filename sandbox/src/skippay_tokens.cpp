#include "skippay_tokens.hpp"

#include <cstdio>

namespace refundkit::sandbox::detail {

namespace {

std::string hex64(std::uint64_t value) {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value));
  return text;
}

}  // namespace

SkipPayTokens::SkipPayTokens() : random_(std::random_device{}()) {}

std::string SkipPayTokens::issue(TimePoint now, std::chrono::seconds lifetime) {
  std::lock_guard<std::mutex> lock(mutex_);
  // Tokens long past their expiry go, so that a long soak does not grow the map without bound;
  // a client still sending one gets the same 401 as for any unknown token.
  for (auto entry = expiries_.begin(); entry != expiries_.end();) {
    entry = entry->second + lifetime < now ? expiries_.erase(entry) : std::next(entry);
  }
  // The counter makes every token unique; the random part makes it unguessable, so that a
  // client cannot pass by inventing one.
  std::string token = "sp-" + hex64(++issued_) + hex64(random_()) + hex64(random_());
  expiries_[token] = now + lifetime;
  return token;
}

SkipPayTokens::Verdict SkipPayTokens::check(std::string_view token, TimePoint now) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = expiries_.find(token);
  if (found == expiries_.end()) return Verdict::unknown;
  return now < found->second ? Verdict::valid : Verdict::expired;
}

void SkipPayTokens::forget_all() {
  std::lock_guard<std::mutex> lock(mutex_);
  expiries_.clear();
}

}  // namespace refundkit::sandbox::detail
