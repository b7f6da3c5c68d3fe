#!/usr/bin/env bash
# idle-wakeups.sh DESKBREAK SECONDS
#
# How often the idle daemon wakes on the desktop it runs under: run it inside one of the
# harness wrappers, e.g.
#   tests/support/with-xvfb.sh tests/support/with-dunst.sh tests/bench/idle-wakeups.sh build/bin/deskbreak 120
#   tests/support/with-sway.sh tests/bench/idle-wakeups.sh build/bin/deskbreak 120
# It starts the daemon with the shipped defaults and an idle user, lets it settle, then
# counts over SECONDS its voluntary context switches (each one a wake-up from sleep) and
# its CPU time, and prints them per minute and per hour.
set -euo pipefail
deskbreak=${1:?usage: idle-wakeups.sh DESKBREAK SECONDS}
seconds=${2:-120}
home=$(mktemp -d "${TMPDIR:-/tmp}/deskbreak-wakeups.XXXXXX")
export HOME=$home XDG_CONFIG_HOME=$home/config XDG_DATA_HOME=$home/data XDG_STATE_HOME=$home/state
: "${XDG_RUNTIME_DIR:?run inside a harness wrapper (it gives a private runtime dir)}"
pid=""
cleanup() {
    [[ -n $pid ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    rm -rf "$home"
}
trap cleanup EXIT

"$deskbreak" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 100); do "$deskbreak" status >/dev/null 2>&1 && break; sleep 0.1; done
sleep 5 # start-up work settles (history, D-Bus replies)

# voluntary_ctxt_switches from status; utime + stime (clock ticks) from stat, all threads.
switches() { awk '/^voluntary_ctxt_switches/ {n += $2} END {print n}' /proc/"$pid"/task/*/status; }
ticks() { awk '{n += $14 + $15} END {print n}' /proc/"$pid"/task/*/stat; }
runtime_ns() { awk '{n += $1} END {print n}' /proc/"$pid"/task/*/schedstat; }
s0=$(switches) t0=$(ticks) r0=$(runtime_ns)
sleep "$seconds"
s1=$(switches) t1=$(ticks) r1=$(runtime_ns)
hz=$(getconf CLK_TCK)
backend=$("$deskbreak" status --json | sed -n 's/.*"idle_backend": "\(.*\)",*/\1/p')
awk -v s=$((s1 - s0)) -v t=$((t1 - t0)) -v r=$((r1 - r0)) -v secs="$seconds" -v hz="$hz" \
    -v desk="${DESKBREAK_TEST_COMPOSITOR:-x11}" -v backend="$backend" 'BEGIN {
    printf "desktop:              %s (idle source: %s)\n", desk, backend
    printf "window:               %d s, idle user\n", secs
    printf "wake-ups per minute:  %.1f (%d voluntary context switches)\n", s * 60 / secs, s
    printf "CPU s per hour:       %.3f (schedstat), %.2f (ticks)\n", r / 1e9 * 3600 / secs, t / hz * 3600 / secs
}'
