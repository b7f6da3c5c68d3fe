#!/usr/bin/env bash
# `[notifications] style` changed while the daemon runs: from native (dunst) to window and
# back, with the reminder up each time, and the log naming the key as applied at once.
SCENARIO=style-live
source "$(dirname "$0")/lib.sh"
config=$XDG_CONFIG_HOME/deskbreak/config.toml
log=$XDG_STATE_HOME/deskbreak/deskbreak.log

write_config <<'TOML'
[schedule]
interval = "10s"
remind_again = "10m"

[notifications]
style = "native"

[startup]
autostart = false
TOML
reminder_window() { xdotool search --onlyvisible --name '^deskbreak: time for a break$'; }
no_reminder_window() { ! reminder_window >/dev/null 2>&1; }
bubbles() { dunstctl count displayed; }
backend_is_native() { [[ $(json_field notification_backend) == freedesktop* ]]; }

start_tray_host
start_input
start_daemon
backend_is_native || fail "native did not pick dunst"

step "native: the reminder is a dunst bubble"
wait_until 250 reminder_shown || fail "no reminder bubble within 25 s"
no_reminder_window || fail "a reminder window with style = native"
shoot_root style-native

step "native -> window while the reminder is up: it moves into deskbreak's window"
sed -i 's/^style = "native"/style = "window"/' "$config"
wait_until 50 field_is notification_backend window || fail "style = window not applied"
wait_until 50 reminder_window || fail "the reminder did not move to the window"
wait_until 50 test "$(bubbles)" -eq 0 || fail "the dunst bubble stayed up"
field_is reminder_open true || fail "the reminder is no longer open"
grep -q "config applied from .*config.toml: notifications.style (at once)" "$log" ||
    fail "the log does not name notifications.style as applied"
grep -q "takes effect at the next start\|restart" "$log" && fail "the log speaks of a restart"
sleep 0.5
shoot_window "$(reminder_window | head -n 1)" style-window

step "window -> native: back into a bubble"
sed -i 's/^style = "window"/style = "native"/' "$config"
wait_until 50 backend_is_native || fail "style = native not applied"
wait_until 50 test "$(bubbles)" -ge 1 || fail "the reminder did not come back as a bubble"
wait_until 50 no_reminder_window || fail "the reminder window stayed up"

step "the bubble's buttons still answer: skip"
echo skip >"$DESKBREAK_TEST_ACTION_FILE"
dunstctl context
wait_until 50 field_is due false || fail "skip from the moved reminder did not reach the daemon"
quit_daemon
step "done"
