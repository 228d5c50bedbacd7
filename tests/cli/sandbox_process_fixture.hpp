#pragma once

// The refundkit executable run as a process against an in-process sandbox whose four vendors
// have credentials of this fixture's own: the environment that hands them to the tool, each
// provider's sandbox URLs, and a check that no credential ever reaches stdout or stderr.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "child_process.hpp"
#include "refundkit/sandbox/sandbox.hpp"

namespace refundkit::test {

class SandboxProcessTest : public ::testing::Test {
 protected:
  static constexpr const char* kKomfortkasseKey = "cli-kk-key-77c1";
  static constexpr const char* kOpttySecret = "cli-optty-secret-5d1c";
  static constexpr const char* kAfterPayKey = "cli-afterpay-key-8e2b";
  static constexpr const char* kSkipPayPassword = "cli-skippay-password-3a7f";

  SandboxProcessTest() : sandbox_(make_options()) {}

  static sandbox::SandboxOptions make_options() {
    sandbox::SandboxOptions options;
    options.komfortkasse_api_key = kKomfortkasseKey;
    options.optty_client_secret = kOpttySecret;
    options.afterpay_api_key = kAfterPayKey;
    options.skippay_password = kSkipPayPassword;
    return options;
  }

  std::vector<std::string> environment() const {
    const sandbox::SandboxOptions& options = sandbox_.options();
    return {std::string("KOMFORTKASSE_API_KEY=") + kKomfortkasseKey,
            "OPTTY_CLIENT_ID=" + options.optty_client_id,
            std::string("OPTTY_CLIENT_SECRET=") + kOpttySecret,
            "OPTTY_MERCHANT_ID=" + options.optty_merchant_id,
            std::string("AFTERPAY_API_KEY=") + kAfterPayKey,
            "SKIPPAY_USERNAME=" + options.skippay_username,
            std::string("SKIPPAY_PASSWORD=") + kSkipPayPassword};
  }

  /// --base-url (and Optty's --auth-url) of `provider` in this sandbox.
  std::vector<std::string> sandbox_urls(const std::string& provider) const {
    if (provider == "komfortkasse") return {"--base-url", sandbox_.komfortkasse_base_url()};
    if (provider == "optty") {
      return {"--base-url", sandbox_.optty_base_url(), "--auth-url", sandbox_.optty_token_url()};
    }
    if (provider == "afterpay") return {"--base-url", sandbox_.afterpay_base_url()};
    return {"--base-url", sandbox_.skippay_base_url()};
  }

  /// `refundkit <args...>` with the credentials in its environment.
  ProcessResult run_cli(const std::vector<std::string>& args) const {
    ProcessResult result = run_process(REFUNDKIT_CLI_PATH, args, environment());
    for (const char* secret : {kKomfortkasseKey, kOpttySecret, kAfterPayKey, kSkipPayPassword}) {
      EXPECT_EQ(result.out.find(secret), std::string::npos) << "a credential leaked to stdout";
      EXPECT_EQ(result.err.find(secret), std::string::npos) << "a credential leaked to stderr";
    }
    return result;
  }

  std::vector<sandbox::SandboxRefund> refunds_of(const std::string& provider) const {
    std::vector<sandbox::SandboxRefund> found;
    for (const sandbox::SandboxRefund& refund : sandbox_.refunds()) {
      if (refund.provider == provider) found.push_back(refund);
    }
    return found;
  }

  sandbox::Sandbox sandbox_;
};

}  // namespace refundkit::test
