// Stats per local day, checked against numbers worked out by hand.
#include "core/DailyStats.h"

#include <QTimeZone>
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
