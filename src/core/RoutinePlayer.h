#pragma once

#include "core/Routine.h"

#include <chrono>

namespace deskbreak::core {

// Turns a routine into timed segments and elapsed time into "where are we".
// It owns no timer: the break window passes the elapsed (pause-aware) time.
class RoutinePlayer {
public:
    enum class Side { None, Right, Left };
    enum class Kind { GetReady, Exercise, SwitchSides };

    struct Segment {
        Kind kind = Kind::GetReady;
        int stepIndex = 0;
        const Exercise* exercise = nullptr; // Kind::Exercise only
        Side side = Side::None;
        QString title; // what the window shows as the step name
        QString text;  // GetReady / SwitchSides: the instruction
        std::chrono::milliseconds start{};
        std::chrono::milliseconds duration{};
    };

    struct Position {
        int segment = 0;                  // index into segments()
        std::chrono::milliseconds left{}; // in this segment
        double segmentProgress = 0;       // 0..1
        double overallProgress = 0;       // 0..1
        bool finished = false;
        int rep = 0;  // the rep under way, from 1; 0 when the segment is not counted in reps
        int reps = 0; // the segment's reps (Exercise::reps), or 0
    };

    RoutinePlayer(const Routine& routine, const Content& content);

    const QList<Segment>& segments() const { return m_segments; }
    std::chrono::milliseconds total() const { return m_total; }
    Position at(std::chrono::milliseconds elapsed) const;
    // Where the next segment starts (for "skip step"); total() after the last one.
    std::chrono::milliseconds nextSegmentStart(std::chrono::milliseconds elapsed) const;
    // The segment after `index`, or nullptr at the end.
    const Segment* following(int index) const;
    // How many reps segment `index` is paced in: the exercise's reps, or 0 (held, or no exercise).
    int repsIn(int index) const;
    // Where rep `rep` (from 1) of segment `index` starts: its duration shared evenly by the reps.
    std::chrono::milliseconds repStart(int index, int rep) const;

private:
    QList<Segment> m_segments;
    std::chrono::milliseconds m_total{};
};

QString sideName(RoutinePlayer::Side side);

} // namespace deskbreak::core
