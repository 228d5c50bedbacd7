#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "refundkit/error.hpp"
#include "refundkit/refund.hpp"

namespace refundkit::internal {

/// Secrets shorter than this are not redacted: replacing every occurrence of a one- to
/// three-character "secret" would mangle bodies while protecting nothing.
inline constexpr std::size_t kMinRedactableSecretLength = 4;
inline constexpr std::string_view kRedacted = "[REDACTED]";

/// Replaces every occurrence of secret with "[REDACTED]".
void redact_secret(std::string& text, std::string_view secret);

/// Redacts every text field. Vendors may echo a credential back ("invalid key abc..."), and
/// transports may quote what they sent: an adapter runs its outcome through these last, so that
/// no credential can reach an Error or a Refund, whatever path produced it.
void redact_secret(Error& error, std::string_view secret);
void redact_secret(Refund& refund, std::string_view secret);

}  // namespace refundkit::internal
