#!/usr/bin/env bash
# with-xvfb.sh CMD [ARG...]
#
# Runs CMD against a private, headless X server: starts Xvfb on a free display
# (chosen by Xvfb itself through -displayfd, so parallel runs never collide),
# exports DISPLAY=:N, runs CMD and exits with CMD's exit code. On exit it stops
# only the Xvfb it started, by PID. If DBUS_SESSION_BUS_ADDRESS is unset it is
# pointed at a socket that does not exist, so that nothing autolaunches a
# session bus that would outlive the test; tests that need a bus start their own.
set -u

me=${0##*/}
if [ "$#" -eq 0 ]; then
    echo "usage: $me CMD [ARG...]" >&2
    exit 2
fi
if ! command -v Xvfb >/dev/null 2>&1; then
    echo "$me: Xvfb not found in PATH (on Debian: apt-get install xvfb)" >&2
    exit 127
fi

workdir=$(mktemp -d "${TMPDIR:-/tmp}/with-xvfb.XXXXXX") || {
    echo "$me: cannot create a temporary directory" >&2
    exit 1
}
xvfb_pid=""
cmd_pid=""

# shellcheck disable=SC2317  # called from the EXIT trap
cleanup() {
    if [ -n "$cmd_pid" ] && kill -0 "$cmd_pid" 2>/dev/null; then
        kill -TERM "$cmd_pid" 2>/dev/null
        wait "$cmd_pid" 2>/dev/null
    fi
    if [ -n "$xvfb_pid" ] && kill -0 "$xvfb_pid" 2>/dev/null; then
        kill -TERM "$xvfb_pid" 2>/dev/null
        # Give it up to 5 s to go, then insist.
        for _ in $(seq 50); do
            kill -0 "$xvfb_pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$xvfb_pid" 2>/dev/null
        wait "$xvfb_pid" 2>/dev/null
    fi
    rm -rf "$workdir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# Xvfb writes the display number and a newline to the fifo once it accepts
# connections; if it dies first, the read sees end-of-file instead.
fifo=$workdir/displayfd
mkfifo "$fifo" || exit 1
Xvfb -displayfd 3 -noreset -nolisten tcp -screen 0 1280x800x24 \
    3>"$fifo" </dev/null >"$workdir/xvfb.log" 2>&1 &
xvfb_pid=$!

display=""
if ! read -r -t 30 display <"$fifo" || [ -z "$display" ]; then
    echo "$me: Xvfb did not start; its output:" >&2
    sed 's/^/    /' "$workdir/xvfb.log" >&2
    exit 1
fi

export DISPLAY=":$display"
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
    export DBUS_SESSION_BUS_ADDRESS="unix:path=$workdir/no-session-bus"
fi

# CMD runs in the background so that a TERM or INT to this script is handled at
# once (the trap stops CMD, then Xvfb) rather than after CMD ends.
"$@" &
cmd_pid=$!
wait "$cmd_pid"
rc=$?
cmd_pid=""
exit "$rc"
