#include "client_session.hpp"

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

}  // namespace

Result<std::unique_ptr<ClientSession>> open_client_session(const RefundCommand& command) {
  auto session = std::make_unique<ClientSession>();
  std::string base_url = command.base_url;
  CredentialLookup credentials = environment_credentials();
  if (command.use_sandbox) {
    try {
      session->embedded_sandbox.emplace();
    } catch (const std::exception& e) {
      return Error{ErrorKind::network, std::string("the embedded sandbox could not start: ") +
                                           e.what() + "; the request was not sent"};
    }
    base_url = session->embedded_sandbox->komfortkasse_base_url();
    // The embedded sandbox has its own credentials; the environment's are for real vendors.
    credentials =
        [key = session->embedded_sandbox->options().komfortkasse_api_key](const char* variable) {
          return std::string(variable) == "KOMFORTKASSE_API_KEY" ? key : std::string();
        };
  }
  session->client =
      make_provider_client(command.provider, base_url, credentials, make_transport(command));
  if (!session->client) {
    return Error{ErrorKind::invalid_request,
                 "provider '" + command.provider + "' is not available in this version"};
  }
  return session;
}

}  // namespace refundkit::cli
