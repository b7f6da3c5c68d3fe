#!/usr/bin/env bash
# On a real headless compositor (with-sway.sh, with-kwin.sh or with-mutter.sh, maybe
# inside with-xvfb.sh so that an X server is present as Xwayland would be): the daemon
# takes the compositor's idle source, never X11's; input keeps sitting time growing;
# no input for natural_break is a natural break; input again starts sitting again.
# On KWin, a screen lock sends the daemon away too.
: "${DESKBREAK_TEST_COMPOSITOR:?run under with-sway.sh, with-kwin.sh or with-mutter.sh}"
: "${DESKBREAK_TEST_INPUT:?the wrapper names an input injector}"
SCENARIO=wayland-sitting-$DESKBREAK_TEST_COMPOSITOR-${QT_QPA_PLATFORM:-wayland}${DISPLAY:+-with-x}
source "$(dirname "$0")/lib.sh"

case $DESKBREAK_TEST_COMPOSITOR in
sway) expected='wayland org_kde_kwin_idle' ;;          # sway 1.7 has only the KDE protocol
kwin) expected='wayland ext-idle-notify-v1' ;;         # KWin 5.27 offers ext-idle-notify v1
mutter) expected='gnome-mutter' ;;                     # GNOME: Mutter's IdleMonitor over D-Bus
*) fail "unknown compositor $DESKBREAK_TEST_COMPOSITOR" ;;
esac

write_config <<'TOML'
[schedule]
interval = "30m"
natural_break = "6s"
[startup]
autostart = false
TOML

# The user "types": one native input event a second, the way the compositor sees it.
start_native_input() {
    (while true; do "$DESKBREAK_TEST_INPUT"; sleep 1; done) >/dev/null 2>&1 &
    input_pid=$!
    e2e_pids+=("$input_pid")
}

start_daemon
step "idle source: $(json_field idle_backend)"
[[ $(json_field session_type) == wayland ]] || fail "the session was not taken for Wayland"
[[ $(json_field idle_backend) == "$expected"* ]] ||
    fail "idle source is '$(json_field idle_backend)', not the compositor's ($expected)"

step "input keeps sitting time growing past natural_break"
start_native_input
sleep 10
[[ $(json_field state) == sitting ]] || fail "not sitting while typing (state $(json_field state))"
sitting=$(json_field sitting_seconds)
((sitting >= 8)) || fail "sitting time did not grow with input ($sitting s after 10 s)"

step "no input for natural_break is a natural break"
stop_input
wait_until 150 field_is state away || fail "still $(json_field state) after 15 s without input"

step "input again starts sitting again, from zero"
"$DESKBREAK_TEST_INPUT"
wait_until 50 field_is state sitting || fail "not sitting again after input"
sitting=$(json_field sitting_seconds)
((sitting <= 3)) || fail "sitting did not start again from zero ($sitting s)"
grep -q "recorded event natural_break.*(idle)" "$XDG_STATE_HOME/deskbreak/deskbreak.log" ||
    fail "the natural break was not recorded"

if [[ ${DESKBREAK_TEST_KWIN:-} == 1 ]]; then
    step "KWin: locking the screen sends the daemon away"
    start_native_input
    sleep 2
    dbus-send --session --print-reply --dest=org.freedesktop.ScreenSaver /ScreenSaver \
        org.freedesktop.ScreenSaver.Lock >/dev/null || fail "KWin refused to lock"
    # Input goes on meanwhile, so only the lock can make this a break.
    wait_until 150 field_is state away || fail "still $(json_field state) with the screen locked"
    stop_input
fi
quit_daemon
step "done"
