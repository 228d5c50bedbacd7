#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds in parallel and runs every test through
# CTest, twice: a normal build, then an AddressSanitizer + UndefinedBehaviorSanitizer build.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh

jobs=$(nproc)
for preset in default asan; do
  echo "=== ${preset} build ==="
  cmake --preset "$preset"
  cmake --build --preset "$preset" --parallel "$jobs"
  ctest --preset "$preset" --parallel "$jobs"
done
