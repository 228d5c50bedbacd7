#include "vendors/optty/optty_client.hpp"

#include <utility>

#include "pipeline/bearer_token_transport.hpp"
#include "pipeline/refund_pipeline.hpp"
#include "refundkit/curl_transport.hpp"
#include "vendors/optty/optty_codec.hpp"
#include "vendors/optty/optty_token.hpp"

namespace refundkit {
namespace vendors::optty {

std::unique_ptr<RefundClient> make_client(OpttyOptions options,
                                          std::shared_ptr<Transport> transport,
                                          internal::TokenCache::Clock token_clock) {
  // The token request goes through the raw transport: it must not carry a bearer token itself.
  auto authorized =
      internal::with_bearer_tokens(transport, make_token_fetch(options, transport),
                                   options.token_refresh_margin, std::move(token_clock));
  RetryPolicy retry = options.retry;
  return std::make_unique<internal::RefundPipeline>(
      std::make_unique<OpttyCodec>(std::move(options)), std::move(authorized), std::move(retry));
}

}  // namespace vendors::optty

std::unique_ptr<RefundClient> make_optty_client(OpttyOptions options,
                                                std::shared_ptr<Transport> transport) {
  if (!transport) transport = make_curl_transport();
  return vendors::optty::make_client(std::move(options), std::move(transport), {});
}

}  // namespace refundkit
