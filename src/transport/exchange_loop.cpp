#include "transport/exchange_loop.hpp"

namespace refundkit::internal {

std::unique_ptr<ExchangeLoop> open_exchange_loop(Transport& transport, std::size_t max_in_flight) {
  auto* concurrent = dynamic_cast<ConcurrentTransport*>(&transport);
  return concurrent != nullptr ? concurrent->open_loop(max_in_flight) : nullptr;
}

}  // namespace refundkit::internal
