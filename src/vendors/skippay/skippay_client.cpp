#include "vendors/skippay/skippay_client.hpp"

#include <utility>

#include "pipeline/bearer_token_transport.hpp"
#include "pipeline/refund_pipeline.hpp"
#include "refundkit/curl_transport.hpp"
#include "vendors/skippay/skippay_codec.hpp"
#include "vendors/skippay/skippay_token.hpp"

namespace refundkit {

namespace vendors::skippay {

std::unique_ptr<RefundClient> make_client(SkipPayOptions options,
                                          std::shared_ptr<Transport> transport,
                                          internal::TokenCache::Clock token_clock) {
  // One cache per client: every thread of it shares the partner token. The login goes through
  // the raw transport; refunds and reads through the bearer layer.
  auto authorized =
      internal::with_bearer_tokens(transport, make_token_fetch(options, transport),
                                   options.token_refresh_margin, std::move(token_clock));
  RetryPolicy retry = options.retry;
  return std::make_unique<internal::RefundPipeline>(
      std::make_unique<SkipPayCodec>(std::move(options)), std::move(authorized), std::move(retry));
}

}  // namespace vendors::skippay

std::unique_ptr<RefundClient> make_skippay_client(SkipPayOptions options,
                                                  std::shared_ptr<Transport> transport) {
  if (!transport) transport = make_curl_transport();
  return vendors::skippay::make_client(std::move(options), std::move(transport), {});
}

}  // namespace refundkit
