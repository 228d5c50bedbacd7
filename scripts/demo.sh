#!/usr/bin/env bash
# The main job: starts the sandbox, makes real refunds through the library and the refundkit tool.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh

cmake --preset default >/dev/null
cmake --build build --parallel "$(nproc)" --target refundkit-cli refundkit-sandbox refundkit-demo

bin=build
sandbox_out=$(mktemp)
"$bin/sandbox/refundkit-sandbox" >"$sandbox_out" 2>/dev/null &
sandbox_pid=$!
trap 'kill "$sandbox_pid" 2>/dev/null || true; rm -f "$sandbox_out"' EXIT
for _ in $(seq 100); do
  [ -s "$sandbox_out" ] && break
  sleep 0.05
done
base_url="$(head -n 1 "$sandbox_out")/komfortkasse/api/v2"

echo
echo "=== Through the library (examples/demo.cpp) ==="
echo
"$bin/examples/refundkit-demo" --base-url "$base_url"

echo "=== Through the command-line tool (same sandbox, same state) ==="
export KOMFORTKASSE_API_KEY=sandbox-komfortkasse-key
tool() {
  printf '$ refundkit'
  printf ' %q' "$@"
  echo
  local code=0
  "$bin/tools/refundkit/refundkit" "$@" || code=$?
  case $code in
    0) echo "exit 0: refund created (or found already created: \"existing\": true)" ;;
    1) echo "exit 1: refund not made" ;;
    2) echo "exit 2: command line not understood" ;;
    3) echo "exit 3: outcome unknown" ;;
    4) echo "exit 4: this reference names another refund; nothing new was made" ;;
  esac
  echo
}
echo
tool refund komfortkasse --order KK-1003 --amount 25.00 --currency CHF --reference demo-cli-1 \
  --reason "Returned goods" --base-url "$base_url"
# The same command again, as after an exit 3: it finds the refund and makes nothing new.
tool refund komfortkasse --order KK-1003 --amount 25.00 --currency CHF --reference demo-cli-1 \
  --reason "Returned goods" --base-url "$base_url"
tool status komfortkasse --order KK-1003 --reference demo-cli-1 --base-url "$base_url"
tool refund komfortkasse --order KK-1001 --amount 1.00 --currency EUR --reference demo-lib-1 \
  --base-url "$base_url"
tool refund komfortkasse --order KK-1002 --amount 99.81 --currency EUR --reference demo-cli-2 \
  --base-url "$base_url"
tool refund komfortkasse --order NO-SUCH-ORDER --amount 5.00 --currency EUR \
  --reference demo-cli-3 --base-url "$base_url"
tool refund komfortkasse --order KK-1001 --amount 5 --currency EUR
