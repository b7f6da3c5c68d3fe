#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) in their own build dir and runs
# each for a bounded time from its committed seeds (tests/fuzz/corpus/<target>) plus the
# shipped files. Fails on the first crash, leak, sanitizer report or timeout.
#
#   tests/fuzz/run.sh [SECONDS] [TARGET...]    default 60 s each, every target
#
# Environment: FUZZ_BUILD_DIR (default build-fuzz; a build configured with
# DESKBREAK_FUZZ=ON already, such as tests/hardening.sh's, is used as it is), FUZZ_OUT
# (default $FUZZ_BUILD_DIR/fuzz-out: working corpora, crash inputs, logs), FUZZ_JOBS
# (build jobs), FUZZ_PARALLEL (targets fuzzed at once, default 1).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
seconds=${1:-60}
shift || true
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(config routine exercises snapshot control)
build=${FUZZ_BUILD_DIR:-$root/build-fuzz}
out=${FUZZ_OUT:-$build/fuzz-out}

command -v clang++ >/dev/null || { echo "run.sh: clang++ is not installed" >&2; exit 2; }
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
if ! grep -qs '^DESKBREAK_FUZZ:BOOL=ON' "$build/CMakeCache.txt"; then
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
        -DCMAKE_CXX_COMPILER=clang++ -DDESKBREAK_FUZZ=ON -DDESKBREAK_BUILD_TESTS=OFF \
        -DDESKBREAK_WERROR=ON "${launcher[@]}" >/dev/null
fi
cmake --build "$build" -j"${FUZZ_JOBS:-$(nproc)}" --target "${targets[@]/#/fuzz_}"

# Extra seeds: the shipped files each target reads in real life.
seeds_for() {
    case $1 in
    config) echo "$root/config/deskbreak.toml" ;;
    routine) echo "$root"/assets/routines/*.toml ;;
    exercises) echo "$root/assets/exercises.toml" ;;
    esac
}
dict_for() {
    case $1 in
    config | routine | exercises) echo "$here/toml.dict" ;;
    *) echo "$here/json.dict" ;;
    esac
}

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# One target: its working corpus gets the committed seeds; the verdict is the exit status.
fuzz_one() {
    local target=$1 work=$out/$1
    mkdir -p "$work/corpus" "$work/crashes"
    for seed in $(seeds_for "$target"); do cp "$seed" "$work/corpus/"; done
    "$build/bin/fuzz_$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len=65536 -print_final_stats=1 -dict="$(dict_for "$target")" \
        -artifact_prefix="$work/crashes/" "$work/corpus" "$here/corpus/$target" \
        >"$work/log" 2>&1
}
report() {
    local target=$1 status=$2 work=$out/$1
    if [[ $status -eq 0 ]]; then
        echo "=== fuzz_$target: no crash in ${seconds}s"
        grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb)|cov: " "$work/log" | tail -n 3
    else
        echo "fuzz_$target FAILED; the input is in $work/crashes/, the log in $work/log" >&2
        tail -n 40 "$work/log" >&2
        failed+=("$target")
    fi
}

failed=()
parallel=${FUZZ_PARALLEL:-1}
for ((i = 0; i < ${#targets[@]}; i += parallel)); do
    batch=("${targets[@]:i:parallel}")
    pids=()
    for target in "${batch[@]}"; do
        fuzz_one "$target" &
        pids+=($!)
    done
    for j in "${!batch[@]}"; do
        status=0
        wait "${pids[$j]}" || status=$?
        report "${batch[$j]}" "$status"
    done
done
if [[ ${#failed[@]} -gt 0 ]]; then
    echo "run.sh: crashes in: ${failed[*]}" >&2
    exit 1
fi
echo "run.sh: no crash in ${targets[*]} (${seconds}s each)"
