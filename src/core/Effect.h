#pragma once

#include "core/Clock.h"

#include <QDateTime>
#include <QString>
#include <variant>
#include <vector>

namespace deskbreak::core {

enum class NaturalBreakReason { Idle, Locked, Asleep };
QString reasonName(NaturalBreakReason reason);

// Why a due reminder waits ([moment]): the user is in a call, presenting, or asked not to be
// disturbed. Listed strongest first: when several hold at once, the first is the one named.
enum class HoldReason { Camera, Microphone, Fullscreen, DoNotDisturb };
inline constexpr HoldReason kHoldReasons[] = {HoldReason::Camera, HoldReason::Microphone,
                                              HoldReason::Fullscreen, HoldReason::DoNotDisturb};
// "camera", "microphone", "fullscreen", "do-not-disturb": history, status and config names.
QString holdReasonName(HoldReason reason);
// What the user reads: "camera in use", "microphone in use", "a fullscreen window",
// "do not disturb".
QString holdReasonText(HoldReason reason);
// A call: a camera or a microphone in use.
constexpr bool isCall(HoldReason reason)
{
    return reason == HoldReason::Camera || reason == HoldReason::Microphone;
}

// Something that happened, for the history store. Timestamps are wall-clock.
struct HistoryEvent {
    enum class Kind {
        Reminded,
        Snoozed,
        Skipped,
        BreakStarted,
        BreakCompleted,
        BreakEndedEarly,
        NaturalBreak,
        Paused,
        Resumed,
        SittingSpan, // a continuous sitting stretch, [start, at)
        Held,        // a due reminder held back, [start, at), for `hold`
    };
    Kind kind = Kind::Reminded;
    QDateTime at;
    QDateTime start; // SittingSpan and NaturalBreak: when it began
    std::chrono::seconds
        seconds{}; // BreakCompleted, BreakEndedEarly: real duration; Paused: length
    NaturalBreakReason reason = NaturalBreakReason::Idle;
    HoldReason hold = HoldReason::Camera; // Held: the strongest reason while it lasted

    bool operator==(const HistoryEvent&) const = default;
};
QString kindName(HistoryEvent::Kind kind);

// What the shell must do after an input. The model never acts itself.
namespace effect {
struct Remind {
    bool again = false;  // a repeat of an ignored reminder, or after a snooze
    int snoozesLeft = 0; // -1 = unlimited; 0 = do not offer Snooze
    QString routine;     // a scheduled routine ([routines]) it names; empty: the sitting one
    bool quiet = false;  // held past max_hold: shown anyway, with low urgency and no sound
    bool operator==(const Remind&) const = default;
};
struct CloseReminder {
    bool operator==(const CloseReminder&) const = default;
};
struct OpenBreak {
    QString routine; // what the break plays; empty: the shell's choice
    bool operator==(const OpenBreak&) const = default;
};
struct CloseBreak {
    bool operator==(const CloseBreak&) const = default;
};
// What the tray shows changed (phase, overload, due, held, paused, snoozed); redraw it.
struct StateChanged {
    bool operator==(const StateChanged&) const = default;
};
struct Record {
    HistoryEvent event;
    bool operator==(const Record&) const = default;
};
} // namespace effect

using Effect = std::variant<effect::Remind, effect::CloseReminder, effect::OpenBreak,
                            effect::CloseBreak, effect::StateChanged, effect::Record>;
using Effects = std::vector<Effect>;

// A short, stable text form, e.g. "remind(again, snoozes=2)", used by timeline tests and logs.
QString describe(const Effect& e);

} // namespace deskbreak::core
