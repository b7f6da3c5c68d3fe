# shellcheck shell=bash
# Shared by the headless Wayland compositor harnesses (with-sway.sh, with-kwin.sh).
# They source it after harness.sh, with `tmp`, `me` and the array `pids` set,
# start their compositor, wait for it with wait_for_compositor, then hand over
# to run_with_compositor, which gives CMD the interface described in
# with-sway.sh and runs it.

# True once the compositor on socket $1 answers a client and offers a seat.
compositor_answers() {
    [[ -S $1 ]] || return 1
    WAYLAND_DISPLAY=$1 timeout 5 wayland-info 2>/dev/null | grep -q "'wl_seat'"
}

# Waits up to $1 tenths of a second for the compositor with PID $2 to answer on
# the socket $3; fails with the last lines of its log $4 if it exits or is late.
wait_for_compositor() {
    local tries=$1 pid=$2 socket=$3 log=$4
    while ((tries-- > 0)); do
        if ! kill -0 "$pid" 2>/dev/null; then
            tail -n 30 "$log" >&2
            fail "the compositor exited during start-up"
        fi
        compositor_answers "$socket" && return 0
        sleep 0.1
    done
    tail -n 30 "$log" >&2
    fail "the compositor did not answer on $socket in time"
}

# run_with_compositor NAME DESKTOP PID SOCKET INPUT_CMD... -- CMD...
# Writes $tmp/input (runs INPUT_CMD against SOCKET), exports the interface, runs
# CMD and exits with its exit code.
run_with_compositor() {
    local name=$1 desktop=$2 pid=$3 socket=$4
    shift 4
    local input=()
    while [[ $# -gt 0 && $1 != -- ]]; do
        input+=("$1")
        shift
    done
    shift

    {
        echo '#!/usr/bin/env bash'
        echo "# One user input event, as the $name compositor sees it natively."
        printf 'export WAYLAND_DISPLAY=%q\n' "$socket"
        printf 'exec'
        printf ' %q' "${input[@]}"
        printf '\n'
    } >"$tmp/input"
    chmod 0755 "$tmp/input"

    export WAYLAND_DISPLAY=$socket
    export XDG_SESSION_TYPE=wayland
    export XDG_CURRENT_DESKTOP=$desktop
    export DESKBREAK_TEST_COMPOSITOR=$name
    export DESKBREAK_TEST_COMPOSITOR_PID=$pid
    export DESKBREAK_TEST_INPUT=$tmp/input
    unset WAYLAND_SOCKET

    run_watched "$@"
}
