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
sandbox_url="$(head -n 1 "$sandbox_out")"
base_url="$sandbox_url/komfortkasse/api/v2"

echo
echo "=== Through the library (examples/demo.cpp) ==="
echo
"$bin/examples/refundkit-demo" --sandbox-url "$sandbox_url"

echo "=== Through the command-line tool (same sandbox, same state) ==="
# The sandbox's own credentials (refundkit-sandbox prints them); real ones come the same way.
export KOMFORTKASSE_API_KEY=sandbox-komfortkasse-key
export OPTTY_CLIENT_ID=sandbox-optty-client OPTTY_CLIENT_SECRET=sandbox-optty-secret
export OPTTY_MERCHANT_ID=sandbox-optty-merchant
export AFTERPAY_API_KEY=sandbox-afterpay-key
export SKIPPAY_USERNAME=sandbox-skippay-partner SKIPPAY_PASSWORD=sandbox-skippay-password
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

echo "--- Bulk refunds: one CSV file through curl multi, then the same file again ---"
echo
batch_file=$(mktemp --suffix=.csv)
cat >"$batch_file" <<'CSV'
order,amount,currency,reference,reason
KK-1003,10.00,CHF,demo-batch-1,"Recall: batch 7, lot ""A"""
KK-1003,10.00,CHF,demo-batch-2,Recall
KK-1003,10.00,CHF,demo-batch-3,Recall
KK-1001,2.50,EUR,demo-batch-4,Late delivery
CSV
cat "$batch_file"
tool batch komfortkasse --file "$batch_file" --concurrency 4 --base-url "$base_url"
# Run again, as after an interrupted or doubtful run: every row is found made, nothing twice.
tool batch komfortkasse --file "$batch_file" --concurrency 4 --base-url "$base_url"
rm -f "$batch_file"

echo "--- Optty, AfterPay (Riverty) and Skip Pay through the tool ---"
echo
tool refund optty --order OP-2003 --amount 20.00 --currency USD --reference demo-cli-optty-1 \
  --reason "Damaged in transit" --base-url "$sandbox_url/optty/api" \
  --auth-url "$sandbox_url/optty/auth/token"
tool status optty --order OP-2003 --reference demo-cli-optty-1 --base-url "$sandbox_url/optty/api" \
  --auth-url "$sandbox_url/optty/auth/token"
tool refund afterpay --order RV-3002 --amount 1190.00 --currency NOK --reference demo-cli-riverty-1 \
  --capture-number 000000001 --refund-type return \
  --item '{"product_id":"SKU-1","description":"Jacket","quantity":"1","gross_unit_price":"1200.00","net_unit_price":"960.00","vat_percent":"25","vat_amount":"240.00","type":"physical_article"}' \
  --item '{"product_id":"FEE","description":"Return fee","quantity":"1","gross_unit_price":"-10.00","net_unit_price":"-8.00","vat_percent":"25","vat_amount":"-2.00","type":"surcharge"}' \
  --base-url "$sandbox_url/afterpay"
tool refund skippay --order SP-4004 --amount 100.00 --currency CZK --reference demo-cli-skippay-1 \
  --vat 21=17.36 --variable-symbol 12345 --base-url "$sandbox_url/skippay"
tool refund skippay --order SP-4002 --amount 10.00 --currency CZK --reference demo-cli-skippay-2 \
  --base-url "$sandbox_url/skippay"
