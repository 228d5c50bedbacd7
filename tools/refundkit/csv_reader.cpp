#include "csv_reader.hpp"

#include <string_view>
#include <utility>

namespace refundkit::cli {
namespace {

using Traits = std::char_traits<char>;
constexpr Traits::int_type kEnd = Traits::eof();

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// Only a whole BOM is skipped: a file starting with a stray 0xEF keeps its bytes, so the header
// check reports them instead of the reader silently eating part of a column name.
void skip_byte_order_mark(std::streambuf& in) {
  std::string consumed;
  for (const char expected : kByteOrderMark) {
    if (in.sgetc() != Traits::to_int_type(expected)) break;
    consumed.push_back(Traits::to_char_type(in.sbumpc()));
  }
  if (consumed.size() == kByteOrderMark.size()) return;
  for (auto at = consumed.rbegin(); at != consumed.rend(); ++at) in.sputbackc(*at);
}

}  // namespace

CsvReader::CsvReader(std::istream& in) : in_(in.rdbuf()) {}

bool CsvReader::fail(std::size_t record, std::size_t line, std::string message) {
  error_ = CsvError{record, line, std::move(message)};
  return false;
}

// After the opening quote: up to and including the closing one.
bool CsvReader::read_quoted(std::string& field, std::size_t record) {
  const std::size_t opened = line_;
  for (;;) {
    const Traits::int_type c = in_->sbumpc();
    if (c == kEnd) {
      return fail(record, opened,
                  "a quoted field opened on line " + std::to_string(opened) + " is never closed");
    }
    if (c == '"') {
      if (in_->sgetc() != '"') return true;
      in_->sbumpc();
    } else if (c == '\n') {
      ++line_;
    }
    field.push_back(Traits::to_char_type(c));
  }
}

bool CsvReader::next(CsvRecord& record) {
  if (error_ || in_ == nullptr) return false;
  if (!started_) {
    started_ = true;
    skip_byte_order_mark(*in_);
  }
  if (in_->sgetc() == kEnd) return false;  // a final line break ends the last record, not a new one

  const std::size_t number = records_ + 1;
  record.number = number;
  record.line = line_;
  record.fields.clear();
  record.fields.emplace_back();
  bool quoted = false;  // the current field was quoted and its closing quote read
  for (;;) {
    const Traits::int_type c = in_->sbumpc();
    std::string& field = record.fields.back();
    if (c == kEnd) break;
    if (c == ',') {
      record.fields.emplace_back();
      quoted = false;
      continue;
    }
    if (c == '\r') {
      if (in_->sgetc() != '\n') {
        return fail(number, line_, "a carriage return not followed by a line feed");
      }
      continue;  // the line feed ends the record
    }
    if (c == '\n') {
      ++line_;
      break;
    }
    if (quoted) return fail(number, line_, "text after the closing quote of a field");
    if (c == '"') {
      if (!field.empty()) return fail(number, line_, "a quote inside an unquoted field");
      if (!read_quoted(field, number)) return false;
      quoted = true;
      continue;
    }
    field.push_back(Traits::to_char_type(c));
  }
  records_ = number;
  if (!width_) width_ = record.fields.size();
  if (record.fields.size() != *width_) {
    const auto fields = [](std::size_t n) {
      return std::to_string(n) + (n == 1 ? " field" : " fields");
    };
    return fail(number, record.line,
                fields(record.fields.size()) + " where the first record has " + fields(*width_));
  }
  return true;
}

}  // namespace refundkit::cli
