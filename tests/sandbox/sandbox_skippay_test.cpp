// The skippay emulator over raw HTTP (filled in with the emulator).
#include <gtest/gtest.h>
