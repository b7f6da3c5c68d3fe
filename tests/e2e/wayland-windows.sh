#!/usr/bin/env bash
# On a real headless compositor (with-sway.sh or with-kwin.sh), Qt on its Wayland
# platform: the break window, the status window (a second launch) and the reminder window
# (style = "window") come to the front with the keyboard, even while another program has
# it, and the keys typed reach them: Space pauses the break, Esc ends it, Enter in the
# reminder starts one. A second launch that carries its launcher's activation token brings
# the open status window back to the front; one without a token does not (the compositor
# keeps the focus where it is). Screenshots (sway, grim) land in E2E_OUT.
: "${DESKBREAK_TEST_COMPOSITOR:?run under with-sway.sh or with-kwin.sh}"
: "${DESKBREAK_ACTIVATION_TOKEN_TOOL:?set to the built tests/support/ActivationToken.cpp}"
SCENARIO=wayland-windows-$DESKBREAK_TEST_COMPOSITOR
source "$(dirname "$0")/lib.sh"
[[ $QT_QPA_PLATFORM == wayland ]] || fail "this scenario is for Qt's Wayland platform"

break_title='deskbreak: Desk break' # BreakWindow: "deskbreak: " and the routine's title
status_title='deskbreak'
reminder_title='deskbreak: time for a break'
other_title='another program'

case $DESKBREAK_TEST_COMPOSITOR in
sway)
    # The headless seat has a keyboard only while a virtual one exists, and every wtype
    # run makes and drops its own: a key pressed as the seat gains a keyboard can be lost
    # before the client has bound it. A real desktop always has one: keep one up.
    wtype -s 3600000 -k Shift_L &
    e2e_pids+=($!)
    press_key() { wtype -k "$1"; }
    # Windows as sway sees them: "focused urgent title x,y wxh" per line.
    windows() {
        swaymsg -t get_tree | python3 -c '
import json, sys
def walk(node):
    if node.get("type") in ("con", "floating_con") and node.get("pid"):
        r = node["rect"]
        print(int(node["focused"]), int(node.get("urgent", False)), node["name"],
              "%d,%d %dx%d" % (r["x"], r["y"], r["width"], r["height"]), sep="\t")
    for child in node.get("nodes", []) + node.get("floating_nodes", []):
        walk(child)
walk(json.load(sys.stdin))'
    }
    focused_title() { windows | awk -F'\t' '$1 == 1 { print $3 }'; }
    is_urgent() { windows | awk -F'\t' -v t="$1" '$3 == t && $2 == 1 { found = 1 } END { exit !found }'; }
    shoot() { # shoot TITLE NAME: just that window, as sway composited it
        local where
        where=$(windows | awk -F'\t' -v t="$1" '$3 == t { print $4; exit }')
        [[ -n $where ]] || fail "no window titled '$1' to take a picture of"
        grim -g "$where" "$E2E_OUT/$2.png" || fail "grim could not take $2.png"
    }
    ;;
kwin)
    : "${DESKBREAK_KWIN_WINDOWS:?set to the built tests/support/KwinWindows.cpp}"
    : "${DESKBREAK_KWIN_FAKE_INPUT:?set to the built tests/support/KwinFakeInput.cpp}"
    press_key() { # Linux key codes, as KWin's fake input takes them
        local code
        case $1 in
        Escape) code=1 ;;
        Return) code=28 ;;
        space) code=57 ;;
        *) fail "no key code for $1" ;;
        esac
        "$DESKBREAK_KWIN_FAKE_INPUT" --key "$code"
    }
    focused_title() { "$DESKBREAK_KWIN_WINDOWS" | awk -F'\t' '$1 == "active" { print $2 }'; }
    shoot() { :; } # no screenshot tool for KWin here
    ;;
*) fail "no way to see the focus on $DESKBREAK_TEST_COMPOSITOR" ;;
esac

focused_is() { [[ $(focused_title) == "$1" ]]; }
not_focused() { [[ $(focused_title) != "$1" ]]; }
expect_focus() { # expect_focus TITLE WHAT: within 10 s
    wait_until 100 focused_is "$1" || fail "$2: the focus is on '$(focused_title)', not '$1'"
}

# The program that has the keyboard while deskbreak's windows come up; started anew
# whenever it must have the keyboard again (a new window gets it on both compositors).
start_other_program() {
    if [[ -n ${other_pid:-} ]]; then
        kill "$other_pid" 2>/dev/null || true
        wait "$other_pid" 2>/dev/null || true
    fi
    GDK_BACKEND=wayland zenity --entry --title "$other_title" --text "typing here" \
        >/dev/null 2>>"$E2E_OUT/$scenario.zenity.log" &
    other_pid=$!
    e2e_pids+=("$other_pid")
    expect_focus "$other_title" "the other program started"
}

write_config <<'TOML'
[schedule]
interval = "30m"
[notifications]
style = "window"
[startup]
autostart = false
TOML
start_daemon
# Without a tray the daemon says so once, in a message box of its own: it has the keyboard
# first, and Enter is its OK.
expect_focus "deskbreak is running without a tray icon" "the daemon started without a tray"
press_key Return
wait_until 50 not_focused "deskbreak is running without a tray icon" ||
    fail "Enter did not close the no-tray message"
start_other_program

step "deskbreak break: the break window comes up with the keyboard"
"$DESKBREAK" break >/dev/null || fail "break was refused"
wait_until 50 field_is break_window_open true || fail "no break window"
expect_focus "$break_title" "the break window opened"
sleep 0.5 # the first steps' picture is drawn
shoot "$break_title" "$scenario-break-window"

step "Space pauses the break (the title says so)"
press_key space
expect_focus "$break_title (paused)" "Space in the break window"
[[ $(json_field state) == break ]] || fail "the break ended on Space"

step "Esc ends the break"
press_key Escape
wait_until 50 field_is break_window_open false || fail "the break window is still open after Esc"
wait_until 30 field_is state sitting || fail "not sitting after the break (state $(json_field state))"

step "a second launch opens the status window with the keyboard"
start_other_program
"$DESKBREAK" | grep -q "already running" || fail "the second launch did not reach the daemon"
expect_focus "$status_title" "the second launch"
sleep 0.5
shoot "$status_title" "$scenario-status-window"
press_key Escape
wait_until 50 not_focused "$status_title" || fail "Esc did not close the status window"

if [[ $DESKBREAK_TEST_COMPOSITOR == sway ]]; then
    step "the status window behind another program: only a launch with a token brings it back"
    "$DESKBREAK" >/dev/null
    expect_focus "$status_title" "the second launch"
    start_other_program # newer, so on top and with the keyboard; the status window is behind
    "$DESKBREAK" >/dev/null
    # A refusal leaves nothing to wait for: give the daemon and sway a second to act.
    sleep 1
    focused_is "$other_title" || fail "a launch without a token took the focus ($(focused_title))"
    is_urgent "$status_title" && fail "a launch without a token marked the status window urgent"
    # sway 1.7's default (focus_on_window_activation urgent) honours a token by marking
    # the window urgent; "smart" lets it take the focus on a visible workspace.
    token=$("$DESKBREAK_ACTIVATION_TOKEN_TOOL") || fail "sway gave no activation token"
    XDG_ACTIVATION_TOKEN=$token "$DESKBREAK" >/dev/null
    wait_until 50 is_urgent "$status_title" ||
        fail "sway did not take the launcher's token for the status window"
    swaymsg -q focus_on_window_activation smart || fail "swaymsg refused focus_on_window_activation"
    token=$("$DESKBREAK_ACTIVATION_TOKEN_TOOL") || fail "sway gave no activation token"
    XDG_ACTIVATION_TOKEN=$token "$DESKBREAK" >/dev/null
    expect_focus "$status_title" "a second launch with the launcher's token"
    press_key Escape
    wait_until 50 not_focused "$status_title" || fail "Esc did not close the status window"
fi

step "the reminder window comes up with the keyboard while the user types elsewhere"
start_other_program
write_config <<'TOML'
[schedule]
interval = "20s"
[notifications]
style = "window"
[startup]
autostart = false
TOML
"$DESKBREAK" reload >/dev/null || fail "reload was refused"
(while true; do "$DESKBREAK_TEST_INPUT"; sleep 1; done) >/dev/null 2>&1 &
input_pid=$!
e2e_pids+=("$input_pid")
wait_until 450 field_is reminder_open true || fail "no reminder within 45 s"
[[ $(json_field notification_backend) == window ]] || fail "the reminder is not deskbreak's window"
expect_focus "$reminder_title" "the reminder came up"
sleep 0.5
shoot "$reminder_title" "$scenario-reminder-window"

step "Enter in the reminder starts the break"
press_key Return
wait_until 50 field_is state break || fail "Enter did not start the break (state $(json_field state))"
expect_focus "$break_title" "the break started from the reminder"
press_key Escape
wait_until 50 field_is break_window_open false || fail "Esc did not end the break"
stop_input
quit_daemon
step "done"
