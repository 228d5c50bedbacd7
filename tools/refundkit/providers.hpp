#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "refundkit/refund_client.hpp"
#include "refundkit/transport.hpp"

namespace refundkit::cli {

bool is_known_provider(std::string_view name) noexcept;
/// "komfortkasse, optty, afterpay, skippay", for messages.
std::string known_providers_text();

/// Looks a credential up by its environment variable name (e.g. "KOMFORTKASSE_API_KEY");
/// "" when unset.
using CredentialLookup = std::function<std::string(const char* variable)>;
CredentialLookup environment_credentials();

/// Where a provider's client sends: empty fields mean the vendor's production URLs.
struct Endpoints {
  std::string base_url;
  std::string auth_url;  ///< Optty's token endpoint
};

/// Builds the client for an available provider (nullptr otherwise). A missing credential is
/// reported by the client itself, as an authentication error before anything is sent.
/// Credentials: KOMFORTKASSE_API_KEY; OPTTY_CLIENT_ID, OPTTY_CLIENT_SECRET, OPTTY_MERCHANT_ID
/// (for read-back); AFTERPAY_API_KEY; SKIPPAY_USERNAME, SKIPPAY_PASSWORD.
std::unique_ptr<RefundClient> make_provider_client(std::string_view provider,
                                                   const Endpoints& endpoints,
                                                   const CredentialLookup& credentials,
                                                   std::shared_ptr<Transport> transport);

/// What the operator should do after an outcome_unknown (exit 3) from this provider: a vendor
/// that deduplicates can be retried with the same reference; Skip Pay cannot.
std::string_view outcome_unknown_advice(std::string_view provider) noexcept;

}  // namespace refundkit::cli
