#include "app/Daemon.h"

#include "app/AppPaths.h"
#include "app/ConfigWatcher.h"
#include "app/ControlProtocol.h"
#include "app/ControlServer.h"
#include "app/Logging.h"
#include "app/SqliteHistoryStore.h"
#include "app/StateFile.h"
#include "core/ConfigParser.h"
#include "core/ConfigSchema.h"
#include "core/Duration.h"
#include "platform/NoIdleSource.h"
#include "platform/PlatformFactory.h"
#include "ui/Actions.h"
#include "ui/BreakWindow.h"
#include "ui/ReminderWindow.h"
#include "ui/StatsWindow.h"
#include "ui/StatusWindow.h"
#include "ui/TrayIcon.h"

#include <QApplication>
#include <QCoreApplication>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QJsonArray>
#include <QUrl>

namespace deskbreak::app {

using namespace std::chrono_literals;
using Phase = core::SittingModel::Phase;

namespace {

QString phaseName(Phase p)
{
    switch (p) {
    case Phase::Sitting:
        return QStringLiteral("sitting");
    case Phase::Away:
        return QStringLiteral("away");
    case Phase::OnBreak:
        return QStringLiteral("break");
    }
    return {};
}

QString describeEvent(const core::HistoryEvent& e)
{
    QString s =
        QStringLiteral("event %1 at %2").arg(core::kindName(e.kind), e.at.toString(Qt::ISODate));
    if (e.start.isValid())
        s += QStringLiteral(" from %1").arg(e.start.toString(Qt::ISODate));
    if (e.kind == core::HistoryEvent::Kind::NaturalBreak)
        s += QStringLiteral(" (%1)").arg(core::reasonName(e.reason));
    if (e.seconds.count() > 0)
        s += QStringLiteral(" %1s").arg(e.seconds.count());
    return s;
}

} // namespace

Daemon::Daemon(Options options, QObject* parent)
    : QObject(parent)
    , m_options(options)
{
    m_wake.setSingleShot(true);
    m_wake.setTimerType(Qt::CoarseTimer);
    connect(&m_wake, &QTimer::timeout, this, &Daemon::onWake);
}

Daemon::~Daemon()
{
    if (m_breakWindow)
        delete m_breakWindow.data();
    if (m_statusWindow)
        delete m_statusWindow.data();
}

bool Daemon::start(QString* error)
{
    m_control = new ControlServer([this](const QJsonObject& r) { return onControl(r); }, this);
    if (!m_control->listen(error))
        return false;

    startLogging(paths::stateDir(), QStringLiteral("info"));
    logInfo(QStringLiteral("deskbreak %1 started (pid %2)%3")
                .arg(QCoreApplication::applicationVersion())
                .arg(QCoreApplication::applicationPid())
                .arg(m_options.demo ? QStringLiteral(", demo mode") : QString()));

    core::Diagnostics problems;
    m_content = core::loadContent(paths::contentDir(), paths::userRoutinesDir(), problems);
    for (const core::Diagnostic& d : problems)
        logWarning(d.toString());
    loadSettings(true);
    setLogLevel(m_settings.logLevel);

    m_platformSession = platform::detectSession();
    logInfo(QStringLiteral("session: %1 (%2)%3")
                .arg(m_platformSession.typeName(), m_platformSession.why,
                     m_platformSession.desktop.isEmpty()
                         ? QString()
                         : QStringLiteral(", desktop %1").arg(m_platformSession.desktop)));
    if (m_options.demo) {
        m_idle = std::make_unique<platform::NoIdleSource>();
        m_idleReport.capability = QStringLiteral("idle");
        m_idleReport.chosen = m_idle->name();
        m_idleReport.detail = QStringLiteral("demo: the user counts as always active");
    } else {
        m_idle = platform::createIdleSource(m_platformSession, &m_idleReport);
    }
    logInfo(m_idleReport.logLine());

    // Up to here and the tray icon: what a user sees first. The rest (the notification
    // server, the history, lock and sleep events, the saved state) follows as soon as
    // the event loop runs, so the icon is not kept waiting for D-Bus and SQLite.
    m_model = std::make_unique<core::SittingModel>(m_clock, effectiveSchedule());
    m_actions = new ui::Actions(this);
    m_tray = new ui::TrayIcon(m_actions, this);
    if (!ui::TrayIcon::hostAvailable())
        logWarning(
            QStringLiteral("no system tray right now; reminders and the command line still work, "
                           "and the icon appears if a tray shows up later"));
    refreshTray();
    QTimer::singleShot(0, this, &Daemon::finishStart);
    return true;
}

void Daemon::finishStart()
{
    if (m_ready)
        return;
    m_ready = true;
    platform::BackendReport notifierReport;
    if (m_settings.notificationStyle != core::NotificationStyle::Window) {
        m_notifier = platform::createNativeNotifier(&notifierReport);
    } else {
        notifierReport.capability = QStringLiteral("notifications");
        notifierReport.rejected.append(
            {QStringLiteral("freedesktop"), QStringLiteral("style = \"window\"")});
    }
    if (!m_notifier) {
        m_notifier = std::make_unique<ui::WindowNotifier>();
        notifierReport.chosen = m_notifier->name();
        notifierReport.detail = QStringLiteral("deskbreak's own reminder window");
    }
    m_notifierName = m_notifier->name();
    logInfo(notifierReport.logLine());
    connect(m_notifier.get(), &platform::Notifier::actionInvoked, this,
            [this](platform::Notifier::Action a) {
                logInfo(QStringLiteral("reminder action: %1")
                            .arg(a == platform::Notifier::Action::Start ? QStringLiteral("start")
                                 : a == platform::Notifier::Action::Snooze
                                     ? QStringLiteral("snooze")
                                     : QStringLiteral("skip")));
                switch (a) {
                case platform::Notifier::Action::Start:
                    handle(m_model->startBreak());
                    break;
                case platform::Notifier::Action::Snooze:
                    handle(m_model->snooze());
                    break;
                case platform::Notifier::Action::Skip:
                    handle(m_model->skip());
                    break;
                }
            });
    connect(m_notifier.get(), &platform::Notifier::dismissed, this, [] {
        logInfo(QStringLiteral("reminder dismissed; it comes back after remind_again"));
    });

    openHistory();
    restoreState();
    connectIdleSource();

    QString sessionLog;
    m_session = platform::createSessionMonitor(&sessionLog);
    logInfo(sessionLog);
    if (m_session) {
        connect(m_session.get(), &platform::SessionMonitor::locked, this,
                [this] { handle(m_model->sessionLocked()); });
        connect(m_session.get(), &platform::SessionMonitor::unlocked, this,
                [this] { handle(m_model->sessionUnlocked()); });
        connect(m_session.get(), &platform::SessionMonitor::goingToSleep, this,
                [this] { handle(m_model->goingToSleep()); });
        connect(m_session.get(), &platform::SessionMonitor::resumed, this,
                [this] { handle(m_model->resumedFromSleep()); });
    }

    connectActions();
    applyAutostart();
    tellNoTray();
    warnAboutDesktopBreakReminders();

    if (!m_options.demo) {
        m_watcher = new ConfigWatcher(paths::configFile(), paths::userRoutinesDir(), this);
        connect(m_watcher, &ConfigWatcher::configChanged, this, [this] { reloadConfig(false); });
        connect(m_watcher, &ConfigWatcher::routinesChanged, this, [this] {
            reloadContent();
            m_configBytes.clear(); // the routine named in the config may have come or gone
            reloadConfig(false);
        });
    }
    refreshTray();
    saveState();
    schedule();
    if (!m_lastConfigError.isEmpty())
        tellConfigProblem();
}

void Daemon::connectIdleSource()
{
    connect(m_idle.get(), &platform::IdleSource::unavailable, this, [this](const QString& why) {
        // E.g. the compositor went away: carry on without idle input rather than stop.
        logWarning(QStringLiteral("idle source %1 stopped working (%2); the user counts as "
                                  "always present from now on")
                       .arg(m_idle->name(), why));
        m_idleReport.rejected.append({m_idle->name(), why});
        m_idleReport.chosen.clear();
        m_idleReport.detail = QStringLiteral("the user counts as always present");
        // Deleted later: this lambda runs inside the old source's signal.
        m_idle.release()->deleteLater();
        m_idle = std::make_unique<platform::NoIdleSource>();
        handle(m_model->userActive());
    });
    if (m_idle->mode() != platform::IdleSource::Mode::Push)
        return;
    connect(m_idle.get(), &platform::IdleSource::idleFor, this,
            [this](qint64 ms) { handle(m_model->userIdle(std::chrono::milliseconds(ms))); });
    connect(m_idle.get(), &platform::IdleSource::activeAgain, this,
            [this] { handle(m_model->userActive()); });
    m_idle->setIdleThreshold(effectiveSchedule().naturalBreak);
    handle(m_model->userActive());
}

bool Daemon::tellOnce(const QString& marker, const QString& title, const QString& body)
{
    const QString path = paths::stateDir() + u'/' + marker;
    if (!m_options.demo && QFileInfo::exists(path))
        return false;
    m_notifier->showMessage(title, body);
    logInfo(QStringLiteral("told the user once: ") + title);
    if (m_options.demo) // the demo keeps nothing, so it tells every time
        return true;
    QDir().mkpath(paths::stateDir());
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(QDateTime::currentDateTime().toString(Qt::ISODate).toUtf8() + '\n');
    return true;
}

void Daemon::warnAboutDesktopBreakReminders()
{
    // Only GNOME has them; elsewhere the check would load GIO for nothing.
    if (!m_platformSession.isGnome())
        return;
    QString why;
    const auto on = platform::desktopBreakRemindersOn(&why);
    logInfo(QStringLiteral("GNOME's own movement break reminders: %1")
                .arg(on ? (*on ? QStringLiteral("on") : QStringLiteral("off")) : why));
    if (on.value_or(false))
        tellOnce(QStringLiteral("told-gnome-break-reminders"),
                 QStringLiteral("You will get two break reminders"),
                 QStringLiteral("GNOME's own movement breaks are on as well as deskbreak. To "
                                "keep only deskbreak's, turn off Movement Breaks in Settings, "
                                "Wellbeing. deskbreak never changes your GNOME settings."));
}

void Daemon::connectActions()
{
    using ui::Actions;
    connect(m_actions, &Actions::startBreakRequested, this,
            [this] { handle(m_model->startBreak()); });
    connect(m_actions, &Actions::snoozeRequested, this, [this] { handle(m_model->snooze()); });
    connect(m_actions, &Actions::skipRequested, this, [this] { handle(m_model->skip()); });
    connect(m_actions, &Actions::pauseRequested, this, [this](qint64 s) {
        handle(s > 0 ? m_model->pause(std::chrono::seconds(s)) : m_model->pauseUntilTomorrow());
    });
    connect(m_actions, &Actions::resumeRequested, this, [this] { handle(m_model->resume()); });
    connect(m_actions, &Actions::openConfigRequested, this,
            [] { QDesktopServices::openUrl(QUrl::fromLocalFile(paths::configFile())); });
    connect(m_actions, &Actions::quitRequested, this, &Daemon::quit);
    connect(m_actions, &Actions::statsRequested, this, &Daemon::showStats);
    connect(m_actions, &Actions::autostartToggled, this, [this](bool on) {
        QString error;
        if (m_autostart->setEnabled(on, QCoreApplication::applicationFilePath(), &error))
            logInfo(QStringLiteral("autostart %1 from the menu (%2)")
                        .arg(on ? QStringLiteral("on") : QStringLiteral("off"),
                             m_autostart->location()));
        else
            logError(QStringLiteral("autostart: %1").arg(error));
        m_actions->setAutostart(m_autostart->isEnabled());
    });
    connect(m_tray, &ui::TrayIcon::activated, this, &Daemon::showStatusWindow);
}

void Daemon::tellNoTray()
{
    // Without a display nobody is there to tell; with a tray the icon says it all.
    if (ui::TrayIcon::hostAvailable() || QGuiApplication::platformName() == u"offscreen")
        return;
    tellOnce(QStringLiteral("no-tray-told"),
             QStringLiteral("deskbreak is running without a tray icon"),
             QStringLiteral("Open deskbreak again from your application menu (or run `deskbreak`) "
                            "to see your sitting time and take, snooze or skip a break."));
}

void Daemon::showStatusWindow()
{
    // Built when first asked for and deleted on close: nobody pays for it at idle.
    if (!m_statusWindow) {
        m_statusWindow = new ui::StatusWindow(m_actions, [this] {
            return ui::StatusWindow::Reading{m_model->status(), effectiveSchedule().interval,
                                             m_clock.wall()};
        });
        m_statusWindow->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_statusWindow->show();
    m_statusWindow->raise();
    m_statusWindow->activateWindow();
}

void Daemon::applyAutostart()
{
    m_autostart = platform::createAutostart(paths::configHome(), QDir::homePath());
    if (!m_options.demo) {
        // [startup] autostart = true turns it on once; after that the user's own toggle
        // (tray, `deskbreak autostart off`) is respected. false always turns it off.
        const QString applied = paths::stateDir() + QStringLiteral("/autostart-applied");
        QString error;
        if (m_settings.autostart && !QFileInfo::exists(applied)) {
            if (!m_autostart->isEnabled() &&
                m_autostart->setEnabled(true, QCoreApplication::applicationFilePath(), &error)) {
                logInfo(QStringLiteral("autostart turned on (%1); `deskbreak autostart off` or the "
                                       "tray menu turns it off")
                            .arg(m_autostart->location()));
                m_notifier->showMessage(
                    QStringLiteral("deskbreak starts when you log in"),
                    QStringLiteral("Turn this off in the tray menu (Start at login) or with "
                                   "`deskbreak autostart off`."));
            }
            QDir().mkpath(paths::stateDir());
            QFile marker(applied);
            if (marker.open(QIODevice::WriteOnly))
                marker.write(QDateTime::currentDateTime().toString(Qt::ISODate).toUtf8() + '\n');
        } else if (!m_settings.autostart && m_autostart->isEnabled()) {
            if (m_autostart->setEnabled(false, {}, &error))
                logInfo(QStringLiteral("autostart turned off ([startup] autostart = false)"));
        }
        if (!error.isEmpty())
            logError(QStringLiteral("autostart: %1").arg(error));
    }
    m_actions->setAutostart(m_autostart->isEnabled());
}

void Daemon::showStats()
{
    // Built when first asked for: nobody pays for it at idle.
    if (!m_statsWindow) {
        m_statsWindow = new ui::StatsWindow;
        m_statsWindow->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_statsWindow->setDays(recentDays(30));
    m_statsWindow->show();
    m_statsWindow->raise();
    m_statsWindow->activateWindow();
}

core::Settings::Schedule Daemon::effectiveSchedule() const
{
    core::Settings::Schedule s = m_settings.schedule;
    if (m_options.demo) {
        // The whole flow in a minute: due after 10 s, overload shown at 5 s.
        s.interval = 10s;
        s.overloadAfter = 5s;
        s.snooze = 20s;
        s.remindAgain = 30s;
        s.naturalBreak = std::max(s.naturalBreak, std::chrono::seconds(5min));
        s.workingHours = core::WorkingHours();
    }
    return s;
}

void Daemon::loadSettings(bool initial)
{
    const QString path = paths::configFile();
    if (initial && !QFileInfo::exists(path)) {
        // First start: the commented default goes where the user will look for it.
        QDir().mkpath(paths::configDir());
        const QString shipped =
            QDir(paths::contentDir()).filePath(QStringLiteral("deskbreak.toml"));
        if (QFile::copy(shipped, path)) {
            QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup |
                                            QFile::ReadOther);
            logInfo(QStringLiteral("wrote the commented default config to %1").arg(path));
        }
    }
    if (!QFileInfo::exists(path)) {
        m_configBytes.clear();
        if (initial) {
            m_settings = core::defaultSettings();
        } else {
            logWarning(QStringLiteral("the config file %1 is gone; keeping the current settings")
                           .arg(path));
        }
        return;
    }
    // Read once, by the core: a FIFO or a device in its place never blocks the daemon.
    const QStringList routines = m_content.routines.keys();
    const core::ConfigResult result =
        core::loadConfigFile(path, m_content.routines.isEmpty() ? nullptr : &routines);
    if (!initial && result.text == m_configBytes && !m_configBytes.isEmpty())
        return; // touched, not changed
    m_configBytes = result.text;
    if (result.ok()) {
        m_settings = result.settings;
        m_lastConfigError.clear();
        m_notifiedConfigError.clear();
        if (!initial)
            logInfo(QStringLiteral("config applied from %1").arg(path));
        return;
    }
    QStringList errors;
    for (const core::Diagnostic& d : result.diagnostics)
        if (d.severity == core::Diagnostic::Severity::Error)
            errors.append(d.toString());
    for (const QString& e : errors)
        logWarning(e);
    if (initial)
        m_settings = result.settings; // the defaults: a broken file is never half-applied
    m_lastConfigError =
        QStringLiteral("%1\n(%2 problem(s) in all; deskbreak keeps %3 settings; "
                       "`deskbreak check-config` lists them)")
            .arg(errors.value(0))
            .arg(errors.size())
            .arg(initial ? QStringLiteral("its default") : QStringLiteral("its last good"));
}

void Daemon::reloadConfig(bool onRequest)
{
    const core::Settings before = m_settings;
    loadSettings(false);
    if (m_settings != before) {
        setLogLevel(m_settings.logLevel);
        m_idle->setIdleThreshold(effectiveSchedule().naturalBreak);
        handle(m_model->applySchedule(effectiveSchedule()));
        refreshTray();
    }
    // Each distinct problem is told once (a reload on request always answers).
    if (!m_lastConfigError.isEmpty() && (onRequest || m_lastConfigError != m_notifiedConfigError))
        tellConfigProblem();
}

void Daemon::tellConfigProblem()
{
    m_notifier->showMessage(QStringLiteral("deskbreak: problem in your config"), m_lastConfigError);
    m_notifiedConfigError = m_lastConfigError;
    logInfo(QStringLiteral("told the user: ") + m_lastConfigError.section(u'\n', 0, 0));
}

void Daemon::reloadContent()
{
    core::Diagnostics problems;
    m_content = core::loadContent(paths::contentDir(), paths::userRoutinesDir(), problems);
    for (const core::Diagnostic& d : problems)
        logWarning(d.toString());
    logInfo(QStringLiteral("routines reloaded: %1")
                .arg(m_content.routines.keys().join(QStringLiteral(", "))));
}

void Daemon::openHistory()
{
    if (m_options.demo) {
        m_history = std::make_unique<core::MemoryHistoryStore>();
        logInfo(QStringLiteral("history: in memory only (demo)"));
        return;
    }
    const QString path = paths::dataDir() + QStringLiteral("/history.sqlite");
    auto store = std::make_unique<SqliteHistoryStore>(path);
    QString error;
    if (store->open(&error)) {
        m_history = std::move(store);
        logInfo(QStringLiteral("history: %1").arg(path));
        return;
    }
    logError(
        QStringLiteral("cannot open the history %1: %2; keeping this session's history in memory")
            .arg(path, error));
    m_history = std::make_unique<core::MemoryHistoryStore>();
}

void Daemon::record(const core::HistoryEvent& e)
{
    QString error;
    if (m_history->record(e, &error))
        logInfo(QStringLiteral("recorded ") + describeEvent(e)); // only after the commit
    else
        logError(QStringLiteral("could not record %1: %2").arg(describeEvent(e), error));
}

void Daemon::restoreState()
{
    if (m_options.demo)
        return;
    QString note;
    const auto snapshot = statefile::load(statefile::path(), &note);
    if (!note.isEmpty())
        logWarning(note);
    if (!snapshot)
        return;
    logInfo(QStringLiteral("continuing from the state saved at %1")
                .arg(snapshot->savedAt.toLocalTime().toString(Qt::ISODate)));
    handle(m_model->restore(*snapshot));
}

void Daemon::saveState()
{
    if (m_options.demo)
        return;
    QString error;
    if (!statefile::save(statefile::path(), m_model->snapshot(), &error))
        logError(QStringLiteral("cannot save the state: %1").arg(error));
    m_stateSavedAt = m_clock.monotonic();
}

int Daemon::breaksToday() const
{
    const QDateTime midnight(QDate::currentDate(), QTime(0, 0));
    int n = 0;
    for (const core::HistoryEvent& e : m_history->events(midnight, midnight.addDays(1)))
        n += e.kind == core::HistoryEvent::Kind::BreakCompleted ||
             e.kind == core::HistoryEvent::Kind::BreakEndedEarly;
    return n;
}

QList<core::DayStats> Daemon::recentDays(int days) const
{
    const QDate today = QDate::currentDate();
    const QDateTime from(today.addDays(-days),
                         QTime(0, 0)); // a day early: spans ending after midnight
    QList<core::HistoryEvent> events =
        m_history->events(from, QDateTime::currentDateTime().addSecs(1));
    // The stretch going on now counts too.
    const auto s = m_model->status();
    if (s.phase == Phase::Sitting && s.sitting.count() > 0) {
        core::HistoryEvent now{
            core::HistoryEvent::Kind::SittingSpan, QDateTime::currentDateTime(), {}};
        now.start = now.at.addSecs(-s.sitting.count());
        events.append(now);
    }
    return core::dailyStats(events, today.addDays(1 - days), today,
                            effectiveSchedule().overloadAfter);
}

void Daemon::onWake()
{
    if (m_idle->mode() == platform::IdleSource::Mode::Poll) {
        if (const auto idle = m_idle->idleTime())
            handle(m_model->idleSample(*idle));
        else
            handle(m_model->tick());
    } else {
        handle(m_model->tick());
    }
    refreshTray();
    // The saved sitting time must stay fresh: a restart reads a gap since the save as sitting.
    if (m_clock.monotonic() - m_stateSavedAt >= effectiveSchedule().naturalBreak / 4)
        saveState();
}

void Daemon::schedule()
{
    const auto now = m_clock.monotonic();
    auto next = m_model->nextWakeUp();
    // The ring shows whole minutes: wake when the next one is reached.
    const auto status = m_model->status();
    if (status.phase == Phase::Sitting)
        next = std::min(next, now + std::chrono::seconds(60 - status.sitting.count() % 60));
    const auto delay = std::clamp(std::chrono::duration_cast<std::chrono::milliseconds>(next - now),
                                  0ms, std::chrono::milliseconds(1h));
    m_wake.start(int(delay.count()) + 20); // a little late rather than early: no wasted wake-ups
}

void Daemon::handle(const core::Effects& effects)
{
    bool stateChanged = false;
    for (const core::Effect& e : effects) {
        if (std::holds_alternative<core::effect::Remind>(e)) {
            showReminder();
        } else if (std::holds_alternative<core::effect::CloseReminder>(e)) {
            m_notifier->closeReminder();
        } else if (std::holds_alternative<core::effect::OpenBreak>(e)) {
            openBreak();
        } else if (std::holds_alternative<core::effect::CloseBreak>(e)) {
            closeBreak();
        } else if (std::holds_alternative<core::effect::StateChanged>(e)) {
            stateChanged = true;
        } else if (const auto* r = std::get_if<core::effect::Record>(&e)) {
            record(r->event);
        }
    }
    if (stateChanged) {
        const auto s = m_model->status();
        logInfo(QStringLiteral("state %1, sitting %2, next break in %3%4%5%6")
                    .arg(phaseName(s.phase), core::formatDuration(s.sitting),
                         core::formatDuration(s.untilReminder))
                    .arg(s.overload ? QStringLiteral(", overload") : QString())
                    .arg(s.due ? QStringLiteral(", due") : QString())
                    .arg(s.pausedUntil ? QStringLiteral(", paused") : QString()));
        refreshTray();
        saveState();
        if (m_statsWindow)
            m_statsWindow->setDays(recentDays(30));
    }
    schedule(); // every input can move the next deadline
}

void Daemon::refreshTray()
{
    if (!m_tray)
        return;
    const auto s = m_model->status();
    m_actions->update(s, m_model->canSnooze(), effectiveSchedule().snooze);
    m_tray->update(ui::TrayState::from(s, effectiveSchedule().interval));
    if (m_statusWindow && m_statusWindow->isVisible())
        m_statusWindow->refresh(); // a change shows at once, not at the next second
}

void Daemon::showReminder()
{
    const auto s = m_model->status();
    platform::Notifier::Reminder r;
    r.title = QStringLiteral("Time for a desk break");
    r.body = QStringLiteral(
                 "You have been sitting for %1. Three minutes of stretching takes the load off "
                 "your back.")
                 .arg(core::formatDuration(s.sitting));
    r.offerSnooze = m_model->canSnooze();
    const auto snooze = effectiveSchedule().snooze;
    r.snoozeLabel = snooze >= 1min ? QStringLiteral("Snooze %1 min").arg(snooze.count() / 60)
                                   : QStringLiteral("Snooze %1 s").arg(snooze.count());
    m_notifier->showReminder(r);
    logInfo(QStringLiteral("reminder shown (snoozes left: %1)").arg(s.snoozesLeft));
}

QString Daemon::nextRoutine()
{
    const QString wanted = m_settings.breaks.routine;
    if (wanted != u"rotate" && m_content.routines.contains(wanted))
        return wanted;
    // Rotate through the routines that need no floor: they fit any desk.
    QStringList deskRoutines;
    for (const core::Routine& r : m_content.routines) {
        bool floor = false;
        for (const core::RoutineStep& step : r.steps)
            if (const core::Exercise* e = m_content.exercise(step.exerciseId))
                floor = floor || e->position == u"floor";
        if (!floor)
            deskRoutines.append(r.name);
    }
    if (deskRoutines.isEmpty())
        return m_content.routines.isEmpty() ? QString() : m_content.routines.firstKey();
    return deskRoutines.at(m_rotation++ % deskRoutines.size());
}

void Daemon::openBreak()
{
    if (m_breakWindow) {
        m_breakWindow->raise();
        return;
    }
    const QString name = nextRoutine();
    if (name.isEmpty()) {
        logError(QStringLiteral("no routine to play; the break ends at once"));
        handle(m_model->endBreak(false));
        return;
    }
    const int number = breaksToday() + 1;
    m_breakWindow = new ui::BreakWindow(m_content.routines[name], m_content, number);
    m_breakWindow->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_breakWindow, &ui::BreakWindow::finished, this,
            [this](bool completed, qint64 seconds) {
                logInfo(QStringLiteral("break window closed: %1 after %2 s")
                            .arg(completed ? QStringLiteral("completed")
                                           : QStringLiteral("ended early"))
                            .arg(seconds));
                handle(m_model->endBreak(completed));
            });
    logInfo(QStringLiteral("break started: routine %1").arg(name));
    m_breakWindow->show();
    m_breakWindow->raise();
    m_breakWindow->activateWindow();
}

void Daemon::closeBreak()
{
    if (!m_breakWindow)
        return;
    // The model already knows the break ended: no finished() back into it.
    disconnect(m_breakWindow, &ui::BreakWindow::finished, this, nullptr);
    m_breakWindow->close();
}

QJsonObject Daemon::statusJson() const
{
    const auto s = m_model->status();
    QJsonObject o{
        {QStringLiteral("state"), s.pausedUntil && s.phase == Phase::Sitting
                                      ? QStringLiteral("paused")
                                      : phaseName(s.phase)},
        {QStringLiteral("sitting_seconds"), qint64(s.sitting.count())},
        {QStringLiteral("seconds_to_next_break"), qint64(s.untilReminder.count())},
        {QStringLiteral("overload"), s.overload},
        {QStringLiteral("due"), s.due},
        {QStringLiteral("reminder_open"), s.reminderOpen},
        {QStringLiteral("snoozed"), s.snoozed},
        {QStringLiteral("snoozes_used"), s.snoozesUsed},
        {QStringLiteral("snoozes_left"), s.snoozesLeft},
        {QStringLiteral("paused_until"),
         s.pausedUntil ? QJsonValue(s.pausedUntil->toString(Qt::ISODate)) : QJsonValue()},
        {QStringLiteral("idle_backend"), m_idle->name()},
        {QStringLiteral("session_type"), m_platformSession.typeName()},
        {QStringLiteral("notification_backend"), m_notifierName},
        {QStringLiteral("tray_available"), ui::TrayIcon::hostAvailable()},
        {QStringLiteral("break_window_open"), !m_breakWindow.isNull()},
        {QStringLiteral("routine"), m_settings.breaks.routine},
        {QStringLiteral("interval_seconds"), qint64(effectiveSchedule().interval.count())},
        {QStringLiteral("demo"), m_options.demo},
        {QStringLiteral("pid"), QCoreApplication::applicationPid()},
        {QStringLiteral("version"), QCoreApplication::applicationVersion()},
    };
    return o;
}

QJsonObject Daemon::onControl(const QJsonObject& request)
{
    finishStart(); // a request in the first moments waits for the rest of the start-up
    const QString command = request.value(QStringLiteral("command")).toString();
    auto seconds = [&](const char* key) {
        return std::chrono::seconds(request.value(QLatin1String(key)).toInteger());
    };
    QJsonObject answer;
    if (command == u"status" || command == u"show") {
        if (command == u"show") // a second launch: the user wants to see deskbreak
            QTimer::singleShot(0, this, &Daemon::showStatusWindow);
        return control::reply(statusJson());
    }
    if (command == u"break") {
        handle(m_model->startBreak());
    } else if (command == u"snooze") {
        if (!m_model->canSnooze())
            return control::failure(m_model->status().due
                                        ? QStringLiteral("the snooze limit is reached")
                                        : QStringLiteral("no break is due"));
        const auto d = seconds("seconds");
        handle(d.count() > 0 ? m_model->snooze(d) : m_model->snooze());
    } else if (command == u"skip") {
        if (m_model->status().phase == Phase::OnBreak)
            handle(m_model->endBreak(false));
        else
            handle(m_model->skip());
    } else if (command == u"pause") {
        if (request.value(QStringLiteral("until_tomorrow")).toBool())
            handle(m_model->pauseUntilTomorrow());
        else if (seconds("seconds").count() > 0)
            handle(m_model->pause(seconds("seconds")));
        else
            return control::failure(QStringLiteral("pause needs a duration or --until-tomorrow"));
    } else if (command == u"resume") {
        handle(m_model->resume());
    } else if (command == u"reload") {
        reloadContent();
        m_configBytes.clear(); // on request, apply even an unchanged file
        reloadConfig(true);
        if (!m_lastConfigError.isEmpty())
            answer.insert(QStringLiteral("warning"), m_lastConfigError);
        else
            answer.insert(QStringLiteral("message"), QStringLiteral("config reloaded"));
    } else if (command == u"quit") {
        QTimer::singleShot(0, this, &Daemon::quit);
        return control::reply(
            {{QStringLiteral("message"), QStringLiteral("deskbreak is quitting")}});
    } else {
        return control::failure(QStringLiteral("unknown command \"%1\"").arg(command.left(40)));
    }
    const QJsonObject status = statusJson();
    for (auto it = status.begin(); it != status.end(); ++it)
        answer.insert(it.key(), it.value());
    return control::reply(answer);
}

void Daemon::quit()
{
    logInfo(QStringLiteral("quitting"));
    if (!m_ready) { // nothing restored yet: the saved state stays as it is
        QCoreApplication::quit();
        return;
    }
    saveState();
    if (m_breakWindow)
        closeBreak();
    m_notifier->closeReminder();
    QCoreApplication::quit();
}

} // namespace deskbreak::app
