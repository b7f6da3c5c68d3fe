#include "core/DailyStats.h"

#include <algorithm>
#include <cmath>

namespace deskbreak::core {

using std::chrono::seconds;

namespace {

// Each reminder's answer, in time order: the first break start, snooze or skip after it and
// before the next reminder. Going away or pausing leaves it unanswered.
template <typename DayOf> void answerReminders(const QList<HistoryEvent>& events, DayOf dayOf)
{
    using Kind = HistoryEvent::Kind;
    QList<const HistoryEvent*> timeline;
    for (const HistoryEvent& e : events)
        if (e.kind != Kind::SittingSpan)
            timeline.append(&e);
    // In the same second, a reminder comes before its answer (a snooze from its buttons).
    const auto rank = [](const HistoryEvent* e) { return e->kind == Kind::Reminded ? 0 : 1; };
    std::stable_sort(timeline.begin(), timeline.end(),
                     [&](const HistoryEvent* a, const HistoryEvent* b) {
                         return a->at != b->at ? a->at < b->at : rank(a) < rank(b);
                     });
    DayStats* waiting = nullptr; // the day of the reminder waiting for an answer
    for (const HistoryEvent* e : timeline) {
        switch (e->kind) {
        case Kind::Reminded:
            waiting = dayOf(e->at.toLocalTime().date());
            break;
        case Kind::BreakStarted:
            if (waiting)
                ++waiting->remindersToBreak;
            waiting = nullptr;
            break;
        case Kind::Snoozed:
            if (waiting)
                ++waiting->remindersSnoozed;
            waiting = nullptr;
            break;
        case Kind::Skipped:
            if (waiting)
                ++waiting->remindersSkipped;
            waiting = nullptr;
            break;
        case Kind::NaturalBreak:
        case Kind::Paused:
            waiting = nullptr;
            break;
        case Kind::BreakCompleted:
        case Kind::BreakEndedEarly:
        case Kind::Resumed:
        case Kind::SittingSpan:
        case Kind::Held:
            break;
        }
    }
}

} // namespace

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
        case Kind::Held:
            ++(isCall(e.hold) ? day->heldForCalls : day->heldOther);
            day->heldTime += e.seconds;
            break;
        case Kind::BreakStarted:
        case Kind::Paused:
        case Kind::Resumed:
        case Kind::SittingSpan:
            break;
        }
    }
    answerReminders(events, dayOf);
    return days;
}

bool DayStats::hasData() const
{
    return sitting > seconds::zero() || reminders > 0 || breaksCompleted > 0 ||
           breaksEndedEarly > 0 || snoozed > 0 || skipped > 0 || naturalBreaks > 0;
}

DayAverage averageOverDaysWithData(const QList<DayStats>& days)
{
    DayAverage a;
    for (const DayStats& d : days) {
        if (!d.hasData())
            continue;
        ++a.days;
        a.sitting += d.sitting;
        a.longestSitting += d.longestSitting;
        a.overload += d.overload;
        a.reminders += d.reminders;
        a.breaksCompleted += d.breaksCompleted;
        a.breaksEndedEarly += d.breaksEndedEarly;
        a.snoozed += d.snoozed;
        a.skipped += d.skipped;
        a.naturalBreaks += d.naturalBreaks;
        a.heldForCalls += d.heldForCalls;
    }
    if (a.days == 0)
        return a;
    const int n = a.days;
    a.sitting /= n;
    a.longestSitting /= n;
    a.overload /= n;
    for (double* v : {&a.reminders, &a.breaksCompleted, &a.breaksEndedEarly, &a.snoozed, &a.skipped,
                      &a.naturalBreaks, &a.heldForCalls})
        *v /= n;
    return a;
}

Adherence adherence(const QList<DayStats>& days)
{
    Adherence a;
    for (const DayStats& d : days) {
        a.reminders += d.reminders;
        a.toBreak += d.remindersToBreak;
        a.snoozed += d.remindersSnoozed;
        a.skipped += d.remindersSkipped;
    }
    return a;
}

int Adherence::percent(int count) const
{
    return reminders > 0 ? int(std::lround(100.0 * count / reminders)) : 0;
}

} // namespace deskbreak::core
