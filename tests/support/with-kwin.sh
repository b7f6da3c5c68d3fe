#!/usr/bin/env bash
# Runs a command against a private, headless KWin (kwin_wayland --virtual) and
# stops it afterwards. KWin 5.27 (Debian 12) offers ext-idle-notify-v1 (version
# 1) and org_kde_kwin_idle.
#
#   with-kwin.sh [--input-tool PATH] [--permission-checks [--grant DESKTOP EXE]] CMD [ARG...]
#
# PATH (or, without the option, $DESKBREAK_KWIN_FAKE_INPUT, which ctest sets)
# is the test tool built from tests/support/KwinFakeInput.cpp: it moves the
# pointer through org_kde_kwin_fake_input, which KWin offers to any client here
# (KWIN_WAYLAND_NO_PERMISSION_CHECKS=1). With --permission-checks KWin runs as in
# a real session instead: it offers its restricted interfaces (fake input,
# org_kde_plasma_window_management, ...) only to programs an installed .desktop
# file lists them for in X-KDE-Wayland-Interfaces, so the input tool gets none.
# --grant installs a copy of the .desktop file DESKTOP for KWin, its Exec pointed at
# EXE (absolute, as KWin matches it against /proc/PID/exe): what an installed package
# does for its binary, here for a test program.
# KWin runs from a copy of its binary
# (still named kwin_wayland, or it will not load its platform plugin): the
# installed one carries a file capability that sandboxes may refuse to exec.
# It runs with a clean environment (no DISPLAY, no Xwayland) and its own
# runtime, config and data dirs, on the private session bus CMD gets. Unless
# private buses are already there (DESKBREAK_TEST_PRIVATE_BUSES=1), the script
# runs itself again under with-private-buses.sh.
#
# Exported to CMD (the same interface as with-sway.sh):
#   WAYLAND_DISPLAY               the compositor's socket, an absolute path
#   XDG_RUNTIME_DIR               fresh, private (0700; not KWin's)
#   XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_CACHE_HOME, XDG_STATE_HOME  fresh, private
#   DBUS_SESSION_BUS_ADDRESS      the private session bus KWin is on
#   DBUS_SYSTEM_BUS_ADDRESS       a private, empty "system" bus
#   XDG_SESSION_TYPE              wayland
#   XDG_CURRENT_DESKTOP           KDE
#   DESKBREAK_TEST_COMPOSITOR     kwin
#   DESKBREAK_TEST_COMPOSITOR_PID KWin's PID (a test may kill it to see it go away)
#   DESKBREAK_TEST_INPUT          an executable that, run with no arguments, moves
#                                 the pointer by (4, 4) and back: input KWin sees
#                                 natively
#   DESKBREAK_TEST_KWIN           1
# DISPLAY, if the caller has one, is kept for CMD. Only the processes started
# here are stopped (by PID, from an EXIT trap, or by a watchdog should this
# script be killed outright).
set -euo pipefail

usage() {
    echo "usage: $(basename "$0") [--input-tool PATH] [--permission-checks [--grant DESKTOP EXE]]" \
        "CMD [ARG...]" >&2
    exit 2
}
here=$(cd "$(dirname "$0")" && pwd)
if [[ ${DESKBREAK_TEST_PRIVATE_BUSES:-} != 1 ]]; then
    exec "$here/with-private-buses.sh" "$here/with-kwin.sh" "$@"
fi
input_tool=${DESKBREAK_KWIN_FAKE_INPUT:-}
no_permission_checks=(KWIN_WAYLAND_NO_PERMISSION_CHECKS=1)
grant_desktop=
grant_exe=
while [[ $# -gt 0 ]]; do
    case $1 in
    --input-tool)
        [[ $# -ge 2 ]] || usage
        input_tool=$2
        shift 2
        ;;
    --permission-checks)
        no_permission_checks=()
        shift
        ;;
    --grant)
        [[ $# -ge 3 && -f $2 && -x $3 ]] || usage
        grant_desktop=$2
        grant_exe=$(realpath "$3")
        shift 3
        ;;
    *) break ;;
    esac
done
[[ $# -gt 0 ]] || usage
if [[ -z $input_tool || ! -x $input_tool ]]; then
    echo "with-kwin.sh: no input tool: pass --input-tool PATH or set DESKBREAK_KWIN_FAKE_INPUT" \
        "to the built tests/support/KwinFakeInput.cpp (got '${input_tool}')" >&2
    exit 2
fi
input_tool=$(cd "$(dirname "$input_tool")" && pwd)/$(basename "$input_tool")
kwin=$(command -v kwin_wayland || true)
[[ -n $kwin ]] || { echo "with-kwin.sh: kwin_wayland not found (apt-get install kwin-wayland)" >&2 && exit 127; }
command -v wayland-info >/dev/null ||
    { echo "with-kwin.sh: wayland-info not found (apt-get install wayland-utils)" >&2 && exit 127; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/deskbreak-kwin.XXXXXX")
pids=()

# shellcheck disable=SC2317  # called from the EXIT trap
cleanup() {
    local rc=$?
    stop_started
    if [[ $rc -ne 0 && -s $tmp/kwin.log ]]; then
        echo "with-kwin.sh: KWin's log:" >&2
        tail -n 20 "$tmp/kwin.log" >&2
    fi
    rm -rf "$tmp"
    exit "$rc"
}
trap cleanup EXIT
me=with-kwin.sh
# shellcheck source=harness.sh
source "$here/harness.sh"
# shellcheck source=wayland-harness.sh
source "$here/wayland-harness.sh"
mkdir -p "$tmp/state"
export XDG_STATE_HOME=$tmp/state

kwin_home=$tmp/kwin
mkdir -p "$kwin_home/bin" "$kwin_home/config" "$kwin_home/data" "$kwin_home/cache" "$kwin_home/state"
mkdir -m 0700 "$kwin_home/runtime"
cp "$kwin" "$kwin_home/bin/kwin_wayland" # cp leaves the file capability behind
if [[ -n $grant_desktop ]]; then
    mkdir -p "$kwin_home/data/applications"
    sed "s|^Exec=.*|Exec=$grant_exe|" "$grant_desktop" >"$kwin_home/data/applications/$(basename "$grant_desktop")"
fi

env -i PATH="$PATH" HOME="$kwin_home" LANG=C.UTF-8 XDG_RUNTIME_DIR="$kwin_home/runtime" \
    XDG_CONFIG_HOME="$kwin_home/config" XDG_DATA_HOME="$kwin_home/data" \
    XDG_CACHE_HOME="$kwin_home/cache" XDG_STATE_HOME="$kwin_home/state" \
    DBUS_SESSION_BUS_ADDRESS="$DBUS_SESSION_BUS_ADDRESS" \
    DBUS_SYSTEM_BUS_ADDRESS="$DBUS_SYSTEM_BUS_ADDRESS" \
    "${no_permission_checks[@]}" \
    "$kwin_home/bin/kwin_wayland" --virtual --no-global-shortcuts --no-kactivities \
    --socket wayland-kwin --width 1280 --height 800 >"$tmp/kwin.log" 2>&1 </dev/null &
kwin_pid=$!
pids+=("$kwin_pid")

wait_for_compositor 300 "$kwin_pid" "$kwin_home/runtime/wayland-kwin" "$tmp/kwin.log"
export DESKBREAK_TEST_KWIN=1
unset SWAYSOCK I3SOCK

run_with_compositor kwin KDE "$kwin_pid" "$kwin_home/runtime/wayland-kwin" "$input_tool" -- "$@"
