#include "batch_file.hpp"

#include <algorithm>
#include <iterator>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "internal/json_reader.hpp"
#include "internal/refund_validation.hpp"
#include "refund_request_builder.hpp"

namespace refundkit::cli {
namespace {

using StringField = std::string RefundCommand::*;

struct Column {
  std::string_view name;
  bool required;
  /// Where the cell goes; nullptr for items and vat, which are split into several values.
  StringField field;
};

const Column kColumns[] = {
    {"order", true, &RefundCommand::order},
    {"amount", true, &RefundCommand::amount},
    {"currency", true, &RefundCommand::currency},
    {"reference", true, &RefundCommand::reference},
    {"reason", false, &RefundCommand::reason},
    {"planned_date", false, &RefundCommand::planned_date},
    {"capture_number", false, &RefundCommand::capture_number},
    {"refund_type", false, &RefundCommand::refund_type},
    {"items", false, nullptr},
    {"vat", false, nullptr},
    {"variable_symbol", false, &RefundCommand::variable_symbol},
    {"credit_note_number", false, &RefundCommand::credit_note_number},
};

// The file's text goes into messages on a terminal: no control characters, no unbounded copy.
std::string shown_quoted(std::string_view text) {
  constexpr std::size_t kShown = 40;
  std::string shown = "'";
  for (std::size_t i = 0; i < text.size() && i < kShown; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    shown.push_back(c >= 0x20 && c <= 0x7e ? static_cast<char>(c) : '?');
  }
  if (text.size() > kShown) shown += "...";
  return shown + "'";
}

std::string column_list() {
  std::string list;
  for (const Column& column : kColumns) {
    if (!list.empty()) list += ", ";
    list += column.name;
  }
  return list;
}

std::string_view trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(' ');
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

std::vector<std::string> vat_pairs(std::string_view cell) {
  std::vector<std::string> pairs;
  for (;;) {
    const auto semicolon = cell.find(';');
    pairs.emplace_back(trimmed(cell.substr(0, semicolon)));
    if (semicolon == std::string_view::npos) return pairs;
    cell.remove_prefix(semicolon + 1);
  }
}

Error invalid(std::string message) { return Error{ErrorKind::invalid_request, std::move(message)}; }

// The items cell is what --items-file holds, and becomes what --item flags would have given;
// each item is read here under its column's name, by the same parser build_refund_request uses.
Result<std::vector<std::string>> items_of(const std::string& cell, const std::string& currency) {
  const std::optional<internal::Json> items = internal::parse_json_exact(cell);
  if (!items || !items->is_array()) return invalid("items: expected a JSON array of line items");
  std::vector<std::string> objects;
  for (std::size_t i = 0; i < items->size(); ++i) {
    std::string object = (*items)[i].dump();
    auto item = parse_line_item(object, currency, "items item " + std::to_string(i + 1));
    if (!item) return std::move(item).error();
    objects.push_back(std::move(object));
  }
  return objects;
}

Result<RefundRequest> request_of(const std::vector<std::string>& cells,
                                 const std::vector<std::size_t>& columns,
                                 const std::string& provider) {
  RefundCommand command;
  command.provider = provider;
  std::string items;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const Column& column = kColumns[columns[i]];
    if (column.field != nullptr) {
      command.*(column.field) = cells[i];
    } else if (column.name == "items") {
      items = cells[i];
    } else if (!cells[i].empty()) {
      command.vat = vat_pairs(cells[i]);
    }
  }
  for (const Column& column : kColumns) {
    if (column.required && (command.*(column.field)).empty()) {
      return invalid(std::string(column.name) + " is empty");
    }
  }
  // Whether items belong to this provider at all comes before what they say.
  if (!items.empty()) command.items = {items};
  if (auto problem = check_refund_options(command, OptionNames::columns)) {
    return invalid(std::move(*problem));
  }
  // build_refund_request reads the amount first; so do the column checks below.
  if (auto amount = Money::parse_positive(command.amount, command.currency); !amount) {
    return std::move(amount).error();
  }
  if (!items.empty()) {
    auto objects = items_of(items, command.currency);
    if (!objects) return std::move(objects).error();
    command.items = std::move(*objects);
  }
  for (const std::string& pair : command.vat) {
    if (pair.empty()) return invalid("vat: an empty RATE=AMOUNT pair (one ';' too many?)");
    if (auto vat = parse_vat_pair(pair, command.currency); !vat) {
      // Its message names the flag ("--vat 21=x: ..."); here it is the column.
      const std::string& message = vat.error().message;
      return invalid(message.rfind("--", 0) == 0 ? message.substr(2) : "vat: " + message);
    }
  }
  auto request = build_refund_request(command);
  if (!request) return request;
  // What every vendor checks before sending (identifiers, items adding up to the amount), so
  // that such a row stops the whole file here instead of failing alone once others were sent.
  // The vendor-specific fields were checked above, so all of them count as honoured.
  if (auto problem = internal::check_common_fields(
          provider, *request,
          {internal::RefundField::planned_date, internal::RefundField::capture_number,
           internal::RefundField::line_items, internal::RefundField::vat_breakdown,
           internal::RefundField::kind, internal::RefundField::variable_symbol})) {
    return std::move(*problem);
  }
  return request;
}

}  // namespace

std::string describe(const BatchFileProblem& problem, const std::string& file_name) {
  if (problem.row == 0) return file_name + " header: " + problem.message;
  return file_name + " row " + std::to_string(problem.row) + ": " + problem.message;
}

std::vector<std::string> batch_file_columns() {
  std::vector<std::string> names;
  for (const Column& column : kColumns) names.emplace_back(column.name);
  return names;
}

BatchFileReader::BatchFileReader(std::istream& in, std::string provider)
    : csv_(in), provider_(std::move(provider)) {}

std::optional<RefundRequest> BatchFileReader::stop(std::size_t row, std::string message) {
  problem_ = BatchFileProblem{row, std::move(message)};
  return std::nullopt;
}

bool BatchFileReader::read_header() {
  header_read_ = true;
  if (!csv_.next(record_)) {
    if (csv_.error()) stop(0, csv_.error()->message);
    return false;  // an empty file: no rows
  }
  std::vector<bool> present(std::size(kColumns), false);
  for (const std::string& name : record_.fields) {
    const auto column = std::find_if(std::begin(kColumns), std::end(kColumns),
                                     [&](const Column& c) { return c.name == name; });
    if (column == std::end(kColumns)) {
      stop(0, "unknown column " + shown_quoted(name) + " (the columns are " + column_list() + ")");
      return false;
    }
    const auto index = static_cast<std::size_t>(column - std::begin(kColumns));
    if (present[index]) {
      stop(0, "column " + shown_quoted(name) + " appears twice");
      return false;
    }
    present[index] = true;
    columns_.push_back(index);
  }
  for (std::size_t i = 0; i < std::size(kColumns); ++i) {
    if (kColumns[i].required && !present[i]) {
      stop(0, "missing the required column " + shown_quoted(kColumns[i].name));
      return false;
    }
  }
  return true;
}

std::optional<RefundRequest> BatchFileReader::next() {
  if (problem_) return std::nullopt;
  if (!header_read_ && !read_header()) return std::nullopt;
  if (columns_.empty()) return std::nullopt;  // no header: an empty file
  if (!csv_.next(record_)) {
    if (const auto& error = csv_.error()) return stop(error->record - 1, error->message);
    return std::nullopt;
  }
  const std::size_t row = record_.number - 1;
  Result<RefundRequest> request = request_of(record_.fields, columns_, provider_);
  if (!request) return stop(row, request.error().message);
  rows_ = row;
  return std::move(*request);
}

BatchFileCheck check_batch_file(std::istream& in, const std::string& provider) {
  BatchFileReader reader(in, provider);
  // The one thing the check keeps per row: identifiers cannot hold a NUL (they are checked for
  // control characters), so it separates them unambiguously.
  std::unordered_map<std::string, std::size_t> row_of;
  BatchFileCheck check;
  while (std::optional<RefundRequest> request = reader.next()) {
    std::string key = request->order_id;
    key.push_back('\0');
    key += request->reference;
    const auto [earlier, first] = row_of.emplace(std::move(key), reader.rows());
    if (!first) {
      check.problem =
          BatchFileProblem{reader.rows(), "the same order " + shown_quoted(request->order_id) +
                                              " and reference " + shown_quoted(request->reference) +
                                              " as row " + std::to_string(earlier->second)};
      return check;
    }
  }
  check.rows = reader.rows();
  check.problem = reader.problem();
  return check;
}

}  // namespace refundkit::cli
