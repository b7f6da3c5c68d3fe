#include "app/Presenter.h"

#include "app/BreakCues.h"
#include "app/ConfigService.h"
#include "app/Logging.h"
#include "app/SittingService.h"
#include "core/Duration.h"
#include "ui/Actions.h"
#include "ui/BreakWindow.h"
#include "ui/PathDialog.h"
#include "ui/StatsWindow.h"
#include "ui/StatusText.h"
#include "ui/StatusWindow.h"
#include "ui/TrayIcon.h"
#include "ui/WindowActivation.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QPair>

namespace deskbreak::app {

using namespace std::chrono_literals;

Presenter::Presenter(SittingService& sitting, const ConfigService& config, const core::Clock& clock,
                     Options options, QObject* parent)
    : QObject(parent)
    , m_sitting(sitting)
    , m_config(config)
    , m_clock(clock)
    , m_options(std::move(options))
{
    m_actions = new ui::Actions(this);
    m_tray = new ui::TrayIcon(m_actions, this);
    if (!ui::TrayIcon::hostAvailable())
        logWarning(
            QStringLiteral("no system tray right now; reminders and the command line still work, "
                           "and the icon appears if a tray shows up later"));
    connectActions();
    refreshRoutines();
    connect(&m_config, &ConfigService::contentChanged, this, &Presenter::refreshRoutines);
    connect(&m_sitting, &SittingService::remindRequested, this, &Presenter::showReminder);
    connect(&m_sitting, &SittingService::closeReminderRequested, this, &Presenter::closeReminder);
    connect(&m_sitting, &SittingService::openBreakRequested, this, &Presenter::openBreak);
    connect(&m_sitting, &SittingService::closeBreakRequested, this, &Presenter::closeBreak);
    connect(&m_sitting, &SittingService::stateChanged, this, &Presenter::onStateChanged);
    connect(&m_sitting, &SittingService::statusAdvanced, this, &Presenter::refresh);
}

Presenter::~Presenter()
{
    if (m_breakWindow)
        delete m_breakWindow.data();
    if (m_statusWindow)
        delete m_statusWindow.data();
    if (m_statsWindow)
        delete m_statsWindow.data();
    if (m_pathDialog)
        delete m_pathDialog.data();
}

void Presenter::setNotifier(platform::Notifier& notifier)
{
    using Action = platform::Notifier::Action;
    if (m_notifier == &notifier)
        return;
    // The style changed while running: a reminder that is up goes over to the new notifier.
    const bool moveReminder = m_notifier && m_sitting.status().reminderOpen;
    if (m_notifier) {
        disconnect(m_notifier, nullptr, this, nullptr); // its closing is no dismissal
        m_notifier->closeReminder();
    }
    m_notifier = &notifier;
    connect(m_notifier, &platform::Notifier::actionInvoked, this, [this](Action a) {
        logInfo(QStringLiteral("reminder action: %1")
                    .arg(a == Action::Start    ? QStringLiteral("start")
                         : a == Action::Snooze ? QStringLiteral("snooze")
                                               : QStringLiteral("skip")));
        switch (a) {
        case Action::Start: // what the reminder named
            startBreak(m_reminded);
            break;
        case Action::Snooze:
            m_sitting.snooze();
            break;
        case Action::Skip:
            m_sitting.skip();
            break;
        }
    });
    connect(m_notifier, &platform::Notifier::dismissed, this, [] {
        logInfo(QStringLiteral("reminder dismissed; it comes back after remind_again"));
    });
    if (moveReminder)
        showReminder(m_sitting.status().reminderRoutine, true, m_sitting.status().holdCapped);
}

void Presenter::setOpener(platform::Opener& opener)
{
    m_opener = &opener;
}

void Presenter::openConfig()
{
    const QString file = m_options.configFile;
    const QString folder = QFileInfo(file).absolutePath();
    if (!m_opener) {
        showConfigPath(QStringLiteral("nothing here opens files"));
        return;
    }
    // Each step answers later (xdg-open runs on its own): the presenter may be gone by then.
    QPointer<Presenter> self(this);
    auto openFolder = [self, folder](const QString& whyNotFile) {
        if (!self)
            return;
        if (!QFileInfo(folder).isDir()) {
            self->showConfigPath(whyNotFile);
            return;
        }
        self->m_opener->open(folder, [self, folder, whyNotFile](bool opened, const QString& why) {
            if (!self)
                return;
            if (opened) {
                logInfo(QStringLiteral("open config: the file did not open (%1); opened its "
                                       "folder %2 instead (%3)")
                            .arg(whyNotFile, folder, self->m_opener->name()));
                return;
            }
            self->showConfigPath(QStringLiteral("%1; its folder: %2").arg(whyNotFile, why));
        });
    };
    if (!QFileInfo::exists(file)) {
        openFolder(QStringLiteral("%1 does not exist").arg(file));
        return;
    }
    m_opener->open(file, [self, file, openFolder](bool opened, const QString& why) {
        if (!self)
            return;
        if (opened) {
            logInfo(
                QStringLiteral("open config: opened %1 (%2)").arg(file, self->m_opener->name()));
            return;
        }
        openFolder(why);
    });
}

void Presenter::showConfigPath(const QString& why)
{
    logInfo(QStringLiteral("open config: neither the file nor its folder opened (%1); showed "
                           "the path to copy")
                .arg(why));
    if (!m_pathDialog) { // one at a time, however often it is asked for
        m_pathDialog = new ui::PathDialog(
            QStringLiteral("deskbreak: your config"),
            QStringLiteral("Nothing on this desktop opens your config file. Open it in a text "
                           "editor; deskbreak applies your changes as soon as you save."),
            m_options.configFile);
        m_pathDialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    ui::bringToFront(m_pathDialog);
}

void Presenter::setCuePlayer(platform::CuePlayer& cues)
{
    m_cues = &cues;
}

void Presenter::setAutostart(bool on)
{
    m_actions->setAutostart(on);
}

void Presenter::connectActions()
{
    using ui::Actions;
    connect(m_actions, &Actions::startBreakRequested, this, [this] { startBreak(); });
    connect(m_actions, &Actions::routineRequested, this,
            [this](const QString& name) { startBreak(name); });
    connect(m_actions, &Actions::snoozeRequested, this, [this] { m_sitting.snooze(); });
    connect(m_actions, &Actions::skipRequested, this, [this] { m_sitting.skip(); });
    connect(m_actions, &Actions::pauseRequested, this, [this](qint64 s) {
        if (s > 0)
            m_sitting.pause(std::chrono::seconds(s));
        else
            m_sitting.pauseUntilTomorrow();
    });
    connect(m_actions, &Actions::resumeRequested, this, [this] { m_sitting.resume(); });
    connect(m_actions, &Actions::openConfigRequested, this, &Presenter::openConfig);
    connect(m_actions, &Actions::quitRequested, this, &Presenter::quitRequested);
    connect(m_actions, &Actions::statsRequested, this, &Presenter::showStats);
    connect(m_actions, &Actions::autostartToggled, this, &Presenter::autostartToggled);
    connect(m_tray, &ui::TrayIcon::activated, this, [this] { showStatusWindow(); });
    // The menu's header and the tooltip are made as they are about to show: exact to the
    // second, with no timer running for them in between.
    connect(m_tray, &ui::TrayIcon::menuAboutToShow, this, &Presenter::refresh);
    m_tray->setLiveToolTip([this] {
        return ui::statustext::tooltip(m_sitting.status(), m_clock.wall(),
                                       ui::statustext::Freshness::Live);
    });
}

void Presenter::refresh()
{
    const auto s = m_sitting.status();
    const QDateTime now = m_clock.wall();
    m_actions->update(s, m_sitting.canSnooze(), m_sitting.schedule().snooze, now);
    m_tray->update(ui::TrayState::from(s, m_sitting.schedule().interval, now));
    if (m_statusWindow && m_statusWindow->isVisible())
        m_statusWindow->refresh(); // a change shows at once, not at the next second
    if (m_statsWindow)
        m_statsWindow->setDays(m_sitting.recentDays(30)); // the stretch going on grows
}

void Presenter::onStateChanged()
{
    if (!m_sitting.status().due)
        m_reminded.clear(); // answered or gone: the next reminder picks afresh
    refresh();
}

void Presenter::showStatusWindow(const QString& activationToken)
{
    // Built when first asked for and deleted on close: nobody pays for it at idle.
    if (!m_statusWindow) {
        m_statusWindow = new ui::StatusWindow(m_actions, [this] {
            return ui::StatusWindow::Reading{m_sitting.status(), m_sitting.schedule().interval,
                                             m_clock.wall()};
        });
        m_statusWindow->setAttribute(Qt::WA_DeleteOnClose);
    }
    ui::bringToFront(m_statusWindow, activationToken);
}

void Presenter::showStats()
{
    // Built when first asked for: nobody pays for it at idle.
    if (!m_statsWindow) {
        m_statsWindow = new ui::StatsWindow;
        m_statsWindow->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_statsWindow->setDays(m_sitting.recentDays(30));
    ui::bringToFront(m_statsWindow);
}

void Presenter::closeAll()
{
    if (m_breakWindow) {
        disconnect(m_breakWindow, &ui::BreakWindow::finished, this, nullptr);
        m_breakWindow->close(); // a summary too
    }
    closeReminder();
}

void Presenter::showReminder(const QString& routine, bool again, bool quiet)
{
    // The routine is picked here, once per due break, and kept: Start plays what was named.
    const core::Content& content = m_config.content();
    if (!routine.isEmpty() && content.routines.contains(routine))
        m_reminded = routine;
    else if (!again || !content.routines.contains(m_reminded))
        m_reminded = nextRoutine();
    if (!m_notifier)
        return;
    const auto s = m_sitting.status();
    platform::Notifier::Reminder r;
    r.title = QStringLiteral("Time for a desk break");
    if (const auto it = content.routines.constFind(m_reminded); it != content.routines.cend()) {
        QString title = it->title;
        if (title.size() > 1 && title[1].isLower()) // "Desk break", not "TV stretch"
            title[0] = title[0].toLower();
        r.title = QStringLiteral("Time for the %1: %2")
                      .arg(title, core::formatLength(content.totalDuration(*it), true));
    }
    const QTime scheduled = m_config.settings().schedule.routineTimes.value(routine);
    r.body = routine.isEmpty() || !scheduled.isValid()
                 ? QStringLiteral("You have been sitting for %1. Stretching takes the load off "
                                  "your back.")
                       .arg(core::formatDuration(s.sitting))
                 : QStringLiteral("Your routine for %1, as scheduled.")
                       .arg(scheduled.toString(QStringLiteral("HH:mm")));
    r.quiet = quiet;
    if (quiet)
        r.body += QStringLiteral(" It waited %1 for you; take it when you can.")
                      .arg(core::formatDuration(m_sitting.schedule().moment.maxHold));
    r.offerSnooze = m_sitting.canSnooze();
    r.snoozeLabel = ui::Actions::snoozeLabel(m_sitting.schedule().snooze); // as the menu says
    m_notifier->showReminder(r);
    logInfo(QStringLiteral("reminder shown for %1 (snoozes left: %2)%3")
                .arg(m_reminded)
                .arg(s.snoozesLeft)
                .arg(quiet ? QStringLiteral(", quietly: held for max_hold") : QString()));
}

void Presenter::closeReminder()
{
    if (m_notifier)
        m_notifier->closeReminder();
}

QString Presenter::nextRoutine()
{
    const core::Content& content = m_config.content();
    QString wanted = m_config.settings().breaks.routine;
    if (wanted != u"rotate" && content.routines.contains(wanted))
        return wanted;
    // Rotate through the routines that need no floor: they fit any desk.
    QStringList deskRoutines;
    for (const core::Routine& r : content.routines) {
        bool floor = false;
        for (const core::RoutineStep& step : r.steps)
            if (const core::Exercise* e = content.exercise(step.exerciseId))
                floor = floor || e->position == u"floor";
        if (!floor)
            deskRoutines.append(r.name);
    }
    if (deskRoutines.isEmpty())
        return content.routines.isEmpty() ? QString() : content.routines.firstKey();
    return deskRoutines.at(m_rotation++ % deskRoutines.size());
}

QString Presenter::chooseRoutine(const QString& requested)
{
    const core::Content& content = m_config.content();
    const auto s = m_sitting.status();
    for (const QString& name : {requested, s.reminderRoutine, s.due ? m_reminded : QString()})
        if (!name.isEmpty() && content.routines.contains(name))
            return name;
    return nextRoutine();
}

void Presenter::refreshRoutines()
{
    const core::Content& content = m_config.content();
    QList<ui::Actions::RoutineEntry> entries;
    for (const core::Routine& r : content.routines)
        entries.append({r.name, r.title, content.totalDuration(r), r.user});
    m_actions->setRoutines(entries);
}

QString Presenter::startBreak(const QString& routine)
{
    if (m_sitting.status().phase == SittingService::Phase::OnBreak) {
        raiseBreak(); // one break at a time: the one going on comes to the front
        return m_sitting.status().breakRoutine;
    }
    QString name = chooseRoutine(routine);
    if (name.isEmpty()) {
        logError(QStringLiteral("no routine to play; no break started"));
        return {};
    }
    m_sitting.startBreak(name);
    return name;
}

void Presenter::raiseBreak()
{
    if (m_breakWindow)
        ui::bringToFront(m_breakWindow);
}

void Presenter::openBreak(const QString& routine)
{
    // The last break's summary gives way to the new break.
    if (m_breakWindow && m_breakWindow->isOver()) {
        disconnect(m_breakWindow, nullptr, this, nullptr);
        m_breakWindow->close();
        m_breakWindow = nullptr;
    }
    if (m_breakWindow) {
        ui::bringToFront(m_breakWindow);
        return;
    }
    const QString name =
        m_config.content().routines.contains(routine) ? routine : chooseRoutine({});
    if (name.isEmpty()) {
        logError(QStringLiteral("no routine to play; the break ends at once"));
        m_sitting.endBreak(false, {});
        return;
    }
    const core::Content& content = m_config.content();
    const int number = m_sitting.breaksToday() + 1;
    m_breakWindow = new ui::BreakWindow(content.routines[name], content, number);
    m_breakWindow->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_breakWindow, &ui::BreakWindow::finished, this, [this](bool reachedEnd) {
        using std::chrono::duration_cast;
        using std::chrono::seconds;
        const auto length = duration_cast<seconds>(m_breakWindow->player().total());
        const SittingService::BreakResult result = m_sitting.endBreak(reachedEnd, length);
        logInfo(
            QStringLiteral("break over: %1 after %2 s (routine %3 s%4)")
                .arg(result.completed ? QStringLiteral("completed") : QStringLiteral("ended early"))
                .arg(result.lasted.count())
                .arg(length.count())
                .arg(reachedEnd ? QStringLiteral(", played to its end") : QString()));
        if (m_breakWindow && reachedEnd) {
            m_breakWindow->showOutcome({result.completed, m_sitting.breaksToday(), result.lasted,
                                        m_sitting.nextReminderAt()});
        }
    });
    const core::Settings::Break& cues = m_config.settings().breaks;
    if (m_cues && (cues.sound || cues.voice)) { // otherwise nothing audio is ever loaded
        auto* player =
            new BreakCues(m_breakWindow->player(), *m_cues, cues.sound, cues.voice, m_breakWindow);
        connect(m_breakWindow, &ui::BreakWindow::positionChanged, player, &BreakCues::moveTo);
        connect(m_breakWindow, &ui::BreakWindow::finished, player, &BreakCues::end);
    }
    logInfo(QStringLiteral("break started: routine %1").arg(name));
    ui::bringToFront(m_breakWindow);
}

void Presenter::closeBreak()
{
    if (!m_breakWindow)
        return;
    // Over already: it shows its summary and closes by itself.
    if (m_breakWindow->isOver())
        return;
    // The model already knows the break ended: no finished() back into it.
    disconnect(m_breakWindow, &ui::BreakWindow::finished, this, nullptr);
    m_breakWindow->close();
}

void Presenter::tellConfigProblem(const QString& message)
{
    if (!m_notifier)
        return;
    m_notifier->showMessage(QStringLiteral("deskbreak: problem in your config"), message);
    logInfo(QStringLiteral("told the user: ") + message.section(u'\n', 0, 0));
}

void Presenter::tellAtStart(bool firstStart, bool autostartTurnedOn)
{
    const bool tray = ui::TrayIcon::hostAvailable();
    if (firstStart) {
        const auto [title, body] = welcome(tray, autostartTurnedOn);
        if (tellOnce(QStringLiteral("welcome-told"), title, body)) {
            if (!tray) // the welcome said where to find deskbreak
                markTold(QStringLiteral("no-tray-told"));
            return;
        }
    }
    if (autostartTurnedOn)
        tellAutostartOn();
    tellNoTray();
}

QPair<QString, QString> Presenter::welcome(bool tray, bool autostartTurnedOn) const
{
    const core::Settings::Schedule schedule = m_sitting.schedule();
    const auto length = [](std::chrono::seconds d) {
        return ui::statustext::length(d, ui::statustext::Rounding::Up);
    };
    const QString place = tray ? QStringLiteral("tray menu") : QStringLiteral("status window");
    QStringList lines;
    lines << (tray ? QStringLiteral("deskbreak lives in the tray: the ring fills as you sit. "
                                    "Click it for your status; its menu starts, snoozes or "
                                    "skips a break.")
                   : QStringLiteral("There is no tray here: open deskbreak again from your "
                                    "applications menu (or run `deskbreak`) for its status "
                                    "window."));
    const QDateTime at = m_sitting.nextReminderAt();
    if (at.isValid()) {
        if (schedule.workingHours.contains(at))
            lines << QStringLiteral("Your first break reminder comes at %1, after %2 of sitting.")
                         .arg(at.toString(QStringLiteral("HH:mm")), length(schedule.interval));
        else
            lines << QStringLiteral("Your first break reminder comes after %1 of sitting, "
                                    "within your working hours (%2).")
                         .arg(length(schedule.interval), schedule.workingHours.windowText());
    }
    lines << QStringLiteral("Breaks of your own count too: %1 away from the keyboard (locked or "
                            "asleep too) starts the clock again.")
                 .arg(length(schedule.naturalBreak));
    QString where = QDir::toNativeSeparators(m_options.configFile);
    const QString home = QDir::homePath();
    if (where.startsWith(home + u'/'))
        where = u'~' + where.mid(home.size());
    lines << QStringLiteral("To change the settings, choose Open config in the %1 or edit %2; "
                            "saved changes apply at once.")
                 .arg(place, where);
    if (autostartTurnedOn)
        lines << QStringLiteral("deskbreak starts when you log in; Start at login in the %1 or "
                                "`deskbreak autostart off` turns that off.")
                     .arg(place);
    return {QStringLiteral("Welcome to deskbreak"), lines.join(u'\n')};
}

void Presenter::tellAutostartOn()
{
    if (!m_notifier)
        return;
    m_notifier->showMessage(QStringLiteral("deskbreak starts when you log in"),
                            QStringLiteral("Turn this off in the tray menu (Start at login) or "
                                           "with `deskbreak autostart off`."));
}

void Presenter::tellHistoryHealth(bool healthy, const QString& problem)
{
    const QString title = healthy ? QStringLiteral("deskbreak: history saved again")
                                  : QStringLiteral("deskbreak cannot save your history right now");
    const QString body = healthy
                             ? QStringLiteral("Everything kept meanwhile is in your history now.")
                             : QStringLiteral("%1%2. Nothing is lost; it keeps trying.")
                                   .arg(problem.left(1).toUpper(), problem.mid(1));
    logInfo(QStringLiteral("told the user: %1: %2").arg(title, body));
    if (m_notifier)
        m_notifier->showMessage(title, body);
}

void Presenter::tellNoTray()
{
    // Without a display nobody is there to tell; with a tray the icon says it all.
    if (ui::TrayIcon::hostAvailable() || QGuiApplication::platformName() == u"offscreen")
        return;
    tellOnce(QStringLiteral("no-tray-told"),
             QStringLiteral("deskbreak is running without a tray icon"),
             QStringLiteral("Open deskbreak again from your application menu (or run `deskbreak`) "
                            "to see your sitting time and take, snooze or skip a break."));
}

void Presenter::warnAboutDesktopBreakReminders(std::optional<bool> on, const QString& why)
{
    logInfo(QStringLiteral("GNOME's own movement break reminders: %1")
                .arg(on ? (*on ? QStringLiteral("on") : QStringLiteral("off")) : why));
    if (on.value_or(false))
        tellOnce(QStringLiteral("told-gnome-break-reminders"),
                 QStringLiteral("You will get two break reminders"),
                 QStringLiteral("GNOME's own movement breaks are on as well as deskbreak. To "
                                "keep only deskbreak's, turn off Movement Breaks in Settings, "
                                "Wellbeing. deskbreak never changes your GNOME settings."));
}

bool Presenter::tellOnce(const QString& marker, const QString& title, const QString& body)
{
    const QString path = m_options.stateDir + u'/' + marker;
    if (!m_notifier || (!m_options.demo && QFileInfo::exists(path)))
        return false;
    m_notifier->showMessage(title, body);
    logInfo(QStringLiteral("told the user once: ") + title);
    if (!m_options.demo) // the demo keeps nothing, so it tells every time
        markTold(marker);
    return true;
}

void Presenter::markTold(const QString& marker)
{
    QDir().mkpath(m_options.stateDir);
    QFile file(m_options.stateDir + u'/' + marker);
    if (file.open(QIODevice::WriteOnly))
        file.write(m_clock.wall().toString(Qt::ISODate).toUtf8() + '\n');
}

QString Presenter::notifierName() const
{
    return m_notifier ? m_notifier->name() : QString();
}

bool Presenter::trayAvailable() const
{
    return ui::TrayIcon::hostAvailable();
}

bool Presenter::breakWindowOpen() const
{
    return !m_breakWindow.isNull();
}

std::optional<ControlHandler::Presentation::BreakTime> Presenter::breakTime() const
{
    if (!m_breakWindow || m_breakWindow->isOver())
        return std::nullopt;
    using std::chrono::ceil;
    using std::chrono::seconds;
    return BreakTime{ceil<seconds>(m_breakWindow->timeLeft()),
                     ceil<seconds>(m_breakWindow->player().total())};
}

} // namespace deskbreak::app
