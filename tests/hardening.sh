#!/usr/bin/env bash
# The hardening stage of CI, after the README's test command: one clang build with
# AddressSanitizer, UndefinedBehaviorSanitizer and fuzzer coverage, then
#   1. the whole suite but the e2e tests, plus two short e2e scenarios, under the sanitizers;
#   2. every libFuzzer target for FUZZ_SECONDS (default 60) from its committed seeds;
#   3. clang-tidy over src/ with the committed .clang-tidy (a finding fails the run).
# Needs the packages of `installers/dev/bootstrap.sh test`.
#   tests/hardening.sh [all|build|check]   all (default): both; build: only the build;
#                                           check: 1-3 on a build made before
# Environment: HARDENING_BUILD_DIR (default build-hardening), FUZZ_SECONDS, FUZZ_PARALLEL
# (default: the number of cores), HARDENING_JOBS (build jobs, default: the number of cores).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${HARDENING_BUILD_DIR:-$root/build-hardening}
jobs=$(nproc)
what=${1:-all}
case $what in all | build | check) ;; *) echo "usage: $0 [all|build|check]" >&2; exit 2 ;; esac
started=$SECONDS
phase() { echo "=== hardening: $1 (at $((SECONDS - started)) s)"; }

if [[ $what != check ]]; then
    phase "clang build with ASan, UBSan and fuzzer coverage"
    launcher=()
    command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
        -DCMAKE_CXX_COMPILER=clang++ -DDESKBREAK_SANITIZE=ON -DDESKBREAK_FUZZ=ON \
        -DDESKBREAK_WERROR=ON "${launcher[@]}" >/dev/null
    cmake --build "$build" -j"${HARDENING_JOBS:-$jobs}" >/dev/null
fi
[[ $what == build ]] && exit 0

phase "the suite under the sanitizers"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir "$build" --output-on-failure -j"$jobs" -LE "e2e|slow"
ctest --test-dir "$build" --output-on-failure -j"$jobs" \
    -R "^e2e: (no-tray-host|watches)$"

phase "fuzzing"
FUZZ_BUILD_DIR=$build FUZZ_PARALLEL=${FUZZ_PARALLEL:-$jobs} \
    "$root/tests/fuzz/run.sh" "${FUZZ_SECONDS:-60}"

phase "clang-tidy over src/"
# Every file of src/ that this build compiles (the argument filters the compile commands).
run-clang-tidy -quiet -p "$build" -j"$jobs" "^$root/src/" >"$build/clang-tidy.log" 2>&1 || {
    grep -E "(warning|error): " "$build/clang-tidy.log" | sort -u >&2
    echo "hardening: clang-tidy has findings (all of it in $build/clang-tidy.log)" >&2
    exit 1
}
phase "done"
