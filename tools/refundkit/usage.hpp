#pragma once

namespace refundkit::cli {

/// `refundkit --help`.
extern const char* const kMainHelp;
/// `refundkit refund --help`.
extern const char* const kRefundHelp;
/// `refundkit status --help`.
extern const char* const kStatusHelp;
/// `refundkit batch --help`.
extern const char* const kBatchHelp;

}  // namespace refundkit::cli
