#pragma once

namespace refundkit::cli {

/// `refundkit --help`.
extern const char* const kMainHelp;
/// `refundkit refund --help`.
extern const char* const kRefundHelp;

}  // namespace refundkit::cli
