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

    bool operator==(const DayStats&) const = default;
};

// Splits events into the local days [first, last], oldest first. Sitting spans that
// cross midnight are split at local midnight (DST days are 23 or 25 hours long).
QList<DayStats> dailyStats(const QList<HistoryEvent>& events, QDate first, QDate last,
                           std::chrono::seconds overloadAfter);

} // namespace deskbreak::core
