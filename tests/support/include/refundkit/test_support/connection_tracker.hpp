#pragma once

#include <cstddef>
#include <mutex>
#include <set>
#include <string>

namespace refundkit::test_support {

/// Distinct client connections seen by a server, told apart by the client's address and port.
class ConnectionTracker {
 public:
  void saw(const std::string& remote_addr, int remote_port);
  std::size_t distinct() const;

 private:
  mutable std::mutex mutex_;
  std::set<std::string> connections_;
};

}  // namespace refundkit::test_support
