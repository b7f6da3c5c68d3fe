#!/usr/bin/env bash
# `deskbreak --demo` touches nothing of the user's: it runs in a private temporary profile
# (config, history, state, socket) that is gone when it ends, by `quit` or by Ctrl+C, and
# the user's own config, data and state folders stay exactly as they were.
SCENARIO=demo-private
source "$(dirname "$0")/lib.sh"

# A user with no deskbreak config yet (where the old demo wrote one), and files of their own.
rm -rf "$XDG_CONFIG_HOME/deskbreak"
mkdir -p "$XDG_DATA_HOME" "$XDG_STATE_HOME"
echo "someone else's" >"$XDG_CONFIG_HOME/other.conf"
echo "the user's own" >"$XDG_DATA_HOME/notes.txt"
# Every file and folder below the user's XDG folders, with size, time, mode and content.
snapshot() {
    (cd "$home" && find config data state -printf '%p %y %s %T@ %m\n' | sort &&
        find config data state -type f -exec md5sum {} + | sort)
}
before=$(snapshot)

# run_demo: starts the demo, sets demo_pid and profile (from the line it prints).
run_demo() {
    # Emptied here, not only by the redirection: the background child truncates it later,
    # and the wait below must not read the previous run's line.
    : >"$home/demo.out"
    "$DESKBREAK" --demo >"$home/demo.out" 2>&1 &
    demo_pid=$!
    e2e_pids+=("$demo_pid")
    wait_until 100 grep -q "DESKBREAK_PROFILE=.* deskbreak quit$" "$home/demo.out" || fail "the demo did not say where it runs"
    profile=$(sed -n 's/^ *DESKBREAK_PROFILE=\([^ ]*\) deskbreak quit$/\1/p' "$home/demo.out")
    [[ -d $profile ]] || fail "no profile folder: '$profile'"
    [[ $profile != "$home"* ]] || fail "the profile is inside the user's home: $profile"
    [[ $(stat -c %a "$profile") == 700 ]] || fail "the profile is not private"
    wait_until 100 env DESKBREAK_PROFILE="$profile" "$DESKBREAK" status || fail "the demo did not answer"
}
demo() { DESKBREAK_PROFILE=$profile "$DESKBREAK" "$@"; }

step "the demo runs in a profile of its own"
run_demo
cat "$home/demo.out"
set +e
"$DESKBREAK" status >/dev/null 2>&1
rc=$?
set -e
[[ $rc == 3 ]] || fail "the user's own socket answers (exit $rc): the demo is not private"
[[ -f $profile/config/deskbreak/config.toml ]] || fail "the demo has no config of its own"
[[ -d $profile/runtime && $(stat -c %a "$profile/runtime") == 700 ]] || fail "no private runtime folder"
[[ $(DESKBREAK_PROFILE=$profile json_field interval_seconds) == 10 ]] || fail "not the demo's schedule"

step "its first reminder comes in seconds; the user's folders stay as they were"
wait_until 200 sh -c "DESKBREAK_PROFILE='$profile' '$DESKBREAK' status --json | grep -q '\"due\": true'" ||
    fail "no reminder in the demo within 20 s"
[[ $(snapshot) == "$before" ]] || fail "the demo changed the user's files: $(diff <(echo "$before") <(snapshot))"

step "quit ends it and takes the profile away"
demo quit >/dev/null || fail "quit was refused"
wait_until 100 sh -c "! kill -0 $demo_pid 2>/dev/null" || fail "the demo did not exit"
wait "$demo_pid" || fail "the demo exited with $?"
[[ ! -e $profile ]] || fail "the profile is still there: $(find "$profile" | head)"

step "Ctrl+C ends it too, and takes the profile away"
run_demo
kill -INT "$demo_pid"
wait_until 100 sh -c "! kill -0 $demo_pid 2>/dev/null" || fail "the demo did not end on SIGINT"
wait "$demo_pid" || true
[[ ! -e $profile ]] || fail "the profile is still there after Ctrl+C"

[[ $(snapshot) == "$before" ]] || fail "the demo changed the user's files: $(diff <(echo "$before") <(snapshot))"
step "done"
