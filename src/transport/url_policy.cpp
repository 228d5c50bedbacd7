#include "transport/url_policy.hpp"

#include <utility>

#include "internal/text.hpp"
#include "refundkit/curl_transport.hpp"

namespace refundkit::internal {
namespace {

Error refused(std::string why) {
  Error error;
  error.kind = ErrorKind::network;
  error.message = std::move(why) + "; the request was not sent";
  return error;
}

std::string url_part(CURLU* url, CURLUPart part) {
  char* text = nullptr;
  if (curl_url_get(url, part, &text, 0) != CURLUE_OK || text == nullptr) return {};
  std::string copy(text);
  curl_free(text);
  return copy;
}

}  // namespace

Result<CheckedUrl> check_url(const std::string& url, bool allow_http_for_loopback) {
  CheckedUrl checked;
  checked.url.reset(curl_url());
  if (!checked.url) return refused("out of memory while parsing the URL");
  if (curl_url_set(checked.url.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) {
    return refused("malformed URL");
  }
  const std::string scheme = ascii_lower(url_part(checked.url.get(), CURLUPART_SCHEME));
  checked.loopback = is_loopback_host(url_part(checked.url.get(), CURLUPART_HOST));

  if (scheme == "https") return checked;
  if (scheme == "http") {
    if (!allow_http_for_loopback) {
      return refused("plain http is not allowed (https only; allow_http_for_loopback is off)");
    }
    if (!checked.loopback) return refused("plain http is only allowed for loopback hosts");
    return checked;
  }
  return refused("URL scheme \"" + scheme + "\" is not allowed (https only)");
}

}  // namespace refundkit::internal
