#pragma once

#include <cstddef>
#include <istream>
#include <optional>
#include <string>
#include <vector>

namespace refundkit::cli {

/// One record of a CSV file, its fields unquoted.
struct CsvRecord {
  std::vector<std::string> fields;
  std::size_t number = 0;  ///< 1 for the first record of the input (a header, if it has one).
  std::size_t line = 0;    ///< The physical line it starts on, 1-based.
};

/// Why reading stopped before the end: the record it was reading, and what is wrong.
struct CsvError {
  std::size_t record = 0;
  std::size_t line = 0;  ///< Where the problem is (an unterminated quote: where it opened).
  std::string message;
};

/// Reads RFC 4180 records one at a time, so that memory does not grow with the input: fields
/// separated by commas, records by CRLF or LF; a field in double quotes may hold commas, line
/// breaks and "" (one quote). A UTF-8 byte order mark at the start is skipped, and the last
/// record may end without a line break. Strict where a lenient reader would have to guess: a
/// quote inside an unquoted field, text after a closing quote, a carriage return without a line
/// feed, an unterminated quote and a record whose field count differs from the first record's
/// are errors, after which the reader reads nothing more.
class CsvReader {
 public:
  explicit CsvReader(std::istream& in);

  /// Reads the next record into `record` (reusing its storage): false at the end of the input
  /// or on an error, which error() then holds.
  bool next(CsvRecord& record);
  const std::optional<CsvError>& error() const noexcept { return error_; }

 private:
  bool read_quoted(std::string& field, std::size_t record);
  bool fail(std::size_t record, std::size_t line, std::string message);

  std::streambuf* in_;
  bool started_ = false;
  std::size_t records_ = 0;
  std::size_t line_ = 1;
  std::optional<std::size_t> width_;
  std::optional<CsvError> error_;
};

}  // namespace refundkit::cli
