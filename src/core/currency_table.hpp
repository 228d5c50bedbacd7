#pragma once

#include <vector>

#include "refundkit/money.hpp"

namespace refundkit::internal {

/// Every currency Currency::from_code accepts, sorted by code. For tests and tools that must
/// cover the whole table.
const std::vector<Currency>& all_currencies();

}  // namespace refundkit::internal
