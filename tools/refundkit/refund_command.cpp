#include "refund_command.hpp"

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "json_output.hpp"
#include "providers.hpp"
#include "refundkit/curl_transport.hpp"
#include "refundkit/sandbox/sandbox.hpp"

namespace refundkit::cli {
namespace {

Result<RefundRequest> build_request(const RefundCommand& command) {
  auto amount = Money::parse_positive(command.amount, command.currency);
  if (!amount) return std::move(amount).error();
  RefundRequest request;
  request.order_id = command.order;
  request.reference = command.reference;
  request.amount = *amount;
  request.reason = command.reason;
  if (!command.planned_date.empty()) {
    auto planned = Date::parse_iso(command.planned_date);
    if (!planned) return std::move(planned).error();
    request.planned_date = *planned;
  }
  return request;
}

std::shared_ptr<Transport> make_transport(const RefundCommand& command) {
  CurlTransportOptions options;
  // The transport still refuses plain http to anything but loopback hosts.
  options.allow_http_for_loopback = true;
  if (command.timeout) options.request_timeout = *command.timeout;
  return make_curl_transport(std::move(options));
}

ExitCode report(const Result<Refund>& result, std::ostream& out) {
  if (!result) {
    out << error_json(result.error()) << '\n';
    return exit_code_for(result.error());
  }
  out << refund_json(*result) << '\n';
  return exit_code_for(*result);
}

}  // namespace

ExitCode run_refund(const RefundCommand& command, std::ostream& out) {
  auto request = build_request(command);
  if (!request) return report(std::move(request).error(), out);

  std::optional<sandbox::Sandbox> embedded_sandbox;
  std::string base_url = command.base_url;
  CredentialLookup credentials = environment_credentials();
  if (command.use_sandbox) {
    try {
      embedded_sandbox.emplace();
    } catch (const std::exception& e) {
      Error error;
      error.kind = ErrorKind::network;
      error.message = std::string("the embedded sandbox could not start: ") + e.what() +
                      "; the request was not sent";
      return report(error, out);
    }
    base_url = embedded_sandbox->komfortkasse_base_url();
    // The embedded sandbox has its own credentials; the environment's are for real vendors.
    credentials = [key = embedded_sandbox->options().komfortkasse_api_key](const char* variable) {
      return std::string(variable) == "KOMFORTKASSE_API_KEY" ? key : std::string();
    };
  }

  auto client =
      make_provider_client(command.provider, base_url, credentials, make_transport(command));
  if (!client) {
    Error error;
    error.kind = ErrorKind::invalid_request;
    error.message = "provider '" + command.provider + "' is not available in this version";
    return report(error, out);
  }
  return report(client->create_refund(*request), out);
}

}  // namespace refundkit::cli
