#!/usr/bin/env python3
"""Writes the break's chimes (step.wav, switch-sides.wav, rep.wav, end.wav) next to this file.

Soft bell tones: sine partials with a quick attack and an exponential decay that fades to
silence before the file ends. Each cue has a shape of its own, to be told apart by ear:
  step          two notes going up (E5, A5), 0.45 s
  switch-sides  three notes, up and down and up (A5, E5, A5), 0.8 s
  rep           one short, quiet tick (E6), 0.12 s
  end           a rising arpeggio that rings out (C5 E5 G5 C6), 1.6 s
Mono, 16-bit, 22050 Hz; the output is the same on every run (no randomness).
Usage: generate.py [OUTPUT_DIR]
"""
import math
import struct
import sys
import wave
from pathlib import Path

RATE = 22050


def bell(frequency, start, length, level, decay):
    """One bell note: (start s, length s, a function of time since the start)."""

    def sample(t):
        attack = min(1.0, t / 0.006)
        # A little of the octave and the twelfth makes it a bell rather than a beep.
        tone = (
            math.sin(2 * math.pi * frequency * t)
            + 0.25 * math.sin(2 * math.pi * 2 * frequency * t) * math.exp(-t / (decay / 2))
            + 0.08 * math.sin(2 * math.pi * 3 * frequency * t) * math.exp(-t / (decay / 3))
        )
        return level * attack * math.exp(-t / decay) * tone / 1.33

    return start, length, sample


def render(name, duration, notes, out_dir):
    count = int(duration * RATE)
    fade = int(0.03 * RATE)  # the last 30 ms go smoothly to silence
    frames = bytearray()
    for i in range(count):
        t = i / RATE
        value = 0.0
        for start, length, sample in notes:
            if start <= t < start + length:
                value += sample(t - start)
        if i >= count - fade:
            value *= (count - i) / fade
        value = max(-1.0, min(1.0, value))
        frames += struct.pack("<h", int(round(value * 32767)))
    with wave.open(str(out_dir / f"{name}.wav"), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(bytes(frames))


def main():
    out_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    out_dir.mkdir(parents=True, exist_ok=True)
    e5, a5, c5, g5, c6, e6 = 659.26, 880.0, 523.25, 783.99, 1046.5, 1318.5
    render("step", 0.45, [bell(e5, 0.0, 0.45, 0.30, 0.16), bell(a5, 0.12, 0.33, 0.30, 0.14)], out_dir)
    render(
        "switch-sides",
        0.8,
        [
            bell(a5, 0.0, 0.8, 0.28, 0.16),
            bell(e5, 0.2, 0.6, 0.28, 0.16),
            bell(a5, 0.4, 0.4, 0.28, 0.14),
        ],
        out_dir,
    )
    render("rep", 0.12, [bell(e6, 0.0, 0.12, 0.18, 0.04)], out_dir)
    render(
        "end",
        1.6,
        [
            bell(c5, 0.0, 1.6, 0.22, 0.5),
            bell(e5, 0.15, 1.45, 0.22, 0.5),
            bell(g5, 0.30, 1.30, 0.22, 0.45),
            bell(c6, 0.45, 1.15, 0.22, 0.4),
        ],
        out_dir,
    )


if __name__ == "__main__":
    main()
