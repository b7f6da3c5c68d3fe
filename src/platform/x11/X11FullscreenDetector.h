#pragma once

#include "platform/HoldDetector.h"
#include "platform/HoldLog.h"

#include <QString>
#include <cstdint>
#include <memory>

class QSocketNotifier;
struct xcb_connection_t;

namespace deskbreak::platform {

// Presenting on X11: the active window (the root's _NET_ACTIVE_WINDOW, EWMH) is on screen
// and has _NET_WM_STATE_FULLSCREEN in its _NET_WM_STATE. While watching it follows
// PropertyNotify of _NET_ACTIVE_WINDOW on the root and of _NET_WM_STATE on the active
// window, and that window's unmap and destruction, moving to each new active window.
//
// It watches through an X connection of its own, opened by setWatching(true) and closed by
// setWatching(false), not through Qt's: event masks are per client, so selecting
// PropertyChangeMask on Qt's connection would overwrite the masks Qt keeps on the root and
// on its own windows (the active window may well be one of ours), and Qt would wake for
// every property change of every active window for good. Closing our own connection drops
// every selection at once: while not watching there is nothing to wake the process.
class X11FullscreenDetector : public HoldDetector {
    Q_OBJECT
public:
    // nullptr and a one-line reason in *whyNot (if given) unless Qt runs on xcb.
    static std::unique_ptr<X11FullscreenDetector> create(QString* whyNot = nullptr);

    ~X11FullscreenDetector() override;

    X11FullscreenDetector(const X11FullscreenDetector&) = delete;
    X11FullscreenDetector& operator=(const X11FullscreenDetector&) = delete;

    core::HoldReason reason() const override { return core::HoldReason::Fullscreen; }
    QString name() const override { return QStringLiteral("x11-netwm"); }
    QString looksAt() const override;

    void setWatching(bool on) override;
    bool isWatching() const override { return m_watching; }
    bool active() const override { return m_active; }

private:
    X11FullscreenDetector() = default;

    bool openConnection();
    void closeConnection();
    void processEvents();
    // Whether a change of property `atom` of `window` may change the answer.
    bool concerns(std::uint32_t window, std::uint32_t atom) const;
    // Follows the active window as it is now and says whether it is fullscreen.
    bool lookAtActiveWindow();
    std::uint32_t readActiveWindow();
    bool isFullscreen(std::uint32_t window);
    void follow(std::uint32_t window);
    bool connectionLost();
    void setActive(bool on);

    xcb_connection_t* m_connection = nullptr; // ours, only while watching
    QSocketNotifier* m_notifier = nullptr;    // a child, only while watching
    std::uint32_t m_root = 0;
    std::uint32_t m_followed = 0; // the active window whose _NET_WM_STATE is selected
    std::uint32_t m_activeWindowAtom = 0;
    std::uint32_t m_stateAtom = 0;
    std::uint32_t m_fullscreenAtom = 0;
    bool m_watching = false;
    bool m_active = false;
    ProblemLog m_problems;
};

} // namespace deskbreak::platform
