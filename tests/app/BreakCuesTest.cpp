// The break window driving the cue player through BreakCues, on the offscreen platform
// and a fake clock: which cues reach the player, when, with what words; skips, Esc and a
// window taken down mid-break; and the rep counter the window shows.
#define DOCTEST_CONFIG_IMPLEMENT
#include "app/BreakCues.h"

#include "support/RecordingCuePlayer.h"
#include "ui/BreakWindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLabel>
#include <QLocale>
#include <QPointer>
#include <QTest>
#include <doctest/doctest.h>
#include <memory>

using namespace deskbreak;
using namespace std::chrono_literals;
using core::CueKind;
using std::chrono::milliseconds;

namespace {

// Get ready 2 s, a two-sided twist 3 s a side (2 s switch), 10 chin tucks in 6 s: 16 s.
// "sided-reps" has a two-sided exercise in reps.
core::Content content()
{
    core::Content c;
    core::Exercise twist;
    twist.id = QStringLiteral("twist");
    twist.name = QStringLiteral("Seated twist");
    twist.sides = true;
    twist.holdSeconds = 20;
    twist.steps = {QStringLiteral("Turn.")};
    core::Exercise tuck;
    tuck.id = QStringLiteral("tuck");
    tuck.name = QStringLiteral("Chin tuck");
    tuck.reps = 10;
    tuck.steps = {QStringLiteral("Tuck.")};
    core::Exercise rotation;
    rotation.id = QStringLiteral("rotation");
    rotation.name = QStringLiteral("Trunk rotation");
    rotation.sides = true;
    rotation.reps = 10;
    rotation.steps = {QStringLiteral("Rotate.")};
    c.exercises = {twist, tuck, rotation};
    core::Routine r;
    r.name = QStringLiteral("cues");
    r.title = QStringLiteral("Cues");
    r.switchDuration = 2s;
    r.steps = {{{}, QStringLiteral("Sit tall"), QStringLiteral("Feet flat."), 2s},
               {QStringLiteral("twist"), {}, {}, 3s},
               {QStringLiteral("tuck"), {}, {}, 6s}};
    c.routines.insert(r.name, r);
    core::Routine sided;
    sided.name = QStringLiteral("sided-reps");
    sided.title = QStringLiteral("Sided reps");
    sided.switchDuration = 2s;
    sided.steps = {{QStringLiteral("rotation"), {}, {}, 5s}};
    c.routines.insert(sided.name, sided);
    return c;
}

// A break window on a fake clock with its cues going to a recording player.
struct Break {
    core::Content c = content();
    qint64 start = 1'000'000;
    qint64 now = start;
    test::RecordingCuePlayer player;
    QPointer<ui::BreakWindow> window;

    Break(bool sound, bool voice, const QString& routine = QStringLiteral("cues"))
        : window(new ui::BreakWindow(c.routines.value(routine), c, 1))
    {
        window->setTimeSource([this] { return now; });
        player.now = [this] { return now - start; };
        auto* cues = new app::BreakCues(window->player(), player, sound, voice, window);
        QObject::connect(window, &ui::BreakWindow::positionChanged, cues, &app::BreakCues::moveTo);
        QObject::connect(window, &ui::BreakWindow::finished, cues, &app::BreakCues::end);
        window->show();
    }
    ~Break() { delete window.data(); }

    // BreakCues starts a moment after the window opened (real time: a timer).
    void waitUntilBegun()
    {
        QElapsedTimer waited;
        waited.start();
        while (player.only(QStringLiteral("prepare")).isEmpty() && waited.elapsed() < 5000)
            QTest::qWait(10);
        REQUIRE_FALSE(player.only(QStringLiteral("prepare")).isEmpty());
    }
    void advance(milliseconds time)
    {
        now += time.count();
        window->tick();
    }
    // Ticks every 100 ms, as the window's timer would (it ticks every 200 ms).
    void runTo(milliseconds routineTime)
    {
        while (!window->isOver() && now - start < routineTime.count())
            advance(100ms);
    }
    QString detail() const
    {
        const auto* label = window->findChild<QLabel*>(QStringLiteral("stepDetailLabel"));
        REQUIRE(label != nullptr);
        return label->text();
    }
};

} // namespace

TEST_CASE("sound on: each cue of the plan is played once, at its time, and no word is said")
{
    Break b(true, false);
    b.waitUntilBegun();
    CHECK(b.player.calls.first().what == "prepare");
    CHECK(b.player.calls.first().words == "1 0"); // chimes, no voice
    b.runTo(20s);
    REQUIRE(b.window->isOver());

    const core::CuePlan plan(b.window->player());
    QList<core::Cue> expected;
    for (const core::Cue& cue : plan.cues())
        if (cue.kind != CueKind::Start) // the window has just opened: no chime
            expected.append(cue);
    const auto played = b.player.only(QStringLiteral("play"));
    REQUIRE(played.size() == expected.size());
    CHECK(played.size() == 14); // 4 steps (one a switch), 9 reps, the end
    for (int i = 0; i < played.size(); ++i) {
        CAPTURE(i);
        CHECK(played[i].kind == expected[i].kind);
        CHECK(played[i].at == expected[i].at.count()); // every cue falls on a 100 ms tick here
    }
    CHECK(b.player.only(QStringLiteral("say")).isEmpty());
    // Ran to its end: nothing cut short, the server let go.
    CHECK(b.player.whats().constLast() == "release");
    CHECK_FALSE(b.player.whats().contains("stop"));
}

TEST_CASE("voice on: the words of each step, the first one's as the break begins")
{
    Break b(false, true);
    b.waitUntilBegun();
    CHECK(b.player.calls.first().words == "0 1");
    b.runTo(20s);
    const auto said = b.player.only(QStringLiteral("say"));
    REQUIRE(said.size() == 15);
    CHECK(said[0].words == "Sit tall. Next: Seated twist.");
    CHECK(said[0].at == 0);
    CHECK(said[1].words == "Seated twist, right side. Hold 3 seconds.");
    CHECK(said[1].at == 2000);
    CHECK(said[2].words == "Switch sides.");
    CHECK(said[3].words == "Seated twist, left side. Hold 3 seconds.");
    CHECK(said[4].words == "Chin tuck. 10 slow reps.");
    CHECK(said[5].words == "2");
    CHECK(said[5].at == 10'600);
    CHECK(said[14].at == 16'000);
    CHECK(b.player.only(QStringLiteral("play")).isEmpty());
}

TEST_CASE("a skip plays the cue of the step it lands on, never the ones jumped over")
{
    Break b(true, false);
    b.waitUntilBegun();
    b.runTo(1s);
    QTest::keyClick(b.window, Qt::Key_Right); // to the right side, a second early
    auto played = b.player.only(QStringLiteral("play"));
    REQUIRE(played.size() == 1);
    CHECK(played[0].kind == CueKind::Step);
    CHECK(played[0].at == 1000);

    b.runTo(10s); // in the reps (routine time 11 s: 1 s was skipped)
    const qsizetype before = b.player.only(QStringLiteral("play")).size();
    QTest::keyClick(b.window, Qt::Key_Right); // the last step: straight to the end
    played = b.player.only(QStringLiteral("play"));
    REQUIRE(played.size() == before + 1);
    CHECK(played.constLast().kind == CueKind::End);
    CHECK(b.window->isOver());
}

TEST_CASE("Esc silences what plays and lets the sound server go")
{
    Break b(true, true);
    b.waitUntilBegun();
    b.runTo(3s);
    QTest::keyClick(b.window, Qt::Key_Escape);
    const QStringList whats = b.player.whats();
    REQUIRE(whats.size() >= 2);
    CHECK(whats[whats.size() - 2] == "stop");
    CHECK(whats.constLast() == "release");
    CHECK_FALSE(b.player.only(QStringLiteral("play")).isEmpty());
}

TEST_CASE("a window taken down mid-break (the daemon quits) stops its cues too")
{
    Break b(true, false);
    b.waitUntilBegun();
    b.runTo(3s);
    delete b.window.data();
    CHECK(b.player.whats().mid(b.player.whats().size() - 2) == QStringList{"stop", "release"});
}

TEST_CASE("sound and voice off: the player is never asked for anything")
{
    Break b(false, false);
    QTest::qWait(400); // past the moment it would have begun
    b.runTo(20s);
    CHECK(b.window->isOver());
    CHECK(b.player.calls.isEmpty());
}

TEST_CASE("the window sends the routine's time at each tick, its end before finished()")
{
    Break b(false, false);
    QList<qint64> events; // routine ms, or -1 for finished()
    QObject::connect(b.window, &ui::BreakWindow::positionChanged,
                     [&](qint64 ms) { events.append(ms); });
    QObject::connect(b.window, &ui::BreakWindow::finished, [&] { events.append(-1); });
    b.advance(500ms);
    REQUIRE_FALSE(events.isEmpty());
    // 500 ms of fake time, plus the real moment between the window's start and
    // setTimeSource() (a millisecond or so on a loaded machine).
    CHECK(events.constLast() >= 500);
    CHECK(events.constLast() < 600);
    b.advance(1h); // far past the end: the position stops at it
    REQUIRE(events.size() >= 3);
    CHECK(events[events.size() - 2] == 16'000);
    CHECK(events.constLast() == -1);
}

TEST_CASE("a rep exercise shows which rep is under way")
{
    Break b(false, false);
    b.advance(10s);
    CHECK(b.detail() == "Rep 1 of 10");
    b.advance(1'200ms);
    CHECK(b.detail() == "Rep 3 of 10");
    b.advance(4'700ms);
    CHECK(b.detail() == "Rep 10 of 10");

    Break sided(false, false, QStringLiteral("sided-reps"));
    sided.advance(0ms);
    CHECK(sided.detail() == "Right side, rep 1 of 10");
    sided.advance(1s);
    CHECK(sided.detail() == "Right side, rep 3 of 10");
    sided.advance(7s); // the left side, 1 s in
    CHECK(sided.detail() == "Left side, rep 3 of 10");
}

int main(int argc, char** argv)
{
    // The offscreen platform says so for every window it cannot raise; that is not news.
    static const QtMessageHandler defaultHandler = qInstallMessageHandler(nullptr);
    qInstallMessageHandler(
        [](QtMsgType type, const QMessageLogContext& context, const QString& message) {
            if (!message.startsWith(QLatin1String("This plugin does not support")))
                defaultHandler(type, context, message);
        });
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    qputenv("LC_ALL", "C.UTF-8");
    QLocale::setDefault(QLocale::c());
    QApplication app(argc, argv);
    doctest::Context context(argc, argv);
    return context.run();
}
