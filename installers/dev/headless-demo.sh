#!/usr/bin/env bash
# A guided tour of deskbreak for a machine without a display: runs the demo
# daemon on a private headless X server with a tray and a notification server,
# walks through a reminder and the start of a break, prints what it sees and
# saves screenshots. Run through with-xvfb.sh and with-dunst.sh (bootstrap.sh
# does that for you).
set -euo pipefail
binary=${1:?usage: headless-demo.sh PATH/TO/deskbreak OUTPUT_DIR}
out=${2:?usage: headless-demo.sh PATH/TO/deskbreak OUTPUT_DIR}
mkdir -p "$out"
home=$(mktemp -d "${TMPDIR:-/tmp}/deskbreak-demo.XXXXXX")
export HOME=$home XDG_CONFIG_HOME=$home/config XDG_DATA_HOME=$home/data XDG_STATE_HOME=$home/state
export QT_QPA_PLATFORM=xcb
pids=()
cleanup() {
    local i
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill "${pids[i]}" 2>/dev/null || true; done
    rm -rf "$home"
}
trap cleanup EXIT
say() { printf '\n== %s\n' "$*"; }
wait_for() {
    local tries=$1
    shift
    while ((tries-- > 0)); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
    return 1
}

trayer --edge top --align right --widthtype pixel --width 96 --heighttype pixel --height 32 \
    --transparent true --alpha 0 --tint 0x2b2b2b --SetDockType true >/dev/null 2>&1 &
pids+=($!)
"$binary" --demo >"$out/daemon.log" 2>&1 &
pids+=($!)
# The demo runs in a private profile of its own; it prints where, for the commands below.
wait_for 50 grep -q "DESKBREAK_PROFILE=" "$out/daemon.log" || { cat "$out/daemon.log"; exit 1; }
DESKBREAK_PROFILE=$(sed -n 's/^ *DESKBREAK_PROFILE=\([^ ]*\) deskbreak quit$/\1/p' "$out/daemon.log")
export DESKBREAK_PROFILE
wait_for 50 "$binary" status || { cat "$out/daemon.log"; exit 1; }

say "deskbreak is running in demo mode (the first reminder comes after about 10 seconds)"
"$binary" status
reminder_up() { [[ "$("$binary" status --json | grep -c '"reminder_open": true')" -eq 1 ]]; }
wait_for 100 reminder_up || { echo "no reminder came"; exit 1; }
sleep 0.5
say "the reminder is up (Start break / Snooze / Skip)"
"$binary" status
import -window root "$out/reminder.png"
import -window root -crop 96x32+1184+0 +repage "$out/tray.png"
convert "$out/tray.png" -scale 400% "$out/tray.png"

say "starting the break, as the reminder's Start button would"
dunstctl action 0
window=$(xdotool search --sync --limit 1 --name '^deskbreak: ') 
sleep 6
import -window "$window" "$out/break-window.png"
"$binary" status
"$binary" quit >/dev/null
say "screenshots of what you would have seen:"
ls -1 "$out"/*.png
