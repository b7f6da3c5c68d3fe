#pragma once

#include "core/Clock.h"
#include "core/DailyStats.h"
#include "core/HistoryStore.h"
#include "core/SittingModel.h"
#include "platform/IdleSource.h"
#include "platform/SessionMonitor.h"

#include <QObject>
#include <QTimer>
#include <memory>

namespace deskbreak::app {

// The sitting model at work: it wakes the model in time, feeds it idle input and session
// events, carries out what it returns that is not for the screen (history, the state
// file), and signals the rest to whoever presents it. No window, no display.
class HoldMonitor;

class SittingService : public QObject {
    Q_OBJECT
public:
    using Phase = core::SittingModel::Phase;

    // `statePath`: where the state is kept for a restart; empty keeps none (the demo).
    SittingService(const core::Clock& clock, std::unique_ptr<platform::IdleSource> idle,
                   const core::Settings::Schedule& schedule, QString statePath,
                   QObject* parent = nullptr);
    ~SittingService() override;

    // From now on: events go to `history`, the saved state is carried on, idle input and
    // `session` (null: no lock or sleep events) are fed in, and the wake-up timer runs.
    void start(std::unique_ptr<core::HistoryStore> history, platform::SessionMonitor* session);
    // Saves the state and stops the timer, if started (the daemon quits).
    void stop();
    // What holds reminders ([moment]): watched while the model wants a reminder. Without one,
    // nothing holds them.
    void setHoldMonitor(HoldMonitor* monitor);

    // What the user asked for (tray, reminder, command line); effects are carried out.
    // `routine`: what the break plays (empty: the scheduled one the reminder names, if any).
    void startBreak(const QString& routine = {});
    // How a break went, as the model judged it (see SittingModel::endBreak).
    struct BreakResult {
        bool completed = false; // else ended early
        std::chrono::seconds lasted{};
    };
    BreakResult endBreak(bool reachedEnd, std::chrono::seconds routineLength);
    bool canSnooze() const;
    // When the next reminder is due by the wall clock; invalid while paused.
    QDateTime nextReminderAt() const;
    void snooze(std::optional<std::chrono::seconds> length = std::nullopt);
    void skip();
    void pause(std::chrono::seconds length);
    void pauseUntilTomorrow();
    void resume();
    // A new schedule (the config changed): the idle threshold follows it.
    void applySchedule(const core::Settings::Schedule& schedule);

    core::SittingModel::Status status() const;
    const core::Settings::Schedule& schedule() const { return m_schedule; }
    QString idleSourceName() const;
    // Why history writes fail right now (they wait safely meanwhile); empty when all is well.
    QString historyProblem() const { return m_history->problem(); }
    // Breaks completed today (ended-early ones do not count), from the history.
    int breaksToday() const;
    // Breaks ended early today: too short in real time to count.
    int breaksEndedEarlyToday() const;
    // The last `days` local days, today last, the stretch going on now included.
    QList<core::DayStats> recentDays(int days) const;
    // The sitting stretch not yet in the history (it is recorded when it ends): the one going
    // on, or on a break the one the break interrupted. nullopt when there is none.
    std::optional<core::HistoryEvent> stretchInProgress() const;

    // What the wake-up timer calls: reads the idle time (polling sources) or only the
    // clock, then sets the timer again. Tests call it instead of waiting.
    void wake();
    // How long until the timer fires; nullopt while it is not running.
    std::optional<std::chrono::milliseconds> nextWakeIn() const;

    // "sitting", "away", "break".
    static QString phaseName(Phase phase);

signals:
    // The presentation's part of the model's effects.
    // `routine`: the scheduled routine it names (empty: the sitting reminder); `again`: a
    // repeat of the reminder shown before (after remind_again or a snooze).
    // `quiet`: held past max_hold, shown anyway without sound and with low urgency.
    void remindRequested(const QString& routine, bool again, bool quiet);
    void closeReminderRequested();
    void openBreakRequested(const QString& routine); // empty: the presenter's choice
    void closeBreakRequested();
    // What the tray shows changed (phase, overload, due, paused, snoozed).
    void stateChanged();
    // Time passed or the schedule changed: the sitting time shown may be out of date.
    void statusAdvanced();

private:
    void handle(const core::Effects& effects);
    // Follows what the model now wants: the hold detectors watched or not, the idle threshold.
    void syncMoment();
    // The schedule as the model gets it: no pause in typing can be waited for without input.
    core::Settings::Schedule modelSchedule(core::Settings::Schedule schedule) const;
    void record(const core::HistoryEvent& event);
    int countToday(core::HistoryEvent::Kind kind) const;
    void connectIdleSource();
    void fallBackToNoIdleSource(const QString& why);
    void restoreState();
    void saveState();
    void armWakeUp();
    void logState() const;

    const core::Clock& m_clock;
    std::unique_ptr<platform::IdleSource> m_idle;
    core::Settings::Schedule m_schedule;
    core::SittingModel m_model;
    QString m_statePath;
    std::unique_ptr<core::HistoryStore> m_history;
    HoldMonitor* m_holdMonitor = nullptr;
    bool m_watchingHolds = false; // the model wants holds watched, and was answered
    std::chrono::milliseconds m_idleThreshold{};
    QTimer m_wake;
    core::MonoTime m_stateSavedAt;
    bool m_started = false;
};

} // namespace deskbreak::app
