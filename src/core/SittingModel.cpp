#include "core/SittingModel.h"

#include "core/Limits.h"

#include <algorithm>

namespace deskbreak::core {

using std::chrono::duration_cast;
using Kind = HistoryEvent::Kind;

namespace {
constexpr MonoTime kNever = MonoTime::max();
// While reminders are held back by working hours, look at the wall clock at least
// this often, so a changed clock or time zone is noticed.
constexpr milliseconds kHoursRecheck = std::chrono::hours(1);

std::chrono::seconds secs(milliseconds d)
{
    return duration_cast<std::chrono::seconds>(d);
}
} // namespace

SittingModel::SittingModel(const Clock& clock, const Settings::Schedule& schedule)
    : m_clock(clock)
    , m_schedule(schedule)
    , m_routines(schedule.routineTimes, schedule.workingHours.days())
{
    const MonoTime now = m_clock.monotonic();
    m_lastActive = m_lastInput = now;
    startSitting(now);
    updateNextCheck(now);
}

// ---- inputs -------------------------------------------------------------------------

Effects SittingModel::idleSample(milliseconds idle)
{
    const MonoTime now = m_clock.monotonic();
    const MonoTime activeAt = now - std::max(idle, milliseconds(0));
    const auto naturalBreak = m_schedule.naturalBreak;
    // Fast path: nothing can change unless a deadline passed, the user went away or came back.
    const bool noGap = now - m_lastInput <= naturalBreak;
    if (noGap && now < m_nextCheck && !m_lockedAt && !m_asleepAt && !m_activeNow) {
        const MonoTime latest = std::max(m_lastActive, activeAt);
        const bool stillSitting = m_phase == Phase::Sitting &&
                                  activeAt - presentAt() < naturalBreak &&
                                  now - std::max(latest, m_callPresentAt) < naturalBreak;
        const bool stillAway = m_phase == Phase::Away && activeAt <= m_awaySince;
        if (stillSitting || stillAway || m_phase == Phase::OnBreak) {
            m_lastInput = now;
            m_lastActive = latest;
            return {};
        }
    }
    Effects out;
    // A sample tells when input was last seen, so the old state is not evaluated at `now`:
    // only a silent gap is, and an idle stretch the sample shows has ended.
    advance(now, out, false);
    if (m_phase == Phase::Sitting && !m_activeNow && !m_lockedAt &&
        activeAt - presentAt() >= naturalBreak)
        goAway(presentAt(), NaturalBreakReason::Idle, out);
    m_activeNow = false;
    m_lastActive = std::max(m_lastActive, activeAt);
    evaluate(now, out);
    return out;
}

Effects SittingModel::userIdle(milliseconds idleFor)
{
    return input([&](MonoTime now, Effects&) {
        m_activeNow = false;
        m_lastActive = std::max(m_lastActive, now - std::max(idleFor, milliseconds(0)));
    });
}

Effects SittingModel::userActive()
{
    return input([&](MonoTime now, Effects&) {
        m_activeNow = true;
        m_lastActive = now;
    });
}

Effects SittingModel::tick()
{
    Effects out;
    advance(m_clock.monotonic(), out);
    return out;
}

Effects SittingModel::sessionLocked()
{
    return input([&](MonoTime now, Effects& out) {
        if (!m_lockedAt)
            m_lockedAt = now;
        // A reminder left open would sit on the lock screen: take it down, show it again
        // at the unlock.
        if (m_reminderOpen) {
            out.push_back(effect::CloseReminder{});
            m_reminderOpen = false;
            m_nextReminderAt = now;
            out.push_back(effect::StateChanged{});
        }
    });
}

Effects SittingModel::sessionUnlocked()
{
    return input([&](MonoTime now, Effects&) {
        m_lockedAt.reset();
        m_lastActive = now;  // unlocking takes input
        m_recheckAt.reset(); // a reminder held back by the lock is due now
    });
}

Effects SittingModel::goingToSleep()
{
    return input([&](MonoTime now, Effects&) {
        if (!m_asleepAt)
            m_asleepAt = now;
    });
}

Effects SittingModel::resumedFromSleep()
{
    return input([&](MonoTime now, Effects&) {
        m_asleepAt.reset();
        m_recheckAt.reset();
        m_lastActive = now; // someone woke the machine; the idle source corrects this if not
    });
}

Effects SittingModel::setHolds(const QList<HoldReason>& holds)
{
    return input([&](MonoTime now, Effects& out) {
        m_holdAnswerBy.reset(); // answered: the reminder waits no longer for that
        QList<HoldReason> sorted;
        for (const HoldReason r : kHoldReasons)
            if (holds.contains(r))
                sorted.append(r);
        if (sorted == m_holds)
            return;
        m_holds = sorted;
        if (!strongestHold()) {
            m_holdCapped = false;
            endHold(now, out); // released: the evaluation that follows reminds
        } else if (m_reminderOpen && !m_holdCapped) {
            // A call began with the reminder up: take it down, it comes back after the call.
            out.push_back(effect::CloseReminder{});
            m_reminderOpen = false;
            m_nextReminderAt = now;
        }
        out.push_back(effect::StateChanged{});
    });
}

milliseconds SittingModel::idleThreshold() const
{
    if (m_pauseWaitSince && m_schedule.moment.pauseBeforeRemind.count() > 0)
        return m_schedule.moment.pauseBeforeRemind;
    return m_schedule.naturalBreak;
}

// ---- commands ------------------------------------------------------------------------

Effects SittingModel::startBreak(const QString& routine)
{
    return input([&](MonoTime now, Effects& out) {
        if (m_phase == Phase::OnBreak)
            return;
        if (m_reminderOpen)
            out.push_back(effect::CloseReminder{});
        m_reminderOpen = false;
        resetMoment(now, out);
        m_breakRoutine = routine.isEmpty() && m_claim ? m_claim->due.routine : routine;
        // A break answers a scheduled reminder, whatever it plays; a scheduled routine
        // played by hand is done for the day too.
        if (m_claim)
            m_routines.markDone(m_claim->due.routine, m_claim->due.day);
        if (m_routines.isScheduled(m_breakRoutine))
            m_routines.markDone(m_breakRoutine, m_clock.wall().date());
        m_breakFromAway = m_phase == Phase::Away;
        m_phase = Phase::OnBreak;
        m_breakStartedAt = now;
        record(Kind::BreakStarted, now, out);
        out.push_back(effect::OpenBreak{m_breakRoutine});
        out.push_back(effect::StateChanged{});
    });
}

Effects SittingModel::endBreak(bool reachedEnd, std::chrono::seconds routineLength)
{
    return input([&](MonoTime now, Effects& out) {
        if (m_phase != Phase::OnBreak)
            return;
        const auto done = now - m_breakStartedAt;
        const auto enough =
            std::min<milliseconds>(kMinimumBreak, std::max(routineLength, std::chrono::seconds(1)));
        const bool counts = done >= enough;
        const bool completed = reachedEnd && counts;
        HistoryEvent e{completed ? Kind::BreakCompleted : Kind::BreakEndedEarly, wallAt(now),
                       wallAt(m_breakStartedAt), secs(done)};
        out.push_back(effect::Record{e});
        out.push_back(effect::CloseBreak{});
        // Whoever ended it, or saw it to its end, is here now: idle time counts from here.
        m_lastActive = std::max(m_lastActive, now);
        if (counts) {
            if (!m_breakFromAway && m_breakStartedAt > m_sittingSince) {
                out.push_back(effect::Record{
                    {Kind::SittingSpan, wallAt(m_breakStartedAt), wallAt(m_sittingSince)}});
            }
            startSitting(now);
        } else if (m_breakFromAway) {
            m_phase = Phase::Away;
        } else {
            // Too short to count: sitting goes on, and a due break is asked for again.
            m_phase = Phase::Sitting;
            if (m_due)
                m_nextReminderAt = now + m_schedule.remindAgain;
        }
        out.push_back(effect::StateChanged{});
    });
}

bool SittingModel::canSnooze() const
{
    return m_phase == Phase::Sitting && m_due &&
           (m_schedule.maxSnoozes == 0 || m_snoozesUsed < m_schedule.maxSnoozes);
}

Effects SittingModel::snooze(std::optional<std::chrono::seconds> d)
{
    return input([&](MonoTime now, Effects& out) {
        if (!canSnooze())
            return;
        if (m_reminderOpen)
            out.push_back(effect::CloseReminder{});
        m_reminderOpen = false;
        resetMoment(now, out);
        ++m_snoozesUsed;
        m_snoozed = true;
        // Bounded here too: the shell refuses longer requests, this keeps the sum in range.
        m_nextReminderAt =
            now + std::clamp(d.value_or(m_schedule.snooze), seconds(1), limits::kMaxSnooze);
        record(Kind::Snoozed, now, out);
        out.push_back(effect::StateChanged{});
    });
}

Effects SittingModel::skip()
{
    return input([&](MonoTime now, Effects& out) {
        if (m_phase != Phase::Sitting)
            return;
        if (m_reminderOpen)
            out.push_back(effect::CloseReminder{});
        resetMoment(now, out);
        if (m_claim) {
            // Not again today. The sitting break keeps its own time, unless that came too.
            m_routines.markDone(m_claim->due.routine, m_claim->due.day);
            const auto sittingAt = m_claim->sittingReminderAt;
            m_claim.reset();
            m_nextReminderAt =
                sittingAt && *sittingAt > now ? *sittingAt : now + m_schedule.interval;
        } else {
            // A due break is dropped; an upcoming one is moved one interval on.
            m_nextReminderAt =
                m_due ? now + m_schedule.interval : m_nextReminderAt + m_schedule.interval;
        }
        m_reminderOpen = false;
        m_due = false;
        m_shown = false;
        m_snoozed = false;
        m_snoozesUsed = 0;
        m_recheckAt.reset();
        record(Kind::Skipped, now, out);
        out.push_back(effect::StateChanged{});
    });
}

Effects SittingModel::pause(std::chrono::seconds d)
{
    return input([&](MonoTime now, Effects& out) {
        if (d <= std::chrono::seconds(0))
            return;
        d = std::min(d, limits::kMaxPause);
        m_pausedUntil = now + d;
        resetMoment(now, out);
        if (m_reminderOpen)
            out.push_back(effect::CloseReminder{});
        m_reminderOpen = false;
        HistoryEvent e{Kind::Paused, wallAt(now), {}};
        e.seconds = d;
        out.push_back(effect::Record{e});
        out.push_back(effect::StateChanged{});
    });
}

Effects SittingModel::pauseUntilTomorrow()
{
    const QDateTime wall = m_clock.wall();
    const QDateTime midnight(wall.date().addDays(1), QTime(0, 0), wall.timeSpec());
    return pause(std::chrono::seconds(std::max<qint64>(1, wall.secsTo(midnight))));
}

Effects SittingModel::resume()
{
    return input([&](MonoTime now, Effects& out) {
        if (!m_pausedUntil)
            return;
        m_pausedUntil.reset();
        m_recheckAt.reset();
        record(Kind::Resumed, now, out);
        out.push_back(effect::StateChanged{});
    });
}

Effects SittingModel::applySchedule(const Settings::Schedule& schedule)
{
    return input([&](MonoTime now, Effects& out) {
        const auto delta = schedule.interval - m_schedule.interval;
        m_schedule = schedule;
        const auto done = m_routines.done();
        m_routines = ScheduledRoutines(schedule.routineTimes, schedule.workingHours.days());
        m_routines.setDone(done);
        if (!m_due)
            m_nextReminderAt +=
                delta; // keeps a skip's offset; a shorter interval may make it due now
        if (m_overload && now - m_sittingSince < m_schedule.overloadAfter) {
            m_overload = false;
            out.push_back(effect::StateChanged{});
        }
    });
}

// ---- state ---------------------------------------------------------------------------

void SittingModel::advance(MonoTime now, Effects& out, bool evaluateOldState)
{
    // A longer silence than natural_break means the machine (or this process) was not
    // running: treat it as a sleep even if no platform event said so.
    const bool gap = now - m_lastInput > m_schedule.naturalBreak;
    if (gap && m_phase != Phase::OnBreak && !m_lockedAt && !m_asleepAt) {
        if (m_activeNow)
            m_lastActive = std::max(m_lastActive, m_lastInput);
        m_asleepAt = m_lastInput;
        evaluate(now, out);
        m_asleepAt.reset();
        if (m_activeNow)
            m_lastActive = now; // a push source that said "active" does not repeat itself
    } else if (evaluateOldState) {
        evaluate(now, out);
    }
    m_lastInput = now;
}

std::optional<MonoTime> SittingModel::absenceStart(MonoTime) const
{
    std::optional<MonoTime> start;
    if (!m_activeNow)
        start = presentAt();
    for (const auto& since : {m_lockedAt, m_asleepAt})
        if (since)
            start = start ? std::min(*start, *since) : *since;
    return start;
}

NaturalBreakReason SittingModel::absenceReason() const
{
    if (m_asleepAt)
        return NaturalBreakReason::Asleep;
    if (m_lockedAt)
        return NaturalBreakReason::Locked;
    return NaturalBreakReason::Idle;
}

void SittingModel::evaluate(MonoTime now, Effects& out)
{
    if (m_pausedUntil && now >= *m_pausedUntil) {
        m_pausedUntil.reset();
        record(Kind::Resumed, now, out);
        out.push_back(effect::StateChanged{});
    }

    // Back first, then away again: one input long ago, and nothing since, is both.
    // In a call the user is at the desk, touching the keyboard or not: no natural break while
    // a call holds the reminder (a lock or a sleep still is one).
    // (Kept apart from input: after the call, a pause in typing is measured from real input.)
    if (m_phase == Phase::Sitting && callHeld())
        m_callPresentAt = now;

    if (m_phase == Phase::Away) {
        const bool back = !m_lockedAt && !m_asleepAt && (m_activeNow || m_lastActive > m_awaySince);
        if (back)
            comeBack(std::min(m_lastActive, now), out);
    }
    if (m_phase == Phase::Sitting) {
        const auto start = absenceStart(now);
        if (start && now - *start >= m_schedule.naturalBreak)
            goAway(*start, absenceReason(), out);
    }

    if (m_phase == Phase::Sitting) {
        if (!m_overload && now - m_sittingSince >= m_schedule.overloadAfter) {
            m_overload = true;
            out.push_back(effect::StateChanged{});
        }
        offerScheduled(now, out);
        if (now >= m_nextReminderAt && (!m_recheckAt || now >= *m_recheckAt)) {
            MonoTime recheck = kNever;
            if (remindersAllowed(now, &recheck)) {
                m_recheckAt.reset();
                if (!m_due) {
                    m_due = true;
                    out.push_back(effect::StateChanged{});
                }
                if (momentWaits(now, out)) {
                    updateNextCheck(now);
                    return;
                }
                const bool quiet = m_holdCapped && strongestHold();
                out.push_back(effect::Remind{m_shown, snoozesLeft(),
                                             m_claim ? m_claim->due.routine : QString(), quiet});
                record(Kind::Reminded, now, out);
                m_due = true;
                m_shown = true;
                m_reminderOpen = true;
                m_snoozed = false;
                m_nextReminderAt = now + m_schedule.remindAgain;
                out.push_back(effect::StateChanged{});
            } else {
                resetMoment(now, out); // nobody would see it: asked again when it may be shown
                m_recheckAt = recheck;
                if (!m_due) {
                    m_due = true; // due, but held back until pause or off-hours end
                    out.push_back(effect::StateChanged{});
                }
            }
        }
    }
    // The detectors are asked again whenever watching starts again (e.g. after a snooze).
    if (!status().watchHolds)
        m_holdsAsked = false;
    updateNextCheck(now);
}

bool SittingModel::momentWaits(MonoTime now, Effects& out)
{
    const auto& moment = m_schedule.moment;
    m_momentWait.reset();
    if (moment.watchesHolds()) {
        if (!m_holdsAsked) {
            m_holdsAsked = true;
            m_holdAnswerBy = now + kHoldAnswer;
        }
        if (m_holdAnswerBy && now < *m_holdAnswerBy) {
            m_momentWait = *m_holdAnswerBy;
            return true;
        }
        m_holdAnswerBy.reset();
    }
    if (const auto hold = strongestHold(); hold && !m_holdCapped) {
        if (!m_heldSince) {
            m_heldSince = now;
            m_heldFor = *hold;
            out.push_back(effect::StateChanged{});
        } else if (*hold < m_heldFor) {
            m_heldFor = *hold; // kHoldReasons order: the stronger reason is named
        }
        if (now - *m_heldSince < moment.maxHold) {
            m_momentWait = *m_heldSince + moment.maxHold;
            return true;
        }
        endHold(now, out); // held long enough: it comes now, quietly
        m_holdCapped = true;
    }
    if (moment.pauseBeforeRemind.count() > 0) {
        const milliseconds paused = m_activeNow ? milliseconds(0) : now - m_lastActive;
        if (paused < moment.pauseBeforeRemind) {
            if (!m_pauseWaitSince) {
                m_pauseWaitSince = now;
                out.push_back(effect::StateChanged{});
            }
            const MonoTime giveUp = *m_pauseWaitSince + moment.waitForPause;
            if (now < giveUp) {
                // A push source says when the pause comes; a polled one is asked again when
                // it could have.
                m_momentWait = m_activeNow
                                   ? giveUp
                                   : std::min(giveUp, m_lastActive + moment.pauseBeforeRemind);
                return true;
            }
        }
    }
    if (m_pauseWaitSince) {
        m_pauseWaitSince.reset();
        out.push_back(effect::StateChanged{});
    }
    return false;
}

MonoTime SittingModel::presentAt() const
{
    return std::max(m_lastActive, m_callPresentAt);
}

std::optional<HoldReason> SittingModel::strongestHold() const
{
    for (const HoldReason r : m_holds)
        if (m_schedule.moment.watches(r))
            return r;
    return std::nullopt;
}

bool SittingModel::callHeld() const
{
    if (!m_heldSince || m_holdCapped)
        return false;
    return std::any_of(m_holds.begin(), m_holds.end(),
                       [this](HoldReason r) { return isCall(r) && m_schedule.moment.watches(r); });
}

void SittingModel::endHold(MonoTime now, Effects& out)
{
    if (!m_heldSince)
        return;
    now = std::max(now, *m_heldSince);
    HistoryEvent e{Kind::Held, wallAt(now), wallAt(*m_heldSince), secs(now - *m_heldSince)};
    e.hold = m_heldFor;
    out.push_back(effect::Record{e});
    m_heldSince.reset();
    out.push_back(effect::StateChanged{});
}

void SittingModel::resetMoment(MonoTime now, Effects& out)
{
    endHold(now, out);
    m_holdsAsked = false;
    m_holdAnswerBy.reset();
    m_holdCapped = false;
    m_pauseWaitSince.reset();
    m_momentWait.reset();
}

bool SittingModel::remindersAllowed(MonoTime now, MonoTime* recheckAt)
{
    // Nobody sees a reminder on a locked screen or a sleeping machine: it waits for the
    // unlock or the wake-up (which re-evaluate at once), or turns into a natural break.
    if (m_lockedAt || m_asleepAt) {
        *recheckAt = kNever;
        return false;
    }
    if (m_pausedUntil) {
        *recheckAt = *m_pausedUntil;
        return false;
    }
    if (m_claim) // a scheduled routine comes at the time the user chose, working hours or not
        return true;
    const QDateTime wall = m_clock.wall();
    if (m_schedule.workingHours.contains(wall))
        return true;
    const auto next = m_schedule.workingHours.nextStart(wall);
    milliseconds wait = kHoursRecheck;
    if (next)
        wait = std::clamp(milliseconds(wall.msecsTo(*next)), milliseconds(1000), kHoursRecheck);
    *recheckAt = now + wait;
    return false;
}

void SittingModel::goAway(MonoTime start, NaturalBreakReason reason, Effects& out)
{
    const MonoTime spanEnd = std::max(start, m_sittingSince);
    if (spanEnd > m_sittingSince)
        out.push_back(effect::Record{{Kind::SittingSpan, wallAt(spanEnd), wallAt(m_sittingSince)}});
    if (m_reminderOpen)
        out.push_back(effect::CloseReminder{});
    resetMoment(start, out); // a hold ends where the absence began
    m_phase = Phase::Away;
    m_awaySince = start;
    m_awayReason = reason;
    m_reminderOpen = false;
    m_due = false;
    m_shown = false;
    m_snoozed = false;
    m_snoozesUsed = 0;
    m_overload = false;
    m_recheckAt.reset();
    m_claim.reset(); // offered again when back, if its window is still open
    out.push_back(effect::StateChanged{});
}

void SittingModel::comeBack(MonoTime at, Effects& out)
{
    HistoryEvent e{Kind::NaturalBreak, wallAt(at), wallAt(m_awaySince)};
    e.reason = m_awayReason;
    e.seconds = secs(at - m_awaySince);
    out.push_back(effect::Record{e});
    startSitting(at);
    out.push_back(effect::StateChanged{});
}

void SittingModel::startSitting(MonoTime at)
{
    m_phase = Phase::Sitting;
    m_sittingSince = at;
    m_nextReminderAt = at + m_schedule.interval;
    m_due = false;
    m_shown = false;
    m_reminderOpen = false;
    m_snoozed = false;
    m_snoozesUsed = 0;
    m_overload = false;
    m_recheckAt.reset();
    m_claim.reset();
}

void SittingModel::offerScheduled(MonoTime now, Effects& out)
{
    if (!m_claim && m_routines.empty())
        return;
    const QDateTime wall = m_clock.wall();
    if (m_claim && wall >= m_claim->due.until)
        dropScheduled(now, out);
    // Held while nobody would see it (locked, asleep, paused); offered after, in its window.
    if (m_claim || m_lockedAt || m_asleepAt || m_pausedUntil)
        return;
    const auto due = m_routines.due(wall);
    if (!due)
        return;
    m_claim = Claim{*due, m_due ? std::nullopt : std::optional(m_nextReminderAt)};
    m_recheckAt.reset();
    if (!m_due)
        m_snoozesUsed = 0;
    // It takes the sitting reminder's place at once; a snooze the user asked for is kept.
    if (!m_snoozed) {
        m_shown = false;
        m_nextReminderAt = now;
    }
}

void SittingModel::dropScheduled(MonoTime now, Effects& out)
{
    // Its window closed unanswered: not again today, and the sitting break is on its own.
    m_routines.markDone(m_claim->due.routine, m_claim->due.day);
    const auto sittingAt = m_claim->sittingReminderAt;
    m_claim.reset();
    const bool wasOpen = m_reminderOpen;
    if (m_reminderOpen)
        out.push_back(effect::CloseReminder{});
    m_reminderOpen = false;
    m_shown = false;
    if (sittingAt) {
        m_due = false;
        m_snoozed = false;
        m_snoozesUsed = 0;
        m_nextReminderAt = *sittingAt;
    } else if (wasOpen) {
        m_nextReminderAt = now; // the sitting break's own reminder instead
    }
    out.push_back(effect::StateChanged{});
}

void SittingModel::updateNextCheck(MonoTime now)
{
    MonoTime next = kNever;
    if (m_phase == Phase::Sitting) {
        if (!m_overload)
            next = std::min(next, m_sittingSince + m_schedule.overloadAfter);
        const bool reached = m_nextReminderAt <= now;
        next = std::min(next, reached && m_recheckAt    ? *m_recheckAt
                              : reached && m_momentWait ? *m_momentWait
                                                        : m_nextReminderAt);
        // The next scheduled routine's window opens or closes (rechecked hourly: the wall
        // clock may jump).
        if (m_claim || !m_routines.empty()) {
            const QDateTime wall = m_clock.wall();
            const bool unseen = m_lockedAt || m_asleepAt || m_pausedUntil; // each ends in an input
            const auto when = m_claim ? std::optional(m_claim->due.until)
                              : !unseen && m_routines.due(wall)
                                  ? std::optional(wall) // e.g. a late start
                                  : m_routines.nextStart(wall);
            if (when)
                next = std::min(next, now + std::clamp(milliseconds(wall.msecsTo(*when)),
                                                       milliseconds(0), kHoursRecheck));
        }
    }
    if (m_pausedUntil)
        next = std::min(next, *m_pausedUntil);
    m_nextCheck = next;
}

MonoTime SittingModel::nextWakeUp() const
{
    MonoTime next = m_nextCheck;
    if (m_phase == Phase::Sitting)
        if (const auto start = absenceStart(m_lastInput))
            next = std::min(next, *start + m_schedule.naturalBreak);
    // Without a call for longer than natural_break the model assumes a sleep; stay well inside.
    return std::min(next, m_lastInput + m_schedule.naturalBreak / 2);
}

int SittingModel::snoozesLeft() const
{
    if (m_schedule.maxSnoozes == 0)
        return -1;
    return std::max(0, m_schedule.maxSnoozes - m_snoozesUsed);
}

QDateTime SittingModel::wallAt(MonoTime t) const
{
    return m_clock.wall().addMSecs(-(m_clock.monotonic() - t).count());
}

void SittingModel::record(Kind kind, MonoTime at, Effects& out)
{
    out.push_back(effect::Record{{kind, wallAt(at), {}}});
}

SittingModel::Status SittingModel::status() const
{
    const MonoTime now = m_clock.monotonic();
    Status s;
    s.phase = m_phase;
    if (m_phase == Phase::Sitting)
        s.sitting = secs(now - m_sittingSince);
    else if (m_phase == Phase::OnBreak && !m_breakFromAway)
        s.sitting = secs(m_breakStartedAt - m_sittingSince);
    if (s.sitting.count() > 0)
        s.sittingSince = wallAt(m_sittingSince);
    s.untilReminder = m_phase == Phase::Away
                          ? secs(m_schedule.interval)
                          : std::max(std::chrono::seconds(0), secs(m_nextReminderAt - now));
    if (m_due && !m_snoozed)
        s.untilReminder = std::chrono::seconds(0);
    s.overload = m_phase == Phase::Sitting && now - m_sittingSince >= m_schedule.overloadAfter;
    s.due = m_due;
    s.reminderOpen = m_reminderOpen;
    s.snoozed = m_snoozed;
    s.snoozesUsed = m_snoozesUsed;
    s.snoozesLeft = snoozesLeft();
    if (m_pausedUntil)
        s.pausedUntil = wallAt(*m_pausedUntil);
    if (m_claim)
        s.reminderRoutine = m_claim->due.routine;
    if (m_phase == Phase::OnBreak)
        s.breakRoutine = m_breakRoutine;
    // A reminder is wanted now (or is up): what would hold it must be known.
    s.watchHolds = m_phase == Phase::Sitting && m_due && !m_recheckAt && !m_pausedUntil &&
                   m_schedule.moment.watchesHolds() && (m_reminderOpen || now >= m_nextReminderAt);
    for (const HoldReason r : m_holds)
        if (m_schedule.moment.watches(r))
            s.holds.append(r);
    if (m_heldSince && !m_holdCapped && !s.holds.isEmpty()) {
        s.heldBy = s.holds.first();
        s.heldSince = wallAt(*m_heldSince);
    }
    s.holdCapped = m_holdCapped && !s.holds.isEmpty();
    s.waitingForPause = m_pauseWaitSince.has_value();
    return s;
}

// ---- restart -------------------------------------------------------------------------

SittingSnapshot SittingModel::snapshot() const
{
    const MonoTime now = m_clock.monotonic();
    SittingSnapshot s;
    s.savedAt = m_clock.wall().toUTC();
    s.phase = m_phase;
    if (m_phase == Phase::Sitting)
        s.sitting = now - m_sittingSince;
    else if (m_phase == Phase::OnBreak && !m_breakFromAway)
        s.sitting = m_breakStartedAt - m_sittingSince;
    if (m_phase == Phase::Away)
        s.away = now - m_awaySince;
    s.untilReminder = m_nextReminderAt - now;
    s.due = m_due;
    s.snoozesUsed = m_snoozesUsed;
    if (m_pausedUntil)
        s.pausedUntil = wallAt(*m_pausedUntil).toUTC();
    s.routinesDone = m_routines.done();
    return s;
}

Effects SittingModel::restore(const SittingSnapshot& s)
{
    const MonoTime now = m_clock.monotonic();
    const QDateTime wallNow = m_clock.wall();
    Effects out;
    // A clock that went back makes the gap unknown: count it as none.
    const milliseconds gap(std::max<qint64>(0, s.savedAt.msecsTo(wallNow)));
    m_lastInput = now;
    m_activeNow = false;
    m_lockedAt.reset();
    m_asleepAt.reset();
    m_routines.setDone(s.routinesDone);

    if (s.phase == Phase::Away || gap >= m_schedule.naturalBreak) {
        if (s.phase != Phase::Away && s.sitting.count() > 0) {
            const QDateTime savedAt = s.savedAt.toLocalTime();
            out.push_back(
                effect::Record{{Kind::SittingSpan, savedAt, savedAt.addMSecs(-s.sitting.count())}});
        }
        startSitting(now);
        m_phase = Phase::Away;
        m_awaySince = now - gap - (s.phase == Phase::Away ? s.away : milliseconds(0));
        m_awayReason =
            s.phase == Phase::Away ? NaturalBreakReason::Idle : NaturalBreakReason::Asleep;
        m_lastActive = m_awaySince;
    } else {
        // Back within natural_break: the gap counts as sitting, as idle time below it does.
        startSitting(now - gap - s.sitting);
        m_nextReminderAt =
            std::max(now + s.untilReminder - gap, m_sittingSince + m_schedule.interval);
        m_due = s.due;
        m_snoozesUsed = s.snoozesUsed;
        m_lastActive = now;
    }
    m_pausedUntil.reset();
    if (s.pausedUntil && *s.pausedUntil > wallNow)
        m_pausedUntil = now + std::min(milliseconds(wallNow.msecsTo(*s.pausedUntil)),
                                       milliseconds(limits::kMaxPause));
    out.push_back(effect::StateChanged{});
    evaluate(now, out);
    return out;
}

} // namespace deskbreak::core
