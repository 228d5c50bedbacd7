#pragma once

#include <cstddef>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "command_line.hpp"
#include "csv_reader.hpp"
#include "refundkit/refund.hpp"

namespace refundkit::cli {

/// What is wrong with a batch file, and where.
struct BatchFileProblem {
  std::size_t row = 0;  ///< 1 for the first row after the header; 0 for the header itself.
  std::string message;
};

/// "refunds.csv row 3: <message>", or "refunds.csv header: <message>".
std::string describe(const BatchFileProblem& problem, const std::string& file_name);

/// The columns of a batch file, by header name in any order: order, amount, currency, reference
/// (required); reason, planned_date, capture_number, refund_type, items (a JSON array of line
/// items, as for --items-file), vat (RATE=AMOUNT pairs separated by ';'), variable_symbol,
/// credit_note_number (optional). An empty cell is a value not given.
std::vector<std::string> batch_file_columns();

/// A batch file's rows as refund requests, one at a time, so that memory does not grow with the
/// file. Each row becomes the RefundCommand the same options of `refundkit refund` would make,
/// checked by the same rules (check_refund_options, build_refund_request) and by the checks every
/// vendor makes before sending: batch and refund never disagree about a row.
class BatchFileReader {
 public:
  BatchFileReader(std::istream& in, std::string provider);

  /// The next row's request; nullopt at the end of the file or at the first problem, which
  /// problem() then holds (and nothing more is read).
  std::optional<RefundRequest> next();
  /// Data rows read so far (the row number of the last one returned).
  std::size_t rows() const noexcept { return rows_; }
  const std::optional<BatchFileProblem>& problem() const noexcept { return problem_; }

 private:
  bool read_header();
  std::optional<RefundRequest> stop(std::size_t row, std::string message);

  CsvReader csv_;
  CsvRecord record_;
  std::string provider_;
  bool header_read_ = false;
  /// For each column of the file, the index of its entry in the column table.
  std::vector<std::size_t> columns_;
  std::size_t rows_ = 0;
  std::optional<BatchFileProblem> problem_;
};

/// The checking pass, before anything is sent: every row read and made into its request (and
/// kept no longer), and no (order, reference) on two rows. The rows counted, or the first
/// problem.
struct BatchFileCheck {
  std::size_t rows = 0;
  std::optional<BatchFileProblem> problem;
};
BatchFileCheck check_batch_file(std::istream& in, const std::string& provider);

}  // namespace refundkit::cli
