#!/usr/bin/env bash
# Without a tray host the daemon still reminds; the command line still works.
SCENARIO=no-tray-host
source "$(dirname "$0")/lib.sh"

write_config <<'TOML'
[schedule]
interval = "10s"
TOML
start_input
start_daemon
[[ $(json_field tray_available) == false ]] || fail "a tray was reported without a host"
grep -q "no system tray" "$XDG_STATE_HOME/deskbreak/deskbreak.log" || fail "the log does not say there is no tray"
step "the reminder still comes"
wait_until 200 reminder_shown || fail "no reminder without a tray"
step "the command line works: snooze, skip, pause, resume, break, reload"
"$DESKBREAK" snooze 30s >/dev/null || fail "snooze failed"
[[ $(json_field snoozed) == true ]] || fail "not snoozed"
"$DESKBREAK" skip >/dev/null || fail "skip failed"
[[ $(json_field due) == false ]] || fail "still due after skip"
"$DESKBREAK" pause 10m >/dev/null || fail "pause failed"
[[ $(json_field state) == paused ]] || fail "not paused"
"$DESKBREAK" resume >/dev/null || fail "resume failed"
[[ $(json_field state) == sitting ]] || fail "not resumed"
"$DESKBREAK" pause --until-tomorrow >/dev/null || fail "pause until tomorrow failed"
"$DESKBREAK" resume >/dev/null
"$DESKBREAK" break >/dev/null || fail "break failed"
wait_until 30 field_is state break || fail "no break"
"$DESKBREAK" skip >/dev/null || fail "skip during a break failed"
wait_until 30 field_is state sitting || fail "the break did not end"
"$DESKBREAK" reload >/dev/null || fail "reload failed"
"$DESKBREAK" status | grep -q "no tray" || fail "status text does not mention the missing tray"
step "a second start shows the first and exits 0"
"$DESKBREAK" | grep -q "already running" || fail "the second start did not say so"
quit_daemon
step "without a daemon, commands exit 3"
set +e
"$DESKBREAK" status 2>/dev/null
[[ $? -eq 3 ]] || fail "status without a daemon did not exit 3"
set -e
step "done"
