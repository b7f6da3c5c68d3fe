#!/usr/bin/env bash
# break-memory.sh DESKBREAK [BREAKS]
#
# Whether each break leaves memory behind: run it inside the X harness, e.g.
#   tests/support/with-xvfb.sh tests/support/with-dunst.sh tests/bench/break-memory.sh build/bin/deskbreak 50
# It starts the daemon with the shipped defaults, then BREAKS times (default 50) opens the
# desk break's real window, walks it through every step with the Right key (each picture
# drawn) to its summary, and closes that with Enter. After each break it prints the
# daemon's anonymous PSS (Pss_Anon of /proc/PID/smaps_rollup), and at the end the growth
# from the first break to the last and the mean per break after the first.
# SOUND=false runs it with the chimes off (the default config has them on).
#
# Reading it: glibc's malloc keeps freed small blocks in a per-thread cache (tcache) that
# is never merged back, so the second break's one-time cost (about 210 kB) shows either
# at once, flat after it, or spread over the next hundred breaks or so, a few kB each and
# slowing, up to the same level; which one is a matter of timing, with the chimes on or
# off. To tell a real per-break leak from that, run it with the cache off: the daemon
# inherits the environment, e.g.
#   GLIBC_TUNABLES=glibc.malloc.tcache_count=0 tests/support/with-xvfb.sh ...
# and anything that still grows break after break is memory the daemon really keeps.
set -euo pipefail
deskbreak=${1:?usage: break-memory.sh DESKBREAK [BREAKS]}
breaks=${2:-50}
home=$(mktemp -d "${TMPDIR:-/tmp}/deskbreak-memory.XXXXXX")
export HOME=$home XDG_CONFIG_HOME=$home/config XDG_DATA_HOME=$home/data XDG_STATE_HOME=$home/state
: "${XDG_RUNTIME_DIR:?run inside a harness wrapper (it gives a private runtime dir)}"
: "${DISPLAY:?run inside tests/support/with-xvfb.sh}"
pid=""
cleanup() {
    [[ -n $pid ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    rm -rf "$home"
}
trap cleanup EXIT

if [[ ${SOUND:-true} == false ]]; then
    mkdir -p "$XDG_CONFIG_HOME/deskbreak"
    printf '[break]\nsound = false\n' >"$XDG_CONFIG_HOME/deskbreak/config.toml"
fi
"$deskbreak" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 100); do "$deskbreak" status >/dev/null 2>&1 && break; sleep 0.1; done
sleep 3

pss_anon() { awk '/^Pss_Anon:/ {print $2}' /proc/"$pid"/smaps_rollup; }
window_up() { xdotool search --name '^deskbreak: Desk break$' >/dev/null 2>&1; }
wait_for() { for _ in $(seq 100); do "$@" && return 0; sleep 0.05; done; return 1; }

echo "before any break: Pss_Anon $(pss_anon) kB"
first="" second="" last=""
for ((n = 1; n <= breaks; n++)); do
    "$deskbreak" break desk-break >/dev/null
    wait_for window_up || { echo "break $n: no window" >&2; exit 1; }
    window=$(xdotool search --limit 1 --name '^deskbreak: Desk break$')
    xdotool windowfocus --sync "$window" 2>/dev/null || xdotool windowfocus "$window"
    for _ in 1 2 3 4 5 6 7 8 9; do
        xdotool key Right
        sleep 0.05
    done
    sleep 0.2
    xdotool key Return
    wait_for bash -c "! xdotool search --name '^deskbreak: Desk break$' >/dev/null 2>&1" ||
        { echo "break $n: the summary did not close" >&2; exit 1; }
    sleep 0.3 # deferred deletes run
    kb=$(pss_anon)
    [[ -z $first ]] && first=$kb
    ((n == 2)) && second=$kb
    last=$kb
    echo "after break $n: Pss_Anon $kb kB"
done
awk -v f="$first" -v s="${second:-$first}" -v l="$last" -v n="$breaks" 'BEGIN {
    printf "growth from break 1 to break %d: %d kB (%.1f kB per break)\n", n, l - f, (l - f) / (n > 1 ? n - 1 : 1)
    printf "growth from break 2 to break %d: %d kB (%.1f kB per break)\n", n, l - s, (l - s) / (n > 2 ? n - 2 : 1)
}'
