// One test (or a few) per rule of PRODUCT.md's sitting model.
#include "core/SittingModel.h"

#include "core/Limits.h"
#include "support/FakeClock.h"
#include "support/Schedules.h"
#include "support/Timeline.h"

#include <doctest/doctest.h>
#include <limits>

using namespace deskbreak;
using namespace deskbreak::test;
using core::SittingModel;
using Phase = SittingModel::Phase;

namespace {

struct Rig {
    explicit Rig(core::Settings::Schedule s = defaultSchedule(),
                 QDateTime start = QDateTime(QDate(2026, 3, 2), QTime(8, 0), Qt::UTC))
        : clock(std::move(start))
        , model(clock, s)
        , day(clock, model)
    {
    }
    FakeClock clock;
    SittingModel model;
    Timeline day;

    int count(const QString& effectPrefix) const
    {
        int n = 0;
        for (const auto& row : day.log())
            n += row.effect.startsWith(effectPrefix);
        return n;
    }
    QStringList at(const QString& time) const
    {
        QStringList out;
        for (const auto& row : day.log())
            if (row.at == time)
                out.append(row.effect);
        return out;
    }
    long long sittingMinutes() const { return model.status().sitting.count() / 60; }
};

auto snooze = [](SittingModel& m) { return m.snooze(); };
auto skip = [](SittingModel& m) { return m.skip(); };
auto startBreak = [](SittingModel& m) { return m.startBreak(); };

} // namespace

TEST_CASE("idle time below natural_break still counts as sitting")
{
    Rig r;
    r.day.active(20min);
    r.day.idle(4min + 58s); // reading, hands off: the next input ends a 4:59 stretch
    r.day.active(10min);
    CHECK(r.model.status().phase == Phase::Sitting);
    CHECK(r.sittingMinutes() == 34);
    CHECK(r.count("record(natural_break") == 0);
}

TEST_CASE("idle for natural_break is a natural break: sitting resets and it is recorded")
{
    Rig r;
    r.day.active(20min);
    r.day.idle(5min);
    CHECK(r.model.status().phase == Phase::Away);
    CHECK(r.model.status().sitting.count() == 0);
    CHECK(r.at("+00:25:00") == QStringList{"record(sitting, 1200s)"});
    r.day.idle(10min);
    r.day.active(1s);
    CHECK(r.at("+00:35:01") == QStringList{"record(natural_break, idle, 901s)"});
    CHECK(r.model.status().phase == Phase::Sitting);
    r.day.active(59min);
    CHECK(r.count("remind") == 0); // the clock started again at the return
    r.day.active(1min);
    CHECK(r.count("remind") == 1);
}

TEST_CASE("a lock of natural_break or longer is a natural break, a shorter one is not")
{
    SUBCASE("long lock")
    {
        Rig r;
        r.day.active(30min);
        r.day.locked(12min);
        r.day.active(1s);
        CHECK(r.count("record(natural_break, locked") == 1);
        CHECK(r.sittingMinutes() == 0);
    }
    SUBCASE("short lock")
    {
        Rig r;
        r.day.active(30min);
        r.day.locked(3min);
        r.day.active(1min);
        CHECK(r.count("record(natural_break") == 0);
        CHECK(r.sittingMinutes() == 34);
    }
}

TEST_CASE(
    "no reminder on a locked screen, and one that came due during a short lock follows the unlock")
{
    // Timeline::locked() and asleep() end with the unlock or the wake-up.
    SUBCASE("due during a short lock")
    {
        Rig r;
        r.day.active(58min);
        r.day.locked(4min); // the break comes due at 60 min, behind the lock
        CHECK(r.count("remind") == 1);
        CHECK(r.at("+01:02:00") == QStringList{"remind(snoozes=3)", "record(reminded)"});
        CHECK(r.model.status().reminderOpen);
    }
    SUBCASE("a reminder open at the lock is taken down and shown again at the unlock")
    {
        Rig r;
        r.day.active(61min);
        REQUIRE(r.model.status().reminderOpen);
        r.day.locked(3min);
        CHECK(r.at("+01:01:00") == QStringList{"close_reminder"});
        CHECK(r.at("+01:04:00") == QStringList{"remind(again, snoozes=3)", "record(reminded)"});
        CHECK(r.count("remind") == 2);
    }
    SUBCASE("due during a long lock: a natural break, no reminder at all")
    {
        Rig r;
        r.day.active(58min);
        r.day.locked(10min);
        r.day.active(1min);
        CHECK(r.count("remind") == 0);
        CHECK(r.count("record(natural_break, locked") == 1);
        CHECK(r.sittingMinutes() == 1);
    }
    SUBCASE("nor while asleep: the reminder follows the wake-up")
    {
        Rig r;
        r.day.active(59min + 58s);
        r.day.asleep(4min);
        CHECK(r.count("remind") == 1);
        CHECK(r.at("+01:03:58") == QStringList{"remind(snoozes=3)", "record(reminded)"});
    }
}

TEST_CASE("a sleep of natural_break or longer is a natural break, a shorter one is not")
{
    SUBCASE("overnight")
    {
        Rig r;
        r.day.active(50min);
        r.day.asleep(10h);
        r.day.active(1s);
        CHECK(r.count("record(natural_break, asleep, 36000s)") == 1);
        CHECK(r.count("record(sitting, 3000s)") == 1);
        CHECK(r.model.status().sitting.count() <= 1);
    }
    SUBCASE("a short nap of the laptop lid")
    {
        Rig r;
        r.day.active(50min);
        r.day.asleep(2min);
        r.day.active(1min);
        CHECK(r.count("record(natural_break") == 0);
        CHECK(r.sittingMinutes() == 53);
    }
}

TEST_CASE("a silent gap longer than natural_break counts as sleep even without a sleep event")
{
    Rig r;
    r.day.active(40min);
    r.day.silent(20min); // suspended, and nobody told us
    r.day.active(1s);
    CHECK(r.count("record(natural_break, asleep") == 1);
    CHECK(r.sittingMinutes() == 0);
}

TEST_CASE("overload shows from overload_after of sitting")
{
    Rig r;
    r.day.active(30min - 1s);
    CHECK_FALSE(r.model.status().overload);
    const auto effects = r.model.idleSample(0ms); // same instant: no change
    CHECK(effects.empty());
    r.day.active(1s);
    CHECK(r.model.status().overload);
}

TEST_CASE("a break is due at interval of sitting, not a second earlier")
{
    Rig r;
    r.day.active(60min - 1s);
    CHECK(r.count("remind") == 0);
    CHECK(r.model.status().untilReminder.count() == 1);
    r.day.active(1s);
    CHECK(r.at("+01:00:00") == QStringList{"remind(snoozes=3)", "record(reminded)"});
    CHECK(r.model.status().due);
    CHECK(r.model.status().reminderOpen);
}

TEST_CASE("an ignored reminder comes back after remind_again")
{
    Rig r;
    r.day.active(60min);
    r.day.active(5min);
    CHECK(r.at("+01:05:00") == QStringList{"remind(again, snoozes=3)", "record(reminded)"});
    r.day.active(5min);
    CHECK(r.count("remind(") == 3);
}

TEST_CASE("snooze brings the reminder back after snooze, at most max_snoozes times in a row")
{
    Rig r;
    r.day.active(60min);
    for (int left = 3; left > 0; --left) {
        REQUIRE(r.model.canSnooze());
        r.day.act(snooze);
        CHECK(r.model.status().snoozed);
        r.day.active(10min - 1s);
        CHECK(r.count("remind(") == 4 - left);
        r.day.active(1s);
        CHECK(r.count("remind(") == 5 - left);
    }
    CHECK(r.day.log().last().effect == "record(reminded)");
    CHECK(r.day.log()[r.day.log().size() - 2].effect == "remind(again, snoozes=0)");
    CHECK_FALSE(r.model.canSnooze());
    const auto refused = r.model.snooze();
    CHECK(refused.empty());
    CHECK(r.count("record(snoozed)") == 3);
}

TEST_CASE("max_snoozes = 0 means unlimited")
{
    auto s = defaultSchedule();
    s.maxSnoozes = 0;
    Rig r(s);
    r.day.active(60min);
    for (int i = 0; i < 10; ++i) {
        REQUIRE(r.model.canSnooze());
        r.day.act(snooze);
        r.day.active(10min);
    }
    CHECK(r.count("record(snoozed)") == 10);
    CHECK(r.day.log().contains(Timeline::Row{r.day.elapsed(), "remind(again, snoozes=-1)"}));
}

TEST_CASE("a custom snooze length is honoured")
{
    Rig r;
    r.day.active(60min);
    r.day.act([](SittingModel& m) { return m.snooze(2min); });
    r.day.active(2min);
    CHECK(r.count("remind(") == 2);
}

TEST_CASE("skip dismisses the reminder, the next one comes one interval later and snoozes reset")
{
    Rig r;
    r.day.active(60min);
    r.day.act(snooze);
    r.day.active(10min);
    r.day.act(skip);
    CHECK(r.count("close_reminder") == 2); // one for the snooze, one for the skip
    CHECK_FALSE(r.model.status().due);
    r.day.active(60min - 1s);
    CHECK(r.count("remind(") == 2);
    r.day.active(1s);
    CHECK(r.day.log()[r.day.log().size() - 2].effect == "remind(snoozes=3)");
    CHECK(r.sittingMinutes() == 130); // sitting went on
}

TEST_CASE("skip before a break is due moves the upcoming one an interval on")
{
    Rig r;
    r.day.active(30min);
    r.day.act(skip);
    r.day.active(90min - 1s);
    CHECK(r.count("remind(") == 0);
    r.day.active(1s);
    CHECK(r.count("remind(") == 1);
}

TEST_CASE("a completed break resets sitting time")
{
    Rig r;
    r.day.active(60min);
    r.day.act(startBreak);
    CHECK(r.at("+01:00:00").contains("open_break"));
    CHECK(r.at("+01:00:00").contains("close_reminder"));
    CHECK(r.model.status().phase == Phase::OnBreak);
    r.day.idle(3min); // stretching, away from the keyboard
    r.day.act([](SittingModel& m) { return m.endBreak(true); });
    CHECK(r.at("+01:03:00") ==
          QStringList{"record(break_completed, 180s)", "close_break", "record(sitting, 3600s)"});
    CHECK(r.model.status().sitting.count() == 0);
    CHECK_FALSE(r.model.status().due);
    r.day.active(60min);
    CHECK(r.count("remind(") == 2);
}

TEST_CASE("a break ended early after at least 60 s resets, a shorter one does not")
{
    SUBCASE("70 seconds")
    {
        Rig r;
        r.day.active(60min);
        r.day.act(startBreak);
        r.day.idle(70s);
        r.day.act([](SittingModel& m) { return m.endBreak(false); });
        CHECK(r.count("record(break_ended_early, 70s)") == 1);
        CHECK(r.model.status().sitting.count() == 0);
    }
    SUBCASE("20 seconds")
    {
        Rig r;
        r.day.active(60min);
        r.day.act(startBreak);
        r.day.idle(20s);
        r.day.act([](SittingModel& m) { return m.endBreak(false); });
        CHECK(r.count("record(break_ended_early, 20s)") == 1);
        CHECK(r.sittingMinutes() == 60);
        CHECK(r.model.status().due);
        r.day.active(5min);
        CHECK(r.count("remind(again") == 1);
    }
}

TEST_CASE("a routine skipped through to its end in under 60 s is ended early, not completed")
{
    Rig r;
    r.day.active(60min);
    r.day.act(startBreak);
    r.day.idle(27s); // Right pressed through every step
    r.day.act([](SittingModel& m) { return m.endBreak(true, 180s); });
    CHECK(r.count("record(break_ended_early, 27s)") == 1);
    CHECK(r.count("record(break_completed") == 0);
    CHECK(r.sittingMinutes() == 60); // no reset
    CHECK(r.model.status().due);     // and the break is still owed
}

TEST_CASE("a completed break records its real length, and a short routine counts once run whole")
{
    SUBCASE("the desk break, with a pause in the window")
    {
        Rig r;
        r.day.active(60min);
        r.day.act(startBreak);
        r.day.idle(3min + 40s);
        r.day.act([](SittingModel& m) { return m.endBreak(true, 180s); });
        CHECK(r.count("record(break_completed, 220s)") == 1);
        CHECK(r.model.status().sitting.count() == 0);
    }
    SUBCASE("a user's 45-second routine, run to its end")
    {
        Rig r;
        r.day.active(60min);
        r.day.act(startBreak);
        r.day.idle(45s);
        r.day.act([](SittingModel& m) { return m.endBreak(true, 45s); });
        CHECK(r.count("record(break_completed, 45s)") == 1);
        CHECK(r.model.status().sitting.count() == 0);
    }
    SUBCASE("the same routine, skipped to its end after 30 s")
    {
        Rig r;
        r.day.active(60min);
        r.day.act(startBreak);
        r.day.idle(30s);
        r.day.act([](SittingModel& m) { return m.endBreak(true, 45s); });
        CHECK(r.count("record(break_ended_early, 30s)") == 1);
        CHECK(r.sittingMinutes() == 60);
    }
}

TEST_CASE("a short break started while away keeps the whole absence as one natural break")
{
    for (const char* how : {"idle", "locked"}) {
        CAPTURE(how);
        Rig r;
        r.day.active(40min);
        if (std::string_view(how) == "idle") {
            r.day.idle(10min); // away: a natural break is under way
            r.day.active(1s);  // back at the mouse
        } else {
            r.day.locked(10min); // unlocking is input too
        }
        r.day.act(startBreak); // and straight into a break from the tray
        r.day.idle(20s);
        r.day.act([](SittingModel& m) { return m.endBreak(true, 180s); });
        r.day.active(1min);
        QStringList natural;
        for (const auto& row : r.day.log())
            if (row.effect.startsWith("record(natural_break"))
                natural.append(row.effect);
        REQUIRE(natural.size() == 1);
        const int seconds = natural.first().section(u',', -1).chopped(2).trimmed().toInt();
        CHECK(seconds >= 600);
        CHECK(seconds <= 601); // the absence, not the break after it
        CHECK(r.sittingMinutes() == 1);
    }
}

TEST_CASE("no reminders while paused, a due break is shown when the pause ends")
{
    Rig r;
    r.day.active(50min);
    r.day.act([](SittingModel& m) { return m.pause(30min); });
    CHECK(r.count("record(paused, 1800s)") == 1);
    CHECK(r.model.status().pausedUntil.has_value());
    r.day.active(30min - 1s);
    CHECK(r.count("remind(") == 0);
    CHECK(r.model.status().due); // due, but held back
    r.day.active(1s);
    CHECK(r.at("+01:20:00") ==
          QStringList{"record(resumed)", "remind(snoozes=3)", "record(reminded)"});
}

TEST_CASE("pausing closes an open reminder, resume lifts the pause at once")
{
    Rig r;
    r.day.active(60min);
    r.day.act([](SittingModel& m) { return m.pause(1h); });
    CHECK(r.count("close_reminder") == 1);
    r.day.active(10min);
    r.day.act([](SittingModel& m) { return m.resume(); });
    CHECK(r.at("+01:10:00") ==
          QStringList{"record(resumed)", "remind(again, snoozes=3)", "record(reminded)"});
    CHECK_FALSE(r.model.status().pausedUntil);
}

TEST_CASE("pause until tomorrow lasts until local midnight")
{
    Rig r(defaultSchedule(), QDateTime(QDate(2026, 3, 2), QTime(22, 30), Qt::UTC));
    r.day.act([](SittingModel& m) { return m.pauseUntilTomorrow(); });
    CHECK(r.count("record(paused, 5400s)") == 1);
    CHECK(*r.model.status().pausedUntil == QDateTime(QDate(2026, 3, 3), QTime(0, 0), Qt::UTC));
    r.day.active(90min);
    CHECK(r.count("remind(") == 1); // due at 23:30, shown at 00:00
    CHECK(r.at("+01:30:00").contains("remind(snoozes=3)"));
}

TEST_CASE("outside working hours or days there are no reminders")
{
    auto s = defaultSchedule();
    QString error;
    // Monday to Friday, 09:00-17:00. 2026-03-06 is a Friday.
    s.workingHours = *core::WorkingHours::parse("09:00-17:00", std::bitset<7>("0011111"), &error);
    SUBCASE("before hours: the due break waits for 09:00")
    {
        Rig r(s, QDateTime(QDate(2026, 3, 6), QTime(7, 30), Qt::UTC));
        r.day.active(90min - 1s);
        CHECK(r.count("remind(") == 0);
        r.day.active(1s);
        CHECK(r.at("+01:30:00").contains("remind(snoozes=3)"));
    }
    SUBCASE("after hours")
    {
        Rig r(s, QDateTime(QDate(2026, 3, 6), QTime(16, 30), Qt::UTC));
        r.day.active(3h);
        CHECK(r.count("remind(") == 0);
    }
    SUBCASE("at the weekend")
    {
        Rig r(s, QDateTime(QDate(2026, 3, 7), QTime(10, 0), Qt::UTC));
        r.day.active(3h);
        CHECK(r.count("remind(") == 0);
    }
}

TEST_CASE("wall-clock jumps neither fire nor swallow a break")
{
    SUBCASE("an hour forward")
    {
        Rig r;
        r.day.active(30min);
        r.day.jumpWall(1h);
        r.day.active(29min);
        CHECK(r.count("remind(") == 0);
        r.day.active(1min);
        CHECK(r.count("remind(") == 1);
    }
    SUBCASE("an hour back")
    {
        Rig r;
        r.day.active(30min);
        r.day.jumpWall(-1h);
        r.day.active(30min);
        CHECK(r.at("+01:00:00").contains("remind(snoozes=3)"));
    }
}

TEST_CASE("a push idle source: active until it says idle")
{
    Rig r;
    CHECK(r.model.userActive().empty());
    r.clock.advance(2min);
    CHECK(r.model.tick().empty());
    r.clock.advance(2min);
    r.model.tick();
    r.clock.advance(1min);
    r.model.userIdle(1min); // the source's alarm: idle for a minute
    r.clock.advance(4min);
    r.model.tick();
    CHECK(r.model.status().phase == Phase::Away);
    r.clock.advance(1min);
    const auto back = r.model.userActive();
    QStringList texts;
    for (const auto& e : back)
        texts.append(core::describe(e));
    CHECK(texts.contains("record(natural_break, idle, 360s)"));
    CHECK(r.model.status().phase == Phase::Sitting);
}

TEST_CASE("nextWakeUp keeps the shell calling often enough")
{
    Rig r;
    r.day.active(1min);
    const auto now = r.clock.monotonic();
    const auto wake = r.model.nextWakeUp();
    CHECK(wake > now);
    CHECK(wake <= now + 150s); // half of natural_break, so a sleep can be told from silence
    r.day.active(58min + 50s);
    CHECK(r.model.nextWakeUp() == r.clock.monotonic() + 10s); // the reminder is the next deadline
}

TEST_CASE("a new schedule applies at once and keeps sitting time")
{
    Rig r;
    r.day.active(40min);
    auto shorter = defaultSchedule();
    shorter.interval = 30min;
    r.day.act([&](SittingModel& m) { return m.applySchedule(shorter); });
    CHECK(r.at("+00:40:00").contains("remind(snoozes=3)")); // already past the new interval
    CHECK(r.sittingMinutes() == 40);
}

TEST_CASE("a restart within natural_break keeps the sitting time")
{
    FakeClock clock;
    SittingModel before(clock, defaultSchedule());
    Timeline day(clock, before);
    day.active(40min);
    before.snooze(); // nothing due: refused, no effect
    const core::SittingSnapshot saved = before.snapshot();

    clock.advance(2min); // the daemon is down
    SittingModel after(clock, defaultSchedule());
    after.restore(saved);
    CHECK(after.status().sitting == 42min);
    CHECK(after.status().untilReminder == 18min);
}

TEST_CASE("a restart after natural_break or longer counts as a natural break")
{
    FakeClock clock;
    SittingModel before(clock, defaultSchedule());
    Timeline day(clock, before);
    day.active(40min);
    const core::SittingSnapshot saved = before.snapshot();

    clock.advance(30min);
    SittingModel after(clock, defaultSchedule());
    QStringList texts;
    for (const auto& e : after.restore(saved))
        texts.append(core::describe(e));
    CHECK(texts.contains("record(sitting, 2400s)"));
    CHECK(after.status().phase == Phase::Away);
    clock.advance(1s);
    texts.clear();
    for (const auto& e : after.idleSample(0ms))
        texts.append(core::describe(e));
    CHECK(texts.contains("record(natural_break, asleep, 1801s)"));
    CHECK(after.status().sitting.count() == 0);
}

TEST_CASE("a restart keeps snoozes used and the due state")
{
    FakeClock clock;
    SittingModel before(clock, defaultSchedule());
    Timeline day(clock, before);
    day.active(60min);
    before.snooze();
    day.active(10min);
    before.snooze();
    const auto saved = before.snapshot();
    clock.advance(1min);
    SittingModel after(clock, defaultSchedule());
    after.restore(saved);
    CHECK(after.status().snoozesUsed == 2);
    CHECK(after.status().due);
    CHECK(after.status().sitting == 71min);
    CHECK(after.canSnooze());
}

TEST_CASE("snooze and pause beyond the limits are cut to them, never overflowed")
{
    Rig r;
    r.day.active(60min);
    REQUIRE(r.model.canSnooze());
    r.model.snooze(std::chrono::seconds(std::numeric_limits<qint64>::max()));
    CHECK(r.model.status().untilReminder == core::limits::kMaxSnooze);
    r.model.pause(std::chrono::seconds(std::numeric_limits<qint64>::max()));
    REQUIRE(r.model.status().pausedUntil);
    CHECK(r.clock.wall().secsTo(*r.model.status().pausedUntil) == core::limits::kMaxPause.count());
}
