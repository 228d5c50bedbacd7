#pragma once

#include "json_text.hpp"

namespace refundkit::sandbox::detail::afterpay {

/// Writes `node` (from read_json_tree()) back, numbers verbatim: what a client sent comes back
/// text for text in the read-back.
void write_node(JsonText& json, const JsonNode& node);

}  // namespace refundkit::sandbox::detail::afterpay
