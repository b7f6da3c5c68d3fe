#include "ui/Actions.h"

#include "core/Duration.h"
#include "ui/StatusText.h"

#include <QAction>
#include <QMenu>
#include <algorithm>
#include <tuple>

namespace deskbreak::ui {

Actions::Actions(QObject* parent)
    : QObject(parent)
{
    auto make = [this](const QString& text, const char* name) {
        auto* action = new QAction(text, this);
        action->setObjectName(QLatin1String(name));
        return action;
    };
    m_header = make(QStringLiteral("deskbreak"), "header"); // update() says the status
    m_header->setEnabled(false);                            // a line to read, not a command
    m_startBreak = make(tr("Start break now"), "startBreak");
    m_snooze = make(tr("Snooze"), "snooze"); // update() names its length
    m_skip = make(tr("Skip this break"), "skip");
    m_pause = {make(tr("Pause for 30 minutes"), "pause30Minutes"),
               make(tr("Pause for 1 hour"), "pauseHour"),
               make(tr("Pause until tomorrow"), "pauseUntilTomorrow")};
    m_resume = make(tr("Resume reminders"), "resume");
    m_resume->setVisible(false);
    m_stats = make(tr("Today's stats"), "stats");
    m_openConfig = make(tr("Open config"), "openConfig");
    m_autostart = make(tr("Start at login"), "autostart");
    m_autostart->setCheckable(true);
    m_quit = make(tr("Quit deskbreak"), "quit");
    m_routineMenu = new QMenu(tr("Start break"));
    m_routineMenu->setObjectName(QStringLiteral("routineMenu"));
    m_routineMenu->menuAction()->setObjectName(QStringLiteral("chooseRoutine"));
    m_routineMenu->menuAction()->setEnabled(false); // until there are routines

    connect(m_startBreak, &QAction::triggered, this, &Actions::startBreakRequested);
    connect(m_snooze, &QAction::triggered, this, &Actions::snoozeRequested);
    connect(m_skip, &QAction::triggered, this, &Actions::skipRequested);
    const qint64 lengths[] = {qint64(30) * 60, qint64(60) * 60, 0};
    for (int i = 0; i < m_pause.size(); ++i)
        connect(m_pause[i], &QAction::triggered, this,
                [this, seconds = lengths[i]] { emit pauseRequested(seconds); });
    connect(m_resume, &QAction::triggered, this, &Actions::resumeRequested);
    connect(m_stats, &QAction::triggered, this, &Actions::statsRequested);
    connect(m_openConfig, &QAction::triggered, this, &Actions::openConfigRequested);
    connect(m_autostart, &QAction::triggered, this, &Actions::autostartToggled);
    connect(m_quit, &QAction::triggered, this, &Actions::quitRequested);
}

Actions::~Actions()
{
    delete m_routineMenu;
}

void Actions::setRoutines(const QList<RoutineEntry>& routines)
{
    QList<RoutineEntry> sorted = routines;
    std::stable_sort(
        sorted.begin(), sorted.end(), [](const RoutineEntry& a, const RoutineEntry& b) {
            return std::tie(a.user, a.length, a.title) < std::tie(b.user, b.length, b.title);
        });
    if (sorted == m_routines)
        return;
    m_routines = sorted;
    m_routineMenu->clear(); // deletes the old entries
    for (qsizetype i = 0; i < sorted.size(); ++i) {
        const RoutineEntry& r = sorted[i];
        if (i > 0 && r.user && !sorted[i - 1].user)
            m_routineMenu->addSeparator();
        // "Neck & posture": a single '&' would mark a shortcut letter, not show.
        QAction* action = m_routineMenu->addAction(
            routineLabel(r.title, r.length).replace(u'&', QStringLiteral("&&")));
        action->setObjectName(QStringLiteral("routine:") + r.name);
        action->setData(r.name);
        connect(action, &QAction::triggered, this,
                [this, name = r.name] { emit routineRequested(name); });
    }
    m_routineMenu->menuAction()->setEnabled(!sorted.isEmpty());
}

QList<QAction*> Actions::routineActions() const
{
    QList<QAction*> out;
    for (QAction* a : m_routineMenu->actions())
        if (!a->isSeparator())
            out.append(a);
    return out;
}

void Actions::update(const core::SittingModel::Status& status, bool canSnooze,
                     std::chrono::seconds snoozeLength, const QDateTime& now)
{
    const bool paused = status.pausedUntil.has_value();
    // "Sitting 42 min · next break at 14:05"; a '&' would mark a shortcut letter.
    m_header->setText(statustext::header(status, now).replace(u'&', QStringLiteral("&&")));
    m_snooze->setText(snoozeLabel(snoozeLength));
    m_snooze->setEnabled(canSnooze && !paused);
    m_skip->setEnabled(!paused);
    m_resume->setVisible(paused);
    for (QAction* a : m_pause)
        a->setVisible(!paused);
}

void Actions::setAutostart(bool on)
{
    // setChecked emits toggled, never triggered: the daemon hears only the user's clicks.
    m_autostart->setChecked(on);
}

QString Actions::snoozeLabel(std::chrono::seconds length)
{
    if (length.count() >= 60 && length.count() % 60 == 0)
        return tr("Snooze %1 min").arg(length.count() / 60);
    return tr("Snooze %1 s").arg(length.count());
}

QString Actions::routineLabel(const QString& title, std::chrono::seconds length)
{
    return QStringLiteral("%1 \u00b7 %2").arg(title, core::formatLength(length));
}

} // namespace deskbreak::ui
