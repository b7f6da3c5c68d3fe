#!/usr/bin/env bash
# The first start welcomes once: a dunst bubble with a notification server (and a tray
# host), deskbreak's own small window without one (and no tray). It takes in the autostart
# and no-tray notices, and a second start says nothing.
SCENARIO=first-run-${DESKBREAK_TEST_NOTIFICATION_SERVER:-dunst}
source "$(dirname "$0")/lib.sh"
config=$XDG_CONFIG_HOME/deskbreak/config.toml
log=$XDG_STATE_HOME/deskbreak/deskbreak.log

# dunst's history (what was closed): one "summary<TAB>body" line per notification.
dunst_history() {
    dunstctl history | python3 -c '
import json, sys
for n in reversed(json.load(sys.stdin)["data"][0]):
    print(n["summary"]["data"] + "\t" + n["body"]["data"].replace("\n", " "))'
}
welcome_window() { xdotool search --onlyvisible --name '^Welcome to deskbreak$'; }

rm -f "$config" # a first start: no config yet
if [[ $DESKBREAK_TEST_NOTIFICATION_SERVER == dunst ]]; then
    start_tray_host
    start_daemon
    step "one welcome bubble, and nothing else"
    wait_until 50 grep -q "told the user once: Welcome to deskbreak" "$log" || fail "no welcome"
    sleep 1
    import -window root -crop 330x330+940+40 +repage "$E2E_OUT/first-run-bubble.png"
    [[ $(dunstctl count displayed) == 1 ]] || fail "not one bubble: $(dunstctl count displayed)"
    dunstctl close-all # into the history, where its text can be read
    wait_until 30 test "$(dunstctl count history)" -ge 1 || fail "the bubble did not go to the history"
    history=$(dunst_history)
    echo "$history"
    [[ $(grep -c . <<<"$history") == 1 ]] || fail "more than the welcome was told: $history"
    [[ $history == "Welcome to deskbreak"*"lives in the tray"* ]] || fail "not the tray welcome"
    [[ $history == *"first break reminder comes at "[0-2][0-9]:[0-5][0-9]", after 1 h of sitting"* ]] ||
        fail "the welcome does not give the first reminder's clock time"
    [[ $history == *"Breaks of your own count"* ]] || fail "natural breaks not explained"
    [[ $history == *"Open config in the tray menu"* ]] || fail "settings not explained"
    [[ $history == *"starts when you log in"* ]] || fail "the autostart notice was not taken in"
else
    start_daemon
    step "one small welcome window, pointing at the status window"
    window=$(xdotool search --sync --limit 1 --name '^Welcome to deskbreak$') || fail "no welcome window"
    sleep 0.5
    shoot_window "$window" first-run-window
    eval "$(xdotool getwindowgeometry --shell "$window")"
    ((WIDTH <= 700 && HEIGHT <= 500)) || fail "the welcome window is not small: ${WIDTH}x$HEIGHT"
    grep -q "told the user once: Welcome to deskbreak" "$log" || fail "the welcome was not logged"
    grep -q "told the user once: deskbreak is running without a tray icon" "$log" &&
        fail "the no-tray notice came on top of the welcome"
    grep -q "told the user once: deskbreak starts" "$log" && fail "a separate autostart notice"
    xdotool key --window "$window" Return 2>/dev/null || true
fi
quit_daemon

step "a second start says nothing"
cp "$log" "$home/first.log"
start_daemon
sleep 2
if [[ $DESKBREAK_TEST_NOTIFICATION_SERVER == dunst ]]; then
    [[ $(dunstctl count displayed) == 0 ]] || fail "a bubble at the second start"
else
    welcome_window >/dev/null 2>&1 && fail "the welcome window came again"
fi
[[ $(grep -c "told the user once" "$log") == $(grep -c "told the user once" "$home/first.log") ]] ||
    fail "a second start told the user something once more"
quit_daemon
step "done"
