// [moment]: reminders held by calls, presentations and do-not-disturb, and shown at a pause
// in typing. Timelines against a fake clock, as the sitting model's other rules.
#include "core/SittingModel.h"
#include "support/FakeClock.h"
#include "support/Schedules.h"
#include "support/Timeline.h"

#include <doctest/doctest.h>

using namespace deskbreak;
using namespace deskbreak::test;
using core::HoldReason;
using core::SittingModel;
using Phase = SittingModel::Phase;

namespace {

// The shipped [moment], with the natural pause off unless a test wants it: holds alone.
core::Settings::Schedule holdsOnly()
{
    auto s = momentSchedule();
    s.moment.pauseBeforeRemind = 0s;
    return s;
}

// The natural pause alone: no detector watched.
core::Settings::Schedule pauseOnly()
{
    auto s = momentSchedule();
    s.moment.camera = s.moment.microphone = s.moment.fullscreen = s.moment.doNotDisturb = false;
    return s;
}

struct Rig {
    explicit Rig(core::Settings::Schedule s)
        : model(clock, s)
        , day(clock, model)
    {
    }
    FakeClock clock; // Monday 08:00
    SittingModel model;
    Timeline day;

    // What the shell's detectors report, as the daemon passes it on: no input of the user's.
    void holds(const QList<HoldReason>& reasons) { day.record(model.setHolds(reasons)); }
    void check(const QList<Timeline::Row>& expected) const
    {
        const QString diff = diffTimeline(expected, day.log());
        CHECK_MESSAGE(diff.isEmpty(), diff.toStdString());
        CHECK(day.log().size() == expected.size());
    }
};

} // namespace

TEST_CASE("a call holds the due reminder, sitting counts on, the end of the call brings it")
{
    Rig r(holdsOnly());
    r.day.active(60min);
    // Due now: the model asks the shell what holds it before it shows anything.
    CHECK(r.model.status().watchHolds);
    CHECK(r.day.log().isEmpty());
    r.holds({HoldReason::Camera});
    auto s = r.model.status();
    REQUIRE(s.heldBy);
    CHECK(*s.heldBy == HoldReason::Camera);
    CHECK(s.due);
    CHECK_FALSE(s.reminderOpen);

    r.day.active(10min);
    r.day.idle(20min); // listening, hands off: still at the desk, no natural break
    s = r.model.status();
    CHECK(s.phase == Phase::Sitting);
    CHECK(s.sitting == 90min);
    r.holds({}); // the call ends
    r.check({
        {"+01:30:00", "record(held, camera, 1800s)"},
        {"+01:30:00", "remind(snoozes=3)"},
        {"+01:30:00", "record(reminded)"},
    });
    CHECK_FALSE(r.model.status().heldBy);
    CHECK(r.model.status().reminderOpen);
}

TEST_CASE("after the call, idle time counts from the call's end, not from the last key")
{
    Rig r(holdsOnly());
    r.day.active(60min);
    r.holds({HoldReason::Microphone});
    r.day.idle(30min);
    // The call ends; nobody touches anything. Without the call counted as presence this
    // would be a natural break at once, from 01:00 on.
    r.holds({});
    CHECK(r.model.status().phase == Phase::Sitting);
    r.day.idle(4min + 50s); // under natural_break since the call ended
    CHECK(r.model.status().phase == Phase::Sitting);
    r.day.idle(20s);
    CHECK(r.model.status().phase == Phase::Away);
    r.check({
        {"+01:30:00", "record(held, microphone, 1800s)"},
        {"+01:30:00", "remind(snoozes=3)"},
        {"+01:30:00", "record(reminded)"},
        {"+01:35:00", "record(sitting, 5400s)"},
        {"+01:35:00", "close_reminder"},
    });
}

TEST_CASE("max_hold: a reminder held that long comes anyway, quietly, and repeats quietly")
{
    Rig r(holdsOnly());
    r.day.active(60min);
    r.holds({HoldReason::Fullscreen});
    r.day.active(60min);
    CHECK(r.model.status().holdCapped);
    CHECK_FALSE(r.model.status().heldBy);
    r.day.active(5min); // ignored: remind_again, still quiet while the hold lasts
    r.holds({});        // the presentation ends
    r.day.active(5min); // the next repeat has its sound again
    r.check({
        {"+02:00:00", "record(held, fullscreen, 3600s)"},
        {"+02:00:00", "remind(quiet, snoozes=3)"},
        {"+02:00:00", "record(reminded)"},
        {"+02:05:00", "remind(again, quiet, snoozes=3)"},
        {"+02:05:00", "record(reminded)"},
        {"+02:10:00", "remind(again, snoozes=3)"},
        {"+02:10:00", "record(reminded)"},
    });
}

TEST_CASE("a hold across a natural break: presenting, then away, held again on the next break")
{
    Rig r(holdsOnly());
    r.day.active(60min);
    r.holds({HoldReason::Fullscreen});
    r.day.active(5min);
    r.day.idle(6min); // a fullscreen video is no call: idle counts
    CHECK(r.model.status().phase == Phase::Away);
    CHECK_FALSE(r.model.status().watchHolds);
    r.day.active(60min + 1s); // back; the video still runs
    CHECK(r.model.status().watchHolds);
    r.holds({HoldReason::Fullscreen}); // the shell's answer at the new due time
    CHECK(r.model.status().heldBy);
    r.check({
        {"+01:10:00", "record(sitting, 3900s)"},
        {"+01:10:00", "record(held, fullscreen, 300s)"},
        {"+01:11:01", "record(natural_break, idle, 361s)"},
    });
}

TEST_CASE("a lock during a call is a natural break, and ends the hold")
{
    Rig r(holdsOnly());
    r.day.active(60min);
    r.holds({HoldReason::Camera});
    r.day.active(2min);
    r.day.locked(10min);
    r.check({
        {"+01:02:00", "record(held, camera, 120s)"}, // nobody sees a reminder while locked
        {"+01:07:00", "record(sitting, 3720s)"},
        {"+01:12:00", "record(natural_break, locked, 600s)"},
    });
    CHECK(r.model.status().sitting == 0s);
}

TEST_CASE("a call that starts with the reminder up takes it down, it comes back after the call")
{
    Rig r(holdsOnly());
    r.day.active(60min);
    r.holds({});
    r.day.active(1min);
    r.holds({HoldReason::Camera, HoldReason::DoNotDisturb});
    CHECK(*r.model.status().heldBy == HoldReason::Camera);
    r.day.active(3min);
    r.holds({HoldReason::DoNotDisturb}); // camera off, do-not-disturb still on
    CHECK(*r.model.status().heldBy == HoldReason::DoNotDisturb);
    r.day.active(2min);
    r.holds({});
    r.check({
        {"+01:00:00", "remind(snoozes=3)"},
        {"+01:00:00", "record(reminded)"},
        {"+01:01:00", "close_reminder"},
        {"+01:06:00", "record(held, camera, 300s)"}, // named for the strongest reason it had
        {"+01:06:00", "remind(again, snoozes=3)"},
        {"+01:06:00", "record(reminded)"},
    });
}

TEST_CASE("holds before the break is due change nothing, and are not watched")
{
    Rig r(holdsOnly());
    CHECK_FALSE(r.model.status().watchHolds);
    r.holds({HoldReason::Camera});
    r.day.active(30min);
    CHECK_FALSE(r.model.status().heldBy);
    CHECK(r.model.status().holds == QList<HoldReason>{HoldReason::Camera});
    r.holds({});
    r.day.active(30min);
    r.holds({}); // the answer at the due time: nothing holds it
    r.check({
        {"+01:00:00", "remind(snoozes=3)"},
        {"+01:00:00", "record(reminded)"},
    });
}

TEST_CASE("the detectors' answer is waited for at most kHoldAnswer")
{
    Rig r(holdsOnly());
    r.day.active(60min + 5s);
    r.check({
        {"+01:00:02", "remind(snoozes=3)"},
        {"+01:00:02", "record(reminded)"},
    });
    CHECK(SittingModel::kHoldAnswer == 2s);
}

TEST_CASE("a switched-off detector holds nothing, switching it off mid-hold releases")
{
    auto s = holdsOnly();
    s.moment.microphone = false;
    Rig r(s);
    r.day.active(60min);
    r.holds({HoldReason::Microphone});
    CHECK_FALSE(r.model.status().heldBy);
    CHECK(r.model.status().reminderOpen);
    r.day.act([](SittingModel& m) { return m.skip(); });

    r.day.active(60min);
    r.holds({HoldReason::Microphone, HoldReason::Fullscreen});
    CHECK(*r.model.status().heldBy == HoldReason::Fullscreen);
    s.moment.fullscreen = false;
    r.day.act([&](SittingModel& m) { return m.applySchedule(s); });
    CHECK_FALSE(r.model.status().heldBy);
    CHECK(r.model.status().reminderOpen);
}

TEST_CASE("detectors are watched only while a reminder is wanted: not while snoozed or paused")
{
    Rig r(holdsOnly());
    r.day.active(60min);
    CHECK(r.model.status().watchHolds);
    r.holds({});
    CHECK(r.model.status().watchHolds); // the reminder is up: a call may still start
    r.day.act([](SittingModel& m) { return m.snooze(); });
    CHECK_FALSE(r.model.status().watchHolds);
    r.day.active(10min);
    CHECK(r.model.status().watchHolds); // asked again: the snooze is over
    CHECK_FALSE(r.model.status().reminderOpen);
    r.holds({HoldReason::Camera});
    CHECK(r.model.status().heldBy);
    r.day.act([](SittingModel& m) { return m.pause(std::chrono::hours(1)); });
    CHECK_FALSE(r.model.status().watchHolds);
    CHECK_FALSE(r.model.status().heldBy);
}

TEST_CASE("natural pause: typing through the due time, the reminder waits for a 3 s pause")
{
    Rig r(pauseOnly());
    r.day.active(60min);
    CHECK(r.model.status().waitingForPause);
    CHECK(r.model.status().due);
    r.day.active(40s); // still typing
    CHECK(r.day.log().isEmpty());
    r.day.idle(5s);
    r.check({
        {"+01:00:43", "remind(snoozes=3)"},
        {"+01:00:43", "record(reminded)"},
    });
    CHECK_FALSE(r.model.status().waitingForPause);
}

TEST_CASE("natural pause: without a pause within wait_for_pause it comes anyway")
{
    Rig r(pauseOnly());
    r.day.active(70min);
    r.check({
        {"+01:02:00", "remind(snoozes=3)"},
        {"+01:02:00", "record(reminded)"},
        // The repeat after remind_again waits for a pause as well, as long again.
        {"+01:09:00", "remind(again, snoozes=3)"},
        {"+01:09:00", "record(reminded)"},
    });
}

TEST_CASE("natural pause: already pausing at the due time, the reminder comes at once")
{
    Rig r(pauseOnly());
    r.day.active(59min + 50s);
    r.day.idle(20s);
    r.check({
        {"+01:00:00", "remind(snoozes=3)"},
        {"+01:00:00", "record(reminded)"},
    });
}

TEST_CASE("natural pause with a push source: the source is asked for a 3 s pause, then tells")
{
    FakeClock clock;
    SittingModel model(clock, pauseOnly());
    auto reminds = [](const core::Effects& effects) {
        return std::any_of(effects.begin(), effects.end(), [](const core::Effect& e) {
            return std::holds_alternative<core::effect::Remind>(e);
        });
    };
    CHECK_FALSE(reminds(model.userActive()));
    CHECK(model.idleThreshold() == 5min);
    for (int minute = 0; minute < 60; ++minute) { // typing, as far as the model knows
        clock.advance(1min);
        CHECK_FALSE(reminds(model.tick()));
    }
    CHECK(model.idleThreshold() == 3s);
    CHECK(model.nextWakeUp() <= clock.monotonic() + 2min);
    clock.advance(30s);
    CHECK(reminds(model.userIdle(3s)));
    CHECK(model.idleThreshold() == 5min);
}

TEST_CASE("a hold and the natural pause together: released while typing, it waits for a pause")
{
    Rig r(momentSchedule());
    r.day.active(60min);
    r.holds({HoldReason::DoNotDisturb});
    r.day.active(10min);
    r.holds({});
    r.day.active(10s);
    r.day.idle(4s);
    r.check({
        {"+01:10:00", "record(held, do-not-disturb, 600s)"},
        {"+01:10:13", "remind(snoozes=3)"},
        {"+01:10:13", "record(reminded)"},
    });
}

TEST_CASE("a week of calls: nothing lost, every hold recorded, reminders always come")
{
    // Each hour: 50 min of work, a call of 0 to 70 min at a random point, then the break.
    Rig r(momentSchedule());
    unsigned seed = 11;
    auto next = [&seed](unsigned n) {
        seed = seed * 1103515245u + 12345u;
        return (seed >> 16) % n;
    };
    int held = 0;
    int reminded = 0;
    for (int day = 0; day < 5; ++day) {
        for (int hour = 0; hour < 8; ++hour) {
            r.day.active(std::chrono::minutes(40 + next(30)));
            r.holds({next(2) ? HoldReason::Camera : HoldReason::Fullscreen});
            r.day.active(std::chrono::minutes(next(70)));
            r.holds({});
            r.day.idle(5s);
            if (r.model.status().reminderOpen) {
                r.day.act([](SittingModel& m) { return m.startBreak(); });
                r.day.idle(3min);
                r.day.act([](SittingModel& m) { return m.endBreak(true); });
            }
        }
        r.day.asleep(15h);
    }
    for (const auto& row : r.day.log()) {
        held += row.effect.startsWith(QStringLiteral("record(held"));
        reminded += row.effect == QStringLiteral("record(reminded)");
    }
    CHECK(held > 10);
    CHECK(reminded >= 30);
    CHECK(r.model.status().phase == Phase::Sitting);
}
