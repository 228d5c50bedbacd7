#include <memory>
#include <utility>

#include "pipeline/refund_pipeline.hpp"
#include "refundkit/afterpay.hpp"
#include "refundkit/curl_transport.hpp"
#include "vendors/afterpay/afterpay_codec.hpp"

namespace refundkit {

std::unique_ptr<RefundClient> make_afterpay_client(AfterPayOptions options,
                                                   std::shared_ptr<Transport> transport) {
  if (!transport) transport = make_curl_transport();
  RetryPolicy retry = options.retry;
  return std::make_unique<internal::RefundPipeline>(
      std::make_unique<vendors::afterpay::AfterPayCodec>(std::move(options)), std::move(transport),
      std::move(retry));
}

}  // namespace refundkit
