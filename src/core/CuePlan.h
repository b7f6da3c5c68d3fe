#pragma once

#include "core/RoutinePlayer.h"

#include <QList>
#include <QString>
#include <chrono>

namespace deskbreak::core {

// What a cue is for; each kind with a chime of its own but Start (words only: the
// window has just opened in front of the user).
enum class CueKind { Start, Step, SwitchSides, Rep, End };

// A moment of the routine the user hears, for steps done with eyes off the screen.
struct Cue {
    std::chrono::milliseconds at{}; // routine time
    CueKind kind = CueKind::Step;
    int segment = 0; // the segment it starts (End: the last one)
    int rep = 0;     // Rep: the rep that starts, from 2
    QString words;   // what the voice says
    bool operator==(const Cue&) const = default;
};

// Every cue of a routine in time order: Start at 0, a Step (or SwitchSides) at the start of
// each later segment, a Rep at each rep after the first of a rep exercise, End at total().
class CuePlan {
public:
    // A move of the routine's time longer than this is a jump (a skipped step), not a tick.
    static constexpr std::chrono::milliseconds kJump{1000};

    explicit CuePlan(const RoutinePlayer& player); // keeps no reference to it

    const QList<Cue>& cues() const { return m_cues; }
    // The cues due when the routine's time moves from `previous` to `now`: those with
    // previous < at <= now. After a jump only the cue that starts the segment landed on (or
    // End), if the jump crossed it: no burst of chimes for the steps skipped.
    QList<Cue> crossed(std::chrono::milliseconds previous, std::chrono::milliseconds now) const;

private:
    QList<Cue> m_cues;
};

// What the voice says as segment `index` starts, in short sentences: "Seated twist, right
// side. Hold 20 seconds.", "Chin tuck. 10 slow reps.", "Stand up. Next: Forward fold."
QString spokenStep(const RoutinePlayer& player, int index);
// "20 seconds", "1 minute", "1 minute 30 seconds".
QString spokenDuration(std::chrono::seconds duration);

} // namespace deskbreak::core
