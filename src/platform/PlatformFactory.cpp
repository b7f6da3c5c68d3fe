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
};

// Tries each backend in order; returns the first that works and describes the choice.
template <typename Interface>
std::unique_ptr<Interface> pick(const char* what, const QList<Backend<Interface>>& backends,
                                QString* log)
{
    QStringList skipped;
    for (const auto& b : backends) {
        QString whyNot;
        if (auto made = b.create(&whyNot)) {
            *log = QStringLiteral("%1: %2").arg(QLatin1String(what), QLatin1String(b.name));
            if (!skipped.isEmpty())
                *log += QStringLiteral(" (not %1)").arg(skipped.join(QStringLiteral("; ")));
            return made;
        }
        skipped.append(QStringLiteral("%1: %2").arg(QLatin1String(b.name), whyNot));
    }
    *log = QStringLiteral("%1: none (%2)")
               .arg(QLatin1String(what), skipped.join(QStringLiteral("; ")));
    return nullptr;
}

} // namespace

std::unique_ptr<IdleSource> createIdleSource(QString* log)
{
    const QList<Backend<IdleSource>> backends = {
#ifdef Q_OS_LINUX
        {"x11-sync",
         [](QString* why) -> std::unique_ptr<IdleSource> {
             return X11SyncIdleSource::create(why);
         }},
        {"x11-screensaver",
         [](QString* why) -> std::unique_ptr<IdleSource> {
             return X11ScreenSaverIdleSource::create(why);
         }},
#endif
    };
    if (auto source = pick("idle source", backends, log))
        return source;
    *log += QStringLiteral("; the user counts as always present");
    return std::make_unique<NoIdleSource>();
}

std::unique_ptr<Notifier> createNativeNotifier(QString* log)
{
    const QList<Backend<Notifier>> backends = {
#ifdef Q_OS_LINUX
        {"freedesktop",
         [](QString* why) -> std::unique_ptr<Notifier> {
             return FreedesktopNotifier::create(why);
         }},
#endif
    };
    return pick("notifications", backends, log);
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
    auto monitor = pick("session monitor", backends, log);
    if (monitor)
        *log += QStringLiteral(", %1").arg(monitor->name());
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
