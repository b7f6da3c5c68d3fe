#!/usr/bin/env bash
# `deskbreak status --watch` as a panel bar runs it: each format's lines as the state
# changes (pause, resume, a break, its end), the daemon's connections cleaned up when the
# watchers go, a last "stopped" line when the daemon quits; the stats counting the stretch
# going on; and the wake-ups: the daemon wakes no more often with a watcher connected than
# without one, and the watching client sleeps until a line comes (voluntary context
# switches from /proc, as tests/bench/idle-wakeups.sh counts them).
SCENARIO=status-watch
source "$(dirname "$0")/lib.sh"
window=${STATUS_WATCH_WINDOW:-60} # seconds per measurement: one sitting minute in each

# The state is saved every natural_break/4 (a file written and synced: a few switches of
# its own); at 4 h that falls outside the windows measured.
write_config <<'TOML'
[schedule]
natural_break = "4h"
TOML
start_daemon
pid=$daemon_pid

switches() { awk '/^voluntary_ctxt_switches/ {n += $2} END {print n}' /proc/"$1"/task/*/status; }
fds() { find /proc/"$pid"/fd -mindepth 1 2>/dev/null | wc -l; }
lines() { wc -l <"$1"; }
last_line() { tail -n 1 "$1"; }
# Conditions for wait_until, read afresh at each try.
last_is() { [[ $(last_line "$1") == $2 ]]; }
fds_back() { (($(fds) <= baseline_fds)); }

step "the stats count the stretch going on, before any of it is in the history"
sleep 3
stats=$("$DESKBREAK" stats --days 1 --json) || fail "stats exited $?"
sat=$(tr -d ' \n' <<<"$stats" | grep -o '"sitting_seconds":[0-9]*' | cut -d: -f2)
((sat >= 2)) || fail "stats say $sat s of sitting after 3 s of it"
"$DESKBREAK" stats --days 1 | grep -q "^today includes the sitting going on now" ||
    fail "the table does not say that today includes the stretch going on"

step "a watcher per format: each starts with the state now"
baseline_fds=$(fds)
watchers=()
for format in text waybar json; do
    "$DESKBREAK" status --watch --format "$format" >"$home/$format.out" 2>"$home/$format.err" &
    watchers+=($!)
    e2e_pids+=($!)
done
for format in text waybar json; do
    wait_until 50 test -s "$home/$format.out" || fail "no first line in $format"
done
[[ $(last_line "$home/text.out") == "sitting "*" · break at "* ]] ||
    fail "text starts with: $(last_line "$home/text.out")"
grep -q '"class":\["sitting"\]' "$home/waybar.out" || fail "waybar starts with: $(last_line "$home/waybar.out")"
grep -q '"state":"sitting"' "$home/json.out" || fail "json starts with: $(last_line "$home/json.out")"
(($(fds) > baseline_fds)) || fail "the daemon holds no connection for its watchers"

step "a line at each change, in each format"
"$DESKBREAK" pause 10m >/dev/null
wait_until 30 grep -q "^paused until " "$home/text.out" || fail "no paused line: $(cat "$home/text.out")"
wait_until 30 grep -q '"class":\["paused"\]' "$home/waybar.out" || fail "no paused waybar line"
wait_until 30 grep -q '"state":"paused"' "$home/json.out" || fail "no paused json line"
"$DESKBREAK" resume >/dev/null
wait_until 30 last_is "$home/json.out" '*"state":"sitting"*' ||
    fail "no line after resume"
"$DESKBREAK" break desk-break >/dev/null
wait_until 30 last_is "$home/text.out" "on break · 3m left" ||
    fail "the break's line: $(last_line "$home/text.out")"
last_line "$home/waybar.out" | grep -q '"class":\["break"\]' || fail "no break waybar line"
"$DESKBREAK" status | grep -q "^break left:    " || fail "status does not tell the time left in the break"
"$DESKBREAK" skip >/dev/null
wait_until 30 last_is "$home/text.out" "sitting *" ||
    fail "no line after the break: $(last_line "$home/text.out")"
[[ $(lines "$home/text.out") == 5 ]] ||
    fail "text: 5 lines expected (start, paused, sitting, break, sitting), got: $(cat "$home/text.out")"

step "watchers that go are forgotten: the daemon's connections close"
for w in "${watchers[@]}"; do kill "$w" && wait "$w" 2>/dev/null || true; done
wait_until 50 fds_back || fail "$(fds) fds open, $baseline_fds before the watchers"

step "wake-ups over ${window} s: no watcher"
sleep 2 # the skip's reply and the watchers' ends settle
s0=$(switches "$pid")
sleep "$window"
alone=$(($(switches "$pid") - s0))

step "wake-ups over ${window} s: a watcher connected, nothing changing"
"$DESKBREAK" status --watch >"$home/idle.out" 2>/dev/null &
watcher=$!
e2e_pids+=($watcher)
wait_until 50 test -s "$home/idle.out" || fail "no first line"
sleep 2
s0=$(switches "$pid") c0=$(switches "$watcher") l0=$(lines "$home/idle.out")
sleep "$window"
watched=$(($(switches "$pid") - s0))
client=$(($(switches "$watcher") - c0))
pushed=$(($(lines "$home/idle.out") - l0))
echo "daemon wake-ups: $alone without a watcher, $watched with one;" \
    "the watcher woke $client times for $pushed line(s)"
((pushed <= window / 60 + 1)) || fail "$pushed lines in $window s with nothing changing but the minute"
# The line a minute goes out in the wake-up the daemon has anyway; 2 for noise.
((watched <= alone + 2)) || fail "the daemon woke $watched times with a watcher, $alone without"
((client <= pushed + 2)) || fail "the watcher woke $client times for $pushed line(s): it polls"

step "quit: the watcher prints its last line and ends with 3"
"$DESKBREAK" status --watch --format waybar >"$home/last.out" 2>/dev/null &
last=$!
e2e_pids+=($last)
wait_until 50 test -s "$home/last.out" || fail "no first line"
quit_daemon
set +e
wait "$watcher"
rc_text=$?
wait "$last"
rc_waybar=$?
set -e
((rc_text == 3 && rc_waybar == 3)) || fail "the watchers ended with $rc_text and $rc_waybar, not 3"
last_line "$home/last.out" | grep -q '"class":\["stopped"\]' || fail "no stopped line: $(last_line "$home/last.out")"
[[ $(last_line "$home/idle.out") == "" ]] || fail "text's last line is not empty"
step "done"
