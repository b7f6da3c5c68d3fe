#include "platform/PlatformFactory.h"

#include "platform/NoIdleSource.h"

#if defined(Q_OS_WIN)
#include "platform/windows/RunKeyAutostart.h"
#elif defined(Q_OS_MACOS)
#include "platform/macos/LaunchAgentAutostart.h"
#else
#include "platform/linux/XdgAutostart.h"
#endif
#ifdef Q_OS_LINUX
#include "platform/freedesktop/FreedesktopNotifier.h"
#include "platform/freedesktop/FreedesktopSessionMonitor.h"
#include "platform/x11/X11ScreenSaverIdleSource.h"
#include "platform/x11/X11SyncIdleSource.h"
#endif

#include <functional>

namespace deskbreak::platform {

namespace {

template <typename Interface> struct Backend {
    const char* name;
    std::function<std::unique_ptr<Interface>(QString*)> create;
    QString skip = {}; // set: not tried in this session, for this reason
};

// Tries each backend in order and returns the first that works; `report` names it and
// every one passed over before it, with the reason.
template <typename Interface>
std::unique_ptr<Interface> pick(const QList<Backend<Interface>>& backends, BackendReport* report)
{
    for (const auto& b : backends) {
        if (!b.skip.isEmpty()) {
            report->rejected.append({QLatin1String(b.name), b.skip});
            continue;
        }
        QString whyNot;
        if (auto made = b.create(&whyNot)) {
            report->chosen = QLatin1String(b.name);
            return made;
        }
        report->rejected.append({QLatin1String(b.name), whyNot});
    }
    return nullptr;
}

} // namespace

std::unique_ptr<IdleSource> createIdleSource(const Session& session, BackendReport* report)
{
    report->capability = QStringLiteral("idle");
    const bool wayland = session.type == Session::Type::Wayland;
    const QString notX11 = QStringLiteral(
        "not used in a Wayland session (Xwayland's idle time misses native Wayland input)");
    const QString notWayland = QStringLiteral("not a Wayland session");
    const QList<Backend<IdleSource>> backends = {
#ifdef Q_OS_LINUX
        {"x11-sync",
         [](QString* why) -> std::unique_ptr<IdleSource> { return X11SyncIdleSource::create(why); },
         wayland ? notX11 : QString()},
        {"x11-screensaver",
         [](QString* why) -> std::unique_ptr<IdleSource> {
             return X11ScreenSaverIdleSource::create(why);
         },
         wayland ? notX11 : QString()},
#endif
    };
    Q_UNUSED(notWayland);
    if (auto source = pick(backends, report)) {
        report->chosen = source->name(); // more telling than the entry, e.g. the protocol version
        return source;
    }
    report->detail = QStringLiteral("the user counts as always present");
    report->hint = wayland ? QStringLiteral("this compositor offers no idle protocol deskbreak "
                                            "knows (ext-idle-notify-v1, org_kde_kwin_idle, "
                                            "GNOME's IdleMonitor); locks and sleeps still count "
                                            "as breaks")
                           : QStringLiteral("no idle source here; locks and sleeps still count "
                                            "as breaks");
    return std::make_unique<NoIdleSource>();
}

std::unique_ptr<Notifier> createNativeNotifier(BackendReport* report)
{
    report->capability = QStringLiteral("notifications");
    const QList<Backend<Notifier>> backends = {
#ifdef Q_OS_LINUX
        {"freedesktop",
         [](QString* why) -> std::unique_ptr<Notifier> {
             return FreedesktopNotifier::create(why);
         }},
#endif
    };
    return pick(backends, report);
}

std::unique_ptr<SessionMonitor> createSessionMonitor(QString* log)
{
    const QList<Backend<SessionMonitor>> backends = {
#ifdef Q_OS_LINUX
        {"freedesktop",
         [](QString* why) -> std::unique_ptr<SessionMonitor> {
             return FreedesktopSessionMonitor::create(why);
         }},
#endif
    };
    BackendReport report;
    report.capability = QStringLiteral("session monitor");
    auto monitor = pick(backends, &report);
    if (monitor)
        report.detail = monitor->name();
    *log = report.logLine();
    return monitor;
}

std::unique_ptr<Autostart> createAutostart(const QString& configHome, const QString& home)
{
#if defined(Q_OS_WIN)
    Q_UNUSED(configHome);
    Q_UNUSED(home);
    return std::make_unique<RunKeyAutostart>();
#elif defined(Q_OS_MACOS)
    Q_UNUSED(configHome);
    return std::make_unique<LaunchAgentAutostart>(home);
#else
    Q_UNUSED(home);
    return std::make_unique<XdgAutostart>(configHome);
#endif
}

} // namespace deskbreak::platform
