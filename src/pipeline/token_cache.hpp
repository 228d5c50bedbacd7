#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "refundkit/result.hpp"

namespace refundkit::internal {

/// What a token endpoint answered: the bearer token and how long it lives from issue.
struct FetchedToken {
  std::string value;
  std::chrono::seconds expires_in{0};
};

/// One vendor account's bearer token (Optty client credentials, Skip Pay partner login), shared
/// by every thread of a client. Thread-safe.
///
/// Single flight: however many threads need a token at once, one of them calls `fetch` and the
/// others wait for that very call, then all get its result. A failed fetch is handed to every
/// waiter of that flight and forgotten: the next caller fetches again. The lock is never held
/// while `fetch` runs.
///
/// A token is used until `refresh_margin` before it expires, counted from when its fetch started
/// (the token was issued after that, so it is never thought to live longer than it does). A token
/// that lives less than the margin is still handed to the flight that fetched it, once, so a
/// call always gets a token; with such short tokens every call fetches one (single-flight still
/// holds). While a token is within its margin, a failed refresh fails the call even if the old
/// token would still be accepted: a deliberate simplicity, since margins are short.
class TokenCache {
 public:
  /// Gets a new token. Its Error must not contain the credentials it used (the cache hands it on
  /// unchanged); ErrorKind::authentication when they were refused. Must not call back into this
  /// cache. An exception it throws is turned into an ErrorKind::authentication Error for the
  /// whole flight (without the exception's text, which might quote a credential).
  using Fetch = std::function<Result<FetchedToken>()>;
  /// Called once per token() with the cache's lock held: must be cheap and must not call back
  /// into the cache. Empty: std::chrono::system_clock::now.
  using Clock = std::function<std::chrono::system_clock::time_point()>;

  explicit TokenCache(Fetch fetch, std::chrono::seconds refresh_margin = std::chrono::seconds(60),
                      Clock now = {});

  TokenCache(const TokenCache&) = delete;
  TokenCache& operator=(const TokenCache&) = delete;

  /// The cached token unless it expires within the margin; otherwise the result of one fetch
  /// (this caller's or the one already in flight).
  Result<std::string> token();

  /// Forgets the cached token if it is still `rejected` (the vendor answered 401 to it). A late
  /// 401 for an older token leaves a fresh one alone.
  void invalidate(std::string_view rejected);

 private:
  struct Flight {
    std::optional<Result<std::string>> result;  // set once, when the fetch returns
  };
  struct Cached {
    std::string value;
    std::chrono::system_clock::time_point refresh_at;
  };

  std::chrono::system_clock::time_point now() const;
  Result<std::string> fly(std::unique_lock<std::mutex>& lock,
                          std::chrono::system_clock::time_point started);
  Result<FetchedToken> run_fetch() noexcept;

  const Fetch fetch_;
  const std::chrono::seconds refresh_margin_;
  const Clock clock_;

  std::mutex mutex_;
  std::condition_variable landed_;
  std::optional<Cached> cached_;
  std::shared_ptr<Flight> flight_;  // the fetch in progress, if any
};

}  // namespace refundkit::internal
