#pragma once

#include "platform/IdleSource.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

class QSocketNotifier;
struct wl_display;
struct wl_registry;
struct wl_seat;
struct ext_idle_notifier_v1;
struct ext_idle_notification_v1;
struct org_kde_kwin_idle;
struct org_kde_kwin_idle_timeout;

namespace deskbreak::platform {

// Push idle source on a Wayland idle protocol (ext-idle-notify-v1 or KDE's
// org_kde_kwin_idle), over a connection to the compositor of its own: Qt 6.4
// does not share its wl_display, and Qt may not even be on Wayland (xcb under
// Xwayland). The connection is driven by a socket notifier in Qt's event loop:
// no thread, no timer, nothing wakes the process while the user's state holds.
// The protocols only say "idle for the timeout" and "resumed", so idleTime()
// has no answer and a new threshold starts counting when it is set.
class WaylandIdleSource : public IdleSource {
    Q_OBJECT
public:
    enum class Protocol { ExtIdleNotify, KdeIdle };

    // nullptr and a one-line reason in *whyNot (if given) when there is no
    // compositor to connect to, or it offers no `protocol` or no wl_seat.
    static std::unique_ptr<WaylandIdleSource> create(Protocol protocol, QString* whyNot = nullptr);

    ~WaylandIdleSource() override;

    WaylandIdleSource(const WaylandIdleSource&) = delete;
    WaylandIdleSource& operator=(const WaylandIdleSource&) = delete;

    QString name() const override;
    Mode mode() const override { return Mode::Push; }
    // Always nullopt: these protocols cannot be asked for the idle time.
    std::optional<std::chrono::milliseconds> idleTime() override;
    // Replaces the notification object with one for `threshold`, counting from
    // now (the same threshold again keeps the running count). While idle has been
    // reported and no input came yet, only stores it: the old object still has to
    // report the input, and the new one follows.
    void setIdleThreshold(std::chrono::milliseconds threshold) override;

private:
    enum class State { Unarmed, WaitingForIdle, WaitingForInput };
    enum class Event { Idled, Resumed };

    WaylandIdleSource(wl_display* display, Protocol protocol);

    bool bindGlobals(QString* whyNot);
    void createNotification();
    void destroyNotification();
    void onReadable();
    // False once the connection is lost (then unavailable() has been emitted).
    bool flush();
    void emitQueued();
    // Stops for good: the notifiers go quiet, unavailable() is emitted once.
    void fail(const QString& why);

    void handleGlobal(std::uint32_t globalName, const char* interface, std::uint32_t version);
    void handleGlobalRemove(std::uint32_t globalName);
    void handleIdled();
    void handleResumed();

    // The C callbacks libwayland calls; they forward to the handlers above.
    struct Callbacks;

    wl_display* m_display;
    Protocol m_protocol;
    wl_registry* m_registry = nullptr;
    wl_seat* m_seat = nullptr;
    ext_idle_notifier_v1* m_extNotifier = nullptr;
    ext_idle_notification_v1* m_extNotification = nullptr;
    org_kde_kwin_idle* m_kdeIdle = nullptr;
    org_kde_kwin_idle_timeout* m_kdeTimeout = nullptr;
    std::uint32_t m_seatGlobal = 0;
    std::uint32_t m_idleGlobal = 0;
    std::uint32_t m_idleVersion = 0;
    std::unique_ptr<QSocketNotifier> m_readNotifier;
    std::unique_ptr<QSocketNotifier> m_writeNotifier;
    std::chrono::milliseconds m_threshold{0};
    // The timeout the current notification object was made with.
    std::chrono::milliseconds m_armedTimeout{0};
    bool m_rearmAfterInput = false;
    State m_state = State::Unarmed;
    // Filled by the protocol callbacks, emitted once libwayland has returned,
    // so that a receiver may even delete this source.
    std::vector<Event> m_queued;
    QString m_pendingFailure;
    bool m_failed = false;
};

} // namespace deskbreak::platform
