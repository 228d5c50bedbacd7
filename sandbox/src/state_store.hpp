#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "refundkit/sandbox/sandbox.hpp"

namespace refundkit::sandbox::detail {

/// A Riverty capture as the sandbox keeps it; its items stay as given (checked decimal texts).
struct StoredCapture {
  std::string capture_number;
  std::int64_t amount_minor = 0;
  std::vector<SandboxItem> items;
};

/// An order as the sandbox keeps it: the amount in integer minor units of `currency`.
struct StoredOrder {
  std::string provider;
  std::string order_id;
  std::int64_t amount_minor = 0;
  std::string currency;
  int decimals = 2;  ///< The currency's decimals (currency_decimals()).
  bool bank_details_missing = false;
  std::vector<StoredCapture> captures;      ///< Riverty
  std::string application_state = "READY";  ///< Skip Pay
  bool invoiced = true;                     ///< Skip Pay
  std::vector<std::string> vat_rates;       ///< Skip Pay, percent texts
};

/// Everything the emulated vendors remember, for every vendor: orders and the refunds made
/// against them. Only touched through StateStore::with_state(), i.e. under its mutex.
struct SandboxState {
  using Key = std::pair<std::string, std::string>;

  std::map<Key, StoredOrder> orders;  ///< (provider, order id)
  /// In creation order. Append only through add_refund(), which keeps the indexes below.
  std::vector<SandboxRefund> refunds;
  /// Refunds ever created; never rewound (not even by a reset), so refund ids stay unique.
  std::uint64_t refunds_created = 0;

  const StoredOrder* find_order(std::string_view provider, std::string_view order_id) const;
  /// Adds or replaces an order; a replaced order loses its refunds.
  void put_order(const StoredOrder& order);
  void add_refund(SandboxRefund refund);
  /// Forgets every order and refund (refunds_created stays).
  void clear();
  std::vector<const SandboxRefund*> refunds_of(std::string_view provider,
                                               std::string_view order_id) const;
  /// Whether `reference` names any refund of `provider` (any order): references are unique
  /// per shop.
  bool reference_in_use(std::string_view provider, std::string_view reference) const;

 private:
  void rebuild_indexes();

  // Indexes into `refunds`, so that a request costs the same with a million refunds as with
  // none (bulk-refund benchmarks run against the sandbox).
  std::map<Key, std::vector<std::size_t>> refunds_by_order_;
  std::set<Key> references_;  ///< (provider, reference)
};

/// The one shared, mutex-guarded state of a sandbox. Vendors run each request's check-and-update
/// as one with_state() call, so that concurrent refunds cannot together exceed a limit.
class StateStore {
 public:
  /// `seed`: the orders a reset restores.
  explicit StateStore(std::vector<StoredOrder> seed);

  template <typename Function>
  decltype(auto) with_state(Function&& function) {
    std::lock_guard<std::mutex> lock(mutex_);
    return std::forward<Function>(function)(state_);
  }
  template <typename Function>
  decltype(auto) with_state(Function&& function) const {
    std::lock_guard<std::mutex> lock(mutex_);
    return std::forward<Function>(function)(static_cast<const SandboxState&>(state_));
  }

  /// Back to the seed orders, no refunds.
  void reset();

 private:
  mutable std::mutex mutex_;
  const std::vector<StoredOrder> seed_;
  SandboxState state_;
};

}  // namespace refundkit::sandbox::detail
