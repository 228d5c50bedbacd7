#include "providers.hpp"

#include <algorithm>
#include <cstdlib>
#include <iterator>

#include "refundkit/afterpay.hpp"
#include "refundkit/komfortkasse.hpp"
#include "refundkit/optty.hpp"
#include "refundkit/skippay.hpp"

namespace refundkit::cli {
namespace {

constexpr std::string_view kKnownProviders[] = {"komfortkasse", "optty", "afterpay", "skippay"};

void override_if_set(std::string& option, const std::string& value) {
  if (!value.empty()) option = value;
}

}  // namespace

bool is_known_provider(std::string_view name) noexcept {
  return std::find(std::begin(kKnownProviders), std::end(kKnownProviders), name) !=
         std::end(kKnownProviders);
}

std::string known_providers_text() {
  std::string text;
  for (std::string_view name : kKnownProviders) {
    if (!text.empty()) text += ", ";
    text += name;
  }
  return text;
}

CredentialLookup environment_credentials() {
  return [](const char* variable) {
    const char* value = std::getenv(variable);
    return value == nullptr ? std::string() : std::string(value);
  };
}

std::unique_ptr<RefundClient> make_provider_client(std::string_view provider,
                                                   const Endpoints& endpoints,
                                                   const CredentialLookup& credentials,
                                                   std::shared_ptr<Transport> transport) {
  if (provider == "komfortkasse") {
    KomfortkasseOptions options;
    options.api_key = credentials("KOMFORTKASSE_API_KEY");
    override_if_set(options.base_url, endpoints.base_url);
    return make_komfortkasse_client(std::move(options), std::move(transport));
  }
  if (provider == "optty") {
    OpttyOptions options;
    options.client_id = credentials("OPTTY_CLIENT_ID");
    options.client_secret = credentials("OPTTY_CLIENT_SECRET");
    options.merchant_id = credentials("OPTTY_MERCHANT_ID");
    options.base_url = endpoints.base_url;
    options.token_url = endpoints.auth_url;
    return make_optty_client(std::move(options), std::move(transport));
  }
  if (provider == "afterpay") {
    AfterPayOptions options;
    options.api_key = credentials("AFTERPAY_API_KEY");
    options.base_url = endpoints.base_url;
    return make_afterpay_client(std::move(options), std::move(transport));
  }
  if (provider == "skippay") {
    SkipPayOptions options;
    options.username = credentials("SKIPPAY_USERNAME");
    options.password = credentials("SKIPPAY_PASSWORD");
    override_if_set(options.base_url, endpoints.base_url);
    return make_skippay_client(std::move(options), std::move(transport));
  }
  return nullptr;
}

std::string_view outcome_unknown_advice(std::string_view provider) noexcept {
  if (provider == "skippay") {
    return "Skip Pay cannot recognise a refund it has already made: check the application "
           "(refundkit status skippay, or the Skip Pay portal) before retrying; running the "
           "command again may refund twice.";
  }
  return "the refund may exist: run the same command again with the same --reference (never a "
         "new one); the vendor refuses or replays a second refund with it.";
}

}  // namespace refundkit::cli
