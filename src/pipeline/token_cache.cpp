#include "pipeline/token_cache.hpp"

#include <algorithm>
#include <utility>

namespace refundkit::internal {
namespace {

using std::chrono::seconds;
using std::chrono::system_clock;

Error authentication_error(std::string message) {
  Error error;
  error.kind = ErrorKind::authentication;
  error.message = std::move(message);
  return error;
}

// When a token fetched at `started` should be replaced. Saturating: a vendor may announce any
// lifetime, and system_clock's nanoseconds span only +-292 years.
system_clock::time_point refresh_time(system_clock::time_point started, seconds expires_in,
                                      seconds margin) {
  using Duration = system_clock::duration;
  const seconds lifetime = std::max(expires_in, seconds::zero()) - margin;  // margin >= 0
  if (lifetime <= seconds::zero()) return system_clock::time_point::min();  // good for one use
  if (lifetime >= std::chrono::floor<seconds>(Duration::max())) {
    return system_clock::time_point::max();
  }
  const Duration life = std::chrono::duration_cast<Duration>(lifetime);
  if (started.time_since_epoch() > Duration::max() - life) return system_clock::time_point::max();
  return started + life;
}

}  // namespace

TokenCache::TokenCache(Fetch fetch, seconds refresh_margin, Clock now)
    : fetch_(std::move(fetch)),
      refresh_margin_(std::max(refresh_margin, seconds::zero())),
      clock_(std::move(now)) {}

system_clock::time_point TokenCache::now() const { return clock_ ? clock_() : system_clock::now(); }

Result<std::string> TokenCache::token() {
  std::unique_lock<std::mutex> lock(mutex_);
  const system_clock::time_point current = now();
  if (cached_ && current < cached_->refresh_at) return cached_->value;
  if (flight_) {
    // Held by value: the flight's result outlives flight_, which its pilot resets on landing.
    const std::shared_ptr<Flight> flight = flight_;
    landed_.wait(lock, [&flight] { return flight->result.has_value(); });
    return *flight->result;
  }
  return fly(lock, current);
}

Result<std::string> TokenCache::fly(std::unique_lock<std::mutex>& lock,
                                    system_clock::time_point started) {
  const auto flight = std::make_shared<Flight>();
  flight_ = flight;
  // Lands the flight however this function is left, so that no waiter can wait forever. The
  // fallback error is made before the fetch: handing it over then allocates nothing.
  struct Landing {
    TokenCache& cache;
    Flight& flight;
    Error fallback;
    ~Landing() {
      if (!flight.result) flight.result.emplace(std::move(fallback));
      cache.flight_.reset();
      cache.landed_.notify_all();
    }
  } landing{*this, *flight, authentication_error("the access token could not be obtained")};

  lock.unlock();
  Result<FetchedToken> fetched = run_fetch();
  lock.lock();  // Landing runs with the lock held again
  if (!fetched.ok()) {
    flight->result.emplace(std::move(fetched).error());
    return *flight->result;
  }
  cached_ = Cached{fetched->value, refresh_time(started, fetched->expires_in, refresh_margin_)};
  flight->result.emplace(std::move(fetched->value));
  return *flight->result;
}

Result<FetchedToken> TokenCache::run_fetch() noexcept {
  try {
    Result<FetchedToken> fetched = fetch_ ? fetch_() : authentication_error("no token source");
    if (fetched.ok() && fetched->value.empty()) {
      return authentication_error("the token endpoint answered an empty access token");
    }
    return fetched;
  } catch (...) {
    return authentication_error("the access token fetch failed with an exception");
  }
}

void TokenCache::invalidate(std::string_view rejected) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (cached_ && cached_->value == rejected) cached_.reset();
}

}  // namespace refundkit::internal
