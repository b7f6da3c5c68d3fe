// The Wayland idle backend against real headless compositors. Each ctest entry
// runs one suite (--test-suite=NAME) under tests/support/with-sway.sh or
// with-kwin.sh, which start the compositor and give $DESKBREAK_TEST_INPUT, a
// tool that sends one input event the compositor sees natively.
//   sway  sway 1.7: org_kde_kwin_idle only
//   kwin  KWin 5.27: ext-idle-notify-v1 (version 1) and org_kde_kwin_idle
//   xcb   Qt on X11 (with-xvfb.sh with-sway.sh): the backend's own connection
//   gone  the compositor is killed under a running source (Qt offscreen)
//   none  no compositor at all (Qt offscreen)
#define DOCTEST_CONFIG_IMPLEMENT
#include "platform/wayland/WaylandIdleSource.h"
#include "support/EventLoop.h"

#include <QElapsedTimer>
#include <QEvent>
#include <QEventLoop>
#include <QFile>
#include <QGuiApplication>
#include <QProcess>
#include <QSignalSpy>
#include <QTimer>
#include <chrono>
#include <csignal>
#include <cstring>
#include <doctest/doctest.h>
#include <string>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace std::chrono_literals;
using deskbreak::platform::IdleSource;
using deskbreak::platform::WaylandIdleSource;
using Protocol = WaylandIdleSource::Protocol;
using deskbreak::test::SocketActivity;
using deskbreak::test::spin;
using deskbreak::test::waitForCount;

namespace {

// Lets the event loop run for `duration`.
qint64 firstArg(QSignalSpy& spy)
{
    return spy.takeFirst().at(0).toLongLong();
}

// One input event through the harness's tool: real input, as the compositor sees it.
void injectInput()
{
    const QString tool = qEnvironmentVariable("DESKBREAK_TEST_INPUT");
    REQUIRE_MESSAGE(!tool.isEmpty(), "DESKBREAK_TEST_INPUT is not set: run under with-sway.sh "
                                     "or with-kwin.sh");
    QProcess process;
    process.start(tool, {});
    REQUIRE_MESSAGE(process.waitForStarted(5000), "cannot start ", tool.toStdString());
    REQUIRE(process.waitForFinished(10000));
    INFO("input tool stderr: ", process.readAllStandardError().toStdString());
    REQUIRE(process.exitStatus() == QProcess::NormalExit);
    REQUIRE(process.exitCode() == 0);
}

std::unique_ptr<WaylandIdleSource> make(Protocol protocol)
{
    QString why;
    auto source = WaylandIdleSource::create(protocol, &why);
    INFO("create() said: ", why.toStdString());
    REQUIRE(source != nullptr);
    CHECK(why.isEmpty());
    CHECK(source->mode() == IdleSource::Mode::Push);
    CHECK_FALSE(source->idleTime().has_value());
    return source;
}

// The whole contract of a push source, against the live compositor: idleFor()
// once the threshold passes without input, nothing more while idle, activeAgain()
// at input, idle again; a threshold set while idle applies after the next input,
// one set while active replaces the running one at once.
void checkIdleCycle(WaylandIdleSource& source)
{
    QSignalSpy idle(&source, &IdleSource::idleFor);
    QSignalSpy active(&source, &IdleSource::activeAgain);
    QSignalSpy gone(&source, &IdleSource::unavailable);

    injectInput();
    QElapsedTimer sinceInput;
    sinceInput.start();
    source.setIdleThreshold(1500ms);
    REQUIRE(waitForCount(idle, 1, 10s));
    CHECK(sinceInput.elapsed() >= 1350);
    CHECK(firstArg(idle) == 1500);
    CHECK(active.isEmpty());

    // Still idle: nothing more until input.
    CHECK_FALSE(active.wait(300));
    CHECK(idle.isEmpty());

    injectInput();
    REQUIRE(waitForCount(active, 1, 10s));
    CHECK(idle.isEmpty());

    // Re-armed by the input: idle again after another threshold.
    sinceInput.restart();
    REQUIRE(waitForCount(idle, 1, 10s));
    CHECK(sinceInput.elapsed() >= 1350);
    CHECK(firstArg(idle) == 1500);
    CHECK(active.size() == 1);

    // Set while idle: the next input still reports, then the new threshold counts.
    source.setIdleThreshold(2500ms);
    injectInput();
    REQUIRE(waitForCount(active, 2, 10s));
    sinceInput.restart();
    REQUIRE(waitForCount(idle, 1, 10s));
    CHECK(sinceInput.elapsed() >= 2250);
    CHECK(firstArg(idle) == 2500);

    // Set while active: the last one set counts, from now.
    injectInput();
    REQUIRE(waitForCount(active, 3, 10s));
    source.setIdleThreshold(30s);
    source.setIdleThreshold(800ms);
    REQUIRE(waitForCount(idle, 1, 10s));
    CHECK(firstArg(idle) == 800);
    CHECK(active.size() == 3);
    CHECK(gone.isEmpty());
}

} // namespace

TEST_SUITE("sway")
{
    TEST_CASE("ext-idle-notify-v1 is refused with a reason: sway 1.7 does not offer it")
    {
        QString why;
        const auto source = WaylandIdleSource::create(Protocol::ExtIdleNotify, &why);
        CHECK(source == nullptr);
        INFO("create() said: ", why.toStdString());
        CHECK(why.contains(QStringLiteral("ext_idle_notifier_v1")));
    }

    TEST_CASE("org_kde_kwin_idle: idle at the threshold, active at input, thresholds apply")
    {
        const auto source = make(Protocol::KdeIdle);
        CHECK(source->name() == QStringLiteral("wayland org_kde_kwin_idle"));
        checkIdleCycle(*source);
    }

    TEST_CASE("org_kde_kwin_idle: setting the same threshold again keeps the running count")
    {
        // The daemon sets the threshold again on every config change.
        const auto source = make(Protocol::KdeIdle);
        QSignalSpy idle(source.get(), &IdleSource::idleFor);
        injectInput();
        QElapsedTimer sinceSet;
        sinceSet.start();
        source->setIdleThreshold(3000ms);
        CHECK_FALSE(idle.wait(1500));
        source->setIdleThreshold(3000ms);
        REQUIRE(waitForCount(idle, 1, 10s));
        // A fresh object would have needed 3 s more from the second call (>= 4.5 s).
        CHECK(sinceSet.elapsed() < 4300);
        CHECK(firstArg(idle) == 3000);
    }
}

TEST_SUITE("kwin")
{
    TEST_CASE("ext-idle-notify-v1 at version 1: idle, active at input, thresholds apply")
    {
        const auto source = make(Protocol::ExtIdleNotify);
        CHECK(source->name() ==
              QStringLiteral("wayland ext-idle-notify-v1 (v1: idle inhibitors count as activity)"));
        checkIdleCycle(*source);
    }

    TEST_CASE("org_kde_kwin_idle: idle at the threshold, active at input, thresholds apply")
    {
        const auto source = make(Protocol::KdeIdle);
        CHECK(source->name() == QStringLiteral("wayland org_kde_kwin_idle"));
        checkIdleCycle(*source);
    }
}

TEST_SUITE("xcb")
{
    TEST_CASE("Qt on xcb: the backend talks to the compositor over its own connection")
    {
        REQUIRE(QGuiApplication::platformName() == QStringLiteral("xcb"));
        const auto source = make(Protocol::KdeIdle);
        QSignalSpy idle(source.get(), &IdleSource::idleFor);
        QSignalSpy active(source.get(), &IdleSource::activeAgain);
        injectInput();
        source->setIdleThreshold(1000ms);
        REQUIRE(waitForCount(idle, 1, 10s));
        CHECK(firstArg(idle) == 1000);
        injectInput();
        REQUIRE(waitForCount(active, 1, 10s));
    }
}

TEST_SUITE("gone")
{
    TEST_CASE("the compositor goes away: unavailable() once per source, nothing crashes")
    {
        bool ok = false;
        const pid_t compositor = qEnvironmentVariableIntValue("DESKBREAK_TEST_COMPOSITOR_PID", &ok);
        REQUIRE_MESSAGE(ok, "DESKBREAK_TEST_COMPOSITOR_PID is not set: run under with-sway.sh");
        REQUIRE(QGuiApplication::platformName() != QStringLiteral("wayland"));

        auto kept = make(Protocol::KdeIdle);
        auto dropped = make(Protocol::KdeIdle);
        QSignalSpy keptGone(kept.get(), &IdleSource::unavailable);
        QSignalSpy keptIdle(kept.get(), &IdleSource::idleFor);
        QSignalSpy keptActive(kept.get(), &IdleSource::activeAgain);
        QSignalSpy droppedGone(dropped.get(), &IdleSource::unavailable);
        kept->setIdleThreshold(60s);
        dropped->setIdleThreshold(60s);
        // A receiver that deletes the source from its handler, as the daemon may.
        int droppedCalls = 0;
        QObject::connect(dropped.get(), &IdleSource::unavailable, [&]() {
            ++droppedCalls;
            dropped.reset();
        });
        spin(200ms);
        REQUIRE(keptGone.isEmpty());

        REQUIRE(::kill(compositor, SIGTERM) == 0);
        REQUIRE(waitForCount(keptGone, 1, 10s));
        const QString why = keptGone.first().at(0).toString();
        INFO("unavailable() said: ", why.toStdString());
        CHECK(why.contains(QStringLiteral("compositor")));
        REQUIRE(waitForCount(droppedGone, 1, 5s));
        CHECK(droppedCalls == 1);
        CHECK(dropped == nullptr);

        // Dead and quiet: a new threshold changes nothing, no signal repeats, and
        // the closed socket no longer wakes the process (a busy loop would).
        int wakeUps = 0;
        {
            const SocketActivity activity;
            kept->setIdleThreshold(100ms);
            spin(1s);
            wakeUps = activity.count;
        }
        CHECK(wakeUps == 0);
        CHECK(keptGone.size() == 1);
        CHECK(keptIdle.isEmpty());
        CHECK(keptActive.isEmpty());
        CHECK_FALSE(kept->idleTime().has_value());
        kept.reset();
    }
}

TEST_SUITE("none")
{
    TEST_CASE("no compositor: create() refuses at once with a reason")
    {
        const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
        REQUIRE_MESSAGE(!runtime.isEmpty(), "run under with-private-buses.sh");
        // A stale socket: bound, never listened on, as a crashed compositor leaves it.
        const QString stale = runtime + QStringLiteral("/wayland-stale");
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        REQUIRE(fd >= 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        const QByteArray path = QFile::encodeName(stale);
        REQUIRE(static_cast<std::size_t>(path.size()) < sizeof address.sun_path);
        std::memcpy(address.sun_path, path.constData(), static_cast<std::size_t>(path.size()));
        REQUIRE(::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0);

        const QString missing = runtime + QStringLiteral("/no-compositor-here");
        for (const QString& display : {missing, QStringLiteral("wayland-nothing"), stale}) {
            for (const Protocol protocol : {Protocol::ExtIdleNotify, Protocol::KdeIdle}) {
                qputenv("WAYLAND_DISPLAY", display.toLocal8Bit());
                QString why;
                QElapsedTimer clock;
                clock.start();
                const auto source = WaylandIdleSource::create(protocol, &why);
                INFO("WAYLAND_DISPLAY=", display.toStdString(),
                     " create() said: ", why.toStdString());
                CHECK(source == nullptr);
                CHECK(why.contains(QStringLiteral("no Wayland compositor")));
                CHECK(why.contains(display));
                CHECK(clock.elapsed() < 3000); // no wait for the probe's deadline
            }
        }
        ::close(fd);
    }

    TEST_CASE("a compositor that never answers: create() gives up after its deadline")
    {
        const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
        REQUIRE(!runtime.isEmpty());
        // Listening, so connect() succeeds, but nobody ever reads or writes.
        const QString mute = runtime + QStringLiteral("/wayland-mute");
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        REQUIRE(fd >= 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        const QByteArray path = QFile::encodeName(mute);
        std::memcpy(address.sun_path, path.constData(), static_cast<std::size_t>(path.size()));
        REQUIRE(::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0);
        REQUIRE(::listen(fd, 4) == 0);

        qputenv("WAYLAND_DISPLAY", mute.toLocal8Bit());
        QString why;
        const auto source = WaylandIdleSource::create(Protocol::KdeIdle, &why);
        INFO("create() said: ", why.toStdString());
        CHECK(source == nullptr);
        CHECK(why.contains(QStringLiteral("did not answer")));
        ::close(fd);
    }
}

int main(int argc, char** argv)
{
    QGuiApplication app(argc, argv);
    doctest::Context context(argc, argv);
    return context.run();
}
