#pragma once

#include <memory>

#include "pipeline/token_cache.hpp"
#include "refundkit/optty.hpp"

namespace refundkit::vendors::optty {

/// make_optty_client with the token cache's clock injected, so that tests can cross a token's
/// expiry without sleeping. An empty clock is the system clock. `transport` may not be null.
std::unique_ptr<RefundClient> make_client(OpttyOptions options,
                                          std::shared_ptr<Transport> transport,
                                          internal::TokenCache::Clock token_clock);

}  // namespace refundkit::vendors::optty
