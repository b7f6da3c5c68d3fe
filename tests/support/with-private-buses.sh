#!/usr/bin/env bash
# Runs a command with two private D-Bus daemons standing in for the machine's buses:
# one as the system bus, one as the session bus. Neither reads the standard service
# dirs, so nothing is ever D-Bus-activated on them: whatever owns a name there was
# put there by the test (e.g. a stand-in for logind or for a screen saver).
#
#   with-private-buses.sh CMD [ARG...]
#
# Exported to CMD:
#   DBUS_SYSTEM_BUS_ADDRESS       the private "system" bus
#   DBUS_SESSION_BUS_ADDRESS      the private "session" bus
#   DESKBREAK_TEST_PRIVATE_BUSES  "1": tests may claim well-known names freely
#   XDG_RUNTIME_DIR, XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_CACHE_HOME  fresh, private.
#
# No X display is needed. Only the processes started here are stopped (by PID,
# from an EXIT trap, or by a watchdog should this script be killed outright).
set -euo pipefail

if [[ $# -eq 0 ]]; then
    echo "usage: $(basename "$0") CMD [ARG...]" >&2
    exit 2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/deskbreak-buses.XXXXXX")
pids=()

# shellcheck disable=SC2317  # called from the EXIT trap
cleanup() {
    local rc=$?
    stop_started
    if [[ $rc -ne 0 ]]; then
        local log
        for log in "$tmp"/*-bus.log; do
            [[ -s $log ]] || continue
            echo "with-private-buses.sh: $(basename "$log"):" >&2
            tail -n 20 "$log" >&2
        done
    fi
    rm -rf "$tmp"
    exit "$rc"
}
trap cleanup EXIT
me=with-private-buses.sh
# shellcheck source=harness.sh
source "$(dirname "$0")/harness.sh"

# Starts a private dbus-daemon of type $1 ("system" or "session") and prints its address.
start_bus() {
    local type=$1
    cat >"$tmp/$type-bus.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>$type</type>
  <listen>unix:path=$tmp/$type-bus</listen>
  <auth>EXTERNAL</auth>
  <!-- no standard service dirs: nothing is activated on this bus -->
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
EOF
    dbus-daemon --config-file="$tmp/$type-bus.conf" --nofork --print-address=1 \
        >"$tmp/$type-bus-address" 2>"$tmp/$type-bus.log" </dev/null &
    pids+=($!)
    local pid=$!
    wait_for 50 test -s "$tmp/$type-bus-address" || {
        cat "$tmp/$type-bus.log" >&2
        fail "the private $type dbus-daemon did not start"
    }
    kill -0 "$pid" 2>/dev/null || fail "the private $type dbus-daemon exited"
}

start_bus system
start_bus session
DBUS_SYSTEM_BUS_ADDRESS=$(head -n 1 "$tmp/system-bus-address")
DBUS_SESSION_BUS_ADDRESS=$(head -n 1 "$tmp/session-bus-address")
export DBUS_SYSTEM_BUS_ADDRESS DBUS_SESSION_BUS_ADDRESS
unset DBUS_STARTER_ADDRESS DBUS_STARTER_BUS_TYPE DBUS_SESSION_BUS_PID
export DESKBREAK_TEST_PRIVATE_BUSES=1

run_watched "$@"
