#!/usr/bin/env bash
# With no notification server on the bus, deskbreak shows its own reminder window.
SCENARIO=no-notification-server
source "$(dirname "$0")/lib.sh"

write_config <<'TOML'
[schedule]
interval = "10s"
TOML
start_tray_host
start_input
start_daemon
[[ $(json_field notification_backend) == window ]] || fail "expected the window fallback"
step "the reminder window appears"
window=$(xdotool search --sync --limit 1 --name '^deskbreak: time for a break$') || fail "no reminder window"
sleep 0.5
shoot_window "$window" reminder-window
step "Enter starts the break"
press "$window" Return
xdotool search --sync --limit 1 --name '^deskbreak: Desk break$' >/dev/null || fail "no break window"
wait_until 30 field_is state break || fail "state is not break"
quit_daemon
step "done"
