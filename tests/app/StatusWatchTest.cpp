// When `status --watch` gets a line, on the real sitting service driven by a fake clock: at
// each change a panel shows, never in between, nothing while nobody watches, and no wake-up
// of its own but a break's minutes left.
#include "app/StatusWatch.h"

#include "ServicesRig.h"
#include "app/ControlProtocol.h"

#include <doctest/doctest.h>

using namespace deskbreak;
using namespace std::chrono_literals;
using test::Rig;
namespace key = app::control::key;
namespace state = app::control::state;

namespace {

struct WatchRig : Rig {
    WatchRig()
    {
        QObject::connect(&watch, &app::StatusWatch::changed,
                         [this](const QJsonObject& status) { lines.append(status); });
    }
    // Lets time pass as the daemon does: from one wake-up of the sitting service's own timer
    // to the next, as long as `d` lasts. Returns how many times it woke.
    int runFor(std::chrono::milliseconds d)
    {
        int wakes = 0;
        for (auto left = d; left > 0ms;) {
            const auto next = sitting->nextWakeIn();
            REQUIRE(next);
            if (*next > left) {
                clock.advance(left);
                break;
            }
            clock.advance(*next);
            left -= *next;
            sitting->wake();
            ++wakes;
        }
        return wakes;
    }
    QStringList states() const
    {
        QStringList s;
        for (const QJsonObject& line : lines)
            s << line.value(key::state).toString();
        return s;
    }

    app::StatusWatch watch{*sitting, [this] { return handler->status(); }};
    QList<QJsonObject> lines;
};

} // namespace

TEST_CASE("nobody watching: no line, however much changes")
{
    WatchRig rig;
    rig.runFor(10min);
    rig.send("break");
    rig.send("skip");
    rig.send({{"command", "pause"}, {"seconds", 60}});
    rig.watch.check();
    CHECK(rig.lines.isEmpty());
    CHECK_FALSE(rig.watch.nextTickIn());
}

TEST_CASE("while sitting: one line a minute, at the minute, and none in between")
{
    WatchRig rig;
    rig.clock.advance(10s);
    rig.sitting->wake();
    rig.watch.setWatchers(1); // the newcomer got the status as its reply
    CHECK(rig.lines.isEmpty());

    // Checks between the minutes (any other wake-up of the daemon) send nothing.
    for (int i = 0; i < 5; ++i) {
        rig.clock.advance(5s);
        rig.sitting->wake();
    }
    CHECK(rig.lines.isEmpty());

    // Ten minutes by the service's own timer: a line as each minute turns, nothing more.
    rig.runFor(10min);
    REQUIRE(rig.lines.size() == 10);
    for (int i = 0; i < rig.lines.size(); ++i) {
        CAPTURE(i);
        CHECK(rig.lines[i].value(key::state) == state::sitting);
        CHECK(rig.lines[i].value(key::sittingSeconds).toInteger() / 60 == i + 1);
        CHECK(rig.lines[i].value(key::sittingSeconds).toInteger() % 60 == 0); // just turned
    }
    CHECK_FALSE(rig.watch.nextTickIn()); // sitting adds no timer of the watch's own
}

TEST_CASE("the watch adds no wake-up to the daemon's while it sits")
{
    // The same half hour with and without a watcher: the sitting service wakes as often.
    const auto wakesIn = [](bool watched) {
        WatchRig rig;
        rig.watch.setWatchers(watched ? 1 : 0);
        const int wakes = rig.runFor(30min + 1s); // the 30th minute's wake-up included
        CHECK(rig.watch.nextTickIn() == std::nullopt);
        return std::pair{wakes, rig.lines.size()};
    };
    const auto [alone, none] = wakesIn(false);
    const auto [watched, lines] = wakesIn(true);
    CHECK(watched == alone);
    CHECK(none == 0);
    CHECK(lines == 30); // one a minute (overload, at 30 min, comes with the 30th)
}

TEST_CASE("a line at each state change: due, snoozed, on break, ended, paused, resumed, away")
{
    WatchRig rig;
    rig.watch.setWatchers(1);
    rig.sitUntilDue();
    CHECK(rig.states().last() == state::due);
    rig.lines.clear();

    rig.send("snooze");
    REQUIRE(rig.lines.size() == 1);
    CHECK(rig.lines[0].value(key::state) == state::sitting);
    CHECK(rig.lines[0].value(key::snoozed) == true);

    rig.send("skip"); // a fresh one: due, not snoozed (a snoozed break stays due)
    rig.sitUntilDue();
    rig.lines.clear();
    rig.presentation.playing = app::ControlHandler::Presentation::BreakTime{150s, 180s};
    rig.send("break");
    CHECK(rig.states() == QStringList{state::onBreak});
    CHECK(rig.lines.last().value(key::breakSecondsLeft) == 150);

    rig.send("skip"); // ended early: still due
    rig.send({{"command", "pause"}, {"seconds", 600}});
    rig.send("resume");
    CHECK(rig.states() == QStringList{state::onBreak, state::due, state::paused, state::due});

    rig.lines.clear();
    rig.idle->idle = 6min;
    rig.clock.advance(6min);
    rig.sitting->wake();
    CHECK(rig.states() == QStringList{state::away});
    rig.lines.clear();
    for (int i = 0; i < 20; ++i) { // still away: nothing to tell, and no line
        rig.idle->idle = *rig.idle->idle + 1min;
        rig.clock.advance(1min);
        rig.sitting->wake();
    }
    CHECK(rig.lines.isEmpty());
}

TEST_CASE("on a break: a line as each minute left turns, by a timer that runs only then")
{
    WatchRig rig;
    rig.watch.setWatchers(2);
    rig.presentation.playing = app::ControlHandler::Presentation::BreakTime{150s, 180s};
    rig.send("break");
    REQUIRE(rig.lines.size() == 1);
    // 150 s left shows as "3m": it turns to "2m" at 120 s, 30 s from now.
    REQUIRE(rig.watch.nextTickIn());
    CHECK(*rig.watch.nextTickIn() == 30s + 50ms);

    rig.clock.advance(30s);
    rig.presentation.playing->left = 119s; // as the window would say then
    rig.watch.check();
    REQUIRE(rig.lines.size() == 2);
    CHECK(rig.lines[1].value(key::breakSecondsLeft) == 119);
    CHECK(*rig.watch.nextTickIn() == 59s + 50ms);

    // Paused in the window: the time left stands still, and nothing is sent.
    rig.clock.advance(60s);
    rig.watch.check();
    CHECK(rig.lines.size() == 2);

    // The last minute ends with the break itself: no timer for it.
    rig.presentation.playing->left = 45s;
    rig.watch.check();
    CHECK(rig.lines.size() == 3);
    CHECK_FALSE(rig.watch.nextTickIn());

    rig.send("skip");
    CHECK(rig.lines.last().value(key::state) != state::onBreak);
    rig.watch.setWatchers(0);
    CHECK_FALSE(rig.watch.nextTickIn());
}

TEST_CASE("the view a line is judged by: whole minutes shown, the next break to the minute")
{
    const QJsonObject a{{key::state, "sitting"},
                        {key::sittingSeconds, 61},
                        {key::secondsToNextBreak, 3539},
                        {key::nextBreakAt, "2026-03-02T09:00:30Z"}};
    QJsonObject b = a;
    b.insert(key::sittingSeconds, 119);
    b.insert(key::secondsToNextBreak, 3481);
    b.insert(key::nextBreakAt, "2026-03-02T09:00:31Z");
    CHECK(app::StatusWatch::view(a) == app::StatusWatch::view(b));
    b.insert(key::sittingSeconds, 120);
    CHECK(app::StatusWatch::view(a) != app::StatusWatch::view(b));
}
