#pragma once

#include <charconv>
#include <string>
#include <string_view>
#include <system_error>

#include "refundkit/transport.hpp"

/// The input format of the vendor answer fuzzers: a first line "<HTTP status>[ <currency>]", then
/// the body. An input whose first line is not a status is all body, with the defaults.
struct FuzzAnswer {
  refundkit::HttpResponse response;
  std::string_view currency;
};

inline FuzzAnswer read_fuzz_answer(std::string_view input, int default_status,
                                   std::string_view default_currency,
                                   std::string content_type = "application/json") {
  FuzzAnswer answer;
  answer.response.status = default_status;
  answer.currency = default_currency;
  std::string_view body = input;
  const std::size_t newline = input.find('\n');
  if (newline != std::string_view::npos) {
    const std::string_view line = input.substr(0, newline);
    const std::size_t space = line.find(' ');
    const std::string_view number = line.substr(0, space);
    int status = 0;
    const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), status);
    if (error == std::errc() && end == number.data() + number.size() && !number.empty()) {
      answer.response.status = status;
      if (space != std::string_view::npos) answer.currency = line.substr(space + 1);
      body = input.substr(newline + 1);
    }
  }
  answer.response.body = std::string(body);
  answer.response.headers.push_back({"Content-Type", std::move(content_type)});
  return answer;
}
