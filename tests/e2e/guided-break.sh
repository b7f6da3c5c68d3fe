#!/usr/bin/env bash
# The guided break as a person sees it: the desk break step by step (a screenshot of
# each), skipped through to its end in well under a minute, which is "ended early" (no
# reset, not a completed break); then a one-minute routine run whole, which counts.
SCENARIO=guided-break
source "$(dirname "$0")/lib.sh"

write_config <<'TOML'
[schedule]
interval = "30m"
natural_break = "10m"
TOML
mkdir -p "$XDG_CONFIG_HOME/deskbreak/routines"
cat >"$XDG_CONFIG_HOME/deskbreak/routines/one-minute.toml" <<'TOML'
name = "one-minute"
title = "One minute"
description = "A get-ready step and a forward fold: just long enough to count."
[[step]]
title = "Stand up"
text = "Push up to standing, feet hip-width apart."
seconds = 32
[[step]]
exercise = "forward-fold"
seconds = 30
TOML

start_input
start_daemon
sleep 3
before=$(json_field sitting_seconds)

step "the desk break, one screenshot per step"
"$DESKBREAK" break desk-break >/dev/null || fail "break desk-break was refused"
window=$(xdotool search --sync --limit 1 --name '^deskbreak: Desk break$') || fail "no break window"
sleep 1
for n in 1 2 3 4 5 6 7 8 9; do
    shoot_window "$window" "step-$n"
    press "$window" Right
    sleep 0.6
done
step "skipped through: the summary says ended early"
sleep 0.5
shoot_window "$window" summary-ended-early
wait_until 50 field_is state sitting || fail "the break did not end"
after=$(json_field sitting_seconds)
((after >= before)) || fail "sitting was reset by a skipped-through break: $before -> $after"
[[ $(json_field breaks_today) == 0 ]] || fail "an ended-early break counted among today's breaks"
grep -q "break over: ended early" "$XDG_STATE_HOME/deskbreak/deskbreak.log" ||
    fail "the log does not say ended early"
# Every step looked different: nine pictures, nine texts.
[[ $(md5sum "$E2E_OUT"/step-*.png | cut -d' ' -f1 | sort -u | wc -l) == 9 ]] ||
    fail "two step screenshots are the same"

step "the summary closes by itself"
wait_until 100 bash -c "! xdotool search --name '^deskbreak: Desk break$'" ||
    fail "the summary stayed up"

step "a routine of just over a minute, run whole, counts"
"$DESKBREAK" break one-minute >/dev/null || fail "break one-minute was refused"
window=$(xdotool search --sync --limit 1 --name '^deskbreak: One minute$') || fail "no window"
sleep 2
shoot_window "$window" one-minute-step
wait_until 700 grep -q "break over: completed" "$XDG_STATE_HOME/deskbreak/deskbreak.log" ||
    fail "the one-minute routine did not complete"
sleep 0.5
shoot_window "$window" summary-completed
(($(json_field sitting_seconds) <= 5)) || fail "sitting did not reset after a whole break"
[[ $(json_field breaks_today) == 1 ]] || fail "the completed break is not among today's"

step "stats: one completed, one ended early"
stats=$("$DESKBREAK" stats --days 1 --json)
count() { tr -d ' \n' <<<"$stats" | grep -o "\"$1\":[0-9]*" | cut -d: -f2; }
[[ $(count breaks_completed) == 1 ]] || fail "completed: $(count breaks_completed), expected 1"
[[ $(count breaks_ended_early) == 1 ]] || fail "ended early: $(count breaks_ended_early), expected 1"

quit_daemon
step "done"
