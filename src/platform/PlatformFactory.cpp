#include "platform/PlatformFactory.h"

#include "platform/ModuleCuePlayer.h"
#include "platform/NoIdleSource.h"

#if defined(Q_OS_WIN)
#include "platform/windows/RunKeyAutostart.h"
#elif defined(Q_OS_MACOS)
#include "platform/macos/LaunchAgentAutostart.h"
#else
#include "platform/linux/XdgAutostart.h"
#endif
#ifdef Q_OS_LINUX
#include "platform/linux/CameraInUseDetector.h"
#include "platform/linux/MicrophoneInUseDetector.h"
#include "platform/linux/XdgOpener.h"
#else
#include "platform/DesktopServicesOpener.h"
#endif
#ifdef Q_OS_LINUX
#include "platform/freedesktop/DunstPausedDetector.h"
#include "platform/freedesktop/FreedesktopNotifier.h"
#include "platform/freedesktop/FreedesktopSessionMonitor.h"
#include "platform/freedesktop/NotificationsInhibitedDetector.h"
#include "platform/freedesktop/StatusNotifierHost.h"
#include "platform/gnome/GnomeBreakReminders.h"
#include "platform/gnome/GnomeDoNotDisturbDetector.h"
#include "platform/gnome/GnomeInhibitedDetector.h"
#include "platform/gnome/MutterIdleSource.h"
#include "platform/wayland/WaylandFullscreenDetector.h"
#include "platform/wayland/WaylandIdleSource.h"
#include "platform/x11/X11FullscreenDetector.h"
#include "platform/x11/X11ScreenSaverIdleSource.h"
#include "platform/x11/X11SyncIdleSource.h"
#endif

#include <QCoreApplication>
#include <QDir>
#include <QGuiApplication>
#include <QMap>
#include <functional>

namespace deskbreak::platform {

namespace {

template <typename Interface> struct Backend {
    const char* name;
    std::function<std::unique_ptr<Interface>(QString*)> create;
    QString skip = {}; // set: not tried in this session, for this reason
};

// Tries each backend in order and returns the first that works; `report` names it, every
// one passed over before it, and every one this session rules out, each with the reason
// (a user under Xwayland asks why X11 idle is not used, though it comes after the choice).
template <typename Interface>
std::unique_ptr<Interface> pick(const QList<Backend<Interface>>& backends, BackendReport* report)
{
    std::unique_ptr<Interface> chosen;
    for (const auto& b : backends) {
        if (!b.skip.isEmpty()) {
            report->rejected.append({QLatin1String(b.name), b.skip});
            continue;
        }
        if (chosen)
            continue; // a fallback, not needed here
        QString whyNot;
        if (auto made = b.create(&whyNot)) {
            report->chosen = QLatin1String(b.name);
            chosen = std::move(made);
            continue;
        }
        report->rejected.append({QLatin1String(b.name), whyNot});
    }
    return chosen;
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
        {"gnome-mutter",
         [](QString* why) -> std::unique_ptr<IdleSource> { return MutterIdleSource::create(why); },
         wayland ? QString() : notWayland},
        {"wayland-ext-idle-notify",
         [](QString* why) -> std::unique_ptr<IdleSource> {
             return WaylandIdleSource::create(WaylandIdleSource::Protocol::ExtIdleNotify, why);
         },
         wayland ? QString() : notWayland},
        {"wayland-kde-idle",
         [](QString* why) -> std::unique_ptr<IdleSource> {
             return WaylandIdleSource::create(WaylandIdleSource::Protocol::KdeIdle, why);
         },
         wayland ? QString() : notWayland},
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
    if (auto source = pick(backends, report)) {
        report->chosen = source->name(); // more telling than the entry, e.g. the protocol version
        return source;
    }
    report->detail = QStringLiteral("the user counts as always present");
    if (wayland)
        report->hint = QStringLiteral("this compositor offers no idle protocol deskbreak knows "
                                      "(ext-idle-notify-v1, org_kde_kwin_idle, GNOME's "
                                      "IdleMonitor); locks and sleeps still count as breaks");
    else if (session.type == Session::Type::None)
        report->hint = QStringLiteral("no display, so no input to watch: start deskbreak in your "
                                      "desktop session (it does so at login with `deskbreak "
                                      "autostart on`)");
    else
        report->hint = QStringLiteral("no idle source here; locks and sleeps still count as "
                                      "breaks");
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

std::unique_ptr<SessionMonitor> createSessionMonitor(QString* log, QString* whyNone)
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
    else if (whyNone && !report.rejected.isEmpty())
        *whyNone = report.rejected.constLast().reason;
    *log = report.logLine();
    return monitor;
}

void describeSessionMonitor(const SessionMonitor* monitor, const QString& whyNone,
                            BackendReport* lock, BackendReport* sleep)
{
    lock->capability = QStringLiteral("lock");
    sleep->capability = QStringLiteral("sleep");
#ifdef Q_OS_LINUX
    const auto* fd = dynamic_cast<const FreedesktopSessionMonitor*>(monitor);
    const QString lockHint = QStringLiteral("locking the screen is not seen; a lock still "
                                            "counts as idle time through the idle source");
    const QString sleepHint = QStringLiteral("a sleep is still noticed as a silence longer than "
                                             "natural_break");
    if (fd == nullptr) {
        lock->rejected.append({QStringLiteral("freedesktop"), whyNone});
        sleep->rejected.append({QStringLiteral("freedesktop"), whyNone});
        lock->hint = lockHint;
        sleep->hint = sleepHint;
        return;
    }
    QStringList lockSources;
    if (!fd->sessionPath().isEmpty())
        lockSources.append(QStringLiteral("logind session %1").arg(fd->sessionPath()));
    else
        lock->rejected.append(
            {QStringLiteral("logind"), fd->logindRunning() ? QStringLiteral("no logind session")
                                                           : QStringLiteral("logind not running")});
    QStringList savers = fd->screenSaverServices();
    savers.sort();
    if (!savers.isEmpty())
        lockSources.append(savers.join(QStringLiteral(", ")));
    else
        lock->rejected.append({QStringLiteral("screen saver"),
                               QStringLiteral("no org.freedesktop.ScreenSaver or "
                                              "org.gnome.ScreenSaver on the session bus")});
    if (!lockSources.isEmpty()) {
        lock->chosen = QStringLiteral("freedesktop");
        lock->detail = lockSources.join(QStringLiteral(" + "));
    } else {
        lock->hint = lockHint;
    }
    if (fd->logindRunning()) {
        sleep->chosen = QStringLiteral("logind");
        sleep->detail = QStringLiteral("PrepareForSleep");
    } else {
        sleep->rejected.append({QStringLiteral("logind"), QStringLiteral("logind not running")});
        sleep->hint = sleepHint;
    }
#else
    Q_UNUSED(monitor);
    lock->rejected.append({QStringLiteral("none"), whyNone});
    sleep->rejected.append({QStringLiteral("none"), whyNone});
#endif
}

BackendReport describeTray(const Session& session, bool qtTrayAvailable)
{
    BackendReport report;
    report.capability = QStringLiteral("tray");
    QString sniWhyNot = QStringLiteral("not on this system");
#ifdef Q_OS_LINUX
    const bool sniHost = statusNotifierHostRegistered(&sniWhyNot);
    if (sniHost && qtTrayAvailable) {
        report.chosen = QStringLiteral("status-notifier-item");
        report.detail = QStringLiteral("a StatusNotifierItem host is registered");
        return report;
    }
    if (sniHost) // e.g. a Qt platform with no tray at all
        sniWhyNot =
            QStringLiteral("a host is registered, but Qt on the %1 platform does not use it")
                .arg(QGuiApplication::platformName());
    report.rejected.append({QStringLiteral("status-notifier-item"), sniWhyNot});
    if (qtTrayAvailable) {
        report.chosen = QStringLiteral("xembed");
        report.detail = QStringLiteral("X11 system tray");
        return report;
    }
    if (session.type == Session::Type::None) {
        report.rejected.append({QStringLiteral("xembed"), QStringLiteral("no display")});
        report.hint = QStringLiteral("no display, so no tray: start deskbreak in your desktop "
                                     "session; the command line works meanwhile");
        return report;
    }
    const bool wayland = session.type == Session::Type::Wayland;
    report.rejected.append(
        {QStringLiteral("xembed"), wayland ? QStringLiteral("Wayland has no XEmbed tray")
                                           : QStringLiteral("no X11 system tray is running")});
    const QString panel =
        wayland ? QStringLiteral("a panel with a StatusNotifierItem tray (KDE Plasma's, "
                                 "waybar's tray module) shows deskbreak's icon")
                : QStringLiteral("a panel with a system tray (XEmbed or StatusNotifierItem) "
                                 "shows deskbreak's icon");
#else
    if (qtTrayAvailable) {
        report.chosen = QStringLiteral("system tray");
        return report;
    }
    report.rejected.append({QStringLiteral("system tray"), sniWhyNot});
    const QString panel = QStringLiteral("the system tray shows deskbreak's icon");
#endif
    report.hint = session.isGnome()
                      ? QStringLiteral("GNOME shows tray icons only with the AppIndicator "
                                       "extension (gnome-shell-extension-appindicator); until "
                                       "then, open deskbreak again from the application menu "
                                       "for its window")
                      : QStringLiteral("no tray here: %1 once it runs; until then, open "
                                       "deskbreak again (application menu, or `deskbreak`) for "
                                       "its window")
                            .arg(panel);
    return report;
}

std::optional<bool> desktopBreakRemindersOn(QString* why)
{
#ifdef Q_OS_LINUX
    return gnomeMovementBreaksOn(why);
#else
    *why = QStringLiteral("no desktop break reminders known on this system");
    return std::nullopt;
#endif
}

std::vector<std::unique_ptr<HoldDetector>> createHoldDetectors(const Session& session,
                                                               QList<BackendReport>* reports)
{
    std::vector<std::unique_ptr<HoldDetector>> detectors;
    QMap<core::HoldReason, BackendReport> byReason;
    for (const core::HoldReason r : core::kHoldReasons)
        byReason[r].capability = QStringLiteral("hold: ") + core::holdReasonName(r);
    // Keeps a detector, named in its reason's report.
    const auto keep = [&](std::unique_ptr<HoldDetector> d) {
        BackendReport& report = byReason[d->reason()];
        report.chosen += (report.chosen.isEmpty() ? QString() : QStringLiteral(" + ")) + d->name();
        report.detail +=
            (report.detail.isEmpty() ? QString() : QStringLiteral("; ")) + d->looksAt();
        detectors.push_back(std::move(d));
    };
    const auto pass = [&](core::HoldReason r, const QString& backend, const QString& why) {
        byReason[r].rejected.append({backend, why});
    };
#ifdef Q_OS_LINUX
    keep(std::make_unique<CameraInUseDetector>());
    keep(std::make_unique<MicrophoneInUseDetector>());
    QString why;
    if (session.type == Session::Type::Wayland && !session.isGnome()) {
        // wlroots' and KDE's toplevel protocols; GNOME offers neither (its inhibitors below).
        if (auto d = WaylandFullscreenDetector::create(&why))
            keep(std::move(d));
        else
            pass(core::HoldReason::Fullscreen, QStringLiteral("wayland-toplevels"), why);
    } else if (auto d = X11FullscreenDetector::create(&why)) {
        keep(std::move(d));
    } else {
        pass(core::HoldReason::Fullscreen, QStringLiteral("x11-netwm"), why);
    }
    const QDBusConnection bus = QDBusConnection::sessionBus();
    if (bus.isConnected()) {
        // Each is inactive on a server without its property (e.g. KDE's Inhibited on dunst).
        keep(std::make_unique<NotificationsInhibitedDetector>(bus));
        keep(std::make_unique<DunstPausedDetector>(bus));
        if (session.isGnome()) {
            keep(std::make_unique<GnomeInhibitedDetector>(bus));
            keep(std::make_unique<GnomeDoNotDisturbDetector>());
        } else {
            pass(core::HoldReason::DoNotDisturb, QStringLiteral("gnome-show-banners"),
                 QStringLiteral("not a GNOME session"));
        }
    } else {
        pass(core::HoldReason::DoNotDisturb, QStringLiteral("notifications-inhibited"),
             QStringLiteral("no session bus"));
    }
#else
    Q_UNUSED(session);
    pass(core::HoldReason::Camera, QStringLiteral("proc-fd"), QStringLiteral("Linux only"));
    pass(core::HoldReason::Microphone, QStringLiteral("alsa-proc"), QStringLiteral("Linux only"));
#endif
    for (const core::HoldReason r : core::kHoldReasons) {
        if (!byReason[r].available() && byReason[r].rejected.isEmpty())
            pass(r, QStringLiteral("any"), QStringLiteral("no detector for this desktop"));
        if (reports)
            reports->append(byReason[r]);
    }
    return detectors;
}

std::unique_ptr<CuePlayer> createCuePlayer(const QString& soundDir)
{
    QString module = qEnvironmentVariable("DESKBREAK_CUES_MODULE");
#ifdef Q_OS_LINUX
    // Where the build puts it, relative to the binary: the same in the build tree, the
    // installed package and an unpacked tarball.
    if (module.isEmpty())
        module = QDir(QCoreApplication::applicationDirPath())
                     .absoluteFilePath(QStringLiteral(DESKBREAK_CUES_MODULE));
    module = QDir::cleanPath(module);
#endif
    return std::make_unique<ModuleCuePlayer>(module, soundDir);
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

std::unique_ptr<Opener> createOpener()
{
#ifdef Q_OS_LINUX
    return std::make_unique<XdgOpener>();
#else
    return std::make_unique<DesktopServicesOpener>();
#endif
}

} // namespace deskbreak::platform
