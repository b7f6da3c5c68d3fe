#!/usr/bin/env bash
# Choosing the routine, as a person would: the tray's "Start break" submenu (opened with
# a right click on the icon in trayer, walked with the keyboard), `deskbreak break
# ROUTINE` (and a second one while a break is on), an unknown routine, and a scheduled
# routine whose time has just come arriving as a reminder in dunst that names it.
SCENARIO=choose-routine
source "$(dirname "$0")/lib.sh"

write_config <<'TOML'
[schedule]
interval = "30m"
[startup]
autostart = false
TOML

# The routine the menu offers at INDEX (0 = first): shipped ones shortest first, then yours.
menu_index() {
    "$DESKBREAK" routines --json | python3 -c '
import json, sys
routines = json.load(sys.stdin)
order = sorted(routines, key=lambda r: (r["user"], r["total_seconds"], r["title"]))
print([r["name"] for r in order].index(sys.argv[1]))' "$1"
}
title_of() {
    "$DESKBREAK" routines --json | python3 -c '
import json, sys
print(next(r["title"] for r in json.load(sys.stdin) if r["name"] == sys.argv[1]))' "$1"
}

# A menu of deskbreak's is up: a top-level window of its class (the icon is inside the panel).
menu_up() { xwininfo -root -children | grep -q '("deskbreak" "deskbreak")'; }

# Right-clicks the tray icon (deskbreak's window inside trayer's panel) and waits for the menu.
open_tray_menu() {
    local panel line w h x y
    panel=$(xwininfo -name panel | awk '/Window id:/ {print $4}')
    line=$(xwininfo -tree -id "$panel" | grep -m 1 '("deskbreak" "deskbreak")') ||
        fail "no deskbreak icon inside the tray"
    read -r w h x y < <(sed -E \
        's/.* ([0-9]+)x([0-9]+)[+-][0-9]+[+-][0-9]+ +\+(-?[0-9]+)\+(-?[0-9]+).*/\1 \2 \3 \4/' <<<"$line")
    xdotool mousemove $((x + w / 2)) $((y + h / 2)) click 3
    wait_until 50 menu_up || fail "no menu after a right click on the icon"
    sleep 0.3 # the menu takes the keyboard once it is mapped
}

start_tray_host
start_daemon
wait_until 50 field_is tray_available true || fail "no tray host seen"
sleep 1.5

step "the tray's Start break submenu plays the routine chosen"
chosen=evening
chosen_title=$(title_of "$chosen")
index=$(menu_index "$chosen")
open_tray_menu
xdotool key Down Down Right # "Start break now", then "Start break", into its submenu
for ((i = 0; i < index; i++)); do xdotool key Down; done
sleep 0.3
shoot_root tray-routine-menu
xdotool key Return
wait_until 50 field_is break_routine "$chosen" || fail "break_routine is '$(json_field break_routine)', not $chosen"
xdotool search --sync --limit 1 --name "^deskbreak: $chosen_title\$" >/dev/null ||
    fail "no break window titled '$chosen_title'"
grep -q "break started: routine $chosen" "$XDG_STATE_HOME/deskbreak/deskbreak.log" ||
    fail "the log does not say which routine started"

step "a second break while one is on brings it to the front, and says so"
out=$("$DESKBREAK" break morning) || fail "break during a break exited $?"
[[ $out == "a break is already on ($chosen_title, "*"); it is in front now" ]] ||
    fail "break during a break said: '$out'"
field_is break_routine "$chosen" || fail "the running break was replaced"
"$DESKBREAK" skip >/dev/null || fail "skip did not end the break"
wait_until 30 field_is state sitting || fail "the break did not end"
field_is break_routine null || fail "break_routine stays set after the break"

step "deskbreak break morning starts the morning routine"
morning_title=$(title_of morning)
out=$("$DESKBREAK" break morning) || fail "break morning exited $?"
[[ $out == "break started: $morning_title, "*" min" ]] || fail "break morning said: '$out'"
field_is break_routine morning || fail "break_routine is '$(json_field break_routine)', not morning"
window=$(xdotool search --sync --limit 1 --name "^deskbreak: $morning_title\$") ||
    fail "no break window titled '$morning_title'"
sleep 1
shoot_window "$window" break-window-morning
"$DESKBREAK" skip >/dev/null
wait_until 30 field_is state sitting || fail "the morning break did not end"

step "deskbreak break nosuch fails as a usage error, naming the routines"
set +e
"$DESKBREAK" break nosuch >"$home/out" 2>"$home/err"
code=$?
set -e
((code == 2)) || fail "break nosuch exited $code, not 2"
[[ -s $home/out ]] && fail "break nosuch printed on stdout: $(cat "$home/out")"
grep -q '^deskbreak: no routine named "nosuch"; the routines are: .*desk-break.*morning' "$home/err" ||
    fail "break nosuch said: $(cat "$home/err")"
field_is state sitting || fail "a break started anyway"

step "a scheduled routine whose time has come arrives as a reminder naming it"
quit_daemon
write_config <<TOML
[routines]
morning = "$(date +%H:%M)"
[startup]
autostart = false
TOML
"$DESKBREAK" check-config >/dev/null || fail "check-config refuses the scheduled time"
start_daemon
wait_until 100 reminder_shown || fail "no reminder for the scheduled morning routine"
shoot_root reminder-morning
echo start >"$DESKBREAK_TEST_ACTION_FILE"
dunstctl context
wait_until 30 menu_offered "(Time for the ${morning_title,}: [0-9]* minutes)" ||
    fail "the reminder does not name the morning routine and its length: $(cat "$DESKBREAK_TEST_MENU_LOG")"
wait_until 50 field_is break_routine morning || fail "Start did not play the morning routine"
xdotool search --sync --limit 1 --name "^deskbreak: $morning_title\$" >/dev/null ||
    fail "no morning break window after Start"

quit_daemon
step "done"
