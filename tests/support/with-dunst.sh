#!/usr/bin/env bash
# Runs a command on a private D-Bus session bus, with dunst as its notification
# server (or with none at all), and takes everything down afterwards.
#
#   with-dunst.sh CMD...              a private bus with dunst on it
#   with-dunst.sh --no-server CMD...  a private bus with NO notification server
#
# dunst needs an X display: run this inside with-xvfb.sh (DISPLAY must be set).
# The bus reads its own config without the standard service dirs, so nothing is
# ever D-Bus-activated on it (neither the system's dunst nor anything else).
#
# Exported to CMD:
#   DBUS_SESSION_BUS_ADDRESS        the private bus
#   DESKBREAK_TEST_NOTIFICATION_SERVER  "dunst" or "none"
#   DESKBREAK_TEST_ACTION_FILE      (dunst) write an action key (e.g. "snooze") here;
#                                   the next `dunstctl context` picks that action.
#                                   "ID,KEY" picks it on notification ID only. Empty
#                                   or missing: the menu picks nothing.
#   DESKBREAK_TEST_MENU_LOG         (dunst) every menu dunst opened, as offered: a
#                                   line "--- menu" then one line per entry,
#                                   "#<label> (<summary>) [<id>,<key>]".
#   XDG_RUNTIME_DIR, XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_CACHE_HOME  fresh, private.
#
# Only the processes started here are stopped (by PID, from an EXIT trap).
set -euo pipefail

usage() {
    echo "usage: $(basename "$0") [--no-server] CMD [ARG...]" >&2
    exit 2
}

server=dunst
if [[ ${1:-} == --no-server ]]; then
    server=none
    shift
fi
[[ $# -gt 0 ]] || usage

if [[ $server == dunst && -z ${DISPLAY:-} ]]; then
    echo "with-dunst.sh: DISPLAY is not set; run me inside with-xvfb.sh" >&2
    exit 2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/deskbreak-dunst.XXXXXX")
pids=()

# shellcheck disable=SC2317  # called from the EXIT trap
cleanup() {
    local rc=$?
    stop_started
    if [[ $rc -ne 0 && -s $tmp/dunst.log ]]; then
        echo "with-dunst.sh: dunst's log:" >&2
        tail -n 40 "$tmp/dunst.log" >&2
    fi
    rm -rf "$tmp"
    exit "$rc"
}
trap cleanup EXIT
me=with-dunst.sh
# shellcheck source=harness.sh
source "$(dirname "$0")/harness.sh"

# --- the private bus ---------------------------------------------------------
cat >"$tmp/bus.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=$tmp/bus</listen>
  <auth>EXTERNAL</auth>
  <!-- no <standard_session_servicedirs/>: nothing is activated on this bus -->
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
EOF
dbus-daemon --config-file="$tmp/bus.conf" --nofork --print-address=1 >"$tmp/bus-address" \
    2>"$tmp/bus.log" </dev/null &
pids+=($!)
bus_pid=$!
wait_for 50 test -s "$tmp/bus-address" || {
    cat "$tmp/bus.log" >&2
    fail "the private dbus-daemon did not start"
}
kill -0 "$bus_pid" 2>/dev/null || fail "the private dbus-daemon exited: $(cat "$tmp/bus.log")"
DBUS_SESSION_BUS_ADDRESS=$(head -n 1 "$tmp/bus-address")
export DBUS_SESSION_BUS_ADDRESS
unset DBUS_STARTER_ADDRESS DBUS_STARTER_BUS_TYPE DBUS_SESSION_BUS_PID
export DESKBREAK_TEST_NOTIFICATION_SERVER=$server

has_notification_server() {
    dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.Notifications 2>/dev/null |
        grep -q true
}

# --- dunst, whose context menu is a script the test steers ---------------------
if [[ $server == dunst ]]; then
    export DESKBREAK_TEST_ACTION_FILE=$tmp/action
    export DESKBREAK_TEST_MENU_LOG=$tmp/menu.log
    : >"$DESKBREAK_TEST_ACTION_FILE"
    : >"$DESKBREAK_TEST_MENU_LOG"

    # dunst writes the menu to our stdin and reads the chosen line from our stdout.
    cat >"$tmp/menu.sh" <<EOF
#!/bin/sh
offered=\$(cat)
printf -- '--- menu\n%s\n' "\$offered" >>'$DESKBREAK_TEST_MENU_LOG'
want=\$(head -n 1 '$DESKBREAK_TEST_ACTION_FILE' 2>/dev/null || true)
[ -n "\$want" ] || exit 0
case \$want in
*,*) pattern="[\$want]" ;;
*) pattern=",\$want]" ;;
esac
printf '%s\n' "\$offered" | grep -F -m 1 -e "\$pattern" || true
EOF
    chmod +x "$tmp/menu.sh"

    cat >"$tmp/dunstrc" <<EOF
[global]
    monitor = 0
    follow = none
    width = 300
    height = 300
    origin = top-right
    offset = 10x50
    font = Monospace 8
    markup = full
    format = "<b>%s</b>\n%b"
    stack_duplicates = false
    show_indicators = no
    sticky_history = yes
    history_length = 100
    idle_threshold = 0
    dmenu = $tmp/menu.sh
    browser = /bin/true
    mouse_left_click = do_action, close_current
    mouse_middle_click = close_current
    mouse_right_click = context
[urgency_low]
    timeout = 10
[urgency_normal]
    timeout = 10
[urgency_critical]
    timeout = 0
EOF

    dunst -config "$tmp/dunstrc" >"$tmp/dunst.log" 2>&1 </dev/null &
    pids+=($!)
    dunst_pid=$!
    wait_for 100 has_notification_server || {
        kill -0 "$dunst_pid" 2>/dev/null || fail "dunst exited before it reached the bus"
        fail "dunst did not take org.freedesktop.Notifications within 10 s"
    }
elif has_notification_server; then
    fail "something owns org.freedesktop.Notifications on a bus that should have none"
fi

run_watched "$@"
