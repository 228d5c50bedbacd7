#pragma once

#include <string>

namespace refundkit::test_support {

/// A private CA and a server certificate for 127.0.0.1 and localhost signed by it, generated
/// with the OpenSSL API when constructed (no openssl command needed) into a fresh directory
/// under /tmp that is removed again on destruction. Throws std::runtime_error on failure.
class TestPki {
 public:
  TestPki();
  ~TestPki();
  TestPki(const TestPki&) = delete;
  TestPki& operator=(const TestPki&) = delete;

  const std::string& ca_cert_path() const { return ca_cert_path_; }
  const std::string& server_cert_path() const { return server_cert_path_; }
  const std::string& server_key_path() const { return server_key_path_; }

 private:
  void remove_files() noexcept;

  std::string directory_;
  std::string ca_cert_path_;
  std::string server_cert_path_;
  std::string server_key_path_;
};

}  // namespace refundkit::test_support
