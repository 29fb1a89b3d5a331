#!/usr/bin/env bash
# Fuzzes every parser for SECONDS each (default 60) with libFuzzer, AddressSanitizer and
# UndefinedBehaviorSanitizer: `scripts/fuzz.sh 600` or `scripts/fuzz.sh 30 fuzz_npy fuzz_csv`.
# Installs clang and its runtime if missing, builds the fuzz targets of the asan preset into
# build-asan/, and runs two targets at a time (one per core) on a copy of their seed corpus (fuzz/corpus/NAME/; the
# lesson fuzzer also reads the built-in lessons), so the repository is left as it was. Prints
# each target's executions and corpus size; a crash, a leak, a sanitizer report or a hang
# (over 10 s on one input) stops that target, keeps the input in build-asan/findings/ and makes
# the script exit 1.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -eq 0 ]; then
  echo "fuzz: SECONDS must be a whole number above 0, not '$seconds'." >&2
  exit 2
fi
scripts/install-deps.sh clang libclang-rt-14-dev >&2
cmake --preset asan >/dev/null
cmake --build build-asan --target atlas_fuzzers >&2

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(fuzz_npy fuzz_csv fuzz_json fuzz_lesson fuzz_set_value fuzz_remote_request)
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p build-asan/findings

run_one() {
  local target="$1" seeds="fuzz/corpus/${1#fuzz_}"
  [ -x "build-asan/fuzz/$target" ] || { echo "fuzz: no target $target." >&2; return 2; }
  local extra=()
  [ "$target" = fuzz_lesson ] && extra=(resources/lessons)
  mkdir -p "$work/$target"
  cp -r "$seeds/." "$work/$target/"
  # UBSan and ASan stop at the first report; leaks are findings too.
  if ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    "build-asan/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
    -print_final_stats=1 -artifact_prefix="build-asan/findings/$target-" \
    "$work/$target" "${extra[@]}" >"$work/$target.log" 2>&1; then
    local execs size
    execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$target.log")"
    size="$(ls "$work/$target" | wc -l)"
    echo "$target: ${execs:-?} executions in ${seconds} s, corpus $size inputs, nothing found"
  else
    echo "$target: FOUND a problem; the input is in build-asan/findings/, the log follows:" >&2
    tail -40 "$work/$target.log" >&2
    return 1
  fi
}

status=0
pids=()
for target in "${targets[@]}"; do
  run_one "$target" &
  pids+=($!)
  if [ ${#pids[@]} -eq 2 ]; then
    wait "${pids[0]}" || status=1
    pids=("${pids[1]}")
  fi
done
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
exit $status
