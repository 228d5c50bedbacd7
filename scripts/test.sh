#!/usr/bin/env bash
# The whole test suite: installs what is missing, then for each stage configures, builds in
# parallel and runs through CTest:
#   default  RelWithDebInfo, every test
#   asan     AddressSanitizer + UndefinedBehaviorSanitizer, every test
#   tsan     ThreadSanitizer, the tests labelled "concurrent" or "sandbox" (only their targets)
#   fuzz     clang + libFuzzer, every fuzz target briefly from its seed corpus (fuzz/)
# Usage: scripts/test.sh [stage ...]   (default: all four, in that order)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh

jobs=$(nproc)
stages=("$@")
((${#stages[@]})) || stages=(default asan tsan fuzz)
for preset in "${stages[@]}"; do
  case "$preset" in
    default | asan | tsan | fuzz) ;;
    *) echo "unknown stage '$preset' (expected default, asan, tsan or fuzz)" >&2 && exit 2 ;;
  esac
done

summary=()
for preset in "${stages[@]}"; do
  echo "=== ${preset} build ==="
  start=$SECONDS
  cmake --preset "$preset"
  cmake --build --preset "$preset" --parallel "$jobs"
  echo "=== ${preset} tests ==="
  ctest --preset "$preset" --parallel "$jobs"
  summary+=("${preset}: $((SECONDS - start)) s")
done
echo "=== all stages passed ==="
printf '  %s\n' "${summary[@]}"
