#include "client_session.hpp"

#include <map>
#include <stdexcept>
#include <string>
#include <utility>

#include "providers.hpp"
#include "refundkit/curl_transport.hpp"

namespace refundkit::cli {
namespace {

std::shared_ptr<Transport> make_transport(const RefundCommand& command) {
  CurlTransportOptions options;
  // The transport still refuses plain http to anything but loopback hosts.
  options.allow_http_for_loopback = true;
  if (command.timeout) options.request_timeout = *command.timeout;
  return make_curl_transport(std::move(options));
}

Endpoints sandbox_endpoints(const sandbox::Sandbox& sandbox, const std::string& provider) {
  if (provider == "optty") return {sandbox.optty_base_url(), sandbox.optty_token_url()};
  if (provider == "afterpay") return {sandbox.afterpay_base_url(), {}};
  if (provider == "skippay") return {sandbox.skippay_base_url(), {}};
  return {sandbox.komfortkasse_base_url(), {}};
}

// The embedded sandbox's own credentials; the environment's are for real vendors.
CredentialLookup sandbox_credentials(const sandbox::SandboxOptions& options) {
  std::map<std::string, std::string> values = {
      {"KOMFORTKASSE_API_KEY", options.komfortkasse_api_key},
      {"OPTTY_CLIENT_ID", options.optty_client_id},
      {"OPTTY_CLIENT_SECRET", options.optty_client_secret},
      {"OPTTY_MERCHANT_ID", options.optty_merchant_id},
      {"AFTERPAY_API_KEY", options.afterpay_api_key},
      {"SKIPPAY_USERNAME", options.skippay_username},
      {"SKIPPAY_PASSWORD", options.skippay_password},
  };
  return [values = std::move(values)](const char* variable) {
    const auto found = values.find(variable);
    return found == values.end() ? std::string() : found->second;
  };
}

}  // namespace

Result<std::unique_ptr<ClientSession>> open_client_session(const RefundCommand& command) {
  auto session = std::make_unique<ClientSession>();
  Endpoints endpoints{command.base_url, command.auth_url};
  CredentialLookup credentials = environment_credentials();
  if (command.use_sandbox) {
    try {
      session->embedded_sandbox.emplace();
    } catch (const std::exception& e) {
      return Error{ErrorKind::network, std::string("the embedded sandbox could not start: ") +
                                           e.what() + "; the request was not sent"};
    }
    endpoints = sandbox_endpoints(*session->embedded_sandbox, command.provider);
    credentials = sandbox_credentials(session->embedded_sandbox->options());
  }
  session->client =
      make_provider_client(command.provider, endpoints, credentials, make_transport(command));
  if (!session->client) {
    return Error{ErrorKind::invalid_request,
                 "provider '" + command.provider + "' is not available in this version"};
  }
  return session;
}

}  // namespace refundkit::cli
