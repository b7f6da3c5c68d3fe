// Scripted days against a fake clock, compared row by row with what must happen.
// A missing row and an unexpected row both fail.
#include "support/Timeline.h"

#include "support/Schedules.h"

#include <doctest/doctest.h>

using namespace deskbreak;
using namespace deskbreak::test;
using core::SittingModel;

TEST_CASE(
    "a working day: reading, reminders, snooze, a break, a lock, a skip, a clock jump, a night")
{
    FakeClock clock; // Monday 08:00
    SittingModel model(clock, defaultSchedule());
    Timeline day(clock, model);

    day.active(55min);
    day.idle(3min); // reading: still sitting
    day.active(2min);
    day.active(5min); // ignores the reminder
    day.act([](SittingModel& m) { return m.snooze(); });
    day.active(10min);
    day.act([](SittingModel& m) { return m.startBreak(); });
    day.idle(3min);
    day.act([](SittingModel& m) { return m.endBreak(true); });
    day.active(40min);
    day.locked(12min); // lunch
    day.active(60min);
    day.act([](SittingModel& m) { return m.skip(); });
    day.active(30min);
    day.jumpWall(-1h); // the clock is set back an hour
    day.active(30min);
    day.asleep(14h); // the laptop sleeps overnight, reminder still up
    day.active(61min);

    const QList<Timeline::Row> expected = {
        {"+01:00:00", "remind(snoozes=3)"},
        {"+01:00:00", "record(reminded)"},
        {"+01:05:00", "remind(again, snoozes=3)"},
        {"+01:05:00", "record(reminded)"},
        {"+01:05:00", "close_reminder"},
        {"+01:05:00", "record(snoozed)"},
        {"+01:15:00", "remind(again, snoozes=2)"},
        {"+01:15:00", "record(reminded)"},
        {"+01:15:00", "close_reminder"},
        {"+01:15:00", "record(break_started)"},
        {"+01:15:00", "open_break"},
        {"+01:18:00", "record(break_completed, 180s)"},
        {"+01:18:00", "close_break"},
        {"+01:18:00", "record(sitting, 4500s)"},
        {"+02:03:00", "record(sitting, 2400s)"},
        {"+02:10:00", "record(natural_break, locked, 720s)"},
        {"+03:10:00", "remind(snoozes=3)"},
        {"+03:10:00", "record(reminded)"},
        {"+03:10:00", "close_reminder"},
        {"+03:10:00", "record(skipped)"},
        {"+04:10:00", "remind(snoozes=3)"},
        {"+04:10:00", "record(reminded)"},
        {"+18:10:00", "record(sitting, 7200s)"},
        {"+18:10:00", "close_reminder"},
        {"+18:10:00", "record(natural_break, asleep, 50400s)"},
        {"+19:10:00", "remind(snoozes=3)"},
        {"+19:10:00", "record(reminded)"},
    };
    const QString diff = diffTimeline(expected, day.log());
    CHECK_MESSAGE(diff.isEmpty(), diff.toStdString());
}

TEST_CASE("a day with working hours 09:00-17:00: nothing before, nothing after")
{
    auto schedule = defaultSchedule();
    QString error;
    schedule.workingHours =
        *core::WorkingHours::parse("09:00-17:00", std::bitset<7>{}.set(), &error);
    FakeClock clock(QDateTime(QDate(2026, 3, 2), QTime(7, 0), Qt::UTC));
    SittingModel model(clock, schedule);
    Timeline day(clock, model);

    day.active(2h + 30min); // 07:00-09:30: due at 08:00, held back until 09:00
    day.act([](SittingModel& m) { return m.startBreak(); });
    day.idle(3min);
    day.act([](SittingModel& m) { return m.endBreak(true); });
    day.active(7h); // 09:33-16:33: reminders at 10:33 ... 16:33
    day.act([](SittingModel& m) { return m.skip(); });
    day.active(3h); // 16:33-19:33: the next one would be 17:33, after hours

    const QList<Timeline::Row> expected = {
        {"+02:00:00", "remind(snoozes=3)"},
        {"+02:00:00", "record(reminded)"},
        {"+02:05:00", "remind(again, snoozes=3)"},
        {"+02:05:00", "record(reminded)"},
        {"+02:10:00", "remind(again, snoozes=3)"},
        {"+02:10:00", "record(reminded)"},
        {"+02:15:00", "remind(again, snoozes=3)"},
        {"+02:15:00", "record(reminded)"},
        {"+02:20:00", "remind(again, snoozes=3)"},
        {"+02:20:00", "record(reminded)"},
        {"+02:25:00", "remind(again, snoozes=3)"},
        {"+02:25:00", "record(reminded)"},
        {"+02:30:00", "remind(again, snoozes=3)"},
        {"+02:30:00", "record(reminded)"},
        {"+02:30:00", "close_reminder"},
        {"+02:30:00", "record(break_started)"},
        {"+02:30:00", "open_break"},
        {"+02:33:00", "record(break_completed, 180s)"},
        {"+02:33:00", "close_break"},
        {"+02:33:00", "record(sitting, 9000s)"},
    };
    QList<Timeline::Row> firstPart;
    for (const auto& row : day.log())
        if (row.at <= "+02:33:00")
            firstPart.append(row);
    const QString diff = diffTimeline(expected, firstPart);
    CHECK_MESSAGE(diff.isEmpty(), diff.toStdString());

    int afterHours = 0, reminders = 0;
    for (const auto& row : day.log()) {
        reminders += row.effect.startsWith("remind(");
        afterHours += row.effect.startsWith("remind(") && row.at > "+10:00:00"; // after 17:00
    }
    CHECK(afterHours == 0);
    CHECK(reminders > 7);
}
