#include "app/StatusWatch.h"

#include "app/ControlProtocol.h"
#include "app/SittingService.h"

namespace deskbreak::app {

namespace key = control::key;

namespace {

constexpr qint64 kMinute = 60;
// A little late rather than early: a timer that fires before the minute turns is wasted.
constexpr int kLateMs = 50;

// Whole minutes up, for what is still to go ("3m left" until 2 minutes are left).
qint64 minutesUp(qint64 seconds)
{
    return (seconds + kMinute - 1) / kMinute;
}

} // namespace

StatusWatch::StatusWatch(SittingService& sitting, StatusSource status, QObject* parent)
    : QObject(parent)
    , m_status(std::move(status))
{
    m_breakTimer.setSingleShot(true);
    m_breakTimer.setTimerType(Qt::CoarseTimer);
    connect(&m_breakTimer, &QTimer::timeout, this, &StatusWatch::check);
    connect(&sitting, &SittingService::stateChanged, this, &StatusWatch::check);
    connect(&sitting, &SittingService::statusAdvanced, this, &StatusWatch::check);
}

void StatusWatch::setWatchers(int count)
{
    const bool first = m_watchers == 0 && count > 0;
    m_watchers = count;
    if (count == 0) {
        m_breakTimer.stop();
        m_last = {};
        return;
    }
    if (first) { // the newcomer's reply was the status now: nobody else needs a line
        const QJsonObject status = m_status();
        m_last = view(status);
        armBreakTimer(status);
    }
}

void StatusWatch::check()
{
    if (m_watchers == 0)
        return;
    const QJsonObject status = m_status();
    const QJsonObject shown = view(status);
    if (shown != m_last) {
        m_last = shown;
        emit changed(status);
    }
    armBreakTimer(status);
}

QJsonObject StatusWatch::view(const QJsonObject& status)
{
    QJsonObject v = status;
    v.insert(key::sittingSeconds, status.value(key::sittingSeconds).toInteger() / kMinute);
    // Counted down only while sitting: on a break, away or paused it tells nothing.
    if (status.value(key::state).toString() == control::state::sitting)
        v.insert(key::secondsToNextBreak,
                 minutesUp(status.value(key::secondsToNextBreak).toInteger()));
    else
        v.remove(key::secondsToNextBreak);
    if (status.value(key::breakSecondsLeft).isDouble())
        v.insert(key::breakSecondsLeft, minutesUp(status.value(key::breakSecondsLeft).toInteger()));
    if (status.value(key::nextBreakAt).isString()) // "2026-03-02T08:50:00Z" to the minute
        v.insert(key::nextBreakAt, status.value(key::nextBreakAt).toString().left(16));
    return v;
}

std::optional<std::chrono::milliseconds> StatusWatch::nextTickIn() const
{
    if (!m_breakTimer.isActive())
        return std::nullopt;
    return std::chrono::milliseconds(m_breakTimer.interval());
}

void StatusWatch::armBreakTimer(const QJsonObject& status)
{
    // The sitting service wakes for everything else; a break's countdown is the window's.
    const QJsonValue left = status.value(key::breakSecondsLeft);
    if (status.value(key::state).toString() != control::state::onBreak || !left.isDouble() ||
        left.toInteger() <= kMinute) { // the last minute ends with the break: a state change
        m_breakTimer.stop();
        return;
    }
    // The minutes shown turn when the time left reaches the next whole minute below.
    const qint64 seconds = left.toInteger();
    const qint64 untilTurn = seconds - (minutesUp(seconds) - 1) * kMinute;
    m_breakTimer.start(int(untilTurn * 1000 + kLateMs));
}

} // namespace deskbreak::app
