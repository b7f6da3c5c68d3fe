#pragma once

#include "platform/HoldDetector.h"

#include <cstdint>
#include <list>
#include <memory>

class QSocketNotifier;
struct wl_display;
struct wl_proxy;
struct wl_registry;
struct zwlr_foreign_toplevel_manager_v1;
struct zwlr_foreign_toplevel_handle_v1;
struct org_kde_plasma_window_management;

namespace deskbreak::platform {

// Holds a reminder while the focused window is fullscreen (a presentation, a film, a game),
// as the compositor's window-management protocol tells it: wlroots' (sway)
// zwlr_foreign_toplevel_manager_v1, else KDE's org_kde_plasma_window_management.
//
// Binding either manager makes the compositor send an event at every change of every window,
// and KDE's manager has no destructor: only closing the connection ends its events. So the
// detector has a connection of its own only while watching: setWatching(true) connects, binds
// and waits (within a deadline) for every window's state; setWatching(false) closes it, and
// nothing is left to wake the process. The next watch connects anew, so a compositor that
// went away and came back is found again.
//
// KWin 5.27 offers org_kde_plasma_window_management only to programs that an installed
// .desktop file (absolute Exec path) lists it for in X-KDE-Wayland-Interfaces, or to all
// when it runs with KWIN_WAYLAND_NO_PERMISSION_CHECKS=1; to others it is not offered, and
// create() says so.
class WaylandFullscreenDetector : public HoldDetector {
    Q_OBJECT
public:
    enum class Protocol { WlrForeignToplevel, KdePlasmaWindowManagement };

    // nullptr and a one-line reason in *whyNot (if given) when there is no compositor to
    // connect to, or it offers neither protocol (wlroots' at version 2 at least: version 1
    // has no fullscreen state). Prefers wlroots' where both are offered.
    static std::unique_ptr<WaylandFullscreenDetector> create(QString* whyNot = nullptr);

    ~WaylandFullscreenDetector() override;

    WaylandFullscreenDetector(const WaylandFullscreenDetector&) = delete;
    WaylandFullscreenDetector& operator=(const WaylandFullscreenDetector&) = delete;

    core::HoldReason reason() const override { return core::HoldReason::Fullscreen; }
    // "wlr-foreign-toplevel" or "kde-plasma-window-management".
    QString name() const override;
    QString looksAt() const override;
    Protocol protocol() const { return m_protocol; }

    void setWatching(bool on) override;
    bool isWatching() const override { return m_watching; }
    bool active() const override { return m_active; }

private:
    // One window the compositor told of; its address is the proxy's user data.
    struct Window {
        WaylandFullscreenDetector* owner = nullptr;
        wl_proxy* proxy = nullptr; // zwlr_foreign_toplevel_handle_v1 or org_kde_plasma_window
        bool activated = false;
        bool fullscreen = false;
        // wlroots: the states of the last `state` event, applied at `done`.
        bool pendingActivated = false;
        bool pendingFullscreen = false;
    };
    // The C callbacks libwayland calls; they forward to the handlers below.
    struct Callbacks;

    explicit WaylandFullscreenDetector(Protocol protocol);

    bool connectAndBind();
    void disconnectAll();
    void onReadable();
    bool flush();
    // The connection or the manager is gone: closes what is left, active() turns false.
    void lose(const QString& why);
    void report(const QString& why);
    void updateActive(bool emitChange);
    const char* interfaceName() const;

    void handleGlobal(std::uint32_t globalName, const char* interface, std::uint32_t version);
    void handleGlobalRemove(std::uint32_t globalName);
    bool roomForWindow();
    Window* addWindow(wl_proxy* proxy);
    void removeWindow(Window* window);
    void wlrToplevelAnnounced(zwlr_foreign_toplevel_handle_v1* handle);
    void kdeWindowAnnounced(std::uint32_t id, const char* uuid);

    Protocol m_protocol;
    bool m_watching = false;
    bool m_active = false;
    // One log line per spell of trouble: set at the first, cleared by a watch that works.
    bool m_troubleReported = false;

    wl_display* m_display = nullptr;
    wl_registry* m_registry = nullptr;
    std::uint32_t m_managerGlobal = 0;
    std::uint32_t m_managerVersion = 0;
    zwlr_foreign_toplevel_manager_v1* m_wlrManager = nullptr;
    org_kde_plasma_window_management* m_kdeManager = nullptr;
    std::list<Window> m_windows;
    bool m_windowLimitReported = false;
    // Set while binding: windows were asked for, whose state is still on its way.
    bool m_windowsRequested = false;
    // Set by a callback, acted on once libwayland has returned.
    QString m_pendingLoss;
    std::unique_ptr<QSocketNotifier> m_readNotifier;
    std::unique_ptr<QSocketNotifier> m_writeNotifier;
};

} // namespace deskbreak::platform
