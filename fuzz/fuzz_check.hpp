#pragma once

#include <cstdio>
#include <cstdlib>

/// A property every input must satisfy. A violation prints the property and aborts, which
/// libFuzzer reports as a crash and saves the input as an artifact.
#define REFUNDKIT_FUZZ_CHECK(condition)                                                       \
  do {                                                                                        \
    if (!(condition)) {                                                                       \
      std::fprintf(stderr, "%s:%d: property violated: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                           \
    }                                                                                         \
  } while (false)
