#include "optty_node_json.hpp"

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace refundkit::sandbox::detail::optty {

namespace {

constexpr const char* kReplacementCharacter = "\xEF\xBF\xBD";  // U+FFFD
constexpr const char* kUnexpectedEnd = "Unexpected end of JSON input";

bool in_range(unsigned char byte, unsigned char low, unsigned char high) {
  return byte >= low && byte <= high;
}

// The allowed range of the second byte of a sequence led by `lead` (RFC 3629 table 3-7), and how
// many continuation bytes follow the lead; 0 continuation bytes for an invalid lead.
struct LeadRule {
  int continuation_bytes = 0;
  unsigned char second_low = 0x80;
  unsigned char second_high = 0xBF;
};

LeadRule lead_rule(unsigned char lead) {
  if (in_range(lead, 0xC2, 0xDF)) return {1, 0x80, 0xBF};
  if (lead == 0xE0) return {2, 0xA0, 0xBF};
  if (lead == 0xED) return {2, 0x80, 0x9F};  // no UTF-16 surrogates
  if (in_range(lead, 0xE1, 0xEF)) return {2, 0x80, 0xBF};
  if (lead == 0xF0) return {3, 0x90, 0xBF};
  if (lead == 0xF4) return {3, 0x80, 0x8F};  // nothing above U+10FFFF
  if (in_range(lead, 0xF1, 0xF3)) return {3, 0x80, 0xBF};
  return {};
}

// The length of the (valid) UTF-8 sequence starting with `lead`.
std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead < 0xE0) return 2;
  if (lead < 0xF0) return 3;
  return 4;
}

bool is_json_whitespace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex_digit(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// V8's JsonParser, reduced to what decides its error message: an iterative scan (a 64 KiB body
// of '[' must not exhaust the stack) that stops at the first offending character.
class SyntaxScanner {
 public:
  explicit SyntaxScanner(std::string_view text) : text_(text) {}

  std::optional<std::string> scan() {
    skip_whitespace();
    // body-parser's strict mode: only an object or an array at the top.
    if (at_end()) return std::string(kUnexpectedEnd);
    if (peek() != '{' && peek() != '[') return unexpected_character(position_);
    if (!scan_document()) return error_;
    return std::nullopt;
  }

 private:
  bool at_end() const { return position_ >= text_.size(); }
  char peek() const { return text_[position_]; }
  void skip_whitespace() {
    while (!at_end() && is_json_whitespace(peek())) ++position_;
  }

  std::size_t length_at(std::size_t offset) const {
    return sequence_length(static_cast<unsigned char>(text_[offset]));
  }

  std::size_t utf16_position(std::size_t byte_offset) const {
    std::size_t units = 0;
    for (std::size_t i = 0; i < byte_offset; i += length_at(i)) {
      units += length_at(i) == 4 ? 2 : 1;
    }
    return units;
  }

  std::string at_position(std::size_t byte_offset) const {
    return " in JSON at position " + std::to_string(utf16_position(byte_offset));
  }

  // "Unexpected token X", whatever X is (body-parser's strict check, bad characters in
  // strings, numbers and literals).
  std::string unexpected_character(std::size_t offset) const {
    if (offset >= text_.size()) return kUnexpectedEnd;
    return "Unexpected token " + std::string(text_.substr(offset, length_at(offset))) +
           at_position(offset);
  }

  // V8's ReportUnexpectedToken: a number or a string where none may stand is named as such.
  bool fail_at_token(std::size_t offset) {
    if (offset >= text_.size()) {
      error_ = kUnexpectedEnd;
    } else if (text_[offset] == '"') {
      error_ = "Unexpected string" + at_position(offset);
    } else if (text_[offset] == '-' || is_digit(text_[offset])) {
      error_ = "Unexpected number" + at_position(offset);
    } else {
      error_ = unexpected_character(offset);
    }
    return false;
  }
  bool fail_at_character(std::size_t offset) {
    error_ = unexpected_character(offset);
    return false;
  }

  bool scan_document() {
    std::vector<char> open;  // the enclosing containers, '{' or '['
    for (;;) {
      if (!scan_value(open)) return false;
      // After a complete value: close containers or go on to the next member or element.
      for (;;) {
        skip_whitespace();
        if (open.empty()) return at_end() || fail_at_token(position_);
        if (at_end()) return fail_at_token(position_);
        const char closer = open.back() == '{' ? '}' : ']';
        if (peek() == closer) {
          ++position_;
          open.pop_back();
          continue;
        }
        if (peek() != ',') return fail_at_token(position_);
        ++position_;
        if (open.back() == '{' && !scan_member_name()) return false;
        break;
      }
    }
  }

  // A value, or the opening of a container (then its first member name too, or its end).
  bool scan_value(std::vector<char>& open) {
    for (;;) {
      skip_whitespace();
      if (at_end()) return fail_at_token(position_);
      const char c = peek();
      if (c == '{' || c == '[') {
        ++position_;
        skip_whitespace();
        const char closer = c == '{' ? '}' : ']';
        if (!at_end() && peek() == closer) {
          ++position_;
          return true;
        }
        open.push_back(c);
        if (c == '{' && !scan_member_name()) return false;
        continue;
      }
      if (c == '"') return scan_string();
      if (c == '-' || is_digit(c)) return scan_number();
      if (c == 't') return scan_literal("true");
      if (c == 'f') return scan_literal("false");
      if (c == 'n') return scan_literal("null");
      return fail_at_token(position_);
    }
  }

  // A member name and its ':'.
  bool scan_member_name() {
    skip_whitespace();
    if (at_end() || peek() != '"') return fail_at_token(position_);
    if (!scan_string()) return false;
    skip_whitespace();
    if (at_end() || peek() != ':') return fail_at_token(position_);
    ++position_;
    return true;
  }

  bool scan_string() {
    ++position_;  // the opening quote
    for (;;) {
      if (at_end()) return fail_at_token(position_);
      const auto c = static_cast<unsigned char>(peek());
      if (c == '"') {
        ++position_;
        return true;
      }
      if (c < 0x20) return fail_at_character(position_);
      if (c != '\\') {
        position_ += length_at(position_);
        continue;
      }
      ++position_;
      if (at_end()) return fail_at_token(position_);
      const std::size_t escape_offset = position_;
      const char escape = peek();
      ++position_;
      if (escape == 'u') {
        for (int digit = 0; digit < 4; ++digit, ++position_) {
          if (at_end()) return fail_at_token(position_);
          if (!is_hex_digit(peek())) return fail_at_character(position_);
        }
      } else if (std::string_view("\"\\/bfnrt").find(escape) == std::string_view::npos) {
        return fail_at_character(escape_offset);
      }
    }
  }

  bool scan_digits() {
    if (at_end() || !is_digit(peek())) return fail_at_character(position_);
    while (!at_end() && is_digit(peek())) ++position_;
    return true;
  }

  bool scan_number() {
    if (peek() == '-') ++position_;
    if (!at_end() && peek() == '0') {
      ++position_;
      // "01": V8 takes the second digit for a new number token.
      if (!at_end() && is_digit(peek())) return fail_at_token(position_);
    } else if (!scan_digits()) {
      return false;
    }
    if (!at_end() && peek() == '.') {
      ++position_;
      if (!scan_digits()) return false;
    }
    if (!at_end() && (peek() == 'e' || peek() == 'E')) {
      ++position_;
      if (!at_end() && (peek() == '+' || peek() == '-')) ++position_;
      if (!scan_digits()) return false;
    }
    return true;
  }

  bool scan_literal(std::string_view word) {
    for (const char expected : word) {
      if (at_end() || peek() != expected) return fail_at_token(position_);
      ++position_;
    }
    return true;
  }

  std::string_view text_;
  std::size_t position_ = 0;
  std::string error_;
};

}  // namespace

std::string decode_utf8_lossy(std::string_view bytes) {
  std::string decoded;
  decoded.reserve(bytes.size());
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto lead = static_cast<unsigned char>(bytes[i]);
    if (lead < 0x80) {
      decoded += static_cast<char>(lead);
      ++i;
      continue;
    }
    const LeadRule rule = lead_rule(lead);
    // WHATWG decoding: the longest valid prefix of a sequence becomes one U+FFFD, and the byte
    // that broke it starts over.
    std::size_t length = 1;
    bool complete = rule.continuation_bytes > 0;
    for (int k = 1; k <= rule.continuation_bytes; ++k) {
      const std::size_t at = i + static_cast<std::size_t>(k);
      const unsigned char low = k == 1 ? rule.second_low : 0x80;
      const unsigned char high = k == 1 ? rule.second_high : 0xBF;
      if (at >= bytes.size() || !in_range(static_cast<unsigned char>(bytes[at]), low, high)) {
        complete = false;
        break;
      }
      ++length;
    }
    if (complete) {
      decoded.append(bytes.substr(i, length));
    } else {
      decoded += kReplacementCharacter;
    }
    i += length;
  }
  return decoded;
}

std::optional<std::string> node_json_syntax_error(std::string_view text) {
  return SyntaxScanner(text).scan();
}

}  // namespace refundkit::sandbox::detail::optty
