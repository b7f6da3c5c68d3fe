#include "core/DailyStats.h"

#include <algorithm>

namespace deskbreak::core {

using std::chrono::seconds;

QList<DayStats> dailyStats(const QList<HistoryEvent>& events, QDate first, QDate last,
                           seconds overloadAfter)
{
    QList<DayStats> days;
    if (!first.isValid() || !last.isValid() || first > last)
        return days;
    for (QDate d = first; d <= last; d = d.addDays(1))
        days.append({d});
    auto dayOf = [&](const QDate& d) -> DayStats* {
        const qint64 i = first.daysTo(d);
        return i >= 0 && i < days.size() ? &days[i] : nullptr;
    };

    for (const HistoryEvent& e : events) {
        using Kind = HistoryEvent::Kind;
        const QDateTime at = e.at.toLocalTime();
        if (e.kind == Kind::SittingSpan) {
            // Walk the span day by day; overload is what lies past overloadAfter from its start.
            const QDateTime start = e.start.toLocalTime();
            const QDateTime overloadFrom = start.addSecs(overloadAfter.count());
            QDateTime from = start;
            while (from < at) {
                const QDateTime midnight(from.date().addDays(1), QTime(0, 0));
                const QDateTime to = std::min(at, midnight);
                if (DayStats* day = dayOf(from.date())) {
                    const seconds part(from.secsTo(to));
                    day->sitting += part;
                    day->longestSitting = std::max(day->longestSitting, part);
                    if (to > overloadFrom)
                        day->overload += seconds(std::max(from, overloadFrom).secsTo(to));
                }
                from = to;
            }
            continue;
        }
        DayStats* day = dayOf(at.date());
        if (!day)
            continue;
        switch (e.kind) {
        case Kind::Reminded:
            ++day->reminders;
            break;
        case Kind::Snoozed:
            ++day->snoozed;
            break;
        case Kind::Skipped:
            ++day->skipped;
            break;
        case Kind::BreakCompleted:
            ++day->breaksCompleted;
            break;
        case Kind::BreakEndedEarly:
            ++day->breaksEndedEarly;
            break;
        case Kind::NaturalBreak:
            ++day->naturalBreaks;
            day->naturalBreakTime += e.seconds;
            break;
        case Kind::BreakStarted:
        case Kind::Paused:
        case Kind::Resumed:
        case Kind::SittingSpan:
            break;
        }
    }
    return days;
}

} // namespace deskbreak::core
