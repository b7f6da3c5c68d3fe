#pragma once

#include "core/Clock.h"
#include "core/Effect.h"
#include "core/ScheduledRoutines.h"
#include "core/Settings.h"
#include "core/SittingSnapshot.h"

#include <optional>

namespace deskbreak::core {

// The continuous-sitting state machine. It owns no timer and calls no OS: every
// input reads the injected clock, updates the state and returns what the shell
// must do. The shell calls tick() no later than nextWakeUp().
class SittingModel {
public:
    using Phase = SittingSnapshot::Phase;

    struct Status {
        Phase phase = Phase::Sitting;
        std::chrono::seconds sitting{}; // current continuous sitting time
        QDateTime sittingSince;         // wall clock: when that stretch began; invalid when none
        std::chrono::seconds untilReminder{}; // 0 when a break is due now
        bool overload = false;                // sitting past overload_after
        bool due = false;                     // a break is due (reminder shown or held back)
        bool reminderOpen = false;
        bool snoozed = false; // the next reminder is a snoozed one
        int snoozesUsed = 0;
        int snoozesLeft = 0;                  // -1 = unlimited
        std::optional<QDateTime> pausedUntil; // wall clock
        QString reminderRoutine; // the scheduled routine the due reminder names, if any
        QString breakRoutine;    // on a break: the routine it plays, when the shell said
        // [moment]
        bool watchHolds = false; // the shell should watch the hold detectors (a reminder is wanted)
        std::optional<HoldReason> heldBy; // the due reminder waits for this
        QDateTime heldSince;              // wall clock; valid while heldBy
        bool holdCapped = false;          // held past max_hold: reminders come, quietly
        QList<HoldReason> holds;          // every hold the shell reports now, strongest first
        bool waitingForPause = false;     // the due reminder waits for a pause in input
    };

    SittingModel(const Clock& clock, const Settings::Schedule& schedule);

    // Activity, from a polling idle source: input was last seen `idle` ago.
    Effects idleSample(milliseconds idle);
    // Activity, from a push idle source: the user has now been idle for `idleFor`.
    Effects userIdle(milliseconds idleFor);
    // Activity, from a push idle source: input again, and until the next userIdle().
    Effects userActive();
    // Time passed; nothing new is known.
    Effects tick();

    Effects sessionLocked();
    Effects sessionUnlocked();
    Effects goingToSleep();
    Effects resumedFromSleep();

    // What holds reminders now (the shell's detectors; see Status::watchHolds). Sitting time
    // counts on; a due reminder waits until none is left, or max_hold. Also the shell's answer
    // when a break comes due: the first reminder waits up to kHoldAnswer for it.
    Effects setHolds(const QList<HoldReason>& holds);
    // The input idle time the shell's push source should report at: short while a due
    // reminder waits for a pause in typing, else natural_break.
    milliseconds idleThreshold() const;

    // User commands (reminder buttons, tray menu, CLI).
    // Starts a break playing `routine`; empty: the scheduled routine the due reminder names,
    // if any, else the shell's choice. Answers a scheduled reminder, and a scheduled routine
    // played by hand is not offered again that day.
    Effects startBreak(const QString& routine = {});
    // The break is over. `reachedEnd` when the routine got to its end, skips included. It
    // counts as completed, and resets sitting time, only if it also lasted kMinimumBreak of
    // real time (or the routine's whole `routineLength`, for a routine shorter than that);
    // otherwise it is recorded as ended early. Both record the real duration.
    Effects endBreak(bool reachedEnd, std::chrono::seconds routineLength = kMinimumBreak);
    bool canSnooze() const;
    // Puts the reminder off for `d` (the configured snooze when nullopt); no-op if !canSnooze().
    Effects snooze(std::optional<std::chrono::seconds> d = std::nullopt);
    Effects skip();
    Effects pause(std::chrono::seconds d);
    Effects pauseUntilTomorrow();
    Effects resume();

    // A new schedule takes effect at once; sitting time is kept.
    Effects applySchedule(const Settings::Schedule& schedule);

    Status status() const;
    // When the shell must call tick() at the latest.
    MonoTime nextWakeUp() const;

    SittingSnapshot snapshot() const;
    // Continues from a snapshot written by an earlier run (see SittingSnapshot).
    Effects restore(const SittingSnapshot& snapshot);

    // Breaks shorter than this in real time do not reset sitting time, however they ended.
    static constexpr std::chrono::seconds kMinimumBreak{60};
    // How long a due reminder waits for the shell to say what holds it.
    static constexpr milliseconds kHoldAnswer{2000};

private:
    // One input: brings the state up to now with what was known, applies `change`
    // (what the input tells), and evaluates again.
    template <typename Change> Effects input(Change&& change)
    {
        const MonoTime now = m_clock.monotonic();
        Effects out;
        advance(now, out);
        change(now, out);
        evaluate(now, out);
        return out;
    }
    // Brings the state up to `now` with what is already known, then rechecks deadlines.
    void advance(MonoTime now, Effects& out, bool evaluateOldState = true);
    void evaluate(MonoTime now, Effects& out);
    std::optional<MonoTime> absenceStart(MonoTime now) const;
    NaturalBreakReason absenceReason() const;
    void goAway(MonoTime start, NaturalBreakReason reason, Effects& out);
    void comeBack(MonoTime at, Effects& out);
    void startSitting(MonoTime at);
    void resetBreakDue(Effects& out);
    bool remindersAllowed(MonoTime now, MonoTime* recheckAt);
    void updateNextCheck(MonoTime now);
    QDateTime wallAt(MonoTime t) const;
    void offerScheduled(MonoTime now, Effects& out);
    void dropScheduled(MonoTime now, Effects& out);
    void record(HistoryEvent::Kind kind, MonoTime at, Effects& out);
    int snoozesLeft() const;
    // [moment] for a due reminder that may be shown now: true while it must wait (a hold, the
    // detectors' answer, a pause in typing); m_momentWait then says until when at the latest.
    bool momentWaits(MonoTime now, Effects& out);
    std::optional<HoldReason> strongestHold() const;
    bool callHeld() const;
    // The last time the user was known at the desk: input, or a call holding the reminder.
    MonoTime presentAt() const;
    // The due reminder is no longer held (released, capped, answered or no longer due):
    // records how long it was, once.
    void endHold(MonoTime now, Effects& out);
    void resetMoment(MonoTime now, Effects& out);

    const Clock& m_clock;
    Settings::Schedule m_schedule;

    Phase m_phase = Phase::Sitting;
    MonoTime m_sittingSince;
    MonoTime m_lastActive;    // last input the idle source reported
    bool m_activeNow = false; // push source: active until it says idle
    MonoTime m_lastInput;     // last call of any kind; a longer gap than natural_break is a sleep
    MonoTime m_awaySince;
    NaturalBreakReason m_awayReason = NaturalBreakReason::Idle;
    std::optional<MonoTime> m_lockedAt;
    std::optional<MonoTime> m_asleepAt;

    MonoTime m_nextReminderAt;
    bool m_due = false;
    bool m_shown = false; // a reminder was shown for the current due break
    bool m_reminderOpen = false;
    bool m_snoozed = false;
    int m_snoozesUsed = 0;
    bool m_overload = false;
    std::optional<MonoTime> m_pausedUntil;
    MonoTime m_breakStartedAt;
    bool m_breakFromAway = false;
    std::optional<MonoTime> m_recheckAt; // a due reminder is held back until then

    MonoTime m_nextCheck; // earliest time-based change; before it, idle samples take a fast path

    ScheduledRoutines m_routines;
    // A scheduled routine that came due: the due break names it until it is taken, skipped,
    // its window closes or the user goes away (then it is offered again when back, in time).
    struct Claim {
        ScheduledRoutines::Due due;
        std::optional<MonoTime> sittingReminderAt; // no sitting break was due: when it is
    };
    std::optional<Claim> m_claim;
    QString m_breakRoutine;

    // [moment]
    QList<HoldReason> m_holds;                 // as the shell reports them, strongest first
    bool m_holdsAsked = false;                 // the shell was asked for holds for this due break
    std::optional<MonoTime> m_holdAnswerBy;    // ... and has not answered yet
    std::optional<MonoTime> m_heldSince;       // the due reminder is held, since
    HoldReason m_heldFor = HoldReason::Camera; // the strongest reason seen while held
    bool m_holdCapped = false;                 // held for max_hold: reminders come quietly
    std::optional<MonoTime> m_pauseWaitSince;  // the due reminder waits for a pause in input
    std::optional<MonoTime> m_momentWait;      // the latest time a waiting reminder is looked at
    MonoTime m_callPresentAt;                  // last seen in a call that holds the reminder
};

} // namespace deskbreak::core
