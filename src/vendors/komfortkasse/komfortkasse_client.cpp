#include <memory>
#include <utility>

#include "pipeline/refund_pipeline.hpp"
#include "refundkit/curl_transport.hpp"
#include "refundkit/komfortkasse.hpp"
#include "vendors/komfortkasse/komfortkasse_codec.hpp"

namespace refundkit {

std::unique_ptr<RefundClient> make_komfortkasse_client(KomfortkasseOptions options,
                                                       std::shared_ptr<Transport> transport) {
  if (!transport) transport = make_curl_transport();
  RetryPolicy retry = options.retry;
  return std::make_unique<internal::RefundPipeline>(
      std::make_unique<vendors::komfortkasse::KomfortkasseCodec>(std::move(options)),
      std::move(transport), std::move(retry));
}

}  // namespace refundkit
