#pragma once

#include <QJsonObject>
#include <QObject>
#include <QTimer>
#include <chrono>
#include <functional>
#include <optional>

namespace deskbreak::app {

class SittingService;

// When `status --watch` clients get a line: whenever what a panel shows changes (the state,
// the sitting minute, the minute of the next break, a break's minutes left, the counts),
// judged at the moments the daemon wakes anyway (a state change, and the sitting service's
// once-a-minute wake while someone sits). Only a break adds a timer, for its minutes left,
// and only while someone watches. With no watcher nothing is read and nothing is armed.
class StatusWatch : public QObject {
    Q_OBJECT
public:
    using StatusSource = std::function<QJsonObject()>;

    StatusWatch(SittingService& sitting, StatusSource status, QObject* parent = nullptr);

    // How many watchers are connected (the control server says).
    void setWatchers(int count);
    // Reads the status and sends changed() if a panel would show something new.
    void check();

    // What a line is judged by: the status with its seconds as the whole minutes a panel
    // shows (sitting rounded down, time to go rounded up), the next break to the minute;
    // the countdown to it only while sitting.
    static QJsonObject view(const QJsonObject& status);
    // When the break timer fires next; nullopt while it does not run.
    std::optional<std::chrono::milliseconds> nextTickIn() const;

signals:
    void changed(const QJsonObject& status);

private:
    void armBreakTimer(const QJsonObject& status);

    StatusSource m_status;
    int m_watchers = 0;
    QJsonObject m_last; // the view of the last status sent (or of the one a watcher got)
    QTimer m_breakTimer;
};

} // namespace deskbreak::app
