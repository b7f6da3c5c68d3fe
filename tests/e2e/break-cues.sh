#!/usr/bin/env bash
# The break's cues, heard for real: the daemon on Xvfb plays a short routine (a get-ready
# step, a two-sided exercise, an exercise in reps) into the null sink of a private
# PulseAudio server, whose monitor is recorded and checked (tests/support/cue-audio.py):
#   sound = false   nothing plays, and nothing audio is ever mapped into the daemon;
#   sound = true    nothing audio is mapped before the first break; then every chime
#                   comes, of its kind, within 0.25 s of its time;
#   voice = true    the steps are spoken;
#   no server       the break goes on in silence, the log says why once, doctor says so.
# Runs inside with-xvfb.sh, with-private-buses.sh and with-pulseaudio.sh.
SCENARIO=break-cues
source "$(dirname "$0")/lib.sh"
: "${PULSE_SERVER:?run me inside with-pulseaudio.sh}"
: "${DESKBREAK_TEST_SINK:?run me inside with-pulseaudio.sh}"
: "${DESKBREAK_DATA:?set DESKBREAK_DATA to the content the daemon uses}"
checker=$(cd "$(dirname "$0")/../support" && pwd)/cue-audio.py
log=$XDG_STATE_HOME/deskbreak/deskbreak.log

routine=$XDG_CONFIG_HOME/deskbreak/routines/cues-test.toml
mkdir -p "$(dirname "$routine")"
cat >"$routine" <<'TOML'
# 16 s: get ready 2 s, a twist 3 s a side with a 2 s switch, 10 neck bends in 6 s (reps
# with no hold, so 6 s is enough for the loader).
name = "cues-test"
title = "Cues test"
description = "A short routine to hear every kind of cue."
switch_seconds = 2

[[step]]
title = "Sit tall"
text = "Feet flat on the floor."
seconds = 2

[[step]]
exercise = "seated-twist-chair"
seconds = 3

[[step]]
exercise = "neck-flexion-extension"
seconds = 6
TOML
python3 - "$DESKBREAK_DATA/exercises.toml" <<'PY' || fail "the test routine's exercises no longer fit it"
import sys, tomllib
found = {e["id"]: e for e in tomllib.load(open(sys.argv[1], "rb"))["exercise"]}
assert found["seated-twist-chair"]["sides"], "seated-twist-chair is no longer two-sided"
assert found["neck-flexion-extension"]["reps"] > 1 and found["neck-flexion-extension"]["hold_seconds"] == 0, "neck-flexion-extension is no longer in reps without a hold"
PY

# use_config SOUND VOICE
use_config() {
    write_config <<TOML
[schedule]
interval = "2h"

[break]
routine = "cues-test"
sound = $1
voice = $2
TOML
}

# What of sound the daemon has mapped: the cue module, libcanberra, libpulse, flite.
audio_mapped() { grep -oE 'deskbreak-cues\.so|libcanberra[^/ ]*\.so[^/ ]*|libpulse[^/ ]*\.so[^/ ]*|libflite[^/ ]*\.so[^/ ]*' "/proc/$daemon_pid/maps" | sort -u; }

# record_break NAME: records the sink while the daemon plays one whole break, into $raw;
# $lasted: how many seconds the break was on.
# First the test's own marker plays; $marker_to_break is how long after its end the break
# was asked for (the checker finds the break in the recording by it).
marker=$home/marker.wav
sox -n -r 16000 -c 1 "$marker" synth 0.08 sine 2000 vol 0.5
record_break() {
    local played asked
    raw=$E2E_OUT/$scenario-$1.raw
    parec --device="$DESKBREAK_TEST_SINK.monitor" --format=s16le --rate=16000 --channels=1 \
        --latency-msec=10 --raw >"$raw" &
    local recorder=$!
    e2e_pids+=("$recorder")
    sleep 1 # parec connects
    # paplay returns once the server has played it all: the marker's end is the firm time.
    paplay --device="$DESKBREAK_TEST_SINK" "$marker" || fail "paplay cannot play the marker"
    played=$(date +%s.%N)
    sleep 0.5
    asked=$(date +%s.%N)
    "$DESKBREAK" break cues-test >/dev/null || fail "break cues-test was refused (did the routine load?)"
    wait_until 50 field_is state break || fail "the break did not start"
    local began=$SECONDS
    wait_until 400 eval '! field_is state break' || fail "the break did not end within 40 s"
    lasted=$((SECONDS - began))
    sleep 2.5 # the end chime (1.6 s) and the last words
    kill "$recorder"
    wait "$recorder" 2>/dev/null || true
    marker_to_break=$(python3 -c "print(f'{$asked - $played:.3f}')")
}

# check_audio RAW EXPECT (a .wav of it is kept beside it, to listen to)
check_audio() {
    sox -t raw -r 16000 -e signed -b 16 -c 1 "$1" "${1%.raw}.wav"
    python3 "$checker" "$1" --routine "$routine" --exercises "$DESKBREAK_DATA/exercises.toml" \
        --expect "$2" --marker-to-break "$marker_to_break" --report "${1%.raw}.txt"
}

step "sound off: a break plays nothing and loads nothing audio"
use_config false false
start_daemon
[[ -z $(audio_mapped) ]] || fail "audio mapped at start: $(audio_mapped)"
record_break off
[[ -z $(audio_mapped) ]] || fail "audio mapped by a break with sound off: $(audio_mapped)"
check_audio "$raw" silence || fail "sound = false, yet something played"

step "sound on: nothing audio is mapped until the first break wants a chime"
use_config true false
"$DESKBREAK" reload >/dev/null || fail "reload was refused"
[[ -z $(audio_mapped) ]] || fail "audio mapped before the first break: $(audio_mapped)"

step "sound on: every chime, of its kind, on time"
record_break chimes
check_audio "$raw" chimes || fail "the chimes were not as planned"
mapped=$(audio_mapped)
if ! grep -q 'deskbreak-cues' <<<"$mapped" || ! grep -q libcanberra <<<"$mapped"; then
    fail "the break played, yet the cue module is not mapped: $mapped"
fi

step "doctor finds the chimes and the voice"
run_doctor
[[ $(doctor_says sound available) == true ]] || fail "doctor: sound $(doctor_says sound detail)"
[[ $(doctor_says voice available) == true ]] || fail "doctor: voice: $(doctor_says voice rejected:flite)"

step "voice on: the steps are spoken"
use_config false true
"$DESKBREAK" reload >/dev/null || fail "reload was refused"
record_break voice
check_audio "$raw" speech || fail "the voice was not heard"
quit_daemon

step "no sound server: breaks go on, the log says why once"
use_config true false
logged=$(wc -l <"$log")
PULSE_SERVER=unix:$XDG_RUNTIME_DIR/no-such-server start_daemon
record_break no-server
check_audio "$raw" silence || fail "something played with no server"
((lasted >= 15)) || fail "the silent break lasted $lasted s, not its 16 s"
record_break no-server-again
told=$(tail -n "+$((logged + 1))" "$log" | grep -c 'no chimes: no sound server' || true)
[[ $told == 1 ]] || fail "the missing server was logged $told time(s) in two breaks, expected once"
PULSE_SERVER=unix:$XDG_RUNTIME_DIR/no-such-server run_doctor
[[ $(doctor_says sound available) == false ]] || fail "doctor: sound available with no server"
[[ $(doctor_says sound rejected:canberra) == *"no sound server"* ]] ||
    fail "doctor: sound: '$(doctor_says sound rejected:canberra)'"
quit_daemon
step "done"
