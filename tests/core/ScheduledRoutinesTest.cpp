// Scheduled routines ([routines] morning = "08:30"): when their windows open and close, the
// config keys, and simulated days of the morning reminder against the sitting model, the
// cases where it comes late or not at all included. Missing and unexpected rows both fail.
#include "core/ScheduledRoutines.h"

#include "core/ConfigParser.h"
#include "core/SittingModel.h"
#include "support/FakeClock.h"
#include "support/Schedules.h"
#include "support/Timeline.h"

#include <doctest/doctest.h>

using namespace deskbreak;
using namespace deskbreak::test;
using core::ScheduledRoutines;
using core::SittingModel;
using Rows = QList<Timeline::Row>;

namespace {

const std::bitset<7> kWeekdays("0011111"); // Monday (bit 0) to Friday
const QDate kMonday(2026, 3, 2);

QDateTime at(QDate day, int hour, int minute = 0)
{
    return QDateTime(day, QTime(hour, minute), Qt::UTC);
}

// The shipped defaults, the morning routine at `time`, Monday to Friday.
core::Settings::Schedule morningAt(QTime time = QTime(8, 30), const QString& hours = {})
{
    auto s = defaultSchedule();
    s.routineTimes.insert(QStringLiteral("morning"), time);
    QString error;
    s.workingHours = *core::WorkingHours::parse(hours, kWeekdays, &error);
    return s;
}

// A day from `start` (Monday 08:00 unless told), its log compared with `expected`.
struct Day {
    explicit Day(core::Settings::Schedule s = morningAt(), QDateTime start = at(kMonday, 8))
        : clock(std::move(start))
        , model(clock, s)
        , timeline(clock, model)
    {
    }
    void check(const Rows& expected) const
    {
        const QString diff = diffTimeline(expected, timeline.log());
        CHECK_MESSAGE(diff.isEmpty(), diff.toStdString());
    }
    int reminders(const QString& routine) const
    {
        int n = 0;
        for (const auto& row : timeline.log())
            n += row.effect.startsWith(QStringLiteral("remind(%1, ").arg(routine));
        return n;
    }
    FakeClock clock;
    SittingModel model;
    Timeline timeline;
};

auto start = [](const QString& routine = {}) {
    return [routine](SittingModel& m) { return m.startBreak(routine); };
};
auto endCompleted = [](SittingModel& m) { return m.endBreak(true); };
auto snooze = [](SittingModel& m) { return m.snooze(); };
auto skip = [](SittingModel& m) { return m.skip(); };

QStringList errors(const core::ConfigResult& r)
{
    QStringList out;
    for (const core::Diagnostic& d : r.diagnostics)
        if (d.severity == core::Diagnostic::Severity::Error)
            out.append(d.toString());
    return out;
}

} // namespace

TEST_CASE("scheduled: a window opens at the time on working days and lasts two hours")
{
    ScheduledRoutines s({{"morning", QTime(8, 30)}, {"evening", QTime(23, 30)}}, kWeekdays);
    CHECK_FALSE(s.due(at(kMonday, 8, 29)));
    REQUIRE(s.due(at(kMonday, 8, 30)));
    CHECK(*s.due(at(kMonday, 8, 30)) ==
          ScheduledRoutines::Due{"morning", kMonday, at(kMonday, 8, 30), at(kMonday, 10, 30)});
    CHECK(s.due(at(kMonday, 10, 29))->routine == "morning");
    CHECK_FALSE(s.due(at(kMonday, 10, 30)));
    // The evening window runs past midnight and belongs to the day it opened.
    CHECK(s.due(at(kMonday.addDays(1), 1, 0))->day == kMonday);
    CHECK_FALSE(s.due(at(kMonday.addDays(1), 1, 30)));
    // Saturday is no working day; Friday's late window still runs into it.
    const QDate saturday = kMonday.addDays(5);
    CHECK_FALSE(s.due(at(saturday, 9, 0)));
    CHECK(s.due(at(saturday, 0, 30))->day == saturday.addDays(-1));
    CHECK_FALSE(s.due(at(saturday, 23, 45)));

    CHECK(s.nextStart(at(kMonday, 8, 0)) == at(kMonday, 8, 30));
    CHECK(s.nextStart(at(kMonday, 8, 30)) == at(kMonday, 23, 30));
    CHECK(s.nextStart(at(saturday.addDays(-1), 23, 30)) == at(saturday.addDays(2), 8, 30));
    CHECK_FALSE(ScheduledRoutines().nextStart(at(kMonday, 8)));
    CHECK_FALSE(ScheduledRoutines({{"morning", QTime(8, 30)}}, {}).nextStart(at(kMonday, 8)));
}

TEST_CASE("scheduled: done for a day means not offered again that day, but the next")
{
    ScheduledRoutines s({{"morning", QTime(8, 30)}}, kWeekdays);
    s.markDone("morning", kMonday);
    CHECK_FALSE(s.due(at(kMonday, 9, 0)));
    CHECK(s.due(at(kMonday.addDays(1), 9, 0))->day == kMonday.addDays(1));
    s.markDone("morning", kMonday.addDays(-3)); // an older day never moves it back
    CHECK(s.done().value("morning") == kMonday);
    CHECK(s.isDone("morning", kMonday));
    CHECK_FALSE(s.isDone("evening", kMonday));
}

TEST_CASE("scheduled: [routines] keys are HH:MM or \"\", and name routines that exist")
{
    const QStringList routines{"desk-break", "evening", "morning", "neck-posture"};
    auto r = core::parseConfig(
        "[routines]\nmorning = \"08:30\"\nevening = \"\"\nneck-posture = \"7:05\"\n", "c.toml",
        &routines);
    CHECK_MESSAGE(r.ok(), errors(r).join('\n').toStdString());
    const QMap<QString, QTime> expected{{"morning", QTime(8, 30)}, {"neck-posture", QTime(7, 5)}};
    CHECK(r.settings.schedule.routineTimes == expected);
    CHECK(core::defaultSettings().schedule.routineTimes.isEmpty()); // off by default

    r = core::parseConfig("[routines]\nmorning = \"8.30\"\nevening = \"24:00\"\n"
                          "nosuch = \"12:00\"\ndesk-break = 1230\n",
                          "c.toml", &routines);
    const QStringList e = errors(r);
    REQUIRE(e.size() == 4);
    CHECK(e[0].startsWith("c.toml:2:11: routines.morning = \"8.30\" is not a time of day; write "
                          "\"HH:MM\""));
    CHECK(e[1].startsWith("c.toml:3:11: routines.evening = \"24:00\" is not a time of day"));
    CHECK(e[2] == "c.toml:4:10: routines.nosuch: no routine named \"nosuch\"; the routines are: "
                  "desk-break, evening, morning, neck-posture");
    CHECK(e[3].startsWith("c.toml:5:14: routines.desk-break must be a time of day"));
    CHECK(r.settings == core::defaultSettings()); // nothing half-applied

    // A listed key is an error only with a time and no such routine; an unknown one always.
    const QStringList none{"desk-break"};
    CHECK(core::parseConfig("[routines]\nmorning = \"\"\n", "c.toml", &none).ok());
    CHECK_FALSE(core::parseConfig("[routines]\nmorning = \"08:00\"\n", "c.toml", &none).ok());
    CHECK_FALSE(core::parseConfig("[routines]\nyoga = \"\"\n", "c.toml", &none).ok());
    // Without the routines to hand (none loaded), any name is taken.
    CHECK(core::parseConfig("[routines]\nyoga = \"18:15\"\n", "c.toml").ok());
}

TEST_CASE("timeline: the morning reminder at 08:30, taken, and not again that day")
{
    Day day;
    day.timeline.active(30min);
    day.timeline.act(start());
    day.timeline.idle(5min);
    day.timeline.act(endCompleted);
    day.timeline.active(50min); // to 09:25
    day.timeline.idle(10min);   // away from 09:25 to 09:35, inside the morning's window
    day.timeline.active(61min); // the sitting reminder comes an interval after the break

    day.check({
        {"+00:30:00", "remind(morning, snoozes=3)"},
        {"+00:30:00", "record(reminded)"},
        {"+00:30:00", "close_reminder"},
        {"+00:30:00", "record(break_started)"},
        {"+00:30:00", "open_break(morning)"},
        {"+00:35:00", "record(break_completed, 300s)"},
        {"+00:35:00", "close_break"},
        {"+00:35:00", "record(sitting, 1800s)"},
        {"+01:30:00", "record(sitting, 3000s)"},
        {"+01:35:01", "record(natural_break, idle, 601s)"},
        {"+02:35:01", "remind(snoozes=3)"},
        {"+02:35:01", "record(reminded)"},
    });
}

TEST_CASE("timeline: snooze and remind_again bring the morning reminder back, still named")
{
    Day day;
    day.timeline.active(30min);
    day.timeline.act(snooze);
    day.timeline.active(15min);            // back at 08:40, ignored, again at 08:45
    day.timeline.act(start("desk-break")); // another routine answers it too
    day.timeline.idle(3min);
    day.timeline.act(endCompleted);
    day.timeline.active(30min);

    day.check({
        {"+00:30:00", "remind(morning, snoozes=3)"},
        {"+00:30:00", "record(reminded)"},
        {"+00:30:00", "close_reminder"},
        {"+00:30:00", "record(snoozed)"},
        {"+00:40:00", "remind(morning, again, snoozes=2)"},
        {"+00:40:00", "record(reminded)"},
        {"+00:45:00", "remind(morning, again, snoozes=2)"},
        {"+00:45:00", "record(reminded)"},
        {"+00:45:00", "close_reminder"},
        {"+00:45:00", "record(break_started)"},
        {"+00:45:00", "open_break(desk-break)"},
        {"+00:48:00", "record(break_completed, 180s)"},
        {"+00:48:00", "close_break"},
        {"+00:48:00", "record(sitting, 2700s)"},
    });
}

TEST_CASE("timeline: skipped, the morning routine is gone for the day; the sitting break "
          "keeps its time")
{
    Day day;
    day.timeline.active(30min);
    day.timeline.act(skip);
    day.timeline.active(40min); // the sitting break is due at 09:00, as without the morning
    day.timeline.act(skip);
    day.timeline.idle(10min); // away and back inside the morning's window: nothing
    day.timeline.active(10min);

    day.check({
        {"+00:30:00", "remind(morning, snoozes=3)"},
        {"+00:30:00", "record(reminded)"},
        {"+00:30:00", "close_reminder"},
        {"+00:30:00", "record(skipped)"},
        {"+01:00:00", "remind(snoozes=3)"},
        {"+01:00:00", "record(reminded)"},
        {"+01:05:00", "remind(again, snoozes=3)"},
        {"+01:05:00", "record(reminded)"},
        {"+01:10:00", "remind(again, snoozes=3)"},
        {"+01:10:00", "record(reminded)"},
        {"+01:10:00", "close_reminder"},
        {"+01:10:00", "record(skipped)"},
        {"+01:15:00", "record(sitting, 4200s)"},
        {"+01:20:01", "record(natural_break, idle, 601s)"},
    });

    // The next working day it comes again.
    day.timeline.asleep(21h); // Tuesday 06:30
    day.timeline.active(121min);
    CHECK(day.reminders("morning") == 2);
    CHECK(day.timeline.log().last() == Timeline::Row{"+24:30:00", "record(reminded)"});
}

TEST_CASE("timeline: paused, locked, away or on a break at 08:30, it comes when that ends")
{
    SUBCASE("paused from 08:20 for 30 minutes: at 08:50")
    {
        Day day;
        day.timeline.active(20min);
        day.timeline.act([](SittingModel& m) { return m.pause(30min); });
        day.timeline.active(31min);
        day.check({
            {"+00:20:00", "record(paused, 1800s)"},
            {"+00:50:00", "record(resumed)"},
            {"+00:50:00", "remind(morning, snoozes=3)"},
            {"+00:50:00", "record(reminded)"},
        });
    }
    SUBCASE("locked from 08:25 to 08:45: at the unlock")
    {
        Day day;
        day.timeline.active(25min);
        day.timeline.locked(20min);
        day.timeline.active(1min);
        day.check({
            {"+00:30:00", "record(sitting, 1500s)"},
            {"+00:45:00", "record(natural_break, locked, 1200s)"},
            {"+00:45:00", "remind(morning, snoozes=3)"},
            {"+00:45:00", "record(reminded)"},
        });
    }
    SUBCASE("not yet at the desk: when the first input comes, at 09:40")
    {
        Day day;
        day.timeline.idle(100min);
        day.timeline.active(1min);
        day.check({
            {"+01:40:01", "record(natural_break, idle, 6001s)"},
            {"+01:40:01", "remind(morning, snoozes=3)"},
            {"+01:40:01", "record(reminded)"},
        });
    }
    SUBCASE("on a break from 08:28 to 08:33: when it ends")
    {
        Day day;
        day.timeline.active(28min);
        day.timeline.act(start("desk-break"));
        day.timeline.idle(5min);
        day.timeline.act(endCompleted);
        day.timeline.active(1min);
        day.check({
            {"+00:28:00", "record(break_started)"},
            {"+00:28:00", "open_break(desk-break)"},
            {"+00:33:00", "record(break_completed, 300s)"},
            {"+00:33:00", "close_break"},
            {"+00:33:00", "record(sitting, 1680s)"},
            {"+00:33:00", "remind(morning, snoozes=3)"},
            {"+00:33:00", "record(reminded)"},
        });
    }
    SUBCASE("working hours 09:00-17:00: 08:30 is the time the user chose, it comes")
    {
        Day day(morningAt(QTime(8, 30), QStringLiteral("09:00-17:00")));
        day.timeline.active(31min);
        CHECK(day.reminders("morning") == 1);
    }
}

TEST_CASE("timeline: no morning reminder when it is too late, done already, or no working day")
{
    SUBCASE("away until 10:31, after the window")
    {
        Day day;
        day.timeline.idle(151min);
        day.timeline.active(10min);
        CHECK(day.reminders("morning") == 0);
    }
    SUBCASE("the daemon starts at 10:40; at 09:10 it comes at once")
    {
        Day late(morningAt(), at(kMonday, 10, 40));
        late.timeline.active(10min);
        CHECK(late.reminders("morning") == 0);
        Day soon(morningAt(), at(kMonday, 9, 10));
        soon.timeline.active(1min);
        soon.check(
            {{"+00:00:01", "remind(morning, snoozes=3)"}, {"+00:00:01", "record(reminded)"}});
    }
    SUBCASE("played by hand at 08:10")
    {
        Day day;
        day.timeline.active(10min);
        day.timeline.act(start("morning"));
        day.timeline.idle(5min);
        day.timeline.act(endCompleted);
        day.timeline.active(60min);
        CHECK(day.reminders("morning") == 0);
    }
    SUBCASE("paused until tomorrow at 08:00: none today, Tuesday's at 08:30")
    {
        Day day;
        day.timeline.active(1min);
        day.timeline.act([](SittingModel& m) { return m.pauseUntilTomorrow(); });
        day.timeline.active(4h);
        day.timeline.asleep(20h); // Tuesday 08:01
        day.timeline.active(30min);
        day.check({
            {"+00:01:00", "record(paused, 57540s)"},
            {"+24:01:00", "record(resumed)"},
            {"+24:01:00", "record(sitting, 14460s)"},
            {"+24:01:00", "record(natural_break, asleep, 72000s)"},
            {"+24:30:00", "remind(morning, snoozes=3)"},
            {"+24:30:00", "record(reminded)"},
        });
    }
    SUBCASE("Saturday")
    {
        Day day(morningAt(), at(kMonday.addDays(5), 8));
        day.timeline.active(59min);
        CHECK(day.timeline.log().isEmpty());
    }
}

TEST_CASE("timeline: ignored until its window closes, it goes and the sitting break takes over")
{
    auto schedule = morningAt();
    schedule.remindAgain = 1h;
    Day day(schedule);
    day.timeline.active(2h + 31min);
    day.check({
        {"+00:30:00", "remind(morning, snoozes=3)"},
        {"+00:30:00", "record(reminded)"},
        {"+01:30:00", "remind(morning, again, snoozes=3)"},
        {"+01:30:00", "record(reminded)"},
        {"+02:30:00", "close_reminder"},
        {"+02:30:00", "remind(snoozes=3)"},
        {"+02:30:00", "record(reminded)"},
    });
    CHECK(day.model.status().reminderRoutine.isEmpty());
}

TEST_CASE("timeline: a sitting break due at the same minute gives one reminder, the morning's")
{
    Day day(morningAt(), at(kMonday, 7, 30));
    day.timeline.active(60min);
    CHECK(day.model.status().reminderRoutine == "morning");
    day.timeline.act(skip); // both are dropped: the next sitting break an interval on
    day.timeline.active(61min);
    day.check({
        {"+01:00:00", "remind(morning, snoozes=3)"},
        {"+01:00:00", "record(reminded)"},
        {"+01:00:00", "close_reminder"},
        {"+01:00:00", "record(skipped)"},
        {"+02:00:00", "remind(snoozes=3)"},
        {"+02:00:00", "record(reminded)"},
    });
}

TEST_CASE("timeline: a restart the same morning remembers it was done")
{
    FakeClock clock(at(kMonday, 8));
    SittingModel before(clock, morningAt());
    Timeline first(clock, before);
    first.active(30min);
    first.act(skip);
    const auto saved = before.snapshot();
    CHECK(saved.routinesDone.value("morning") == kMonday);
    QString error;
    const auto reread = core::SittingSnapshot::fromJson(saved.toJson(), &error);
    REQUIRE(reread);
    CHECK(*reread == saved);

    clock.advance(2min); // restarted at 08:32, inside the window
    SittingModel after(clock, morningAt());
    after.restore(*reread);
    Timeline second(clock, after);
    second.active(20min);
    CHECK(second.log().isEmpty());
    // Without what was saved, it would have come again.
    SittingModel forgetful(clock, morningAt());
    Timeline third(clock, forgetful);
    third.active(1min);
    CHECK(third.log().value(0).effect == "remind(morning, snoozes=3)");
}

TEST_CASE("scheduled: the days done in the state file are checked like the rest of it")
{
    core::SittingSnapshot s;
    s.savedAt = at(kMonday, 9);
    QByteArray json = s.toJson();
    CHECK_FALSE(json.contains("routines_done")); // none done: as older files were
    QString error;
    REQUIRE(core::SittingSnapshot::fromJson(json, &error));

    json.chop(1); // the closing brace
    for (const QByteArray& bad : {QByteArray(R"("routines_done": ["morning"])"),
                                  QByteArray(R"("routines_done": {"": "2026-03-02"})"),
                                  QByteArray(R"("routines_done": {"morning": "yesterday"})"),
                                  QByteArray(R"("routines_done": {"morning": "1970-01-01"})")}) {
        CAPTURE(bad.toStdString());
        error.clear();
        CHECK_FALSE(core::SittingSnapshot::fromJson(json + ',' + bad + '}', &error));
        CHECK(error.startsWith("routines_done"));
    }
    const auto good = core::SittingSnapshot::fromJson(
        json + R"(,"routines_done": {"morning": "2026-03-02"}})", &error);
    REQUIRE(good);
    CHECK(good->routinesDone == QMap<QString, QDate>{{"morning", kMonday}});
}
