#pragma once

#include <QDateTime>
#include <QMap>
#include <QString>
#include <QTime>
#include <bitset>
#include <chrono>
#include <optional>

namespace deskbreak::core {

// When the routines of [routines] (morning = "08:30") are due: each from its time of day on
// the working days, for kWindow, and at most once a day. Pure: the wall clock comes in.
class ScheduledRoutines {
public:
    // How long after its time a routine is still offered (a daemon started late, the user
    // away, locked or paused at the time); later, that day's is dropped.
    static constexpr std::chrono::hours kWindow{2};

    struct Due {
        QString routine;
        QDate day;      // the day whose time it is (the window may run past midnight)
        QDateTime from; // its time on that day
        QDateTime until;
        bool operator==(const Due&) const = default;
    };

    ScheduledRoutines() = default;
    ScheduledRoutines(QMap<QString, QTime> times, std::bitset<7> days);

    // The earliest routine whose window holds `wall` and that is not done for its day.
    std::optional<Due> due(const QDateTime& wall) const;
    // The first time after `wall` a window opens; nullopt when nothing is scheduled.
    std::optional<QDateTime> nextStart(const QDateTime& wall) const;
    bool isScheduled(const QString& routine) const { return m_times.contains(routine); }
    bool empty() const { return m_times.isEmpty(); }

    // Done for `day` (taken, skipped, dropped, or played by hand): not offered again that day.
    void markDone(const QString& routine, QDate day);
    bool isDone(const QString& routine, QDate day) const;
    // Each routine's last day done, carried over a restart.
    const QMap<QString, QDate>& done() const { return m_done; }
    void setDone(QMap<QString, QDate> done) { m_done = std::move(done); }

    bool operator==(const ScheduledRoutines&) const = default;

private:
    QMap<QString, QTime> m_times;
    std::bitset<7> m_days = std::bitset<7>{}.set();
    QMap<QString, QDate> m_done;
};

} // namespace deskbreak::core
