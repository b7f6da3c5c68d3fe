#include "app/Daemon.h"

#include "app/AppPaths.h"
#include "app/AutostartPolicy.h"
#include "app/ConfigService.h"
#include "app/ControlHandler.h"
#include "app/ControlServer.h"
#include "app/HistoryRecorder.h"
#include "app/HoldMonitor.h"
#include "app/Logging.h"
#include "app/NotifierSwitch.h"
#include "app/Presenter.h"
#include "app/SettingsApplier.h"
#include "app/SittingService.h"
#include "app/StateFile.h"
#include "app/StatusWatch.h"
#include "platform/NoIdleSource.h"
#include "platform/PlatformFactory.h"
#include "ui/ReminderWindow.h"

#include <QCoreApplication>
#include <QDir>
#include <QTimer>

namespace deskbreak::app {

namespace {

// The desktop's notification server when it can show buttons, else deskbreak's own window.
std::unique_ptr<platform::Notifier> chooseNotifier(core::NotificationStyle style)
{
    platform::BackendReport report;
    std::unique_ptr<platform::Notifier> notifier;
    if (style != core::NotificationStyle::Window) {
        notifier = platform::createNativeNotifier(&report);
    } else {
        report.capability = QStringLiteral("notifications");
        report.rejected.append(
            {QStringLiteral("freedesktop"), QStringLiteral("style = \"window\"")});
    }
    if (!notifier) {
        notifier = std::make_unique<ui::WindowNotifier>();
        report.chosen = notifier->name();
        report.detail = QStringLiteral("deskbreak's own reminder window");
    }
    logInfo(report.logLine());
    return notifier;
}

// The history on disk, or in memory for the demo and when the file cannot be opened.
// The history, behind a recorder that never blocks and never drops an event. The demo
// keeps it in memory: it must not fill a user's real history.
std::unique_ptr<HistoryRecorder> openHistory(bool demo)
{
    const QString path = demo ? QString() : paths::dataDir() + QStringLiteral("/history.sqlite");
    auto recorder = std::make_unique<HistoryRecorder>(path);
    logInfo(path.isEmpty() ? QStringLiteral("history: in memory only (demo)")
                           : QStringLiteral("history: %1").arg(path));
    return recorder;
}

} // namespace

Daemon::Daemon(Options options, QObject* parent)
    : QObject(parent)
    , m_options(options)
{
}

Daemon::~Daemon() = default;

bool Daemon::start(QString* error)
{
    m_control = std::make_unique<ControlServer>([this](const QJsonObject& request) {
        finishStart(); // a request in the first moments waits for the rest of the start-up
        return m_handler->handle(request);
    });
    if (!m_control->listen(error))
        return false;

    startLogging(paths::stateDir(), QStringLiteral("info"));
    logInfo(QStringLiteral("deskbreak %1 started (pid %2)%3")
                .arg(QCoreApplication::applicationVersion())
                .arg(QCoreApplication::applicationPid())
                .arg(m_options.demo ? QStringLiteral(", demo mode") : QString()));

    m_config = std::make_unique<ConfigService>(
        ConfigService::Paths{paths::configFile(),
                             QDir(paths::contentDir()).filePath(QStringLiteral("deskbreak.toml")),
                             paths::contentDir(), paths::userRoutinesDir()},
        m_options.demo);
    m_config->load();
    setLogLevel(m_config->settings().logLevel);

    m_session = platform::detectSession();
    logInfo(QStringLiteral("session: %1 (%2)%3")
                .arg(m_session.typeName(), m_session.why,
                     m_session.desktop.isEmpty()
                         ? QString()
                         : QStringLiteral(", desktop %1").arg(m_session.desktop)));
    platform::BackendReport idleReport;
    std::unique_ptr<platform::IdleSource> idle;
    if (m_options.demo) {
        idle = std::make_unique<platform::NoIdleSource>();
        idleReport.capability = QStringLiteral("idle");
        idleReport.chosen = idle->name();
        idleReport.detail = QStringLiteral("demo: the user counts as always active");
    } else {
        idle = platform::createIdleSource(m_session, &idleReport);
    }
    logInfo(idleReport.logLine());

    // Up to here and the tray icon: what a user sees first. The rest (the notification
    // server, the history, lock and sleep events, the saved state) follows as soon as
    // the event loop runs, so the icon is not kept waiting for D-Bus and SQLite.
    m_sitting = std::make_unique<SittingService>(m_clock, std::move(idle), m_config->schedule(),
                                                 m_options.demo ? QString() : statefile::path());
    m_presenter = std::make_unique<Presenter>(
        *m_sitting, *m_config, m_clock,
        Presenter::Options{paths::stateDir(), paths::configFile(), m_options.demo});
    m_handler = std::make_unique<ControlHandler>(
        *m_sitting, *m_config, *m_presenter,
        ControlHandler::Facts{m_session.typeName(), m_options.demo,
                              QCoreApplication::applicationPid(),
                              QCoreApplication::applicationVersion()});

    // Every key takes effect while running: the schedule, the notifier, autostart, the log
    // at once; [break] is read as each break starts. Those made in finishStart() read the
    // settings in force then.
    m_settingsApplier = std::make_unique<SettingsApplier>(
        *m_config,
        SettingsApplier::Targets{
            [this](const core::Settings::Schedule& s) { m_sitting->applySchedule(s); },
            [this](core::NotificationStyle style) {
                if (m_notifiers)
                    m_notifiers->apply(style);
            },
            [this](bool on) {
                if (!m_autostartPolicy || m_options.demo) // the demo leaves autostart alone
                    return;
                m_autostartPolicy->configChanged(on);
                m_presenter->setAutostart(m_autostartPolicy->isEnabled());
            },
            [](const QString& level) { setLogLevel(level); }});
    connect(m_config.get(), &ConfigService::settingsChanged, m_settingsApplier.get(),
            &SettingsApplier::apply);

    m_statusWatch =
        std::make_unique<StatusWatch>(*m_sitting, [this] { return m_handler->status(); });
    connect(m_statusWatch.get(), &StatusWatch::changed, m_control.get(), &ControlServer::publish);
    connect(m_control.get(), &ControlServer::watchersChanged, m_statusWatch.get(),
            &StatusWatch::setWatchers);

    connect(m_config.get(), &ConfigService::problemFound, m_presenter.get(),
            &Presenter::tellConfigProblem);
    connect(m_presenter.get(), &Presenter::quitRequested, this, &Daemon::quit);
    connect(m_handler.get(), &ControlHandler::quitRequested, this, &Daemon::quit);
    connect(m_presenter.get(), &Presenter::autostartToggled, this, [this](bool on) {
        m_autostartPolicy->setByUser(on);
        m_presenter->setAutostart(m_autostartPolicy->isEnabled());
    });
    m_presenter->refresh();
    QTimer::singleShot(0, this, &Daemon::finishStart);
    return true;
}

void Daemon::finishStart()
{
    if (m_ready)
        return;
    m_ready = true;
    m_notifiers =
        std::make_unique<NotifierSwitch>(chooseNotifier, m_config->settings().notificationStyle);
    m_presenter->setNotifier(m_notifiers->notifier());
    connect(m_notifiers.get(), &NotifierSwitch::switched, m_presenter.get(),
            [this](platform::Notifier* notifier) { m_presenter->setNotifier(*notifier); });
    m_opener = platform::createOpener();
    m_presenter->setOpener(*m_opener);
    m_cues =
        platform::createCuePlayer(QDir(paths::contentDir()).filePath(QStringLiteral("sounds")));
    m_presenter->setCuePlayer(*m_cues);

    QString sessionLog;
    m_sessionMonitor = platform::createSessionMonitor(&sessionLog);
    logInfo(sessionLog);
    auto history = openHistory(m_options.demo);
    // Told once when the history cannot be written, and once when it can again.
    connect(history.get(), &HistoryRecorder::healthChanged, m_presenter.get(),
            &Presenter::tellHistoryHealth);
    history->open();
    QList<platform::BackendReport> holdReports;
    m_holdMonitor = std::make_unique<HoldMonitor>(
        platform::createHoldDetectors(m_session, &holdReports), m_config->schedule().moment);
    for (const platform::BackendReport& r : holdReports)
        logInfo(r.logLine());
    m_sitting->setHoldMonitor(m_holdMonitor.get());
    m_sitting->start(std::move(history), m_sessionMonitor.get());

    m_autostart = platform::createAutostart(paths::configHome(), QDir::homePath());
    m_autostartPolicy = std::make_unique<AutostartPolicy>(
        *m_autostart, paths::stateDir() + QStringLiteral("/autostart-applied"),
        QCoreApplication::applicationFilePath(), m_clock);
    const bool autostartTurnedOn =
        !m_options.demo && m_autostartPolicy->apply(m_config->settings().autostart) ==
                               AutostartPolicy::Outcome::TurnedOn;
    m_presenter->setAutostart(m_autostartPolicy->isEnabled());

    // A first start welcomes (once), and that says it all; later starts tell only news.
    m_presenter->tellAtStart(m_config->wroteDefault(), autostartTurnedOn);
    if (m_session.isGnome()) { // only GNOME has them; elsewhere the check would load GIO
        QString why;
        const auto on = platform::desktopBreakRemindersOn(&why);
        m_presenter->warnAboutDesktopBreakReminders(on, why);
    }
    m_config->start();
    m_presenter->refresh();
}

void Daemon::quit()
{
    logInfo(QStringLiteral("quitting"));
    if (m_ready) {
        m_sitting->stop();
        m_presenter->closeAll();
    }
    QCoreApplication::quit();
}

} // namespace deskbreak::app
