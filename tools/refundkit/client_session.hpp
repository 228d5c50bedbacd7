#pragma once

#include <memory>
#include <optional>

#include "command_line.hpp"
#include "refundkit/refund_client.hpp"
#include "refundkit/result.hpp"
#include "refundkit/sandbox/sandbox.hpp"

namespace refundkit::cli {

/// The client a command talks through, and the embedded sandbox it talks to with --sandbox
/// (which must outlive the client's requests).
struct ClientSession {
  std::optional<sandbox::Sandbox> embedded_sandbox;
  std::unique_ptr<RefundClient> client;
};

/// Builds the provider's client from the command's base URL, timeout and --sandbox, with
/// credentials from the environment (or the embedded sandbox's own). An Error (nothing sent)
/// when the sandbox cannot start or the provider is not available.
Result<std::unique_ptr<ClientSession>> open_client_session(const RefundCommand& command);

}  // namespace refundkit::cli
