#pragma once

#include "core/SittingModel.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <chrono>

class QAction;
class QMenu;

namespace deskbreak::ui {

// The daemon's commands as QActions, defined once: the tray menu and the status window
// both show these, so each is connected once. It only forwards: the daemon decides.
class Actions : public QObject {
    Q_OBJECT
public:
    // One entry of the "Start break" menu: a routine and its real length.
    struct RoutineEntry {
        QString name; // what routineRequested() sends
        QString title;
        std::chrono::seconds length{};
        bool user = false; // the user's own: listed after the shipped ones
        bool operator==(const RoutineEntry&) const = default;
    };

    explicit Actions(QObject* parent = nullptr);
    ~Actions() override;

    // What applies now: Snooze only when the break can be snoozed, and neither Snooze nor
    // Skip while paused; Resume while paused, the pause entries otherwise. Snooze's label
    // names `snoozeLength`; the header says the status as of `now` (local wall clock).
    void update(const core::SittingModel::Status& status, bool canSnooze,
                std::chrono::seconds snoozeLength, const QDateTime& now);
    // Ticks "Start at login" without emitting autostartToggled.
    void setAutostart(bool on);
    // Fills the "Start break" menu: the shipped routines, then the user's, each shortest
    // first. Rebuilt only when the list changed.
    void setRoutines(const QList<RoutineEntry>& routines);

    // The menu's first line, disabled: "Sitting 42 min · next break at 14:05".
    QAction* header() const { return m_header; }
    QAction* startBreak() const { return m_startBreak; }
    QAction* snooze() const { return m_snooze; }
    QAction* skip() const { return m_skip; }
    QAction* pause30Minutes() const { return m_pause.at(0); }
    QAction* pauseHour() const { return m_pause.at(1); }
    QAction* pauseUntilTomorrow() const { return m_pause.at(2); }
    QList<QAction*> pauseActions() const { return m_pause; }
    QAction* resume() const { return m_resume; }
    QAction* stats() const { return m_stats; }
    QAction* openConfig() const { return m_openConfig; }
    QAction* autostart() const { return m_autostart; }
    QAction* quit() const { return m_quit; }
    // "Start break" with one entry per routine (the tray shows it as a submenu).
    QMenu* routineMenu() const { return m_routineMenu; }
    QList<QAction*> routineActions() const;

    // "Snooze 10 min", "Snooze 45 s".
    static QString snoozeLabel(std::chrono::seconds length);
    // "Desk break · 3 min", "Quick neck · 45 s".
    static QString routineLabel(const QString& title, std::chrono::seconds length);

signals:
    void startBreakRequested();
    void routineRequested(const QString& name); // a break with this routine, now
    void snoozeRequested();
    void skipRequested();
    void pauseRequested(qint64 seconds); // 0 = until tomorrow
    void resumeRequested();
    void statsRequested();
    void openConfigRequested();
    void autostartToggled(bool on);
    void quitRequested();

private:
    QAction* m_header = nullptr;
    QAction* m_startBreak = nullptr;
    QAction* m_snooze = nullptr;
    QAction* m_skip = nullptr;
    QList<QAction*> m_pause;
    QAction* m_resume = nullptr;
    QAction* m_stats = nullptr;
    QAction* m_openConfig = nullptr;
    QAction* m_autostart = nullptr;
    QAction* m_quit = nullptr;
    QMenu* m_routineMenu = nullptr; // owned: a menu has no QObject parent here
    QList<RoutineEntry> m_routines;
};

} // namespace deskbreak::ui
