#!/usr/bin/env bash
# A whole reminder and break, driven as a person would: tray, typing, the
# reminder with its three actions in dunst, snooze up to the limit, the break
# window with Space and Esc, a natural break, and quit.
SCENARIO=reminder-and-break
source "$(dirname "$0")/lib.sh"

write_config <<'TOML'
[schedule]
interval = "20s"
overload_after = "10s"
natural_break = "12s"
snooze = "8s"
max_snoozes = 1
remind_again = "10m"
TOML

start_tray_host
start_input
start_daemon
step "the icon embeds in the tray"
wait_until 50 field_is tray_available true || fail "no tray host seen"
sleep 1.5
shoot_tray tray-sitting

step "input keeps sitting time growing"
first=$(json_field sitting_seconds)
sleep 3
second=$(json_field sitting_seconds)
((second >= first + 2)) || fail "sitting did not grow: $first -> $second"
[[ $(json_field notification_backend) == freedesktop* ]] || fail "not using the notification server"

step "the reminder appears in dunst with three actions"
wait_until 250 reminder_shown || fail "no reminder within 25 s"
shoot_root reminder-notification
echo snooze >"$DESKBREAK_TEST_ACTION_FILE"
dunstctl context
wait_until 30 menu_offered "Start break" || fail "dunst was not offered Start break"
menu_offered ",snooze]" || fail "no snooze action offered"
menu_offered ",skip]" || fail "no skip action offered"
wait_until 30 field_is snoozed true || fail "snooze did not take"
wait_until 30 test "$(dunstctl count displayed)" -eq 0 || fail "the bubble stayed up after the action"

step "snooze brings it back, without Snooze at the limit"
: >"$DESKBREAK_TEST_MENU_LOG"
wait_until 150 reminder_shown || fail "no reminder after the snooze"
echo start >"$DESKBREAK_TEST_ACTION_FILE"
dunstctl context
wait_until 30 menu_offered "Start break" || fail "no menu the second time"
menu_offered ",snooze]" && fail "Snooze still offered past max_snoozes"

step "start opens the break window"
window=$(xdotool search --sync --limit 1 --name '^deskbreak: Desk break$') || fail "no break window"
wait_until 30 field_is state break || fail "state is not break"
sleep 1
shoot_window "$window" break-window

step "space pauses, space resumes"
press "$window" space
wait_until 30 xdotool search --name '^deskbreak: Desk break \(paused\)$' || fail "space did not pause"
shoot_window "$window" break-window-paused
press "$window" space
wait_until 30 xdotool search --name '^deskbreak: Desk break$' || fail "space did not resume"

step "Esc after 60 s ends it and sitting resets"
sleep 61
press "$window" Escape
wait_until 50 field_is state sitting || fail "the break did not end"
(($(json_field sitting_seconds) <= 3)) || fail "sitting did not reset"
shoot_tray tray-after-break

step "no input for natural_break is a natural break"
stop_input
wait_until 200 field_is state away || fail "12 s without input did not count as a break"
shoot_tray tray-away
xdotool mousemove 400 300
wait_until 50 field_is state sitting || fail "input did not bring the user back"

step "stats --json shows exactly what happened"
stats=$("$DESKBREAK" stats --days 1 --json)
count() { tr -d ' \n' <<<"$stats" | grep -o "\"$1\":[0-9]*" | cut -d: -f2; }
[[ $(count reminders) == 2 ]] || fail "reminders: $(count reminders), expected 2"
[[ $(count snoozed) == 1 ]] || fail "snoozed: $(count snoozed), expected 1"
[[ $(count skipped) == 0 ]] || fail "skipped: $(count skipped), expected 0"
[[ $(count breaks_completed) == 0 ]] || fail "completed: $(count breaks_completed), expected 0"
[[ $(count breaks_ended_early) == 1 ]] || fail "ended early: $(count breaks_ended_early), expected 1"
[[ $(count natural_breaks) == 1 ]] || fail "natural breaks: $(count natural_breaks), expected 1"

step "quit exits cleanly"
quit_daemon
step "done"
