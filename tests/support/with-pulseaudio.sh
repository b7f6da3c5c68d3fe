#!/usr/bin/env bash
# Runs a command with a private PulseAudio server whose only output is a null sink: what
# is played there can be recorded from its monitor, and nothing reaches a speaker.
#
#   with-pulseaudio.sh CMD [ARG...]
#
# Run it inside with-private-buses.sh (or with-dunst.sh): the server's socket goes in that
# private 0700 XDG_RUNTIME_DIR. The server loads no default script and no module but the
# native protocol (on that socket only, no cookie needed) and the null sink.
#
# Exported to CMD:
#   PULSE_SERVER            the private server's socket
#   PULSE_CLIENTCONFIG      a client config that never autospawns another server
#   DESKBREAK_TEST_SINK     the null sink (record from "$DESKBREAK_TEST_SINK.monitor")
#
# Only the server started here is stopped (by PID, from an EXIT trap).
set -euo pipefail

if [[ $# -eq 0 ]]; then
    echo "usage: $(basename "$0") CMD [ARG...]" >&2
    exit 2
fi
: "${XDG_RUNTIME_DIR:?run me inside with-private-buses.sh: the socket needs a private runtime dir}"
[[ $(stat -c %a "$XDG_RUNTIME_DIR") == 700 ]] || {
    echo "with-pulseaudio.sh: $XDG_RUNTIME_DIR is not private (0700)" >&2
    exit 2
}
command -v pulseaudio >/dev/null || {
    echo "with-pulseaudio.sh: pulseaudio not found (on Debian: apt-get install pulseaudio pulseaudio-utils)" >&2
    exit 127
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/deskbreak-pulse.XXXXXX")
pids=()

# shellcheck disable=SC2317  # called from the EXIT trap
cleanup() {
    local rc=$?
    stop_started
    if [[ $rc -ne 0 && -s $tmp/pulseaudio.log ]]; then
        echo "with-pulseaudio.sh: the server's log:" >&2
        tail -n 30 "$tmp/pulseaudio.log" >&2
    fi
    rm -rf "$tmp"
    exit "$rc"
}
trap cleanup EXIT
me=with-pulseaudio.sh
# harness.sh makes fresh XDG folders under $tmp: keep the caller's, which the command
# shares with the buses it was given.
saved=("$XDG_RUNTIME_DIR" "${XDG_CONFIG_HOME:-}" "${XDG_DATA_HOME:-}" "${XDG_CACHE_HOME:-}")
# shellcheck source=harness.sh
source "$(dirname "$0")/harness.sh"
XDG_RUNTIME_DIR=${saved[0]} XDG_CONFIG_HOME=${saved[1]} XDG_DATA_HOME=${saved[2]} XDG_CACHE_HOME=${saved[3]}
[[ -n $XDG_CONFIG_HOME ]] || unset XDG_CONFIG_HOME
[[ -n $XDG_DATA_HOME ]] || unset XDG_DATA_HOME
[[ -n $XDG_CACHE_HOME ]] || unset XDG_CACHE_HOME

sink=deskbreak_test
socket=$XDG_RUNTIME_DIR/pulse-test/native
mkdir -p "$(dirname "$socket")"
chmod 0700 "$(dirname "$socket")"
cat >"$tmp/server.pa" <<EOF
load-module module-native-protocol-unix socket=$socket auth-anonymous=1
load-module module-null-sink sink_name=$sink rate=48000 channels=2
set-default-sink $sink
EOF
echo "autospawn = no" >"$tmp/client.conf"

# Its own home and state folders: nothing of the machine's or the user's PulseAudio setup.
HOME=$tmp PULSE_STATE_PATH=$tmp/state PULSE_RUNTIME_PATH=$XDG_RUNTIME_DIR/pulse-test \
    pulseaudio -n --daemonize=no --exit-idle-time=-1 --use-pid-file=no --disable-shm=yes \
    --system=no --log-target=stderr -F "$tmp/server.pa" \
    </dev/null >"$tmp/pulseaudio.log" 2>&1 &
pids+=($!)
server_pid=$!

export PULSE_SERVER=unix:$socket
export PULSE_CLIENTCONFIG=$tmp/client.conf
export DESKBREAK_TEST_SINK=$sink
wait_for 100 pactl info >/dev/null 2>&1 || {
    kill -0 "$server_pid" 2>/dev/null || fail "pulseaudio exited at start"
    fail "pulseaudio did not answer within 10 s"
}
pactl list short sinks | grep -q "^[0-9]*[[:space:]]${sink}[[:space:]]" || fail "no null sink $sink"

run_watched "$@"
