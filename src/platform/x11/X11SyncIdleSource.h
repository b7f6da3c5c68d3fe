#pragma once

#include "platform/IdleSource.h"

#include <QAbstractNativeEventFilter>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>

struct xcb_connection_t;

namespace deskbreak::platform {

// Push idle source on the X SYNC extension's IDLETIME system counter, through
// Qt's own xcb connection. Two server-side alarms, one active at a time:
//   - "idle": fires when IDLETIME >= threshold -> idleFor(), then arm "reset";
//   - "reset": fires when IDLETIME <= (value seen at idle) - 1, i.e. at the
//     next input -> activeAgain(), then arm "idle" again.
// Nothing wakes the process while the user neither moves nor crosses the
// threshold: no timers, no polling.
class X11SyncIdleSource : public IdleSource, private QAbstractNativeEventFilter {
    Q_OBJECT
public:
    // nullptr and a one-line reason in *whyNot (if given) when not running on
    // X11 or the server lacks SYNC or its IDLETIME counter.
    static std::unique_ptr<X11SyncIdleSource> create(QString* whyNot = nullptr);

    ~X11SyncIdleSource() override;

    X11SyncIdleSource(const X11SyncIdleSource&) = delete;
    X11SyncIdleSource& operator=(const X11SyncIdleSource&) = delete;

    QString name() const override { return QStringLiteral("x11-sync"); }
    Mode mode() const override { return Mode::Push; }
    // The IDLETIME counter's value now (one round trip); nullopt on error.
    std::optional<std::chrono::milliseconds> idleTime() override;
    // (Re)arms the idle alarm. While idle has been reported and no input came
    // yet, only stores the threshold: the next idleFor() comes after activeAgain().
    void setIdleThreshold(std::chrono::milliseconds threshold) override;

private:
    enum class State { Unarmed, WaitingForIdle, WaitingForInput };

    X11SyncIdleSource(xcb_connection_t* connection, std::uint8_t syncFirstEvent,
                      std::uint32_t idleCounter);

    bool nativeEventFilter(const QByteArray& eventType, void* message, qintptr* result) override;
    bool armIdleAlarm();
    bool armResetAlarm(std::int64_t idleValue);
    // Creates `alarm` on first use, changes it afterwards; false if the server refused.
    bool setAlarm(std::uint32_t& alarm, std::int64_t value, std::uint32_t testType);
    bool connectionAlive() const;

    xcb_connection_t* m_connection;
    std::uint8_t m_alarmNotifyType;
    std::uint32_t m_idleCounter;
    std::uint32_t m_idleAlarm = 0;
    std::uint32_t m_resetAlarm = 0;
    std::int64_t m_idleAlarmValue = 0;
    std::int64_t m_resetAlarmValue = 0;
    std::chrono::milliseconds m_threshold{0};
    State m_state = State::Unarmed;
};

} // namespace deskbreak::platform
