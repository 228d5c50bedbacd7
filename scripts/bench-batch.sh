#!/usr/bin/env bash
# The batch benchmark (README, Benchmarks): builds refundkit-bench-batch in Release in a build
# tree of its own and runs it, which prints every figure as a ratio to a baseline measured in the
# same run, then one table.
#
# Usage: scripts/bench-batch.sh [--quick] [--profile COUNT]
#   --quick          smaller counts: a few seconds' check that everything runs, not figures
#                    (the full run takes about 40 s on 2 cores, after the build)
#   --profile COUNT  afterwards, callgrind the raw libcurl loop (the baseline), the sequential
#                    create_refund loop and a stream_refunds batch, COUNT refunds each, and print
#                    their top functions
# Environment: REFUNDKIT_BENCH_BUILD_DIR (default build-bench-release), JOBS (default nproc).
set -euo pipefail
cd "$(dirname "$0")/.."

quick=()
profile_count=""
while (($#)); do
  case "$1" in
    --quick) quick=(--quick) ;;
    --profile)
      profile_count="${2:?--profile needs a count}"
      shift
      ;;
    *) echo "usage: scripts/bench-batch.sh [--quick] [--profile COUNT]" >&2 && exit 2 ;;
  esac
  shift
done

missing=()
command -v wrk >/dev/null || missing+=("wrk (apt-get install wrk)")
python3 -c 'import requests' 2>/dev/null || missing+=("python3 with requests (apt-get install python3-requests)")
[ -z "$profile_count" ] || command -v valgrind >/dev/null || missing+=("valgrind (apt-get install valgrind)")
if ((${#missing[@]})); then
  printf 'missing: %s\n' "${missing[@]}" >&2
  exit 1
fi

build="${REFUNDKIT_BENCH_BUILD_DIR:-build-bench-release}"
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
# Only the library, the sandbox and this program: tests, tools, examples and fuzzers stay
# unbuilt. Every option that changes what is built or how fast it runs is set, so that a tree
# configured otherwise before (sanitizers, no sandbox) cannot skew the figures.
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DREFUNDKIT_BUILD_TESTS=OFF \
  -DREFUNDKIT_BUILD_TOOLS=OFF -DREFUNDKIT_BUILD_EXAMPLES=OFF -DREFUNDKIT_BUILD_FUZZERS=OFF \
  -DREFUNDKIT_BUILD_SANDBOX=ON -DREFUNDKIT_BUILD_BENCHMARKS=ON -DREFUNDKIT_SANITIZE=OFF \
  -DREFUNDKIT_SANITIZE_THREAD=OFF \
  "${launcher[@]}" >/dev/null
cmake --build "$build" --target refundkit-bench-batch --parallel "${JOBS:-$(nproc)}"

bench="$build/benchmarks/refundkit-bench-batch"
"$bench" "${quick[@]}"

if [ -n "$profile_count" ]; then
  out="$build/profiles"
  mkdir -p "$out"
  "$bench" --profile "$out" "$profile_count"
  # Whole listings to files, their tops to the terminal (head on a pipe would make
  # callgrind_annotate die of SIGPIPE, which pipefail turns into a failure).
  for mode in raw sequential stream; do
    callgrind_annotate --inclusive=yes "$out/callgrind.$mode.out" >"$out/$mode.inclusive.txt"
    callgrind_annotate "$out/callgrind.$mode.out" >"$out/$mode.self.txt"
    echo
    echo "=== callgrind, $mode, $profile_count refunds: inclusive ($out/$mode.inclusive.txt) ==="
    sed -n '20,60p' "$out/$mode.inclusive.txt"
    echo "=== callgrind, $mode: self ($out/$mode.self.txt) ==="
    sed -n '20,50p' "$out/$mode.self.txt"
  done
fi
