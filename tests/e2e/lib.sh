#!/usr/bin/env bash
# Shared steps for the end-to-end scenarios: a private home, a tray host, the
# real deskbreak binary, and checks on what a user would see. Sourced by each
# scenario, which runs inside with-xvfb.sh and with-dunst.sh.
set -euo pipefail

: "${DESKBREAK:?set DESKBREAK to the binary under test}"
: "${E2E_OUT:?set E2E_OUT to a folder for screenshots and logs}"
scenario=${SCENARIO:-e2e}
mkdir -p "$E2E_OUT"
home=$(mktemp -d "${TMPDIR:-/tmp}/deskbreak-e2e.XXXXXX")
export HOME=$home
export XDG_CONFIG_HOME=$home/config XDG_DATA_HOME=$home/data XDG_STATE_HOME=$home/state
mkdir -p "$XDG_CONFIG_HOME/deskbreak"
# with-dunst.sh gives a private runtime dir; keep it (the socket lives there).
: "${XDG_RUNTIME_DIR:?}"
# Qt's own choice follows the session (wayland under a compositor wrapper, else xcb).
if [[ -n ${WAYLAND_DISPLAY:-} ]]; then
    export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-wayland}
else
    export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-xcb}
fi
export LC_ALL=C.UTF-8

e2e_pids=()
daemon_pid=""

e2e_cleanup() {
    local rc=$?
    local i
    for ((i = ${#e2e_pids[@]} - 1; i >= 0; i--)); do
        kill "${e2e_pids[i]}" 2>/dev/null || true
        wait "${e2e_pids[i]}" 2>/dev/null || true
    done
    if [[ $rc -ne 0 ]]; then
        echo "--- $scenario failed; the daemon's log:" >&2
        tail -n 60 "$XDG_STATE_HOME/deskbreak/deskbreak.log" >&2 2>/dev/null || true
    fi
    cp "$XDG_STATE_HOME/deskbreak/deskbreak.log" "$E2E_OUT/$scenario.log" 2>/dev/null || true
    rm -rf "$home"
    exit "$rc"
}
trap e2e_cleanup EXIT

step() { echo "[$scenario +${SECONDS}s] $*"; }
fail() {
    echo "[$scenario] FAILED: $*" >&2
    exit 1
}

# wait_until TENTHS CMD...: retry CMD until it succeeds, or fail after TENTHS/10 s.
wait_until() {
    local tries=$1
    shift
    while ((tries-- > 0)); do
        "$@" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    return 1
}

# write_config: the config from stdin. The scenarios keep input going all along (to stay
# "sitting"), so a reminder would wait up to wait_for_pause for a pause in typing: unless a
# scenario sets [moment] itself (e2e: moment does), reminders come the second they are due.
write_config() {
    local file=$XDG_CONFIG_HOME/deskbreak/config.toml
    cat >"$file"
    if ! grep -q '^\[moment\]' "$file"; then
        printf '\n[moment]\npause_before_remind = "0s"\n' >>"$file"
    fi
}

start_tray_host() {
    trayer --edge top --align right --widthtype pixel --width 96 --heighttype pixel --height 32 \
        --transparent false --tint 0x2b2b2b --SetDockType true --expand false >/dev/null 2>&1 &
    e2e_pids+=($!)
    wait_until 50 xwininfo -name panel || fail "trayer did not start"
}

start_daemon() {
    "$DESKBREAK" "$@" >"$E2E_OUT/$scenario.stdout" 2>&1 &
    daemon_pid=$!
    e2e_pids+=("$daemon_pid")
    wait_until 100 "$DESKBREAK" status || fail "the daemon did not answer within 10 s"
}

# json_field NAME: a field of `deskbreak status --json` (numbers, booleans, strings).
json_field() {
    "$DESKBREAK" status --json | sed -n "s/^ *\"$1\": *\"\\{0,1\\}\\([^\",]*\\)\"\\{0,1\\},\\{0,1\\}\$/\\1/p"
}

field_is() { [[ "$(json_field "$1")" == "$2" ]]; }

# Keeps the user "typing" (mouse moves) in the background until stopped.
start_input() {
    (while true; do
        xdotool mousemove_relative -- 3 0 && xdotool mousemove_relative -- -3 0
        sleep 1
    done) >/dev/null 2>&1 &
    input_pid=$!
    e2e_pids+=("$input_pid")
}
stop_input() { kill "$input_pid" 2>/dev/null || true; wait "$input_pid" 2>/dev/null || true; }

# The reminder is up: the daemon says so, and dunst shows a bubble.
reminder_shown() { field_is reminder_open true && [[ "$(dunstctl count displayed)" -ge 1 ]]; }
menu_offered() { grep -q -- "$1" "$DESKBREAK_TEST_MENU_LOG"; }

# press WINDOW KEY: focus the window and type the key through XTEST, as a real
# keyboard would (Qt ignores keys sent with XSendEvent). No window manager runs.
press() {
    xdotool windowfocus --sync "$1" 2>/dev/null || xdotool windowfocus "$1"
    xdotool key "$2"
}

shoot_root() { import -window root "$E2E_OUT/$1.png"; }
shoot_window() { import -window "$1" "$E2E_OUT/$2.png"; }
shoot_tray() {
    import -window root -crop 140x40+1140+0 +repage "$E2E_OUT/$1.png"
}

quit_daemon() {
    "$DESKBREAK" quit >/dev/null || fail "quit was refused"
    local tries=50
    while kill -0 "$daemon_pid" 2>/dev/null && ((tries-- > 0)); do sleep 0.1; done
    kill -0 "$daemon_pid" 2>/dev/null && fail "the daemon did not exit after quit"
    wait "$daemon_pid" || fail "the daemon exited with $?"
    if "$DESKBREAK" status >/dev/null 2>&1; then fail "status still answers after quit"; fi
}

# run_doctor: `deskbreak doctor --json`, which must exit 0, saved for doctor_says.
run_doctor() {
    "$DESKBREAK" doctor --json >"$home/doctor.json" || fail "doctor --json exited $?"
}

# doctor_says WHAT KEY: from the last run_doctor, WHAT "session" or a capability ("idle",
# "tray", ...), KEY one of its fields ("type", "backend", "available", "detail", "hint") or
# "rejected:BACKEND" for why BACKEND was passed over (empty if it was not). Booleans and
# null print as in JSON.
doctor_says() {
    python3 - "$home/doctor.json" "$1" "$2" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
what, key = sys.argv[2], sys.argv[3]
if what == "session":
    entry = report["session"]
else:
    entry = next((c for c in report["capabilities"] if c["capability"] == what), None)
    if entry is None:
        sys.exit(f"doctor reports no capability {what!r}")
if key.startswith("rejected:"):
    backend = key[len("rejected:"):]
    value = next((r["reason"] for r in entry["rejected"] if r["backend"] == backend), "")
else:
    value = entry.get(key)
print(value if isinstance(value, str) else json.dumps(value))
PY
}
