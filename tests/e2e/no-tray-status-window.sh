#!/usr/bin/env bash
# With no tray host (GNOME without the AppIndicator extension) deskbreak says once how to
# reach it, a second launch opens its status window, and every action of the tray menu
# works from that window's buttons, clicked with the mouse.
SCENARIO=no-tray-status-window
source "$(dirname "$0")/lib.sh"

write_config <<'TOML'
[schedule]
interval = "20s"
natural_break = "10m"

[startup]
autostart = false
TOML

# The window logs where its buttons are (a Qt logging category, off by default).
export QT_LOGGING_RULES="deskbreak.statuswindow.info=true"
log=$XDG_STATE_HOME/deskbreak/deskbreak.log
# Without a desktop environment Qt opens files with xdg-open: a stand-in records the file.
mkdir -p "$home/bin"
opened=$home/opened
cat >"$home/bin/xdg-open" <<EOF
#!/bin/sh
printf '%s\n' "\$*" >>'$opened'
EOF
chmod +x "$home/bin/xdg-open"

# told TITLE: how many notifications titled TITLE dunst has had (the shown ones closed
# first, so that all are in its history).
told() {
    dunstctl close-all
    dunstctl history | grep -A 2 '"summary" : {' | grep -c -F "\"data\" : \"$1\"" || true
}
no_tray_title="deskbreak is running without a tray icon"

# Visible ones only: Qt's client leader window, never mapped, bears the name too.
status_windows() { xdotool search --onlyvisible --name '^deskbreak$' 2>/dev/null | wc -l; }

# button_at NAME: the middle of the status window's button NAME, relative to the window,
# from the window's latest layout line in the log.
button_at() {
    local line
    line=$(grep "status window layout:" "$log" | tail -n 1)
    [[ $line =~ $1\ ([0-9]+),([0-9]+)\ ([0-9]+)x([0-9]+) ]] || return 1
    echo "$((BASH_REMATCH[1] + BASH_REMATCH[3] / 2)) $((BASH_REMATCH[2] + BASH_REMATCH[4] / 2))"
}
click() {
    local xy
    xy=$(button_at "$1") || fail "the status window has no button $1 on show"
    # shellcheck disable=SC2086  # "x y"
    xdotool mousemove --window "$status_window" $xy click 1
}

start_input
PATH=$home/bin:$PATH start_daemon
[[ $(json_field tray_available) == false ]] || fail "a tray was reported without a host"

step "the user is told once how to reach deskbreak"
wait_until 50 test "$(dunstctl count displayed)" -ge 1 || fail "no notification at the start"
shoot_root no-tray-notification
[[ $(told "$no_tray_title") == 1 ]] || fail "the no-tray notice was not told once"

step "a second launch exits 0 and opens the status window"
"$DESKBREAK" >"$E2E_OUT/$scenario.second" || fail "the second launch exited $?"
status_window=$(xdotool search --sync --onlyvisible --limit 1 --name '^deskbreak$') || fail "no status window"
wait_until 30 grep -q "status window layout:" "$log" || fail "the window logged no layout"
"$DESKBREAK" >/dev/null || fail "the third launch exited $?"
"$DESKBREAK" status >/dev/null # the daemon has acted on the launch's request before this one
sleep 0.5                      # and X has mapped whatever it showed
[[ $(status_windows) == 1 ]] || fail "$(status_windows) status windows after a third launch"
[[ $(told "deskbreak is running") == 0 ]] || fail "a launch still notifies instead of showing"
sleep 0.5
shoot_window "$status_window" status-window-sitting

step "Esc closes it; a launch opens it again"
press "$status_window" Escape
wait_until 30 test "$(status_windows)" -eq 0 || fail "Esc did not close the status window"
"$DESKBREAK" >/dev/null || fail "the fourth launch exited $?"
status_window=$(xdotool search --sync --onlyvisible --limit 1 --name '^deskbreak$') || fail "no status window"
sleep 0.3

step "Start break now opens the break window"
click startBreakButton
break_window=$(xdotool search --sync --limit 1 --name '^deskbreak: Desk break$') ||
    fail "no break window"
wait_until 30 field_is break_window_open true || fail "break_window_open is not true"
shoot_window "$status_window" status-window-on-break
press "$break_window" Escape
wait_until 30 field_is state sitting || fail "Esc did not end the break"

step "the break comes due; Snooze snoozes it"
wait_until 300 field_is due true || fail "no break came due"
sleep 1.2 # a second's refresh
shoot_window "$status_window" status-window-due
click snoozeButton
wait_until 30 field_is snoozed true || fail "Snooze did not snooze"
shoot_window "$status_window" status-window-snoozed

step "Skip skips it"
click skipButton
wait_until 30 field_is snoozed false || fail "Skip did not end the snooze"
[[ $(json_field due) == false ]] || fail "still due after Skip"

step "Pause for 30 minutes (from the Pause menu) pauses"
click pauseButton
sleep 0.5
shoot_root status-window-pause-menu
xdotool key Down Return
wait_until 30 field_is state paused || fail "Pause for 30 minutes did not pause"
until_=$(json_field paused_until)
left=$(($(date -d "$until_" +%s) - $(date +%s)))
((left > 29 * 60 && left <= 30 * 60)) || fail "paused for $left s, not 30 min"
wait_until 30 button_at resumeButton || fail "no Resume button while paused"
shoot_window "$status_window" status-window-paused

step "Resume resumes"
click resumeButton
wait_until 30 field_is state sitting || fail "Resume did not resume"

step "Today's stats opens the stats window"
click statsButton
stats_window=$(xdotool search --sync --limit 1 --name '^deskbreak: your stats$') ||
    fail "no stats window"
press "$stats_window" Escape # it may cover the status window: no window manager here
wait_until 30 bash -c "! xdotool search --name '^deskbreak: your stats$'" ||
    fail "the stats window did not close"

step "Open config opens the config file"
click configButton
wait_until 50 test -s "$opened" || fail "nothing was opened"
grep -q "$XDG_CONFIG_HOME/deskbreak/config.toml" "$opened" || fail "opened $(cat "$opened")"

step "Start at login turns autostart on"
click autostartButton
wait_until 30 bash -c "\"$DESKBREAK\" autostart status | grep -q '^on'" ||
    fail "Start at login did not turn autostart on"
shoot_window "$status_window" status-window-autostart

step "the day's stats count what the buttons did"
stats=$("$DESKBREAK" stats --days 1 --json)
count() { tr -d ' \n' <<<"$stats" | grep -o "\"$1\":[0-9]*" | cut -d: -f2; }
[[ $(count snoozed) == 1 ]] || fail "snoozed: $(count snoozed), expected 1"
[[ $(count skipped) == 1 ]] || fail "skipped: $(count skipped), expected 1"
[[ $(count breaks_ended_early) == 1 ]] || fail "ended early: $(count breaks_ended_early)"

step "Quit deskbreak ends the daemon with 0"
click quitButton
tries=50
while kill -0 "$daemon_pid" 2>/dev/null && ((tries-- > 0)); do sleep 0.1; done
kill -0 "$daemon_pid" 2>/dev/null && fail "the daemon did not exit after Quit"
wait "$daemon_pid" || fail "the daemon exited with $?"

step "the next start does not tell again"
PATH=$home/bin:$PATH start_daemon
sleep 1
[[ $(told "$no_tray_title") == 1 ]] || fail "the no-tray notice was told again"
quit_daemon
step "done"
