# Shared by the test harness scripts (with-dunst.sh, with-private-buses.sh), which
# source it after setting `tmp` to their private folder and `me` to their name.

# Signals end the script through its EXIT trap, which stops what it started.
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

fail() {
    echo "$me: $*" >&2
    exit 1
}

# Wait up to $1 tenths of a second for the command after it to succeed.
wait_for() {
    local tries=$1
    shift
    while ((tries-- > 0)); do
        "$@" && return 0
        sleep 0.1
    done
    return 1
}

# Fresh XDG folders below $tmp, the runtime one private as the spec asks.
mkdir -m 0700 "$tmp/runtime"
mkdir -p "$tmp/config" "$tmp/data" "$tmp/cache"
export XDG_RUNTIME_DIR=$tmp/runtime
export XDG_CONFIG_HOME=$tmp/config
export XDG_DATA_HOME=$tmp/data
export XDG_CACHE_HOME=$tmp/cache

# Runs CMD in the background, so that a TERM or INT to the calling script is handled at
# once (its EXIT trap stops CMD, then what it started) rather than after CMD ends, and
# exits with CMD's code. Should the script die without running its EXIT trap (SIGKILL
# from a test runner's timeout), a watchdog stops what is in `pids` and removes $tmp.
run_watched() {
    "$@" &
    local cmd_pid=$!
    pids+=("$cmd_pid")
    watchdog $$ "${pids[@]}" </dev/null >/dev/null 2>&1 &
    pids+=($!)
    set +e
    wait "$cmd_pid"
    local rc=$?
    set -e
    exit "$rc"
}

# shellcheck disable=SC2317  # runs in the background
watchdog() {
    local parent=$1
    shift
    while kill -0 "$parent" 2>/dev/null; do
        sleep 1
    done
    kill "$@" 2>/dev/null || true
    rm -rf "$tmp"
}

# Stops what the script started (the PIDs in `pids`), newest first: TERM, up to 5 s,
# then KILL, and waits for each. For the caller's EXIT trap.
# shellcheck disable=SC2317  # called from the EXIT trap
stop_started() {
    local i pid
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
        pid=${pids[i]}
        kill "$pid" 2>/dev/null || continue
        wait_for 50 eval "! kill -0 $pid 2>/dev/null" || kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
}
