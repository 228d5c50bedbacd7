#include "providers.hpp"

#include <algorithm>
#include <cstdlib>
#include <iterator>

#include "refundkit/komfortkasse.hpp"

namespace refundkit::cli {
namespace {

constexpr std::string_view kKnownProviders[] = {"komfortkasse", "optty", "afterpay", "skippay"};
constexpr std::string_view kAvailableProviders[] = {"komfortkasse"};

template <std::size_t N>
bool contains(const std::string_view (&names)[N], std::string_view name) {
  return std::find(std::begin(names), std::end(names), name) != std::end(names);
}

}  // namespace

bool is_known_provider(std::string_view name) noexcept { return contains(kKnownProviders, name); }

bool is_available_provider(std::string_view name) noexcept {
  return contains(kAvailableProviders, name);
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
                                                   const std::string& base_url,
                                                   const CredentialLookup& credentials,
                                                   std::shared_ptr<Transport> transport) {
  if (provider == "komfortkasse") {
    KomfortkasseOptions options;
    options.api_key = credentials("KOMFORTKASSE_API_KEY");
    if (!base_url.empty()) options.base_url = base_url;
    return make_komfortkasse_client(std::move(options), std::move(transport));
  }
  return nullptr;
}

}  // namespace refundkit::cli
