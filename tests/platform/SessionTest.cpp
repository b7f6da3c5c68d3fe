// Which session deskbreak is in, and the idle backends that follow from it.
#include "platform/Session.h"

#include "platform/PlatformFactory.h"

#include <QJsonArray>
#include <doctest/doctest.h>

using deskbreak::platform::BackendReport;
using deskbreak::platform::detectSession;
using deskbreak::platform::Session;

namespace {

QProcessEnvironment env(std::initializer_list<std::pair<const char*, const char*>> vars)
{
    QProcessEnvironment e;
    for (const auto& [k, v] : vars)
        e.insert(QLatin1String(k), QLatin1String(v));
    return e;
}

QStringList rejectedNames(const BackendReport& r)
{
    QStringList names;
    for (const auto& x : r.rejected)
        names.append(x.backend);
    return names;
}

QString reasonFor(const BackendReport& r, const QString& backend)
{
    for (const auto& x : r.rejected)
        if (x.backend == backend)
            return x.reason;
    return {};
}

} // namespace

TEST_CASE("a Wayland session is told by XDG_SESSION_TYPE or WAYLAND_DISPLAY, whatever DISPLAY says")
{
    CHECK(detectSession(env({{"XDG_SESSION_TYPE", "wayland"}})).type == Session::Type::Wayland);
    // Xwayland sets DISPLAY too: the session is still Wayland.
    const Session both = detectSession(env({{"WAYLAND_DISPLAY", "wayland-0"}, {"DISPLAY", ":0"}}));
    CHECK(both.type == Session::Type::Wayland);
    CHECK(both.why == QStringLiteral("WAYLAND_DISPLAY is set"));
    // A stale "x11" with a live compositor socket named: the compositor wins.
    CHECK(
        detectSession(env({{"XDG_SESSION_TYPE", "x11"}, {"WAYLAND_DISPLAY", "wayland-1"}})).type ==
        Session::Type::Wayland);
}

TEST_CASE("an X11 session is told by XDG_SESSION_TYPE=x11 or DISPLAY alone")
{
    CHECK(detectSession(env({{"XDG_SESSION_TYPE", "x11"}, {"DISPLAY", ":1"}})).type ==
          Session::Type::X11);
    const Session plain = detectSession(env({{"DISPLAY", ":1"}}));
    CHECK(plain.type == Session::Type::X11);
    CHECK(plain.why == QStringLiteral("DISPLAY is set"));
    const Session none = detectSession(env({{"XDG_SESSION_TYPE", "tty"}}));
    CHECK(none.type == Session::Type::None);
    CHECK(none.typeName() == QStringLiteral("none"));
}

TEST_CASE("GNOME is found in XDG_CURRENT_DESKTOP's list")
{
    CHECK(detectSession(env({{"XDG_CURRENT_DESKTOP", "ubuntu:GNOME"}})).isGnome());
    CHECK(detectSession(env({{"XDG_CURRENT_DESKTOP", "GNOME"}})).isGnome());
    CHECK_FALSE(detectSession(env({{"XDG_CURRENT_DESKTOP", "KDE"}})).isGnome());
    CHECK_FALSE(detectSession(env({{"XDG_CURRENT_DESKTOP", "GNOME-Flashback-like"}})).isGnome());
}

TEST_CASE("a report's log line names the choice and every backend passed over, with the reason")
{
    BackendReport r;
    r.capability = QStringLiteral("idle");
    r.rejected = {{QStringLiteral("a"), QStringLiteral("no a here")},
                  {QStringLiteral("b"), QStringLiteral("b refused")}};
    CHECK(r.logLine() == QStringLiteral("idle: none (a: no a here; b: b refused)"));
    r.chosen = QStringLiteral("c");
    CHECK(r.logLine() == QStringLiteral("idle: c (not a: no a here; b: b refused)"));
    CHECK(r.toJson().value(QStringLiteral("backend")).toString() == QStringLiteral("c"));
    CHECK(r.toJson().value(QStringLiteral("rejected")).toArray().size() == 2);
}

TEST_CASE("in a Wayland session X11 idle is never tried, and with nothing else the user is present")
{
    // No compositor, no session bus: every Wayland candidate fails, and X11 is not asked
    // even though it might connect (it would under Xwayland, and be wrong).
    qputenv("WAYLAND_DISPLAY", "deskbreak-test-no-such-compositor");
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/deskbreak-test-bus");
    BackendReport report;
    const Session wayland =
        detectSession(env({{"WAYLAND_DISPLAY", "wayland-0"}, {"DISPLAY", ":0"}}));
    const auto source = deskbreak::platform::createIdleSource(wayland, &report);
    REQUIRE(source != nullptr);
    CHECK(source->name() == QStringLiteral("none"));
    CHECK_FALSE(report.available());
    CHECK(rejectedNames(report).contains(QStringLiteral("x11-sync")));
    CHECK(rejectedNames(report).contains(QStringLiteral("x11-screensaver")));
    CHECK(
        reasonFor(report, QStringLiteral("x11-sync")).contains(QStringLiteral("Wayland session")));
    CHECK_FALSE(report.hint.isEmpty());
}
