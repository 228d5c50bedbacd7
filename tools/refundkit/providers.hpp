#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "refundkit/refund_client.hpp"
#include "refundkit/transport.hpp"

namespace refundkit::cli {

bool is_known_provider(std::string_view name) noexcept;
/// Known and implemented in this version.
bool is_available_provider(std::string_view name) noexcept;
/// "komfortkasse, optty, afterpay, skippay", for messages.
std::string known_providers_text();

/// Looks a credential up by its environment variable name (e.g. "KOMFORTKASSE_API_KEY");
/// "" when unset.
using CredentialLookup = std::function<std::string(const char* variable)>;
CredentialLookup environment_credentials();

/// Builds the client for an available provider (nullptr otherwise). An empty base_url means the
/// vendor's production URL. A missing credential is reported by the client itself, as an
/// authentication error before anything is sent.
std::unique_ptr<RefundClient> make_provider_client(std::string_view provider,
                                                   const std::string& base_url,
                                                   const CredentialLookup& credentials,
                                                   std::shared_ptr<Transport> transport);

}  // namespace refundkit::cli
