#!/usr/bin/env bash
# The right moment ([moment]), with the real binary on a headless X server with a window
# manager (openbox), a tray and dunst:
#   a fullscreen window holds the due reminder, and closing it brings the reminder in 5 s;
#   dunst paused holds it (the tray says why), and resuming brings it;
#   typing through the due time delays it until a 3 s pause, or until wait_for_pause.
# Needs FULLSCREEN_WINDOW (tests/support/FullscreenWindow.cpp).
SCENARIO=moment
source "$(dirname "$0")/lib.sh"
: "${FULLSCREEN_WINDOW:?set FULLSCREEN_WINDOW to the fullscreen-window test program}"

write_config <<'TOML'
[schedule]
interval = "10s"
natural_break = "5m"
remind_again = "10m"

[moment]
max_hold = "10m"
pause_before_remind = "3s"
wait_for_pause = "12s"
TOML

openbox >/dev/null 2>&1 &
e2e_pids+=($!)
wait_until 50 xprop -root _NET_SUPPORTING_WM_CHECK || fail "openbox did not start"
start_tray_host
start_daemon
wait_until 50 field_is tray_available true || fail "no tray host seen"

# seconds_since T0: whole seconds since T0 (from `date +%s.%N`).
seconds_since() { python3 -c "import sys, time; print(int(time.time() - float(sys.argv[1])))" "$1"; }
held_by() { field_is held_by "$1"; }
no_bubble() { [[ "$(dunstctl count displayed)" -eq 0 ]]; }
skip_break() {
    "$DESKBREAK" skip >/dev/null || fail "skip was refused"
    wait_until 30 field_is due false || fail "the skip did not take"
    wait_until 30 no_bubble || fail "the bubble stayed up after the skip"
}

step "a fullscreen window holds the due reminder"
mkfifo "$home/window-input"
"$FULLSCREEN_WINDOW" --title presenting <"$home/window-input" >/dev/null 2>&1 &
fullscreen_pid=$!
e2e_pids+=("$fullscreen_pid")
exec 7>"$home/window-input" # its stdin stays open until the test ends it
wait_until 50 xdotool search --name '^presenting$' || fail "the fullscreen window did not open"
wait_until 300 held_by fullscreen || fail "not held by the fullscreen window: $("$DESKBREAK" status)"
field_is reminder_open false || fail "the reminder is up behind the fullscreen window"
no_bubble || fail "a bubble is up over the fullscreen window"
sleep 3 # still held after a while
held_by fullscreen && no_bubble || fail "the hold did not last"
"$DESKBREAK" status | grep -q "held: *a fullscreen window" || fail "status does not say why"

step "closing it brings the reminder within 5 s"
t0=$(date +%s.%N)
kill "$fullscreen_pid"
wait "$fullscreen_pid" 2>/dev/null || true
wait_until 80 reminder_shown || fail "no reminder within 8 s of closing the fullscreen window"
took=$(seconds_since "$t0")
((took <= 5)) || fail "the reminder came $took s after the window closed"
step "  the reminder came ${took}s after the window closed"
shoot_root moment-after-fullscreen
skip_break

step "dunst paused holds the next one, and the tray says why"
dunstctl set-paused true
wait_until 300 held_by do-not-disturb || fail "not held by dunst paused: $("$DESKBREAK" status)"
field_is reminder_open false || fail "the reminder was sent while dunst was paused"
icon=$(xwininfo -root -tree | grep '("deskbreak" "deskbreak")' | awk '$0 ~ / [0-9]+x[0-9]+\+/ {print $1; exit}')
[[ -n $icon ]] || fail "no tray icon window"
eval "$(xwininfo -id "$icon" | awk '/Absolute upper-left X/ {print "x="$4} /Absolute upper-left Y/ {print "y="$4}')"
before=$(xdotool search --onlyvisible --class deskbreak | sort)
xdotool mousemove $((x + 10)) $((y + 10))
tooltip_up() { [[ -n $(comm -13 <(echo "$before") <(xdotool search --onlyvisible --class deskbreak | sort)) ]]; }
wait_until 50 tooltip_up || fail "no tooltip on the icon"
sleep 0.5
shoot_root moment-held-tooltip
xdotool click 3
sleep 1
shoot_root moment-held-menu
xdotool key Escape
xdotool mousemove 600 500
held_by do-not-disturb || fail "the hold ended on its own"

step "resuming dunst brings it within 5 s"
t0=$(date +%s.%N)
dunstctl set-paused false
wait_until 80 reminder_shown || fail "no reminder within 8 s of resuming dunst"
took=$(seconds_since "$t0")
((took <= 5)) || fail "the reminder came $took s after dunst resumed"
step "  the reminder came ${took}s after dunst resumed"
skip_break

step "typing through the due time: the reminder waits for a 3 s pause"
start_input # a mouse nudge every second: never a 3 s pause
wait_until 300 field_is waiting_for_pause true || fail "not waiting for a pause: $("$DESKBREAK" status)"
sleep 5
field_is reminder_open false || fail "the reminder came mid-typing"
t0=$(date +%s.%N)
stop_input
wait_until 100 reminder_shown || fail "no reminder after the typing stopped"
took=$(seconds_since "$t0")
((took >= 2 && took <= 6)) || fail "the reminder came $took s after the typing stopped (want ~3 s)"
step "  the reminder came ${took}s after the last input"
skip_break

step "typing on past wait_for_pause: it comes anyway"
start_input
wait_until 300 field_is waiting_for_pause true || fail "not waiting for a pause"
t0=$(date +%s.%N)
wait_until 200 reminder_shown || fail "no reminder within wait_for_pause while typing"
took=$(seconds_since "$t0")
stop_input
((took >= 9)) || fail "the reminder came after ${took}s of typing; wait_for_pause is 12 s"
step "  the reminder came after ${took}s of typing"
grep -q "recorded event held at" "$XDG_STATE_HOME/deskbreak/deskbreak.log" ||
    fail "no hold recorded in the history"
quit_daemon
step "done"
