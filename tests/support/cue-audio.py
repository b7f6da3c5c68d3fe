#!/usr/bin/env python3
"""Checks what a break played, from a recording of the sound server's output.

  cue-audio.py RAW --routine FILE --exercises FILE --expect chimes|speech|silence
               --marker-to-break SECONDS [--report FILE]

RAW is signed 16-bit little-endian mono at 16 kHz (parec --format=s16le --rate=16000
--channels=1), recorded from before the break was asked for until after it ended. The
first sound in it is the test's own marker, which ended SECONDS before the break was
asked for: it places the break in the recording (a recorder's start is too loose a clock), and
shows that the recording hears what plays. The routine and the exercises are the TOML files the
daemon played; the cues they make are worked out here on their own, by the rules of the
product: a step chime at each segment's start after the first, a switch-sides chime at
each switch, a rep tick at each rep after the first of an exercise counted in reps (the
step's time shared evenly by its reps), an end chime at the end.

  chimes   every cue is heard once, of its kind (told apart by length: tick < step <
           switch < end), each within 0.25 s of where it belongs once the recording's own
           offset is taken out, and that offset fits the moment the break was asked for
  speech   something is said at each segment's start and at the end, and it is speech-
           long (at least one sound of 0.6 s or more), not a chime
  silence  nothing above the noise floor but the marker
Prints each sound found, and the verdict; exits 1 when the check fails.
"""
import argparse
import array
import json
import sys
import tomllib

RATE = 16000
WINDOW = 80  # samples: 5 ms
FLOOR = 0.004  # about -48 dBFS: far below the chimes, far above a null sink's silence
TOLERANCE = 0.25  # seconds, either way

# Each kind by how long it sounds above the floor (the files are 0.12, 0.45, 0.8, 1.6 s).
KINDS = [("rep", 0.0, 0.25), ("step", 0.25, 0.6), ("switch", 0.6, 1.1), ("end", 1.1, 3.0)]


def read_samples(path):
    samples = array.array("h")
    with open(path, "rb") as f:
        samples.frombytes(f.read())
    if sys.byteorder != "little":
        samples.byteswap()
    return samples


def sounds(samples, merge_gap):
    """The stretches above the floor: (start s, length s, peak 0..1), gaps under merge_gap joined."""
    limit = int(FLOOR * 32768)
    found = []
    start = end = None
    peak = 0
    for i in range(0, len(samples) - WINDOW + 1, WINDOW):
        chunk = samples[i : i + WINDOW]
        loud = max(max(chunk), -min(chunk))
        if loud < limit:
            continue
        t = i / RATE
        if start is not None and t - end <= merge_gap:
            end = t + WINDOW / RATE
            peak = max(peak, loud)
            continue
        if start is not None:
            found.append((start, end - start, peak / 32768))
        start, end, peak = t, t + WINDOW / RATE, loud
    if start is not None:
        found.append((start, end - start, peak / 32768))
    return found


def kind_of(length):
    for name, low, high in KINDS:
        if low <= length < high:
            return name
    return "long"


def expected_cues(routine_path, exercises_path):
    """(time s, kind) of every cue the routine makes, and the segment starts (for speech)."""
    routine = tomllib.load(open(routine_path, "rb"))
    exercises = {e["id"]: e for e in tomllib.load(open(exercises_path, "rb"))["exercise"]}
    switch = routine.get("switch_seconds", 5)
    segments = []  # (start ms, duration ms, reps, kind)
    t = 0
    for step in routine["step"]:
        ms = step["seconds"] * 1000
        exercise = exercises.get(step.get("exercise", ""))
        reps = exercise["reps"] if exercise else 0
        sides = exercise["sides"] if exercise else False
        parts = [(ms, reps, "step")]
        if sides:
            parts = [(ms, reps, "step")] + ([(switch * 1000, 0, "switch")] if switch else []) + [(ms, reps, "step")]
        for duration, part_reps, kind in parts:
            segments.append((t, duration, part_reps, kind))
            t += duration
    cues = []
    for index, (start, duration, reps, kind) in enumerate(segments):
        if index > 0:
            cues.append((start / 1000, kind))
        for k in range(1, reps):  # rep k+1 starts where the window counts it: rounded up
            cues.append(((start + (duration * k + reps - 1) // reps) / 1000, "rep"))
    cues.append((t / 1000, "end"))
    starts = [s / 1000 for s, _, _, _ in segments] + [t / 1000]
    return sorted(cues), starts, segments


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("raw")
    parser.add_argument("--routine", required=True)
    parser.add_argument("--exercises", required=True)
    parser.add_argument("--expect", required=True, choices=["chimes", "speech", "silence"])
    parser.add_argument("--marker-to-break", type=float, required=True)
    parser.add_argument("--report", default=None)
    args = parser.parse_args()

    samples = read_samples(args.raw)
    heard = sounds(samples, 0.35 if args.expect == "speech" else 0.02)
    cues, starts, segments = expected_cues(args.routine, args.exercises)
    lines = [f"recording: {len(samples) / RATE:.2f} s, {len(heard)} sound(s) above {FLOOR}"]
    for start, length, peak in heard:
        lines.append(f"  heard at {start:7.3f} s for {length:.3f} s, peak {peak:.3f}, {kind_of(length)}")
    problems = []
    if not heard:
        print("\n".join(lines) + "\nFAILED: not even the marker was recorded")
        return 1
    marker, heard = heard[0], heard[1:]
    break_at = marker[0] + marker[1] + args.marker_to_break
    lines.append(f"the marker at {marker[0]:.3f} s: the break was asked for at {break_at:.3f} s")

    if args.expect == "silence":
        if heard:
            problems.append(f"expected silence, heard {len(heard)} sound(s) after the marker")

    elif args.expect == "chimes":
        lines.append(f"expected {len(cues)} cue(s): " + ", ".join(f"{k}@{t:g}" for t, k in cues))
        if len(heard) != len(cues):
            problems.append(f"heard {len(heard)} sound(s), expected {len(cues)}")
        else:
            offsets = sorted(h[0] - c[0] for h, c in zip(heard, cues))
            offset = offsets[len(offsets) // 2]
            lines.append(f"recording offset (median): {offset:.3f} s")
            worst = 0.0
            for (start, length, _), (at, kind) in zip(heard, cues):
                error = start - offset - at
                worst = max(worst, abs(error))
                heard_kind = kind_of(length)
                lines.append(
                    f"  {kind:6} due {at:6.3f} s, heard {start - offset:6.3f} s ({error * 1000:+5.0f} ms), sounds like {heard_kind}"
                )
                if heard_kind != kind:
                    problems.append(f"the cue at {at:g} s sounds like {heard_kind}, expected {kind}")
                if abs(error) > TOLERANCE:
                    problems.append(f"the {kind} cue at {at:g} s is {error * 1000:+.0f} ms off")
            lines.append(f"worst timing error: {worst * 1000:.0f} ms")
            # The window opens a moment after the break is asked for; a chime and the marker
            # reach the sink alike.
            lines.append(f"the routine started {(offset - break_at) * 1000:+.0f} ms after the break was asked for")
            if not (break_at - 0.1 <= offset <= break_at + 0.6):
                problems.append(
                    f"the routine started {(offset - break_at) * 1000:+.0f} ms after the break was asked for"
                )

    else:  # speech
        if not heard:
            problems.append("nothing was said")
        else:
            for at in starts:
                window = (break_at + at, break_at + at + 1.5)
                if not any(window[0] <= s <= window[1] or s <= window[0] < s + length for s, length, _ in heard):
                    problems.append(f"nothing said within 1.5 s of {at:g} s into the break")
            longest = max(length for _, length, _ in heard)
            lines.append(f"longest sound: {longest:.3f} s; total: {sum(h[1] for h in heard):.3f} s")
            if longest < 0.6:
                problems.append(f"the longest sound is {longest:.3f} s: chimes, not speech")

    lines.append("ok" if not problems else "FAILED: " + "; ".join(problems))
    text = "\n".join(lines)
    print(text)
    if args.report:
        with open(args.report, "w") as f:
            f.write(text + "\n")
            json.dump({"sounds": heard, "cues": cues}, f)
            f.write("\n")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
