// Stats per local day, checked against numbers worked out by hand.
#include "core/DailyStats.h"

#include <QTimeZone>
#include <algorithm>
#include <doctest/doctest.h>

using namespace deskbreak::core;
using namespace std::chrono_literals;
using Kind = HistoryEvent::Kind;

namespace {
QDateTime local(int day, int h, int m)
{
    return QDateTime(QDate(2026, 3, day), QTime(h, m));
}
HistoryEvent span(QDateTime from, QDateTime to)
{
    return {Kind::SittingSpan, to, from};
}
HistoryEvent at(Kind k, QDateTime when)
{
    return {k, when, {}};
}
HistoryEvent natural(QDateTime from, QDateTime to)
{
    HistoryEvent e{Kind::NaturalBreak, to, from};
    e.seconds = std::chrono::seconds(from.secsTo(to));
    return e;
}
} // namespace

TEST_CASE("a hand-computed day")
{
    // Monday 2 March: 08:00-09:10 sitting (70 min: 40 past a 30 min overload), a completed
    // break, 09:13-09:43 sitting (30 min, none past), a natural break 09:43-10:00,
    // 10:00-10:50 (50 min: 20 past), one reminder snoozed then skipped.
    const QList<HistoryEvent> events = {
        span(local(2, 8, 0), local(2, 9, 10)),   at(Kind::Reminded, local(2, 9, 0)),
        at(Kind::BreakStarted, local(2, 9, 10)), at(Kind::BreakCompleted, local(2, 9, 13)),
        span(local(2, 9, 13), local(2, 9, 43)),  natural(local(2, 9, 43), local(2, 10, 0)),
        span(local(2, 10, 0), local(2, 10, 50)), at(Kind::Reminded, local(2, 10, 40)),
        at(Kind::Snoozed, local(2, 10, 40)),     at(Kind::Skipped, local(2, 10, 50)),
    };
    const auto days = dailyStats(events, QDate(2026, 3, 1), QDate(2026, 3, 2), 30min);
    REQUIRE(days.size() == 2);
    CHECK(days[0] == DayStats{QDate(2026, 3, 1)}); // an empty Sunday
    const DayStats& d = days[1];
    CHECK(d.sitting == 150min);
    CHECK(d.longestSitting == 70min);
    CHECK(d.overload == 60min);
    CHECK(d.reminders == 2);
    CHECK(d.breaksCompleted == 1);
    CHECK(d.snoozed == 1);
    CHECK(d.skipped == 1);
    CHECK(d.naturalBreaks == 1);
    CHECK(d.naturalBreakTime == 17min);
}

TEST_CASE("a sitting stretch across midnight is split at local midnight")
{
    const auto days = dailyStats({span(local(2, 23, 30), local(3, 0, 45))}, QDate(2026, 3, 2),
                                 QDate(2026, 3, 3), 30min);
    REQUIRE(days.size() == 2);
    CHECK(days[0].sitting == 30min);
    CHECK(days[0].overload == 0min);
    CHECK(days[1].sitting == 45min);
    CHECK(days[1].overload == 45min); // the stretch passed 30 min at midnight
    CHECK(days[1].longestSitting == 45min);
}

TEST_CASE("days outside the range are left out, events before the first day do not count")
{
    const auto days =
        dailyStats({at(Kind::Reminded, local(1, 12, 0)), at(Kind::Reminded, local(5, 12, 0))},
                   QDate(2026, 3, 2), QDate(2026, 3, 4), 30min);
    REQUIRE(days.size() == 3);
    for (const DayStats& d : days)
        CHECK(d.reminders == 0);
}

TEST_CASE("a DST change day: the wall clock and the real time differ, the stats use real time")
{
    const QByteArray oldTz = qgetenv("TZ");
    qputenv("TZ", "Europe/Berlin");
    tzset();
    // 29 March 2026: clocks go from 02:00 to 03:00. 01:30 to 03:30 on the wall is one real hour.
    const QDateTime from(QDate(2026, 3, 29), QTime(1, 30));
    const QDateTime to(QDate(2026, 3, 29), QTime(3, 30));
    REQUIRE(from.secsTo(to) == 3600);
    const auto days = dailyStats({span(from, to)}, QDate(2026, 3, 29), QDate(2026, 3, 29), 30min);
    CHECK(days[0].sitting == 60min);
    CHECK(days[0].overload == 30min);
    // 25 October 2026: clocks go back; a stretch from 22:00 on the 24th to 02:00 on the 25th
    // is 5 real hours, 2 on the 24th and 3 on the 25th.
    const auto autumn =
        dailyStats({span(QDateTime(QDate(2026, 10, 24), QTime(22, 0)),
                         QDateTime(QDate(2026, 10, 25), QTime(4, 0)).addSecs(-2 * 3600))},
                   QDate(2026, 10, 24), QDate(2026, 10, 25), 30min);
    CHECK(autumn[0].sitting == 2h);
    CHECK(autumn[1].sitting == 3h);
    if (oldTz.isEmpty())
        qunsetenv("TZ");
    else
        qputenv("TZ", oldTz);
    tzset();
}

TEST_CASE("adherence: each reminder's first answer, on the reminder's day")
{
    // Reminded 09:00, snoozed; again 09:10, a break; 10:00 ignored and again 10:10 (remind
    // again), skipped; 11:00 then away (a natural break); 23:59 answered after midnight.
    const QList<HistoryEvent> events = {
        at(Kind::Reminded, local(2, 9, 0)),        at(Kind::Snoozed, local(2, 9, 0)),
        at(Kind::Reminded, local(2, 9, 10)),       at(Kind::BreakStarted, local(2, 9, 11)),
        at(Kind::BreakCompleted, local(2, 9, 14)), at(Kind::Reminded, local(2, 10, 0)),
        at(Kind::Reminded, local(2, 10, 10)),      at(Kind::Skipped, local(2, 10, 12)),
        at(Kind::Reminded, local(2, 11, 0)),       natural(local(2, 11, 2), local(2, 11, 20)),
        at(Kind::BreakStarted, local(2, 12, 0)), // by hand, no reminder waiting: no answer
        at(Kind::Skipped, local(2, 12, 30)),     // the next break skipped ahead: no answer
        at(Kind::Reminded, local(2, 23, 59)),      at(Kind::BreakStarted, local(3, 0, 1)),
    };
    // Out of order on purpose: the answers follow time, not the list.
    QList<HistoryEvent> shuffled = events;
    std::reverse(shuffled.begin(), shuffled.end());
    const auto days = dailyStats(shuffled, QDate(2026, 3, 2), QDate(2026, 3, 3), 30min);
    REQUIRE(days.size() == 2);
    const DayStats& d = days[0];
    CHECK(d.reminders == 6);
    CHECK(d.remindersSnoozed == 1);
    CHECK(d.remindersToBreak == 2); // 09:10, and 23:59 (answered the next day)
    CHECK(d.remindersSkipped == 1);
    CHECK(days[1].reminders == 0);
    CHECK(days[1].remindersToBreak == 0);

    const Adherence a = adherence(days);
    CHECK(a.reminders == 6);
    CHECK(a.unanswered() == 2); // 10:00 (came again), 11:00 (went away)
    CHECK(a.percent(a.toBreak) == 33);
    CHECK(a.percent(a.snoozed) == 17);
    CHECK(Adherence{}.percent(0) == 0);
}

TEST_CASE("averages leave out the days with nothing recorded, and say over how many")
{
    // A week in which only Monday and Wednesday have data: 2 h and 1 h of sitting.
    const QList<HistoryEvent> events = {
        span(local(2, 9, 0), local(2, 11, 0)),     at(Kind::BreakCompleted, local(2, 10, 0)),
        at(Kind::BreakCompleted, local(2, 11, 0)), span(local(4, 9, 0), local(4, 10, 0)),
        at(Kind::NaturalBreak, local(4, 10, 30)),
    };
    const auto days = dailyStats(events, QDate(2026, 3, 1), QDate(2026, 3, 7), 30min);
    REQUIRE(days.size() == 7);
    CHECK_FALSE(days[0].hasData());
    CHECK(days[1].hasData());
    const DayAverage a = averageOverDaysWithData(days);
    CHECK(a.days == 2);
    CHECK(a.sitting == 90min); // not 3 h / 7
    CHECK(a.longestSitting == 90min);
    CHECK(a.breaksCompleted == doctest::Approx(1.0));
    CHECK(a.naturalBreaks == doctest::Approx(0.5));

    // A day with a reminder and nothing else has data too; an empty range has none.
    CHECK(DayStats{QDate(2026, 3, 1), {}, {}, {}, 1}.hasData());
    CHECK(
        averageOverDaysWithData(dailyStats({}, QDate(2026, 3, 1), QDate(2026, 3, 7), 30min)).days ==
        0);
}
