#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds in parallel, runs every test through CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh

jobs=$(nproc)
cmake -S . -B build -DREFUNDKIT_BUILD_TESTS=ON
cmake --build build --parallel "$jobs"
ctest --test-dir build --output-on-failure --parallel "$jobs"
