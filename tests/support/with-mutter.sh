#!/usr/bin/env bash
# Runs a command against a private, headless GNOME compositor: mutter (Wayland
# only, no Xwayland, one 1280x800 virtual monitor) on a private session bus.
# Unless private buses are already there (DESKBREAK_TEST_PRIVATE_BUSES=1), the
# script runs itself again under with-private-buses.sh. Nothing else of GNOME
# runs: no gnome-shell, no session manager, no settings daemon.
#
#   with-mutter.sh CMD [ARG...]
#
# Exported to CMD (the same names as the other compositor wrappers):
#   WAYLAND_DISPLAY               absolute path of mutter's Wayland socket
#   XDG_RUNTIME_DIR               fresh and private (0700), CMD's own, not mutter's
#   DBUS_SESSION_BUS_ADDRESS      the private bus mutter is on
#   DBUS_SYSTEM_BUS_ADDRESS       a private "system" bus with nothing on it
#   XDG_SESSION_TYPE=wayland, XDG_CURRENT_DESKTOP=GNOME
#   DESKBREAK_TEST_COMPOSITOR=mutter, DESKBREAK_TEST_COMPOSITOR_PID (mutter's PID)
#   DESKBREAK_TEST_INPUT          an executable that, run with no arguments, makes
#                                 one relative pointer motion in mutter (through
#                                 org.gnome.Mutter.RemoteDesktop): user input
#   XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_CACHE_HOME, XDG_STATE_HOME  fresh, private
# DISPLAY is unset for mutter; CMD keeps the caller's (e.g. under with-xvfb.sh).
#
# CMD starts once mutter's socket exists and it owns org.gnome.Mutter.IdleMonitor
# and org.gnome.Mutter.RemoteDesktop. Only the processes started here are stopped
# (by PID, from an EXIT trap, or by a watchdog should this script be killed outright).
set -euo pipefail

if [[ $# -eq 0 ]]; then
    echo "usage: $(basename "$0") CMD [ARG...]" >&2
    exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)

if [[ ${DESKBREAK_TEST_PRIVATE_BUSES:-} != 1 ]]; then
    exec "$here/with-private-buses.sh" "$here/with-mutter.sh" "$@"
fi
command -v mutter >/dev/null 2>&1 || {
    echo "with-mutter.sh: mutter not found in PATH (on Debian: apt-get install mutter)" >&2
    exit 127
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/deskbreak-mutter.XXXXXX")
pids=()

# shellcheck disable=SC2317  # called from the EXIT trap
cleanup() {
    local rc=$?
    stop_started
    if [[ $rc -ne 0 && -s $tmp/mutter.log ]]; then
        echo "with-mutter.sh: mutter.log:" >&2
        tail -n 20 "$tmp/mutter.log" >&2
    fi
    rm -rf "$tmp"
    exit "$rc"
}
trap cleanup EXIT
# shellcheck disable=SC2034  # read by harness.sh's fail()
me=with-mutter.sh
# shellcheck source=harness.sh
source "$here/harness.sh"
mkdir -p "$tmp/state"
export XDG_STATE_HOME=$tmp/state

# mutter gets a runtime dir and a home of its own; settings stay in memory (no
# dconf service on this bus).
mutter_runtime=$tmp/mutter-runtime
mutter_home=$tmp/mutter-home
mkdir -m 0700 "$mutter_runtime"
mkdir -p "$mutter_home"
socket=wayland-deskbreak
env -u DISPLAY -u WAYLAND_DISPLAY -u XDG_SESSION_TYPE -u XDG_CURRENT_DESKTOP \
    HOME="$mutter_home" XDG_RUNTIME_DIR="$mutter_runtime" \
    XDG_CONFIG_HOME="$mutter_home/config" XDG_DATA_HOME="$mutter_home/data" \
    XDG_CACHE_HOME="$mutter_home/cache" XDG_STATE_HOME="$mutter_home/state" \
    GSETTINGS_BACKEND=memory \
    mutter --headless --wayland --no-x11 --virtual-monitor 1280x800 \
    --wayland-display "$socket" --sm-disable \
    </dev/null >"$tmp/mutter.log" 2>&1 &
mutter_pid=$!
pids+=("$mutter_pid")

# shellcheck disable=SC2317  # called through wait_for
owns() {
    dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner "string:$1" 2>/dev/null | grep -q true
}
# shellcheck disable=SC2317  # called through wait_for
ready() {
    kill -0 "$mutter_pid" 2>/dev/null || fail "mutter exited during start-up"
    [[ -S $mutter_runtime/$socket ]] && owns org.gnome.Mutter.IdleMonitor &&
        owns org.gnome.Mutter.RemoteDesktop
}
wait_for 300 ready || fail "mutter was not ready within 30 s"

export WAYLAND_DISPLAY=$mutter_runtime/$socket
export XDG_SESSION_TYPE=wayland
export XDG_CURRENT_DESKTOP=GNOME
export DESKBREAK_TEST_COMPOSITOR=mutter
export DESKBREAK_TEST_COMPOSITOR_PID=$mutter_pid
export DESKBREAK_TEST_INPUT=$here/mutter-input.py

run_watched "$@"
