// The Wayland fullscreen detector against real headless compositors. Each ctest entry runs
// one suite (--test-suite=NAME) under tests/support/with-sway.sh or with-kwin.sh; the
// windows are tests/support/WaylandTestWindow.cpp, a Qt program on Wayland of its own. This
// process runs Qt offscreen, so the detector's connection is its only one to the compositor.
//   sway         sway 1.7: zwlr_foreign_toplevel_manager_v1 version 3
//   kwin         KWin 5.27 with KWIN_WAYLAND_NO_PERMISSION_CHECKS=1:
//                org_kde_plasma_window_management version 16
//   kwin-checks  KWin 5.27 with its permission checks: the protocol is not offered
//   gone         sway is killed while the detector watches
//   none         no compositor, or one that never answers
#define DOCTEST_CONFIG_IMPLEMENT
#include "platform/wayland/WaylandFullscreenDetector.h"
#include "support/EventLoop.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEvent>
#include <QEventLoop>
#include <QFile>
#include <QGuiApplication>
#include <QProcess>
#include <QSignalSpy>
#include <QSocketNotifier>
#include <QTimer>
#include <chrono>
#include <csignal>
#include <cstring>
#include <doctest/doctest.h>
#include <memory>
#include <string>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using namespace std::chrono_literals;
using deskbreak::core::HoldReason;
using deskbreak::platform::HoldDetector;
using deskbreak::platform::WaylandFullscreenDetector;
using deskbreak::test::openSockets;
using deskbreak::test::SocketActivity;
using deskbreak::test::spin;
using deskbreak::test::waitForCount;

namespace {

// A change must reach activeChanged() within this.
constexpr auto kChangeWithin = 2000ms;

// The next activeChanged() within kChangeWithin, and its value.
bool nextChange(QSignalSpy& spy)
{
    const int before = static_cast<int>(spy.size());
    REQUIRE_MESSAGE(waitForCount(spy, before + 1, kChangeWithin), "no activeChanged() within ",
                    kChangeWithin.count(), " ms");
    return spy.at(before).at(0).toBool();
}

// Another program's window: tests/support/WaylandTestWindow.cpp on Qt's Wayland platform.
class TestWindow {
public:
    explicit TestWindow(bool fullscreen, const QString& title = QStringLiteral("fullscreen test"))
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("wayland"));
        env.insert(QStringLiteral("QT_WAYLAND_DISABLE_WINDOWDECORATION"), QStringLiteral("1"));
        m_process.setProcessEnvironment(env);
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QStringList args{QStringLiteral("--title"), title};
        if (fullscreen) {
            args << QStringLiteral("--fullscreen");
        }
        m_process.start(QStringLiteral(DESKBREAK_TEST_WINDOW), args);
        REQUIRE_MESSAGE(m_process.waitForStarted(5000), "cannot start " DESKBREAK_TEST_WINDOW);
    }
    ~TestWindow() { end(); }
    TestWindow(const TestWindow&) = delete;
    TestWindow& operator=(const TestWindow&) = delete;

    qint64 pid() const { return m_process.processId(); }

    // Waits until the window says the compositor made it so (its configure events).
    void waitForState(bool fullscreen, bool active)
    {
        const QByteArray wanted = QByteArrayLiteral("state fullscreen=") +
                                  (fullscreen ? "1" : "0") + " active=" + (active ? "1" : "0");
        QElapsedTimer clock;
        clock.start();
        drain();
        while (m_last != wanted && clock.elapsed() < 10000) {
            REQUIRE_MESSAGE(m_process.state() == QProcess::Running, "the test window exited");
            m_process.waitForReadyRead(200);
            drain();
        }
        INFO("the window last said: ", m_last.toStdString());
        REQUIRE(m_last == wanted);
    }

    // Waits until the window is up, in whatever state the compositor gave it.
    void waitForShown()
    {
        QElapsedTimer clock;
        clock.start();
        drain();
        while (m_last.isEmpty() && clock.elapsed() < 10000) {
            REQUIRE_MESSAGE(m_process.state() == QProcess::Running, "the test window exited");
            m_process.waitForReadyRead(200);
            drain();
        }
        REQUIRE_MESSAGE(m_last.startsWith("state "), "the test window did not come up");
    }

    void send(const char* command)
    {
        m_process.write(QByteArray(command) + '\n');
        REQUIRE(m_process.waitForBytesWritten(5000));
    }

    // Ends the window's process by its PID, as a crash or kill would.
    void end()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

private:
    void drain()
    {
        while (m_process.canReadLine()) {
            m_last = m_process.readLine().trimmed();
        }
    }

    QProcess m_process;
    QByteArray m_last;
};

void swaymsg(const QString& command)
{
    QProcess process;
    process.start(QStringLiteral("swaymsg"), {command});
    REQUIRE(process.waitForFinished(10000));
    INFO("swaymsg ", command.toStdString(), ": ", process.readAllStandardOutput().toStdString(),
         process.readAllStandardError().toStdString());
    REQUIRE(process.exitStatus() == QProcess::NormalExit);
    REQUIRE(process.exitCode() == 0);
}

QString forWindow(const TestWindow& window, const char* command)
{
    return QStringLiteral("[pid=%1] %2").arg(window.pid()).arg(QLatin1String(command));
}

std::unique_ptr<WaylandFullscreenDetector> make(WaylandFullscreenDetector::Protocol protocol)
{
    QString why;
    auto detector = WaylandFullscreenDetector::create(&why);
    INFO("create() said: ", why.toStdString());
    REQUIRE(detector != nullptr);
    CHECK(why.isEmpty());
    CHECK(detector->protocol() == protocol);
    CHECK(detector->reason() == HoldReason::Fullscreen);
    CHECK_FALSE(detector->isWatching());
    CHECK_FALSE(detector->active());
    return detector;
}

// Watching while a focused fullscreen window is up: active() at once, and no signal from
// inside setWatching().
void startWatchingHeld(HoldDetector& detector, QSignalSpy& changes)
{
    detector.setWatching(true);
    CHECK(detector.isWatching());
    CHECK(detector.active());
    CHECK(changes.isEmpty());
}

// Whether a new window takes the focus from a fullscreen one: KWin gives it, sway does not.
enum class NewWindow { TakesFocus, StaysBehind };

// Not watching: no signal, no connection, no wake-ups while windows change; then, as a
// control, the same kind of change while watching does wake the detector and is told.
// `toggle(false)` / `toggle(true)` makes the focused window leave or enter fullscreen.
template <typename Toggle>
void checkQuietWhenNotWatching(Toggle toggle, TestWindow& window, NewWindow newWindow)
{
    const int socketsBefore = openSockets();
    auto detector = WaylandFullscreenDetector::create();
    REQUIRE(detector != nullptr);
    CHECK(openSockets() == socketsBefore); // create() only looked
    QSignalSpy changes(detector.get(), &HoldDetector::activeChanged);

    startWatchingHeld(*detector, changes);
    CHECK(openSockets() == socketsBefore + 1);
    detector->setWatching(false);
    CHECK_FALSE(detector->isWatching());
    CHECK_FALSE(detector->active());
    CHECK(openSockets() == socketsBefore); // the connection is closed: nothing is bound

    {
        SocketActivity activity;
        toggle(false);
        window.waitForState(false, true);
        toggle(true);
        window.waitForState(true, true);
        // Another window opens and closes: the focus comes back to the first.
        TestWindow other(false, QStringLiteral("another window"));
        if (newWindow == NewWindow::TakesFocus) {
            other.waitForState(false, true);
            window.waitForState(true, false);
        } else {
            other.waitForState(false, false);
        }
        other.end();
        window.waitForState(true, true);
        spin(500ms);
        CHECK(activity.count == 0);
        CHECK(changes.isEmpty());
        CHECK_FALSE(detector->active());
    }

    // The control: watching, the same change wakes the detector and is told.
    startWatchingHeld(*detector, changes);
    SocketActivity activity;
    toggle(false);
    CHECK_FALSE(nextChange(changes));
    CHECK(activity.count > 0);
    detector->setWatching(false);
    CHECK(changes.size() == 1);
}

} // namespace

TEST_SUITE("sway")
{
    TEST_CASE("create() picks wlroots' protocol; nothing is connected until it watches")
    {
        const int socketsBefore = openSockets();
        const auto detector = make(WaylandFullscreenDetector::Protocol::WlrForeignToplevel);
        CHECK(detector->name() == QStringLiteral("wlr-foreign-toplevel"));
        CHECK(detector->looksAt().contains(QStringLiteral("zwlr_foreign_toplevel_manager_v1")));
        CHECK(openSockets() == socketsBefore);
    }

    TEST_CASE("a focused fullscreen window holds; leaving fullscreen, focus elsewhere and the "
              "window's end release it")
    {
        TestWindow window(true);
        window.waitForState(true, true);
        const auto detector = make(WaylandFullscreenDetector::Protocol::WlrForeignToplevel);
        QSignalSpy changes(detector.get(), &HoldDetector::activeChanged);
        startWatchingHeld(*detector, changes);

        // The compositor takes it out of fullscreen, and back.
        swaymsg(forWindow(window, "fullscreen disable"));
        CHECK_FALSE(nextChange(changes));
        CHECK_FALSE(detector->active());
        window.waitForState(false, true);
        swaymsg(forWindow(window, "fullscreen enable"));
        CHECK(nextChange(changes));
        window.waitForState(true, true);

        // Still fullscreen, but the focus moves to another (empty) workspace, and back.
        swaymsg(QStringLiteral("workspace 2"));
        CHECK_FALSE(nextChange(changes));
        window.waitForState(true, false);
        swaymsg(QStringLiteral("workspace 1"));
        CHECK(nextChange(changes));
        CHECK(detector->active());
        window.waitForState(true, true);

        // The window asks to leave fullscreen itself, and to enter it again.
        window.send("normal");
        CHECK_FALSE(nextChange(changes));
        window.waitForState(false, true);
        window.send("fullscreen");
        CHECK(nextChange(changes));

        // Its process ends.
        window.end();
        CHECK_FALSE(nextChange(changes));
        CHECK(changes.size() == 7);

        detector->setWatching(false);
        CHECK_FALSE(detector->isWatching());
        CHECK_FALSE(detector->active());
        CHECK(changes.size() == 7);
    }

    TEST_CASE("a focused window that is not fullscreen, or a fullscreen one out of focus, does "
              "not hold")
    {
        TestWindow window(false);
        window.waitForState(false, true);
        const auto detector = make(WaylandFullscreenDetector::Protocol::WlrForeignToplevel);
        QSignalSpy changes(detector.get(), &HoldDetector::activeChanged);
        detector->setWatching(true);
        CHECK_FALSE(detector->active());
        window.send("fullscreen");
        CHECK(nextChange(changes));
        detector->setWatching(false);

        swaymsg(QStringLiteral("workspace 2"));
        window.waitForState(true, false);
        detector->setWatching(true);
        CHECK_FALSE(detector->active());
        swaymsg(QStringLiteral("workspace 1"));
        CHECK(nextChange(changes));
        detector->setWatching(false);
        CHECK(changes.size() == 2);
    }

    TEST_CASE("not watching: no signal, no connection, no wake-ups")
    {
        TestWindow window(true);
        window.waitForState(true, true);
        checkQuietWhenNotWatching(
            [&](bool fullscreen) {
                swaymsg(forWindow(window, fullscreen ? "fullscreen enable" : "fullscreen disable"));
            },
            window, NewWindow::StaysBehind);
    }
}

TEST_SUITE("kwin")
{
    TEST_CASE("create() picks KDE's protocol; nothing is connected until it watches")
    {
        const int socketsBefore = openSockets();
        const auto detector = make(WaylandFullscreenDetector::Protocol::KdePlasmaWindowManagement);
        CHECK(detector->name() == QStringLiteral("kde-plasma-window-management"));
        CHECK(detector->looksAt().contains(QStringLiteral("org_kde_plasma_window_management")));
        CHECK(openSockets() == socketsBefore);
    }

    TEST_CASE("a focused fullscreen window holds; leaving fullscreen and the window's end "
              "release it")
    {
        TestWindow window(true);
        window.waitForState(true, true);
        const auto detector = make(WaylandFullscreenDetector::Protocol::KdePlasmaWindowManagement);
        QSignalSpy changes(detector.get(), &HoldDetector::activeChanged);
        startWatchingHeld(*detector, changes);

        window.send("normal");
        CHECK_FALSE(nextChange(changes));
        CHECK_FALSE(detector->active());
        window.waitForState(false, true);
        window.send("fullscreen");
        CHECK(nextChange(changes));

        window.end();
        CHECK_FALSE(nextChange(changes));
        CHECK(changes.size() == 3);
        detector->setWatching(false);
        CHECK(changes.size() == 3);
    }

    TEST_CASE("a focused window that is not fullscreen does not hold, until it is")
    {
        TestWindow window(false);
        window.waitForState(false, true);
        const auto detector = make(WaylandFullscreenDetector::Protocol::KdePlasmaWindowManagement);
        QSignalSpy changes(detector.get(), &HoldDetector::activeChanged);
        detector->setWatching(true);
        CHECK_FALSE(detector->active());
        window.send("fullscreen");
        CHECK(nextChange(changes));
        detector->setWatching(false);
        CHECK(changes.size() == 1);
    }

    TEST_CASE("not watching: no signal, no connection, no wake-ups")
    {
        TestWindow window(true);
        window.waitForState(true, true);
        checkQuietWhenNotWatching(
            [&](bool fullscreen) { window.send(fullscreen ? "fullscreen" : "normal"); }, window,
            NewWindow::TakesFocus);
    }
}

TEST_SUITE("kwin-checks")
{
    TEST_CASE("KWin's permission checks keep org_kde_plasma_window_management from us: "
              "create() says so")
    {
        QString why;
        const auto detector = WaylandFullscreenDetector::create(&why);
        CHECK(detector == nullptr);
        INFO("create() said: ", why.toStdString());
        CHECK(why.contains(QStringLiteral("neither zwlr_foreign_toplevel_manager_v1 nor "
                                          "org_kde_plasma_window_management")));
        CHECK(why.contains(QStringLiteral("X-KDE-Wayland-Interfaces")));
    }
}

TEST_SUITE("gone")
{
    TEST_CASE("the compositor goes away while watching: activeChanged(false) once, then quiet")
    {
        bool ok = false;
        const pid_t compositor = qEnvironmentVariableIntValue("DESKBREAK_TEST_COMPOSITOR_PID", &ok);
        REQUIRE_MESSAGE(ok, "DESKBREAK_TEST_COMPOSITOR_PID is not set: run under with-sway.sh");
        REQUIRE(QGuiApplication::platformName() != QStringLiteral("wayland"));

        const int socketsBefore = openSockets();
        TestWindow window(true);
        window.waitForState(true, true);
        const auto detector = make(WaylandFullscreenDetector::Protocol::WlrForeignToplevel);
        QSignalSpy changes(detector.get(), &HoldDetector::activeChanged);
        startWatchingHeld(*detector, changes);

        // sway closes its windows first (their end is told), then its connections.
        REQUIRE(::kill(compositor, SIGTERM) == 0);
        CHECK_FALSE(nextChange(changes));
        CHECK_FALSE(detector->active());
        CHECK(detector->isWatching());
        QElapsedTimer closing;
        closing.start();
        while (openSockets() != socketsBefore && closing.elapsed() < 5000) {
            spin(50ms);
        }
        CHECK(openSockets() == socketsBefore); // the dead connection is closed

        // Quiet: no busy loop on the closed socket, no second signal.
        {
            SocketActivity activity;
            spin(1s);
            CHECK(activity.count == 0);
        }
        CHECK(changes.size() == 1);

        // A later watch finds nobody, at once, and says nothing.
        detector->setWatching(false);
        QElapsedTimer clock;
        clock.start();
        detector->setWatching(true);
        CHECK(clock.elapsed() < 1500);
        CHECK_FALSE(detector->active());
        CHECK(openSockets() == socketsBefore);
        detector->setWatching(false);
        CHECK(changes.size() == 1);
    }
}

TEST_SUITE("none")
{
    TEST_CASE("no compositor: create() refuses at once with a reason")
    {
        const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
        REQUIRE_MESSAGE(!runtime.isEmpty(), "run under with-private-buses.sh");
        const QString missing = runtime + QStringLiteral("/no-compositor-here");
        for (const QString& display : {missing, QStringLiteral("wayland-nothing")}) {
            qputenv("WAYLAND_DISPLAY", display.toLocal8Bit());
            QString why;
            QElapsedTimer clock;
            clock.start();
            const auto detector = WaylandFullscreenDetector::create(&why);
            INFO("WAYLAND_DISPLAY=", display.toStdString(), " create() said: ", why.toStdString());
            CHECK(detector == nullptr);
            CHECK(why.contains(QStringLiteral("no Wayland compositor")));
            CHECK(why.contains(display));
            CHECK(clock.elapsed() < 1000);
        }
    }

    TEST_CASE("a compositor that never answers: create() gives up after its deadline")
    {
        const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
        REQUIRE(!runtime.isEmpty());
        // Listening, so connect() succeeds, but nobody ever reads or writes.
        const QString mute = runtime + QStringLiteral("/wayland-mute-fullscreen");
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        REQUIRE(fd >= 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        const QByteArray path = QFile::encodeName(mute);
        REQUIRE(static_cast<std::size_t>(path.size()) < sizeof address.sun_path);
        std::memcpy(address.sun_path, path.constData(), static_cast<std::size_t>(path.size()));
        REQUIRE(::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0);
        REQUIRE(::listen(fd, 4) == 0);

        qputenv("WAYLAND_DISPLAY", mute.toLocal8Bit());
        QString why;
        QElapsedTimer clock;
        clock.start();
        const auto detector = WaylandFullscreenDetector::create(&why);
        INFO("create() said: ", why.toStdString());
        CHECK(detector == nullptr);
        CHECK(why.contains(QStringLiteral("did not answer")));
        CHECK(clock.elapsed() >= 1500);
        CHECK(clock.elapsed() < 4000);
        ::close(fd);
    }
}

int main(int argc, char** argv)
{
    QGuiApplication app(argc, argv);
    doctest::Context context(argc, argv);
    return context.run();
}
