#pragma once

#include "core/Effect.h"

#include <QDate>
#include <QList>
#include <chrono>

namespace deskbreak::core {

// One local calendar day of history, as the stats window and `deskbreak stats` show it.
struct DayStats {
    QDate date;
    std::chrono::seconds sitting{};        // all sitting that fell on this day
    std::chrono::seconds longestSitting{}; // the longest continuous stretch (its part on this day)
    std::chrono::seconds overload{};       // sitting past overload_after, within each stretch
    int reminders = 0;
    int breaksCompleted = 0;
    int breaksEndedEarly = 0;
    int snoozed = 0;
    int skipped = 0;
    int naturalBreaks = 0;
    std::chrono::seconds naturalBreakTime{};
    // What became of this day's reminders: the user's first answer before the next one came
    // (a break started, a snooze, a skip); the rest went unanswered (ignored, or away).
    int remindersToBreak = 0;
    int remindersSnoozed = 0;
    int remindersSkipped = 0;
    // [moment]: reminders held back while due, for a call (camera, microphone) or for a
    // fullscreen window or do-not-disturb; and for how long in all.
    int heldForCalls = 0;
    int heldOther = 0;
    std::chrono::seconds heldTime{};

    // Anything at all was recorded that day: sitting, a reminder, a break, a natural break.
    bool hasData() const;
    bool operator==(const DayStats&) const = default;
};

// Splits events into the local days [first, last], oldest first. Sitting spans that
// cross midnight are split at local midnight (DST days are 23 or 25 hours long).
QList<DayStats> dailyStats(const QList<HistoryEvent>& events, QDate first, QDate last,
                           std::chrono::seconds overloadAfter);

// The mean of the days that have data (DayStats::hasData): days without any are left out,
// so a first day is not averaged with empty ones. `days` says over how many (0: none).
struct DayAverage {
    int days = 0;
    std::chrono::seconds sitting{};
    std::chrono::seconds longestSitting{};
    std::chrono::seconds overload{};
    double reminders = 0;
    double breaksCompleted = 0;
    double breaksEndedEarly = 0;
    double snoozed = 0;
    double skipped = 0;
    double naturalBreaks = 0;
    double heldForCalls = 0;
};
DayAverage averageOverDaysWithData(const QList<DayStats>& days);

// What became of the reminders of some days, summed (see DayStats::remindersToBreak).
struct Adherence {
    int reminders = 0;
    int toBreak = 0;
    int snoozed = 0;
    int skipped = 0;
    int unanswered() const { return reminders - toBreak - snoozed - skipped; }
    // `count` as a whole percentage of the reminders (0 when there were none).
    int percent(int count) const;
};
Adherence adherence(const QList<DayStats>& days);

} // namespace deskbreak::core
