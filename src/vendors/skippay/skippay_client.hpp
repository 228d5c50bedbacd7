#pragma once

#include <memory>

#include "pipeline/token_cache.hpp"
#include "refundkit/refund_client.hpp"
#include "refundkit/skippay.hpp"
#include "refundkit/transport.hpp"

namespace refundkit::vendors::skippay {

/// make_skippay_client with the token cache's clock injected (tests cross token expiry with
/// it; empty is the system clock). `transport` may not be null here.
std::unique_ptr<RefundClient> make_client(SkipPayOptions options,
                                          std::shared_ptr<Transport> transport,
                                          internal::TokenCache::Clock token_clock);

}  // namespace refundkit::vendors::skippay
