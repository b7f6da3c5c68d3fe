// The X11 idle backends against a real X server. Run under
// tests/support/with-xvfb.sh (a private Xvfb); input comes from xdotool. The same
// binary run with QT_QPA_PLATFORM=offscreen checks that both backends refuse
// politely when Qt is not on X11.
#define DOCTEST_CONFIG_IMPLEMENT
#include "platform/x11/X11ScreenSaverIdleSource.h"
#include "platform/x11/X11SyncIdleSource.h"
#include "support/EventLoop.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QGuiApplication>
#include <QLocale>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <chrono>
#include <cstdio>
#include <doctest/doctest.h>
#include <string>

using namespace std::chrono_literals;
using deskbreak::platform::IdleSource;
using deskbreak::platform::X11ScreenSaverIdleSource;
using deskbreak::platform::X11SyncIdleSource;
using deskbreak::test::spin;

namespace {

bool onXcb()
{
    return QGuiApplication::platformName() == QLatin1String("xcb");
}

// Lets the event loop run for `duration` (X events are delivered meanwhile).
// Real input as the X server sees it: a small relative pointer move (XTEST).
void moveMouse()
{
    QProcess xdotool;
    xdotool.start(QStringLiteral("xdotool"),
                  {QStringLiteral("mousemove_relative"), QStringLiteral("5"), QStringLiteral("5")});
    REQUIRE_MESSAGE(xdotool.waitForStarted(5000),
                    "xdotool did not start (apt-get install xdotool)");
    REQUIRE(xdotool.waitForFinished(5000));
    INFO("xdotool stderr: ", xdotool.readAllStandardError().toStdString());
    REQUIRE(xdotool.exitStatus() == QProcess::NormalExit);
    REQUIRE(xdotool.exitCode() == 0);
}

qint64 firstArg(QSignalSpy& spy)
{
    return spy.takeFirst().at(0).toLongLong();
}

} // namespace

TEST_SUITE("x11")
{
    TEST_CASE("MIT-SCREEN-SAVER idle time grows without input and drops at input")
    {
        QString why;
        const auto source = X11ScreenSaverIdleSource::create(&why);
        INFO("create() said: ", why.toStdString());
        REQUIRE(source != nullptr);
        CHECK(source->mode() == IdleSource::Mode::Poll);
        CHECK(source->name() == QStringLiteral("x11-screensaver"));

        moveMouse();
        const auto before = source->idleTime();
        REQUIRE(before.has_value());
        spin(1200ms);
        const auto idle = source->idleTime();
        REQUIRE(idle.has_value());
        CHECK(idle->count() >= 1000);
        CHECK(*idle > *before);

        moveMouse();
        const auto after = source->idleTime();
        REQUIRE(after.has_value());
        CHECK(after->count() < 500);
    }

    TEST_CASE("SYNC IDLETIME: idleFor at the threshold, activeAgain at input, then idleFor again")
    {
        QString why;
        const auto source = X11SyncIdleSource::create(&why);
        INFO("create() said: ", why.toStdString());
        REQUIRE(source != nullptr);
        CHECK(source->mode() == IdleSource::Mode::Push);
        CHECK(source->name() == QStringLiteral("x11-sync"));
        QSignalSpy idle(source.get(), &IdleSource::idleFor);
        QSignalSpy active(source.get(), &IdleSource::activeAgain);

        moveMouse();
        QElapsedTimer sinceInput;
        sinceInput.start();
        source->setIdleThreshold(1000ms);
        REQUIRE(idle.wait(3000));
        CHECK(sinceInput.elapsed() >= 900);
        CHECK(firstArg(idle) >= 1000);
        CHECK(active.isEmpty());

        // Still idle: nothing more until input.
        CHECK_FALSE(active.wait(300));
        CHECK(idle.isEmpty());

        moveMouse();
        REQUIRE(active.wait(2000));
        CHECK(active.size() == 1);
        CHECK(idle.isEmpty());

        // Re-armed: idle again after another threshold without input.
        sinceInput.restart();
        REQUIRE(idle.wait(3000));
        CHECK(sinceInput.elapsed() >= 900);
        CHECK(firstArg(idle) >= 1000);
        CHECK(active.size() == 1);
    }

    TEST_CASE("SYNC IDLETIME: a new threshold re-arms, one already passed fires at once")
    {
        const auto source = X11SyncIdleSource::create();
        REQUIRE(source != nullptr);
        QSignalSpy idle(source.get(), &IdleSource::idleFor);

        moveMouse();
        source->setIdleThreshold(10s);
        source->setIdleThreshold(600ms);
        REQUIRE(idle.wait(2500));
        const qint64 first = firstArg(idle);
        CHECK(first >= 600);
        CHECK(first < 10000);

        // Already idle for longer than the next source's threshold: it fires at once.
        const auto counter = source->idleTime();
        REQUIRE(counter.has_value());
        CHECK(counter->count() >= 600);
        const auto other = X11SyncIdleSource::create();
        REQUIRE(other != nullptr);
        QSignalSpy otherIdle(other.get(), &IdleSource::idleFor);
        QElapsedTimer clock;
        clock.start();
        other->setIdleThreshold(200ms);
        REQUIRE(otherIdle.wait(1000));
        CHECK(clock.elapsed() < 500);
        CHECK(firstArg(otherIdle) >= 600);
        // Each source sees only its own alarms on the shared connection.
        CHECK(idle.isEmpty());
    }

    TEST_CASE("SYNC IDLETIME: a source destroyed with an alarm pending leaves no trace")
    {
        moveMouse();
        {
            const auto doomed = X11SyncIdleSource::create();
            REQUIRE(doomed != nullptr);
            doomed->setIdleThreshold(200ms);
        }
        const auto survivor = X11SyncIdleSource::create();
        REQUIRE(survivor != nullptr);
        QSignalSpy idle(survivor.get(), &IdleSource::idleFor);
        QSignalSpy active(survivor.get(), &IdleSource::activeAgain);
        spin(400ms);
        CHECK(idle.isEmpty());
        CHECK(active.isEmpty());
    }
}

TEST_SUITE("not-xcb")
{
    TEST_CASE("both X11 sources refuse with a reason when Qt is not on xcb")
    {
        REQUIRE_FALSE(onXcb());
        QString why;
        CHECK(X11SyncIdleSource::create(&why) == nullptr);
        INFO("reason: ", why.toStdString());
        CHECK(why.contains(QStringLiteral("not xcb")));
        CHECK(X11SyncIdleSource::create() == nullptr);

        why.clear();
        CHECK(X11ScreenSaverIdleSource::create(&why) == nullptr);
        CHECK(why.contains(QStringLiteral("not xcb")));
        CHECK(X11ScreenSaverIdleSource::create() == nullptr);
    }
}

int main(int argc, char** argv)
{
    qputenv("LC_ALL", "C.UTF-8");
    // Our own runtime dir (QTemporaryDir makes it 0700), so Qt neither warns nor
    // touches the user's.
    QTemporaryDir runtimeDir;
    if (runtimeDir.isValid()) {
        qputenv("XDG_RUNTIME_DIR", QFile::encodeName(runtimeDir.path()));
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        if (qEnvironmentVariableIsEmpty("DISPLAY")) {
            std::fprintf(stderr,
                         "%s: DISPLAY is not set. Run me under tests/support/with-xvfb.sh, "
                         "or with QT_QPA_PLATFORM=offscreen for the not-on-xcb tests.\n",
                         argv[0]);
            return 2;
        }
        qputenv("QT_QPA_PLATFORM", "xcb");
    }
    QGuiApplication app(argc, argv);
    QLocale::setDefault(QLocale::c());

    doctest::Context context(argc, argv);
    // On X11 run the X11 tests; on any other platform only the refusal test.
    context.addFilter("test-suite-exclude", onXcb() ? "not-xcb" : "x11");
    return context.run();
}
