#!/usr/bin/env bash
# Runs a command against a private, headless sway compositor and stops it
# afterwards. sway 1.7 (Debian 12) offers org_kde_kwin_idle, not ext-idle-notify.
#
#   with-sway.sh CMD [ARG...]
#
# sway refuses to run as root, so when started by root it runs as `nobody`
# (setpriv), in a runtime dir of nobody's; otherwise as the caller. Either way
# with a clean environment: no DISPLAY (Xwayland is off too), no buses. CMD
# runs as the caller. Unless private buses are already there
# (DESKBREAK_TEST_PRIVATE_BUSES=1), the script runs itself again under
# with-private-buses.sh.
#
# Exported to CMD (the same interface as with-kwin.sh):
#   WAYLAND_DISPLAY               the compositor's socket, an absolute path
#   XDG_RUNTIME_DIR               fresh, private (0700, the caller's; not sway's)
#   XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_CACHE_HOME, XDG_STATE_HOME  fresh, private
#   DBUS_SESSION_BUS_ADDRESS      a private session bus (sway is not on it)
#   DBUS_SYSTEM_BUS_ADDRESS       a private, empty "system" bus
#   XDG_SESSION_TYPE              wayland
#   XDG_CURRENT_DESKTOP           sway
#   DESKBREAK_TEST_COMPOSITOR     sway
#   DESKBREAK_TEST_COMPOSITOR_PID sway's PID (a test may kill it to see it go away)
#   DESKBREAK_TEST_INPUT          an executable that, run with no arguments, sends
#                                 one key press and release (Shift_L) through a
#                                 virtual keyboard (wtype): input sway sees natively
#   SWAYSOCK                      sway's IPC socket, for swaymsg
# DISPLAY, if the caller has one (e.g. with-xvfb.sh with-sway.sh CMD), is kept
# for CMD. Only the processes started here are stopped (by PID, from an EXIT
# trap, or by a watchdog should this script be killed outright).
set -euo pipefail

if [[ $# -eq 0 ]]; then
    echo "usage: $(basename "$0") CMD [ARG...]" >&2
    exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
if [[ ${DESKBREAK_TEST_PRIVATE_BUSES:-} != 1 ]]; then
    exec "$here/with-private-buses.sh" "$here/with-sway.sh" "$@"
fi
for tool in sway wtype wayland-info; do
    command -v "$tool" >/dev/null ||
        { echo "with-sway.sh: $tool not found (installers/dev/bootstrap.sh lists it)" >&2 && exit 127; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/deskbreak-sway.XXXXXX")
# nobody must reach its own dir and its config below; nothing else in here is its.
chmod 0711 "$tmp"
run_as=()
if [[ $(id -u) -eq 0 ]]; then
    run_as=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
fi
pids=()

# shellcheck disable=SC2317  # called from the EXIT trap
cleanup() {
    local rc=$?
    stop_started
    if [[ $rc -ne 0 && -s $tmp/sway.log ]]; then
        echo "with-sway.sh: sway's log:" >&2
        tail -n 20 "$tmp/sway.log" >&2
    fi
    rm -rf "$tmp"
    exit "$rc"
}
trap cleanup EXIT
me=with-sway.sh
# shellcheck source=harness.sh
source "$here/harness.sh"
# shellcheck source=wayland-harness.sh
source "$here/wayland-harness.sh"
mkdir -p "$tmp/state"
export XDG_STATE_HOME=$tmp/state

sway_home=$tmp/sway
sway_runtime=$sway_home/runtime
mkdir -m 0700 "$sway_home" "$sway_runtime"
cat >"$sway_home/sway.conf" <<'EOF'
output HEADLESS-1 resolution 1280x800
xwayland disable
EOF
if [[ ${#run_as[@]} -gt 0 ]]; then
    chown -R nobody:nogroup "$sway_home"
fi

"${run_as[@]}" env -i PATH="$PATH" HOME="$sway_home" XDG_RUNTIME_DIR="$sway_runtime" \
    WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman \
    sway -c "$sway_home/sway.conf" >"$tmp/sway.log" 2>&1 </dev/null &
sway_pid=$!
pids+=("$sway_pid")

# The runtime dir is new, so the first socket sway makes is wayland-1.
wait_for_compositor 150 "$sway_pid" "$sway_runtime/wayland-1" "$tmp/sway.log"
wait_for 50 compgen -G "$sway_runtime/sway-ipc.*.sock" >/dev/null ||
    fail "sway made no IPC socket in $sway_runtime"
SWAYSOCK=$(compgen -G "$sway_runtime/sway-ipc.*.sock" | head -n 1)
export SWAYSOCK
unset I3SOCK

run_with_compositor sway sway "$sway_pid" "$sway_runtime/wayland-1" wtype -k Shift_L -- "$@"
